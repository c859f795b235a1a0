// The whole window: sign-in states first, then the workspace (header, tabs, status, table).
#include <imgui.h>

#include "ui/semantics.h"
#include "ui/theme.h"
#include "ui/view_context.h"
#include "ui/widgets.h"

namespace leads {

namespace {
void draw_sign_in_problem(const ViewContext& view) {
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().error);
  ImGui::TextWrapped("%s", view.tc("signin.title"));
  ImGui::PopStyleColor();
  semantics().add_last_item("alert", view.t("signin.title"));
  ImGui::TextWrapped("%s", view.tc(view.state.session.problem));
  ImGui::TextWrapped("%s", view.tc("signin.how"));
}
// The list (and its panels) beside the detail of the selected lead on wide windows, above it on narrow ones.
void draw_signed_in(const ViewContext& view) {
  const AppState& state = view.state;
  handle_shortcuts(view);
  semantics().begin_group("main", view.t("a11y.lead_list"));
  draw_tab_bar(view);
  draw_list_toolbar(view);
  draw_load_status(view);
  if (state.form.bulk) {
    ImGui::BeginChild("##bulk", ImVec2(-1, 0), ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY);
    draw_lead_form(view);
    ImGui::EndChild();
  }
  if (state.show_filters) {
    ImGui::BeginChild("##filters", ImVec2(-1, 0), ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY);
    draw_filter_panel(view);
    ImGui::EndChild();
  }
  if (state.remembered.show_panel) {
    ImGui::BeginChild("##saved_views", ImVec2(-1, 0), ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY);
    draw_saved_views_panel(view);
    ImGui::EndChild();
  }
  if (state.remembered.show_columns) {
    ImGui::BeginChild("##columns", ImVec2(-1, 0), ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY);
    draw_column_chooser(view);
    ImGui::EndChild();
  }
  if (state.show_settings) {
    ImGui::BeginChild("##settings", ImVec2(-1, 0), ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY);
    draw_settings_panel(view);
    ImGui::EndChild();
  }
  if (state.show_metrics) {
    ImGui::BeginChild("##metrics", ImVec2(-1, ImGui::GetContentRegionAvail().y * 0.45f), ImGuiChildFlags_Border);
    draw_metrics_panel(view);
    ImGui::EndChild();
  }
  const bool detail = state.lead(state.selected_id).has_value();
  const ImVec2 available = ImGui::GetContentRegionAvail();
  const bool wide = available.x / view.ui_scale >= 900;
  if (!detail) {
    draw_lead_table(view);
    semantics().end_group();
    return;
  }
  if (wide) {
    ImGui::BeginChild("##list", ImVec2(available.x * 0.58f, 0));
    draw_lead_table(view);
    ImGui::EndChild();
    ImGui::SameLine();
  } else {
    ImGui::BeginChild("##list", ImVec2(0, available.y * 0.45f));
    draw_lead_table(view);
    ImGui::EndChild();
  }
  ImGui::BeginChild("##detail", ImVec2(0, 0), ImGuiChildFlags_Border);
  semantics().begin_group("region", view.t("a11y.lead_detail"));
  draw_lead_detail(view);
  semantics().end_group();
  ImGui::EndChild();
  semantics().end_group();
}

}  // namespace

void draw_workspace(const ViewContext& view) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  // No background of its own: the canvas is cleared to the same colour, and under software WebGL every full-canvas
  // fill drawn on top of it is raster time a frame waits for.
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                 ImGuiWindowFlags_NoBackground;
  ImGui::Begin("##workspace", nullptr, flags);
  const Session& session = view.state.session;
  if (session.phase == SignInPhase::SignedOut) {
    draw_sign_in_screen(view);  // a screen of its own, header included
    ImGui::End();
    draw_toasts(view);
    return;
  }
  draw_header_bar(view);
  switch (session.phase) {
    case SignInPhase::Waiting: {
      const char* key = view.state.host.mode == HostMode::Embedded ? "signin.waiting_host"
                        : session.oidc.signing_out                 ? "signin.signing_out"
                        : session.oidc.redirecting                 ? "signin.redirecting"
                                                                   : "signin.waiting";
      ImGui::TextUnformatted(view.tc(key));
      semantics().add_last_item("status", view.t(key));
      break;
    }
    case SignInPhase::Unavailable: draw_sign_in_problem(view); break;
    case SignInPhase::SignedIn:
    case SignInPhase::Expired:
      if (session.phase == SignInPhase::Expired) draw_session_ended(view);
      draw_signed_in(view);
      break;
    case SignInPhase::SignedOut: break;
  }
  ImGui::End();
  draw_toasts(view);
  draw_shortcuts_overlay(view);
}

}  // namespace leads
