// A lead created by POST passes the same checks as a partner's write, and starts where a new lead starts.
#include "domain/incoming_lead.h"

#include <string>
#include <vector>

#include "domain/partner_write.h"

namespace leads {

namespace {

std::optional<FieldError> check_text(const char* target, const std::string& text, std::size_t limit,
                                     bool multiline = false) {
  if (text_length(text) > limit) return FieldError{target, "is longer than " + std::to_string(limit) + " characters"};
  if (!is_safe_text(text, multiline)) return FieldError{target, kUnsafeTextMessage};
  return std::nullopt;
}

std::optional<FieldError> check_team(const std::vector<Member>& team, const std::string& path) {
  if (team.size() > kMaxTeamSize)
    return FieldError{path, "a team has at most " + std::to_string(kMaxTeamSize) + " members"};
  for (std::size_t i = 0; i < team.size(); ++i)
    if (auto error = check_member_fields(team[i], path + "/" + std::to_string(i))) return error;
  return std::nullopt;
}

}  // namespace

std::optional<FieldError> check_incoming_lead(const Referral& referral) {
  if (referral.status != Status::New)
    return FieldError{"status", "a new referral starts as New, not " + referral.status.wire};
  if (referral.substatus != Substatus::Pending && referral.substatus != Substatus::Received)
    return FieldError{"substatus", "a new referral starts as Pending or Received, not " + referral.substatus.wire};
  if (referral.accepted_date_time) return FieldError{"acceptedDateTime", "a new referral has not been accepted"};
  if (referral.closed_date_time) return FieldError{"closedDateTime", "a new referral is not closed"};
  if (!referral.status_reason.empty()) return FieldError{"statusReason", "a new referral has no status reason"};

  const Details& details = referral.details;
  if (details.deal_value && !(*details.deal_value >= 0))  // the reader already refused non-finite numbers
    return FieldError{"details/dealValue", "the deal value must be 0 or more"};
  if (!details.currency.empty() && !is_known_currency(details.currency))
    return FieldError{"details/currency", "\"" + details.currency + "\" is not an ISO 4217 currency code"};

  const struct {
    const char* target;
    const std::string& text;
    std::size_t limit;
    bool multiline;
  } texts[] = {
      {"name", referral.name, kMaxNameLength, false},
      {"organizationName", referral.organization_name, kMaxNameLength, false},
      {"externalReferenceId", referral.external_reference_id, kMaxIdLength, false},
      {"campaignId", referral.campaign_id, kMaxIdLength, false},
      {"customerProfile/name", referral.customer_profile.name, kMaxNameLength, false},
      {"details/notes", details.notes, kMaxNotesLength, true},
      {"inviteContext/notes", referral.invite_context.notes, kMaxNotesLength, true},
      {"inviteContext/invitedBy/organizationName", referral.invite_context.invited_by.organization_name, kMaxNameLength,
       false},
  };
  for (const auto& field : texts)
    if (auto error = check_text(field.target, field.text, field.limit, field.multiline)) return error;

  if (auto error = check_team(referral.customer_profile.team, "customerProfile/team")) return error;
  return check_team(referral.team, "team");
}

}  // namespace leads
