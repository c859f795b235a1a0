// Above the table: filters, saved views, columns, Export, the "Getting more leads" switch, and the selection bar.
#include <imgui.h>

#include "domain/lifecycle.h"
#include "ui/semantics.h"
#include "ui/view_context.h"
#include "ui/widgets.h"

namespace leads {

namespace {
float button_width(const std::string& label) {
  return ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
}
}  // namespace

void draw_list_toolbar(const ViewContext& view) {
  const AppState& state = view.state;
  const LeadFilter& filter = state.view(state.tab).query.filter;
  const bool filtering = is_active(filter);
  const std::string filters = view.t(state.show_filters ? "filters.hide" : "filters.show") + (filtering ? " •" : "");
  if (widgets::action_button(view, filters, nullptr)) view.emit(act::ToggleFilters{});
  widgets::same_line_if_fits(button_width(view.t("views.button")));
  if (widgets::action_button(view, view.t("views.button"), nullptr)) view.emit(act::Views{act::views::TogglePanel{}});
  widgets::same_line_if_fits(button_width(view.t("columns.button")));
  if (widgets::action_button(view, view.t("columns.button"), nullptr))
    view.emit(act::Views{act::views::ToggleColumns{}});
  widgets::same_line_if_fits(button_width(view.t("action.export")));
  if (widgets::action_button(view, view.t("action.export"),
                             state.view(state.tab).rows.empty() ? "export.nothing" : nullptr))
    view.emit(act::ExportCsv{});
  widgets::same_line_if_fits(button_width(view.t(state.show_metrics ? "metrics.hide" : "metrics.show")));
  if (widgets::action_button(view, view.t(state.show_metrics ? "metrics.hide" : "metrics.show"), nullptr))
    view.emit(act::ToggleMetrics{});
  widgets::same_line_if_fits(button_width(view.t("shortcuts.button")));
  if (widgets::action_button(view, view.t("shortcuts.button"), nullptr)) view.emit(act::ToggleShortcuts{});

  if (state.marked.empty()) return;
  ImGui::SameLine();
  ImGui::TextDisabled("|");
  ImGui::SameLine();
  const std::string selected = fill(view.t("selection.count"), {std::to_string(state.marked.size())});
  ImGui::TextUnformatted(selected.c_str());
  semantics().add_last_item("status", selected).value = std::to_string(state.marked.size());
  ImGui::SameLine();
  if (widgets::action_button(view, view.t("selection.favorite"), nullptr)) view.emit(act::BulkFavorite{});
  ImGui::SameLine();
  int declinable = 0;
  for (const std::string& id : state.marked)
    if (const std::optional<LeadRow> lead = state.lead(id))
      if (!why_refused(lead->facts(), Action::Decline, state.session.role, state.now)) ++declinable;
  const std::string decline = fill(view.t("selection.decline"), {std::to_string(declinable)});
  if (widgets::action_button(view, decline, declinable == 0 ? "selection.none_declinable" : nullptr))
    view.emit(act::OpenBulkDecline{});
  ImGui::SameLine();
  if (widgets::action_button(view, view.t("selection.clear"), nullptr)) view.emit(act::ClearMarks{});
}

}  // namespace leads
