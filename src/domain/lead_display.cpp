// The lead's presentation rules: only a Received lead has time left, urgency under 48 h, stage label, place.
#include "domain/lead_display.h"

#include <initializer_list>

#include "domain/classification.h"

namespace leads {

TimeMs answer_deadline(const Referral& lead) {
  return stage_of(lead) == Stage::Received ? expiration_of(lead) : kNoExpiry;
}

TimeMs time_left_to_answer(const Referral& lead, TimeMs now) {
  const TimeMs deadline = answer_deadline(lead);
  return deadline == kNoExpiry ? kNoExpiry : deadline - now;
}

bool is_urgent(const Referral& lead, TimeMs now) {
  const TimeMs left = time_left_to_answer(lead, now);
  return left != kNoExpiry && left < kUrgentWithinMs;
}

StageLabel stage_label(const Referral& lead) {
  StageLabel label;
  const Stage stage = stage_of(lead);
  label.stage_key = to_key(stage);
  if (stage == Stage::Archived) label.outcome_key = to_key(outcome_of(lead));
  if (stage == Stage::Unknown) label.unplaced = lead.status.wire + "/" + lead.substatus.wire;
  return label;
}

namespace {
std::string join_present(std::initializer_list<const std::string*> parts) {
  std::string text;
  for (const std::string* part : parts)
    if (!part->empty()) text += (text.empty() ? "" : ", ") + *part;
  return text;
}
}  // namespace

std::string place_of(const Address& address) {
  return join_present({&address.city, &address.country});
}

std::string postal_address_of(const Address& address) {
  return join_present({&address.address_line1, &address.city, &address.state, &address.postal_code, &address.country});
}

}  // namespace leads
