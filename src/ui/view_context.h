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
  std::vector<Action>& actions;
  float ui_scale = 1.0f;  // device pixels per CSS pixel

  const std::string& t(const std::string& key) const { return texts.text(state.language, key); }
  const char* tc(const std::string& key) const { return t(key).c_str(); }
  void emit(Action action) const { actions.push_back(std::move(action)); }
};

// The screens and panels, each in its own file.
void draw_workspace(const ViewContext& view);   // the whole window: picks the screen
void draw_header_bar(const ViewContext& view);
void draw_tab_bar(const ViewContext& view);
void draw_lead_table(const ViewContext& view);
void draw_load_status(const ViewContext& view);  // loading progress, errors with Retry, favorites warning

}  // namespace leads
