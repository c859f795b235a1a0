// Toasts: short confirmations in the bottom-right corner, with Undo where the API allows it.
#include <imgui.h>

#include "ui/semantics.h"
#include "ui/theme.h"
#include "ui/view_context.h"
#include "ui/widgets.h"

namespace leads {

void draw_toasts(const ViewContext& view) {
  const std::vector<Toast>& toasts = view.state.toasts;
  if (toasts.empty()) return;
  semantics().begin_group("region", view.t("a11y.notifications"));
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float margin = 16 * view.ui_scale;
  float bottom = viewport->WorkPos.y + viewport->WorkSize.y - margin;
  for (auto it = toasts.rbegin(); it != toasts.rend(); ++it) {
    const Toast& toast = *it;
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x - margin, bottom), ImGuiCond_Always,
                            ImVec2(1, 1));
    ImGui::SetNextWindowBgAlpha(0.96f);
    const std::string id = "##toast" + std::to_string(toast.id);
    ImGui::Begin(id.c_str(), nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
    ImGui::PushStyleColor(ImGuiCol_Text, toast.error ? theme::colors().error : theme::colors().ok);
    const std::string text = view.text(toast.message);  // in the language of this frame
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
    semantics().add_last_item(toast.error ? "alert" : "status", text).value = "toast";
    // A heart's toast says, to assistive technology and tests, while its write has not committed yet.
    if (toast.undo_favorite && view.state.favorites_in_flight > 0)
      semantics().add_last_item("status", view.t("favorites.saving")).value = "favorites-saving";
    if (toast.undo_favorite) {
      ImGui::SameLine();
      if (widgets::small_button(view.tc("action.undo"))) view.emit(act::UndoToast{toast.id});
      semantics().add_last_item("button", view.t("action.undo"));
    }
    ImGui::SameLine();
    if (widgets::small_button("x")) view.emit(act::DismissToast{toast.id});
    semantics().add_last_item("button", view.t("action.dismiss"));
    bottom -= ImGui::GetWindowHeight() + 6 * view.ui_scale;
    ImGui::End();
  }
  semantics().end_group();
}

}  // namespace leads
