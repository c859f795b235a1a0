// Loading progress, a failed load with its reason and Retry, and the warning when favorites will not be kept.
#include <imgui.h>

#include "app/format.h"
#include "ui/icons.h"
#include "ui/semantics.h"
#include "ui/theme.h"
#include "ui/view_context.h"

namespace leads {

void draw_load_status(const ViewContext& view) {
  const AppState& state = view.state;
  const ListLoad& load = state.load;

  if (load.phase == LoadPhase::Loading) {
    const float fraction = load.expected && *load.expected > 0
                               ? static_cast<float>(load.received) / static_cast<float>(*load.expected)
                               : 0.0f;
    const std::string text = fill(view.t("load.progress"), {format_number(static_cast<double>(load.received), 0, state.language),
                                                           load.expected ? format_number(static_cast<double>(*load.expected), 0, state.language) : "…"});
    ImGui::ProgressBar(fraction, ImVec2(-1, 0), text.c_str());
    SemanticNode& node = semantics().add_last_item("progressbar", view.t("load.label"));
    node.value = text;
    node.value_now = static_cast<double>(load.received);
    if (load.expected) node.value_max = static_cast<double>(*load.expected);
  }

  if (load.phase == LoadPhase::Failed && load.error) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().error);
    const std::string message = std::string(icon::kWarning) + " " + view.t(error_key(load.error->kind));
    ImGui::TextWrapped("%s", message.c_str());
    ImGui::PopStyleColor();
    semantics().add_last_item("alert", view.t(error_key(load.error->kind))).value = load.error->message;
    ImGui::TextDisabled("%s", load.error->message.c_str());
    ImGui::SameLine();
    if (ImGui::Button(view.tc("action.retry"))) view.emit(act::RetryLoad{});
    semantics().add_last_item("button", view.t("action.retry"));
  }

  if (load.skipped > 0) {
    const std::string text = fill(view.t("load.skipped"), {std::to_string(load.skipped)});
    ImGui::TextColored(theme::colors().warning, "%s", text.c_str());
    semantics().add_last_item("status", text).value = load.skip_reason;
  }

  // Inside a portal's frame the browser keeps a separate storage per portal: say so where favorites are shown.
  if (state.host.mode == HostMode::Embedded && state.tab == ListTab::Favorites &&
      state.favorites_persistence == FavoritesPersistence::Persistent) {
    ImGui::TextDisabled("%s", view.tc("favorites.partitioned"));
    semantics().add_last_item("status", view.t("favorites.partitioned"));
  }
  if (state.favorites_persistence == FavoritesPersistence::SessionOnly) {
    const std::string text = std::string(icon::kWarning) + " " + view.t("favorites.not_kept");
    ImGui::TextColored(theme::colors().warning, "%s", text.c_str());
    semantics().add_last_item("alert", view.t("favorites.not_kept")).value = state.favorites_problem;
  }
}

}  // namespace leads
