// Alerts in update(): the settings panel's switches, the browser's permission and visibility, and raising a
// notification for each new lead (or one summary) while the page is hidden. The rules are in app/alerts.cpp.
#include <algorithm>

#include "app/update_parts.h"
#include "app/visit_every.h"

namespace leads::detail {

namespace {

// Kept per user in the browser (web/notify_bridge.js: localStorage); preferences only, never a token.
void save_settings(AppState& state, std::vector<Effect>& effects) {
  if (state.alerts.loaded_for.empty()) return;
  effects.push_back(
      fx::Notify{fx::notify::SaveSettings{state.alerts.loaded_for, settings_json(state.alerts.settings)}});
}

void turn_on(AppState& state, std::vector<Effect>& effects) {
  Alerts& alerts = state.alerts;
  if (alerts.permission == NotifyPermission::Granted) {
    alerts.settings.enabled = true;
    save_settings(state, effects);
  } else if (alerts.permission == NotifyPermission::Default) {
    effects.push_back(fx::Notify{fx::notify::AskPermission{}});  // the panel says what the browser answers
  }
}

}  // namespace

void on_alert(AppState& state, const act::Alert& action, std::vector<Effect>& effects) {
  Alerts& alerts = state.alerts;
  std::visit(Overloaded{
                 [&](const act::alert::ToggleSettings&) { state.show_settings = !state.show_settings; },
                 [&](const act::alert::TurnOn&) { turn_on(state, effects); },
                 [&](const act::alert::TurnOff&) {
                   alerts.settings.enabled = false;
                   save_settings(state, effects);
                 },
                 [&](const act::alert::SetKind& a) {
                   (a.flame ? alerts.settings.flame_leads : alerts.settings.new_leads) = a.on;
                   save_settings(state, effects);
                 },
                 [&](const act::alert::PermissionKnown& a) {
                   alerts.permission = a.permission;
                   if (a.permission == NotifyPermission::Granted) turn_on(state, effects);
                 },
                 [&](const act::alert::SettingsRead& a) {
                   if (a.user != alerts.loaded_for) return;  // another user signed in meanwhile
                   alerts.settings = settings_from_json(a.json);
                   alerts.permission = a.permission;
                 },
                 [&](const act::alert::PageVisibility& a) { alerts.page_hidden = a.hidden; },
             },
             action.what);
}

void note_new_leads(AppState& state, std::vector<Effect>& effects) {
  Alerts& alerts = state.alerts;
  // Once signed in, this user's settings are read (each user keeps their own).
  const std::string& user = state.session.claims.oid;
  if (state.session.phase == SignInPhase::SignedIn && !user.empty() && alerts.loaded_for != user) {
    alerts.loaded_for = user;
    alerts.settings = AlertSettings{};
    effects.push_back(fx::Notify{fx::notify::ReadSettings{user}});
  }
  // New leads are the unseen ones (update_list.cpp marks them as they arrive after the first load); each is
  // considered once, alerted or not, so a lead that arrived while the page was in front never sounds later.
  std::vector<std::string> arrived_ids;
  for (const std::string& id : state.unseen)
    if (alerts.known.insert(id).second && state.lead(id)) arrived_ids.push_back(id);
  if (arrived_ids.empty() || !alerts_active(alerts)) return;
  std::sort(arrived_ids.begin(), arrived_ids.end());
  std::vector<LeadRow> arrived;
  for (const std::string& id : arrived_ids) arrived.push_back(*state.lead(id));
  for (Notice& notice : notices_for(arrived, alerts.settings, *state.texts, state.language)) {
    effects.push_back(fx::Notify{fx::notify::Show{std::move(notice)}});
    ++alerts.raised;
  }
}

}  // namespace leads::detail
