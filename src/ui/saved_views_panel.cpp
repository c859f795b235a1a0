// The saved views panel (the toolbar's "Saved views"): name the open tab and its filters, sort and search; apply a
// saved view, rename it to the name typed, delete it. Refusals (an empty, long or taken name, too many views) are
// said under the field.
#include <imgui.h>

#include "app/route.h"
#include "ui/semantics.h"
#include "ui/theme.h"
#include "ui/view_context.h"
#include "ui/widgets.h"

namespace leads {

namespace {
std::string g_view_name;  // view-local: the name being typed
}  // namespace

void draw_saved_views_panel(const ViewContext& view) {
  const ViewsMemory& memory = view.state.remembered;
  semantics().begin_group("region", view.t("views.title"));
  ImGui::TextUnformatted(view.tc("views.title"));
  semantics().add_last_item("heading", view.t("views.title")).level = 2;

  widgets::text_field(view, "views.name", "view_name", g_view_name, FormErrors{}, false, 320 * view.ui_scale);
  if (widgets::action_button(view, view.t("views.save"), nullptr, true))
    view.emit(act::Views{act::views::SaveCurrent{g_view_name}});
  if (!memory.message.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().error);
    ImGui::TextWrapped("%s", view.tc(memory.message));
    ImGui::PopStyleColor();
    semantics().add_last_item("alert", view.t(memory.message)).value = memory.message;
  }

  if (memory.saved.empty()) {
    ImGui::TextDisabled("%s", view.tc("views.none"));
    semantics().add_last_item("status", view.t("views.none"));
  }
  semantics().begin_group("list", view.t("views.title"));
  for (std::size_t i = 0; i < memory.saved.size(); ++i) {
    const SavedView& saved = memory.saved[i];
    ImGui::PushID(static_cast<int>(i));
    semantics().begin_group("listitem", saved.name);
    const std::string apply = fill(view.t("views.apply"), {saved.name});
    const std::string tab = view.t(std::string("tab.") + tab_slug(saved.query.tab));
    if (widgets::action_button(view, apply, nullptr)) view.emit(act::Views{act::views::Apply{i}});
    ImGui::SameLine();
    ImGui::TextDisabled("%s", tab.c_str());
    ImGui::SameLine();
    if (widgets::action_button(view, fill(view.t("views.rename"), {saved.name}), nullptr))
      view.emit(act::Views{act::views::Rename{i, g_view_name}});
    ImGui::SameLine();
    if (widgets::action_button(view, fill(view.t("views.delete"), {saved.name}), nullptr))
      view.emit(act::Views{act::views::Delete{i}});
    semantics().end_group();
    ImGui::PopID();
  }
  semantics().end_group();
  if (widgets::action_button(view, view.t("views.close"), nullptr)) view.emit(act::Views{act::views::TogglePanel{}});
  semantics().end_group();
}

}  // namespace leads
