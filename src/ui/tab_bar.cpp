// The tabs with live counts, and the search box of the active tab.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "ui/icons.h"
#include "ui/semantics.h"
#include "ui/view_context.h"

namespace leads {

namespace {
const char* tab_key(ListTab tab) {
  switch (tab) {
    case ListTab::Marketplace: return "tab.marketplace";
    case ListTab::Qualified: return "tab.qualified";
    case ListTab::Favorites: return "tab.favorites";
  }
  return "";
}

int tab_count(const TabCounts& counts, ListTab tab) {
  switch (tab) {
    case ListTab::Marketplace: return counts.marketplace.total();
    case ListTab::Qualified: return counts.qualified.total();
    case ListTab::Favorites: return counts.favorites.total();
  }
  return 0;
}
}  // namespace

void draw_tab_bar(const ViewContext& view) {
  const AppState& state = view.state;
  // ImGui keeps which tab is open; when the state changes it (a link, back/forward) the tab bar is told once.
  static ListTab known_tab = ListTab::Marketplace;
  const bool forced = state.tab != known_tab;
  known_tab = state.tab;
  if (ImGui::BeginTabBar("##tabs")) {
    semantics().begin_group("tablist", view.t("tab.list"));
    for (ListTab tab : {ListTab::Marketplace, ListTab::Qualified, ListTab::Favorites}) {
      const int count = tab_count(state.counts, tab);
      // The ### part keeps the tab's identity when the label (language, count) changes.
      const std::string label = view.t(tab_key(tab)) + " (" + std::to_string(count) + ")###" + tab_key(tab);
      const ImGuiTabItemFlags flags = forced && tab == state.tab ? ImGuiTabItemFlags_SetSelected : 0;
      const bool open = ImGui::BeginTabItem(label.c_str(), nullptr, flags);
      SemanticNode& node = semantics().add_last_item("tab", view.t(tab_key(tab)));
      node.selected = state.tab == tab;
      node.description = fill(view.t("tab.count"), {std::to_string(count)});
      node.value = std::to_string(count);
      if (open && !forced && state.tab != tab) {
        view.emit(act::SelectTab{tab});
        known_tab = tab;
      }
      if (open) ImGui::EndTabItem();
    }
    semantics().end_group();
    ImGui::EndTabBar();
  }

  // Search, per tab: the text lives in the state, the widget only edits a copy of it.
  static char buffer[256];
  static ListTab shown_for = ListTab::Favorites;
  static std::string shown_text = "\x01";
  const std::string& search = state.view(state.tab).query.search;
  if (shown_for != state.tab || shown_text != search) {
    std::snprintf(buffer, sizeof buffer, "%s", search.c_str());
    shown_for = state.tab;
    shown_text = search;
  }
  if (g_focus_search_requested) {
    ImGui::SetKeyboardFocusHere();
    g_focus_search_requested = false;
  }
  ImGui::SetNextItemWidth(std::min(420.0f * view.ui_scale, ImGui::GetContentRegionAvail().x));
  const std::string hint = std::string(icon::kSearch) + " " + view.t("search.hint");
  const bool typed = ImGui::InputTextWithHint("##search", hint.c_str(), buffer, sizeof buffer);
  std::string text = buffer;
  if (sync_text_field(text, view.t("search.label"), "search") || typed) {
    std::snprintf(buffer, sizeof buffer, "%s", text.c_str());
    shown_text = buffer;
    view.emit(act::SetSearch{buffer});
  }
  SemanticNode& node = semantics().last();
  node.value = search;
  node.description = view.t("search.hint");
}

}  // namespace leads
