// A Referral's facts: its enums, dates, value and the flags the rules ask about.
#include "domain/lead_facts.h"

namespace leads {

namespace {
bool equals_ignoring_ascii_case(const std::string& a, const char* b) {
  std::size_t i = 0;
  for (; i < a.size() && b[i]; ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return i == a.size() && !b[i];
}
TimeMs or_none(const std::optional<TimeMs>& time) {
  return time ? *time : kNoTime;
}
}  // namespace

LeadFacts facts_of(const Referral& referral) {
  LeadFacts facts;
  facts.created = or_none(referral.created_date_time);
  facts.updated = or_none(referral.updated_date_time);
  facts.expiration = or_none(referral.expiration_date_time);
  facts.accepted = or_none(referral.accepted_date_time);
  facts.closed = or_none(referral.closed_date_time);
  facts.has_value = referral.details.deal_value.has_value();
  facts.value = referral.details.deal_value.value_or(0);
  facts.status = referral.status.value;
  facts.substatus = referral.substatus.value;
  facts.substatus_absent = referral.substatus.value == Substatus::Unknown && referral.substatus.wire.empty();
  facts.qualification = referral.qualification.value;
  facts.type = referral.type.value;
  facts.direction = referral.direction.value;
  facts.sent_by_microsoft = equals_ignoring_ascii_case(referral.invite_context.invited_by.organization_id, "msft");
  facts.flame = referral.details.customer_requested_contact;
  facts.has_close_reason = !referral.status_reason.empty();
  facts.close_reason = parse_status_reason(referral.status_reason).reason.value_or(CloseReason::Other);
  return facts;
}

}  // namespace leads
