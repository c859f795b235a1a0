// The whole window: sign-in states first, then the workspace (header, tabs, status, table).
#include <imgui.h>

#include "ui/semantics.h"
#include "ui/theme.h"
#include "ui/view_context.h"

namespace leads {

namespace {
void draw_sign_in_problem(const ViewContext& view) {
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
  ImGui::TextWrapped("%s", view.tc("signin.title"));
  ImGui::PopStyleColor();
  semantics().add_last_item("alert", view.t("signin.title"));
  ImGui::TextWrapped("%s", view.tc(view.state.session.problem));
  ImGui::TextWrapped("%s", view.tc("signin.how"));
}
}  // namespace

void draw_workspace(const ViewContext& view) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("##workspace", nullptr, flags);
  draw_header_bar(view);
  switch (view.state.session.phase) {
    case SignInPhase::Waiting:
      ImGui::TextUnformatted(view.tc("signin.waiting"));
      semantics().add_last_item("status", view.t("signin.waiting"));
      break;
    case SignInPhase::Unavailable:
      draw_sign_in_problem(view);
      break;
    case SignInPhase::SignedIn:
      draw_tab_bar(view);
      draw_load_status(view);
      draw_lead_table(view);
      break;
  }
  ImGui::End();
}

}  // namespace leads
