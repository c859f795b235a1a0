// The settings panel (the header's Settings button): alerts while the workspace is in the background. Turning them
// on asks the browser's permission from that click; the panel always says what the browser allows.
#include <imgui.h>

#include "ui/semantics.h"
#include "ui/theme.h"
#include "ui/view_context.h"
#include "ui/widgets.h"

namespace leads {

namespace {

void alert_switch(const ViewContext& view, const char* key, bool flame, bool on, bool usable) {
  bool value = on;
  ImGui::BeginDisabled(!usable);
  if (ImGui::Checkbox(view.tc(key), &value)) view.emit(act::Alert{act::alert::SetKind{flame, value}});
  ImGui::EndDisabled();
  SemanticNode& node = semantics().add_last_item("checkbox", view.t(key));
  node.has_checked = true;
  node.checked = on;
  node.disabled = !usable;
}

}  // namespace

void draw_settings_panel(const ViewContext& view) {
  const Alerts& alerts = view.state.alerts;
  semantics().begin_group("region", view.t("settings.title"));
  ImGui::TextUnformatted(view.tc("settings.title"));
  semantics().add_last_item("heading", view.t("settings.title")).level = 2;
  ImGui::TextUnformatted(view.tc("alerts.heading"));
  semantics().add_last_item("heading", view.t("alerts.heading")).level = 3;
  ImGui::TextWrapped("%s", view.tc("alerts.explain"));
  semantics().add_last_item("text", view.t("alerts.explain"));

  const bool allowed = alerts.permission == NotifyPermission::Granted;
  const bool blocked =
      alerts.permission == NotifyPermission::Denied || alerts.permission == NotifyPermission::Unsupported;
  if (alerts.settings.enabled && allowed) {
    if (widgets::action_button(view, view.t("alerts.turn_off"), nullptr)) view.emit(act::Alert{act::alert::TurnOff{}});
  } else if (widgets::action_button(view, view.t("alerts.turn_on"), blocked ? to_key(alerts.permission) : nullptr,
                                    true)) {
    view.emit(act::Alert{act::alert::TurnOn{}});
  }
  const bool on = alerts.settings.enabled && allowed;
  alert_switch(view, "alerts.kind_new", false, alerts.settings.new_leads, on);
  alert_switch(view, "alerts.kind_flame", true, alerts.settings.flame_leads, on);

  // What the browser allows, in words: a denied permission can only be changed in the browser's settings.
  const std::string status =
      view.t(on ? "alerts.state_on" : "alerts.state_off") + " " + view.t(to_key(alerts.permission));
  ImGui::PushStyleColor(ImGuiCol_Text, blocked ? theme::colors().warning : theme::colors().muted);
  ImGui::TextWrapped("%s", status.c_str());
  ImGui::PopStyleColor();
  semantics().add_last_item("status", status).value = to_key(alerts.permission);
  if (widgets::action_button(view, view.t("settings.close"), nullptr))
    view.emit(act::Alert{act::alert::ToggleSettings{}});
  semantics().end_group();
}

}  // namespace leads
