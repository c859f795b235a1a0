// Alerts while the workspace is in the background: which new leads raise a browser notification, the summary of a
// burst, the tab title's count, and the user's settings as kept in the browser (per user, never a token).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "app/i18n.h"
#include "domain/list_store.h"
#include "domain/referral.h"

namespace leads {

// The browser's Notification.permission, or Unsupported when the browser has no Notification API.
enum class NotifyPermission { Default, Granted, Denied, Unsupported };
NotifyPermission notify_permission_from(std::string_view text);  // "granted", "denied", anything else: Default
const char* to_key(NotifyPermission permission);                 // "alerts.permission.granted"…

struct AlertSettings {
  bool enabled = false;     // off until the user turns alerts on (and the browser allows them)
  bool new_leads = true;    // any new lead
  bool flame_leads = true;  // a new lead whose customer asked to be contacted
  bool operator==(const AlertSettings& other) const {
    return enabled == other.enabled && new_leads == other.new_leads && flame_leads == other.flame_leads;
  }
};
std::string settings_json(const AlertSettings& settings);
AlertSettings settings_from_json(std::string_view json);  // unreadable or missing members: the defaults

struct Alerts {
  AlertSettings settings;
  NotifyPermission permission = NotifyPermission::Default;
  bool page_hidden = false;
  std::string loaded_for;                 // the user whose settings these are ("" before they were read)
  std::unordered_set<std::string> known;  // new leads already considered (alerted or not): never twice
  int raised = 0;                         // notifications raised this page load (published for the tests)
};

struct Notice {
  std::string tag;  // the lead's id (a repeat replaces, it does not stack), or "leads-summary"
  std::string title;
  std::string body;
  std::string lead_id;  // what a click opens; empty for the summary (the list)
};

constexpr std::size_t kMaxSeparateNotices = 3;  // more new leads at once: one summary instead

// Whether alerts can sound at all now: turned on, allowed by the browser, and the page not in front.
bool alerts_active(const Alerts& alerts);
// Whether `lead` is of a kind the user asked to hear about.
bool wants_alert(const AlertSettings& settings, const LeadRow& lead);
// The notices for `arrived` (new leads of any kind; those the settings do not ask for are left out).
std::vector<Notice> notices_for(const std::vector<LeadRow>& arrived, const AlertSettings& settings,
                                const Translations& texts, Language language);
// "(3) Leads" while there are unseen leads, else the title itself.
std::string title_with_count(const std::string& title, std::size_t unseen);

}  // namespace leads
