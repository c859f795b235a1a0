// The filter panel of the active tab: stage and outcome, kind, flame, expiring soon.
#include <imgui.h>

#include "ui/semantics.h"
#include "ui/view_context.h"

namespace leads {

void draw_filter_panel(const ViewContext& view) {
  const TabView& tab_view = view.state.view(view.state.tab);
  LeadFilter filter = tab_view.query.filter;  // edited as a copy; the change arrives as an action
  bool changed = false;

  const char* stage_keys[] = {"filters.any_stage", "stage.received", "stage.accepted", "stage.archived"};
  int stage_index = filter.stage ? static_cast<int>(*filter.stage) + 1 : 0;
  ImGui::SetNextItemWidth(160 * view.ui_scale);
  if (ImGui::BeginCombo(view.tc("filters.stage"), view.tc(stage_keys[stage_index]))) {
    for (int i = 0; i < 4; ++i)
      if (ImGui::Selectable(view.tc(stage_keys[i]), i == stage_index)) {
        filter.stage = i == 0 ? std::nullopt : std::optional<Stage>(static_cast<Stage>(i - 1));
        changed = true;
      }
    ImGui::EndCombo();
  }
  semantics().add_last_item("combobox", view.t("filters.stage")).value = stage_keys[stage_index];

  ImGui::SameLine();
  bool flame_only = filter.flame.has_value();
  if (ImGui::Checkbox(view.tc("filters.flame"), &flame_only)) {
    filter.flame = flame_only ? std::optional<FlameState>(FlameState::ContactNow) : std::nullopt;
    changed = true;
  }
  SemanticNode& flame = semantics().add_last_item("checkbox", view.t("filters.flame"));
  flame.has_checked = true;
  flame.checked = flame_only;

  ImGui::SameLine();
  if (ImGui::SmallButton(view.tc("filters.clear"))) filter = LeadFilter{}, changed = true;
  semantics().add_last_item("button", view.t("filters.clear"));
  if (changed) view.emit(act::SetFilter{filter});
}

}  // namespace leads
