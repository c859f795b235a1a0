// The header: product name, who is signed in, sync state, Refresh, the language switch and Sign out.
#include <imgui.h>

#include <algorithm>

#include "app/format.h"
#include "ui/icons.h"
#include "ui/semantics.h"
#include "ui/theme.h"
#include "ui/view_context.h"
#include "ui/widgets.h"

namespace leads {

namespace {
const char* sync_key(const AppState& state) {
  switch (state.load.phase) {
    case LoadPhase::Loading: return "sync.syncing";
    case LoadPhase::Failed:
      return state.load.error && state.load.error->kind == ApiErrorKind::Network ? "sync.offline" : "sync.error";
    case LoadPhase::Loaded: return "sync.up_to_date";
    case LoadPhase::Idle: break;
  }
  return "sync.idle";
}

// Signed in with OpenID Connect (not by the portal, not by the dev sign-in): the user can sign out here.
bool shows_sign_out(const AppState& state) {
  return state.session.oidc.enabled &&
         (state.session.phase == SignInPhase::SignedIn || state.session.phase == SignInPhase::Expired);
}
}  // namespace

void draw_header_bar(const ViewContext& view) {
  const AppState& state = view.state;
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().accent);
  ImGui::TextUnformatted(view.tc("app.title"));
  ImGui::PopStyleColor();
  semantics().begin_group("banner", view.t("app.title"));
  semantics().add_last_item("heading", view.t("app.title")).level = 1;

  if (state.session.phase == SignInPhase::SignedIn || (shows_sign_out(state) && !state.session.user_name.empty())) {
    const std::string who_text = state.session.user_name + " · " + view.t(to_key(state.session.user_role));
    const std::string who = std::string(icon::kUser) + " " + who_text;
    // Beside the title when it fits; on a narrow window (a phone, 400 % zoom) on its own line, wrapped.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float end = ImGui::GetItemRectMax().x + style.ItemSpacing.x * 2 + ImGui::CalcTextSize("|").x +
                      ImGui::CalcTextSize(who.c_str()).x;
    if (end <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) {
      ImGui::SameLine();
      ImGui::TextDisabled("|");
      ImGui::SameLine();
      ImGui::TextUnformatted(who.c_str());
    } else {
      ImGui::TextWrapped("%s", who.c_str());
    }
    semantics().add_last_item("status", who_text);
  }

  // Right-aligned: sync state, Refresh, language.
  std::string sync = view.t(sync_key(state));
  if (state.load.last_refresh && state.load.phase == LoadPhase::Loaded)
    sync += " · " + format_day_time(*state.load.last_refresh, state.language) + " UTC";
  const float refresh_width = ImGui::CalcTextSize(view.tc("action.refresh")).x + ImGui::CalcTextSize(icon::kRefresh).x +
                              ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetStyle().ItemSpacing.x;
  float language_width =
      ImGui::CalcTextSize("TR EN").x + ImGui::GetStyle().FramePadding.x * 4 + ImGui::GetStyle().ItemSpacing.x * 2;
  language_width += ImGui::CalcTextSize(view.tc("settings.button")).x + ImGui::GetStyle().FramePadding.x * 2 +
                    ImGui::GetStyle().ItemSpacing.x;
  if (shows_sign_out(state))
    language_width += ImGui::CalcTextSize(view.tc("action.sign_out")).x + ImGui::GetStyle().FramePadding.x * 2 +
                      ImGui::GetStyle().ItemSpacing.x;
  const float sync_width = ImGui::CalcTextSize(sync.c_str()).x + ImGui::GetStyle().ItemSpacing.x;
  // Right-aligned after the name when there is room; on a narrow window the group goes to its own line.
  const float right = ImGui::GetWindowContentRegionMax().x;
  const float previous_end = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + ImGui::GetStyle().ItemSpacing.x;
  const float wanted = right - refresh_width - language_width - sync_width;
  if (wanted >= previous_end) ImGui::SameLine(wanted);
  ImGui::TextColored(state.load.phase == LoadPhase::Failed ? theme::colors().error : theme::colors().muted, "%s",
                     sync.c_str());
  semantics().add_last_item("status", sync).value = sync_key(state);

  // On a narrow window (a phone, 200 % zoom) each control goes to the next line rather than off the edge.
  const ImGuiStyle& style = ImGui::GetStyle();
  const std::string refresh = std::string(icon::kRefresh) + " " + view.t("action.refresh");
  widgets::same_line_if_fits(ImGui::CalcTextSize(refresh.c_str()).x + style.FramePadding.x * 2);
  ImGui::BeginDisabled(state.load.phase == LoadPhase::Loading || state.session.phase != SignInPhase::SignedIn);
  if (widgets::small_button(refresh.c_str())) view.emit(act::Refresh{});
  ImGui::EndDisabled();
  semantics().add_last_item("button", view.t("action.refresh")).disabled =
      state.load.phase == LoadPhase::Loading || state.session.phase != SignInPhase::SignedIn;

  const std::string settings = view.t("settings.button");
  widgets::same_line_if_fits(ImGui::CalcTextSize(settings.c_str()).x + style.FramePadding.x * 2);
  if (widgets::small_button((settings + "##settings").c_str())) view.emit(act::Alert{act::alert::ToggleSettings{}});
  SemanticNode& settings_node = semantics().add_last_item("button", settings);
  settings_node.has_expanded = true;
  settings_node.expanded = state.show_settings;

  widgets::language_switch(view);
  if (shows_sign_out(state)) {
    widgets::same_line_if_fits(ImGui::CalcTextSize(view.tc("action.sign_out")).x + style.FramePadding.x * 2);
    if (widgets::small_button(view.tc("action.sign_out"))) view.emit(act::SignOut{});
    semantics().add_last_item("button", view.t("action.sign_out"));
  }
  semantics().end_group();
  ImGui::Separator();
}

}  // namespace leads
