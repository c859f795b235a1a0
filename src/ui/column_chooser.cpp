// The column chooser (the toolbar's "Columns"): each column with a checkbox to show it and buttons to move it, all
// reachable by keyboard and named for screen readers ("Move Customer up"). The layout is the state's; the table and
// the CSV follow it.
#include <imgui.h>

#include "app/column_layout.h"
#include "app/lead_columns.h"
#include "ui/semantics.h"
#include "ui/view_context.h"
#include "ui/widgets.h"

namespace leads {

void draw_column_chooser(const ViewContext& view) {
  const ColumnLayout& layout = view.state.columns;
  semantics().begin_group("region", view.t("columns.title"));
  ImGui::TextUnformatted(view.tc("columns.title"));
  semantics().add_last_item("heading", view.t("columns.title")).level = 2;
  const std::size_t shown = visible_columns(layout).size();
  for (std::size_t i = 0; i < layout.columns.size(); ++i) {
    const ColumnSetting& setting = layout.columns[i];
    const LeadColumn* column = find_column(setting.id);
    if (!column) continue;
    const std::string name = view.t(column->header_key) + (column->width > 0 ? "" : " " + view.t("columns.csv_only"));
    ImGui::PushID(setting.id.c_str());
    // The last shown column, and the one that opens a lead, stay: the checkbox says why it cannot be cleared.
    const bool locked = setting.visible && (!column_can_hide(setting.id) || shown <= 1);
    bool visible = setting.visible;
    ImGui::BeginDisabled(locked);
    if (ImGui::Checkbox(name.c_str(), &visible)) view.emit(act::Views{act::views::ShowColumn{setting.id, visible}});
    ImGui::EndDisabled();
    SemanticNode& node = semantics().add_last_item("checkbox", view.t(column->header_key));
    node.has_checked = true;
    node.checked = setting.visible;
    node.disabled = locked;
    node.value = setting.id;
    if (locked) node.description = view.t("columns.must_show");
    ImGui::SameLine(260 * view.ui_scale);
    if (widgets::action_button(view, fill(view.t("columns.move_up"), {view.t(column->header_key)}),
                               i == 0 ? "columns.first" : nullptr))
      view.emit(act::Views{act::views::MoveColumn{setting.id, -1}});
    ImGui::SameLine();
    if (widgets::action_button(view, fill(view.t("columns.move_down"), {view.t(column->header_key)}),
                               i + 1 == layout.columns.size() ? "columns.last" : nullptr))
      view.emit(act::Views{act::views::MoveColumn{setting.id, +1}});
    ImGui::PopID();
  }
  if (widgets::action_button(view, view.t("columns.reset"), nullptr)) view.emit(act::Views{act::views::ResetColumns{}});
  ImGui::SameLine();
  if (widgets::action_button(view, view.t("columns.close"), nullptr))
    view.emit(act::Views{act::views::ToggleColumns{}});
  semantics().end_group();
}

}  // namespace leads
