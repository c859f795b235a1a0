// Alert rules: the browser only shows what these decide (web/notify_bridge.js).
#include "app/alerts.h"

#include "domain/referral_json.h"

namespace leads {

NotifyPermission notify_permission_from(std::string_view text) {
  if (text == "granted") return NotifyPermission::Granted;
  if (text == "denied") return NotifyPermission::Denied;
  if (text == "unsupported") return NotifyPermission::Unsupported;
  return NotifyPermission::Default;
}

const char* to_key(NotifyPermission permission) {
  switch (permission) {
    case NotifyPermission::Granted: return "alerts.permission.granted";
    case NotifyPermission::Denied: return "alerts.permission.denied";
    case NotifyPermission::Unsupported: return "alerts.permission.unsupported";
    case NotifyPermission::Default: break;
  }
  return "alerts.permission.default";
}

std::string settings_json(const AlertSettings& settings) {
  return dump_json(
      Json{{"enabled", settings.enabled}, {"newLeads", settings.new_leads}, {"flameLeads", settings.flame_leads}});
}

AlertSettings settings_from_json(std::string_view json) {
  AlertSettings settings;
  const ParsedJson parsed = parse_json_text(json, JsonLimits{4096, 4});
  if (parsed.error || !parsed.value.is_object()) return settings;
  auto read = [&](const char* name, bool& out) {
    const auto it = parsed.value.find(name);
    if (it != parsed.value.end() && it->is_boolean()) out = it->get<bool>();
  };
  read("enabled", settings.enabled);
  read("newLeads", settings.new_leads);
  read("flameLeads", settings.flame_leads);
  return settings;
}

bool alerts_active(const Alerts& alerts) {
  return alerts.settings.enabled && alerts.permission == NotifyPermission::Granted && alerts.page_hidden;
}

bool wants_alert(const AlertSettings& settings, const LeadRow& lead) {
  return settings.new_leads || (settings.flame_leads && lead.facts().flame);
}

std::vector<Notice> notices_for(const std::vector<LeadRow>& arrived, const AlertSettings& settings,
                                const Translations& texts, Language language) {
  std::vector<LeadRow> wanted;
  for (const LeadRow& lead : arrived)
    if (wants_alert(settings, lead)) wanted.push_back(lead);
  std::vector<Notice> notices;
  if (wanted.size() > kMaxSeparateNotices) {
    std::string names;
    for (std::size_t i = 0; i < kMaxSeparateNotices; ++i) names += (i ? ", " : "") + std::string(wanted[i].customer());
    names += fill(texts.text(language, "alerts.and_more"), {std::to_string(wanted.size() - kMaxSeparateNotices)});
    notices.push_back({"leads-summary",
                       fill(texts.text(language, "alerts.summary_title"), {std::to_string(wanted.size())}), names, ""});
    return notices;
  }
  for (const LeadRow& lead : wanted) {
    const std::string title_key = lead.facts().flame ? "alerts.flame_title" : "alerts.new_title";
    const std::string id = lead.id(), customer(lead.customer()), deal_name(lead.name());
    notices.push_back({id, fill(texts.text(language, title_key), {customer}),
                       fill(texts.text(language, "alerts.body"), {customer, deal_name}), id});
  }
  return notices;
}

std::string title_with_count(const std::string& title, std::size_t unseen) {
  return unseen == 0 ? title : "(" + std::to_string(unseen) + ") " + title;
}

}  // namespace leads
