// Keyboard shortcuts (when no text field has focus) and the "?" overlay that lists them.
#include <imgui.h>

#include "ui/date_picker.h"
#include "ui/semantics.h"
#include "ui/view_context.h"

namespace leads {

namespace {
const char* kShortcuts[][2] = {
    {"j / ↓", "shortcuts.next"}, {"k / ↑", "shortcuts.previous"}, {"Enter", "shortcuts.open"},
    {"f", "shortcuts.favorite"}, {"a", "shortcuts.accept"},       {"d", "shortcuts.decline"},
    {"/", "shortcuts.search"},   {"Esc", "shortcuts.close"},      {"?", "shortcuts.help"},
};
}  // namespace

bool g_focus_search_requested = false;

void handle_shortcuts(const ViewContext& view) {
  const AppState& state = view.state;
  ImGuiIO& io = ImGui::GetIO();
  if (date_picker_open()) return;  // its keys move its cursor, pick and close it
  if (ImGui::IsKeyPressed(ImGuiKey_Escape)) {
    if (state.show_shortcuts)
      view.emit(act::ToggleShortcuts{});
    else if (state.form.action)
      view.emit(act::CloseForm{});
    else if (!state.selected_id.empty())
      view.emit(act::CloseDetail{});
    return;
  }
  if (io.WantTextInput || io.KeyCtrl || io.KeyAlt || io.KeySuper) return;
  if (ImGui::IsKeyPressed(ImGuiKey_J) || ImGui::IsKeyPressed(ImGuiKey_DownArrow)) view.emit(act::StepLead{+1});
  if (ImGui::IsKeyPressed(ImGuiKey_K) || ImGui::IsKeyPressed(ImGuiKey_UpArrow)) view.emit(act::StepLead{-1});
  if (ImGui::IsKeyPressed(ImGuiKey_Enter) && state.selected_id.empty()) view.emit(act::StepLead{+1});
  if (!state.selected_id.empty()) {
    if (ImGui::IsKeyPressed(ImGuiKey_F)) view.emit(act::ToggleFavorite{state.selected_id});
    if (ImGui::IsKeyPressed(ImGuiKey_A)) view.emit(act::OpenForm{Action::Accept, state.selected_id});
    if (ImGui::IsKeyPressed(ImGuiKey_D)) view.emit(act::OpenForm{Action::Decline, state.selected_id});
  }
  for (const ImWchar c : io.InputQueueCharacters) {
    if (c == '/') g_focus_search_requested = true;
    if (c == '?') view.emit(act::ToggleShortcuts{});
  }
}

void draw_shortcuts_overlay(const ViewContext& view) {
  if (!view.state.show_shortcuts) return;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(
      ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f, viewport->WorkPos.y + viewport->WorkSize.y * 0.5f),
      ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::Begin(view.tc("shortcuts.title"), nullptr,
               ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse);
  semantics().begin_group("dialog", view.t("shortcuts.title")).modal = true;  // Esc or Close leaves it
  if (ImGui::BeginTable("##keys", 2)) {
    for (const auto& shortcut : kShortcuts) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(shortcut[0]);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(view.tc(shortcut[1]));
      semantics().add_last_item("text", std::string(shortcut[0]) + ": " + view.t(shortcut[1]));
    }
    ImGui::EndTable();
  }
  if (ImGui::Button(view.tc("detail.close"))) view.emit(act::ToggleShortcuts{});
  semantics().add_last_item("button", view.t("detail.close"));
  semantics().end_group();
  ImGui::End();
}

}  // namespace leads
