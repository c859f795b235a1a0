// What every view receives: the state to draw, the texts, and where to put the actions it emits.
#pragma once
#include <string>
#include <vector>

#include "app/actions.h"
#include "app/i18n.h"
#include "app/state.h"

namespace leads {

struct ViewContext {
  const AppState& state;
  const Translations& texts;
  std::vector<AppAction>& actions;
  float ui_scale = 1.0f;  // device pixels per CSS pixel

  const std::string& t(const std::string& key) const { return texts.text(state.language, key); }
  const char* tc(const std::string& key) const { return t(key).c_str(); }
  std::string text(const Message& message) const { return translate(message, texts, state.language); }
  void emit(AppAction action) const { actions.push_back(std::move(action)); }
};

// The screens and panels, each in its own file.
void draw_workspace(const ViewContext& view);  // the whole window: picks the screen
void draw_header_bar(const ViewContext& view);
void draw_sign_in_screen(const ViewContext& view);  // signed out (OpenID Connect): one button to sign in
void draw_session_ended(const ViewContext& view);   // over the workspace: sign in again, the open form kept
void draw_tab_bar(const ViewContext& view);
void draw_lead_table(const ViewContext& view);
void draw_load_status(const ViewContext& view);        // loading progress, errors with Retry, favorites warning
void draw_list_toolbar(const ViewContext& view);       // export, metrics switch, selection bar
void draw_lead_detail(const ViewContext& view);        // the selected lead
void draw_lead_form(const ViewContext& view);          // the open form (also the bulk decline)
void draw_metrics_panel(const ViewContext& view);      // "Getting more leads"
void draw_filter_panel(const ViewContext& view);       // the active tab's filters
void draw_settings_panel(const ViewContext& view);     // alerts in the background
void draw_saved_views_panel(const ViewContext& view);  // name, apply, rename, delete the user's views
void draw_column_chooser(const ViewContext& view);     // show, hide and order the list's columns
void draw_toasts(const ViewContext& view);
void handle_shortcuts(const ViewContext& view);
void draw_shortcuts_overlay(const ViewContext& view);

extern bool g_focus_search_requested;  // "/" asks the search box for focus on the next frame (view-local state)

}  // namespace leads
