// The standalone app signed out: the product's name, one Sign in button, what went wrong (if anything) and the
// language switch; and, over the workspace, the banner of a session that ended (sign in again in a popup).
#include <imgui.h>

#include <algorithm>

#include "ui/semantics.h"
#include "ui/theme.h"
#include "ui/view_context.h"
#include "ui/widgets.h"

namespace leads {

namespace {
constexpr float kColumnWidth = 440;  // CSS pixels

// A sign-in problem in the UI's language, with the provider's code or the failed check where there is one.
std::string problem_text(const ViewContext& view) {
  const Session& session = view.state.session;
  return fill(view.t(session.problem), {session.problem_detail});
}

bool primary_button(const char* label) {
  ImGui::PushStyleColor(ImGuiCol_Button, theme::colors().accent);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, theme::colors().accent_hovered);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, theme::colors().accent_active);
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 padding(style.FramePadding.x * 3, style.FramePadding.y * 2);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, padding);
  const bool pressed = ImGui::Button(label);
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(4);
  return pressed;
}
}  // namespace

void draw_sign_in_screen(const ViewContext& view) {
  const Session& session = view.state.session;
  const float scale = view.ui_scale;
  const ImVec2 available = ImGui::GetContentRegionAvail();
  const float width = std::min(available.x, kColumnWidth * scale);
  const float left = ImGui::GetCursorPosX() + (available.x - width) / 2;
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::min(available.y * 0.2f, 160 * scale));

  ImGui::SetCursorPosX(left);
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(left + width);
  semantics().begin_group("main", view.t("signin.screen"));
  // The one font size the atlas holds (a scaled-up title would be blurred): the accent colour marks it instead.
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().accent);
  ImGui::TextUnformatted(view.tc("app.title"));
  ImGui::PopStyleColor();
  semantics().add_last_item("heading", view.t("app.title")).level = 1;
  ImGui::Spacing();
  ImGui::TextWrapped("%s", view.tc("signin.intro"));
  semantics().add_last_item("text", view.t("signin.intro"));
  ImGui::Spacing();

  if (!session.problem.empty()) {
    const std::string problem = problem_text(view);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().error);
    ImGui::TextWrapped("%s", problem.c_str());
    ImGui::PopStyleColor();
    semantics().add_last_item("alert", problem).value = session.problem;
    ImGui::Spacing();
  }

  if (primary_button(view.tc("action.sign_in"))) view.emit(act::SignIn{});
  semantics().add_last_item("button", view.t("action.sign_in"));
  ImGui::Spacing();
  ImGui::Spacing();
  ImGui::TextDisabled("%s", view.tc("signin.language"));
  semantics().add_last_item("text", view.t("signin.language"));
  ImGui::SameLine();
  widgets::language_switch(view);
  semantics().end_group();
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

void draw_session_ended(const ViewContext& view) {
  const Session& session = view.state.session;
  const OidcSession& oidc = session.oidc;
  if (oidc.renewing) return;  // a token refused at its expiry is being renewed out of sight
  const char* headline = oidc.enabled ? "session.ended" : "error.unauthenticated";
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().error);
  ImGui::TextUnformatted(view.tc(headline));
  ImGui::PopStyleColor();
  semantics().add_last_item("alert", view.t(headline)).value = "session-ended";
  // Why signing in again failed (a refused answer in the popup), when it did.
  if (!session.problem.empty() && session.problem != headline && session.problem != "error.unauthenticated") {
    const std::string problem = problem_text(view);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().error);
    ImGui::TextWrapped("%s", problem.c_str());
    ImGui::PopStyleColor();
    semantics().add_last_item("alert", problem).value = session.problem;
  }
  if (oidc.popup == PopupPhase::Open) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", view.tc("session.popup_open"));
    semantics().add_last_item("status", view.t("session.popup_open"));
  } else {
    ImGui::SameLine();
    if (widgets::small_button(view.tc("action.sign_in_again"))) view.emit(act::SignInAgain{});
    semantics().add_last_item("button", view.t("action.sign_in_again"));
  }
  if (oidc.popup == PopupPhase::Blocked) {
    // The popup keeps the workspace (and the open form); a redirect does not: the user chooses, warned.
    const std::string blocked = view.t("session.popup_blocked") + " " + view.t("session.sign_in_here_warning");
    ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().warning);
    ImGui::TextWrapped("%s", blocked.c_str());
    ImGui::PopStyleColor();
    semantics().add_last_item("alert", blocked).value = "popup-blocked";
    if (widgets::small_button(view.tc("action.sign_in_here"))) view.emit(act::SignInOnThisPage{});
    semantics().add_last_item("button", view.t("action.sign_in_here"));
  }
}

}  // namespace leads
