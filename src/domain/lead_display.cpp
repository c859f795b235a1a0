// The lead's presentation rules: only a Received lead has time left, urgency under 48 h, stage label, place.
#include "domain/lead_display.h"

#include <initializer_list>

#include "domain/classification.h"

namespace leads {

TimeMs answer_deadline(const LeadFacts& lead) {
  return stage_of(lead) == Stage::Received ? expiration_of(lead) : kNoExpiry;
}
TimeMs answer_deadline(const Referral& lead) {
  return answer_deadline(facts_of(lead));
}

TimeMs time_left_to_answer(const LeadFacts& lead, TimeMs now) {
  const TimeMs deadline = answer_deadline(lead);
  return deadline == kNoExpiry ? kNoExpiry : deadline - now;
}
TimeMs time_left_to_answer(const Referral& lead, TimeMs now) {
  return time_left_to_answer(facts_of(lead), now);
}

bool is_urgent(const LeadFacts& lead, TimeMs now) {
  const TimeMs left = time_left_to_answer(lead, now);
  return left != kNoExpiry && left < kUrgentWithinMs;
}
bool is_urgent(const Referral& lead, TimeMs now) {
  return is_urgent(facts_of(lead), now);
}

bool contacts_withdrawn(const Referral& lead) {
  return stage_of(lead) == Stage::Archived && outcome_of(lead) == Outcome::Expired;
}

StageLabel stage_label(const LeadFacts& lead, std::string_view status_wire, std::string_view substatus_wire) {
  StageLabel label;
  const Stage stage = stage_of(lead);
  label.stage_key = to_key(stage);
  if (stage == Stage::Archived) label.outcome_key = to_key(outcome_of(lead));
  if (stage == Stage::Unknown) label.unplaced = std::string(status_wire) + "/" + std::string(substatus_wire);
  return label;
}
StageLabel stage_label(const Referral& lead) {
  return stage_label(facts_of(lead), lead.status.wire, lead.substatus.wire);
}

namespace {
std::string join_present(std::initializer_list<std::string_view> parts) {
  std::string text;
  for (std::string_view part : parts)
    if (!part.empty()) {
      if (!text.empty()) text += ", ";
      text += part;
    }
  return text;
}
}  // namespace

std::string place_of(std::string_view city, std::string_view country) {
  return join_present({city, country});
}
std::string place_of(const Address& address) {
  return place_of(address.city, address.country);
}

std::string postal_address_of(const Address& address) {
  return join_present({address.address_line1, address.city, address.state, address.postal_code, address.country});
}

}  // namespace leads
