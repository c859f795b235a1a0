// Reading a patch back against a lead, and listing the differences between two versions.
#include "app/write_check.h"

#include "domain/json_patch.h"

namespace leads {

namespace {

bool has_member(const Referral& lead, const Json& wanted) {
  Member member;
  if (member_from_json(wanted, "", member)) return false;
  for (const Member& existing : lead.team)
    if (existing.first_name == member.first_name && existing.last_name == member.last_name &&
        existing.email == member.email && existing.phone_number == member.phone_number)
      return true;
  return false;
}

}  // namespace

bool patch_applied(const Json& patch, const Referral& lead) {
  if (!patch.is_array()) return false;
  const Json document = referral_to_json(lead);
  for (const Json& op : patch) {
    if (!op.is_object() || !op.contains("path") || !op["path"].is_string() || !op.contains("value")) return false;
    const std::string path = op["path"].get<std::string>();
    if (path == "/team/-") {
      if (!has_member(lead, op["value"])) return false;
      continue;
    }
    // Applied when replaying the operation changes nothing (the value is already there).
    Json replayed = document;
    if (apply_json_patch(Json::array({op}), replayed) || replayed != document) return false;
  }
  return true;
}

std::vector<std::string> changed_fields(const Referral& mine, const Referral& theirs) {
  std::vector<std::string> changed;
  if (mine.status.wire != theirs.status.wire || mine.substatus.wire != theirs.substatus.wire)
    changed.push_back("field.stage");
  if (mine.name != theirs.name) changed.push_back("field.deal_name");
  if (mine.details.deal_value != theirs.details.deal_value || mine.details.currency != theirs.details.currency)
    changed.push_back("field.deal_value");
  if (mine.details.closing_date_time != theirs.details.closing_date_time) changed.push_back("field.closing_date");
  if (mine.details.notes != theirs.details.notes) changed.push_back("field.notes");
  if (mine.external_reference_id != theirs.external_reference_id) changed.push_back("field.crm_id");
  if (mine.campaign_id != theirs.campaign_id) changed.push_back("field.campaign_id");
  if (mine.team.size() != theirs.team.size()) changed.push_back("field.team");
  if (mine.status_reason != theirs.status_reason) changed.push_back("field.reason");
  return changed;
}

}  // namespace leads
