// What a lead shows, decided once for the table, the detail panel, the CSV export, the sort and the filters:
// the time it has left to be answered, whether that is urgent, the keys of its stage label, its place.
#pragma once
#include <string>
#include <string_view>

#include "domain/clocks.h"
#include "domain/referral.h"

namespace leads {

// Under this much time left to answer, the time left is shown as urgent.
constexpr TimeMs kUrgentWithinMs = 48 * kHourMs;

// Only a Received lead has a clock running: its expiration, else kNoExpiry (also when its expiry is unknown).
// Time left is the deadline minus now, so the deadline orders leads the same at any moment.
TimeMs answer_deadline(const LeadFacts& lead);
TimeMs answer_deadline(const Referral& lead);
// The deadline minus now (negative once past), or kNoExpiry.
TimeMs time_left_to_answer(const LeadFacts& lead, TimeMs now);
TimeMs time_left_to_answer(const Referral& lead, TimeMs now);
// A clock running with less than kUrgentWithinMs left.
bool is_urgent(const LeadFacts& lead, TimeMs now);
bool is_urgent(const Referral& lead, TimeMs now);

// The translation keys of the stage label: "stage.archived" with "outcome.won"; an Unknown stage also shows the
// wire status and substatus it could not place, so support can tell what the service sent.
struct StageLabel {
  const char* stage_key = "";
  const char* outcome_key = nullptr;  // Archived only
  std::string unplaced;               // "Open/Waiting" for an Unknown stage, else empty
};
// `status_wire`/`substatus_wire`: the texts the service sent (read only for an Unknown stage).
StageLabel stage_label(const LeadFacts& lead, std::string_view status_wire, std::string_view substatus_wire);
StageLabel stage_label(const Referral& lead);

// Partner Center withdraws the customer's contact details (their team's names, e-mails, phones) from a lead that
// expired unanswered (Archived · Expired): the workspace then shows, searches and exports none of them, only that
// they were withdrawn.
bool contacts_withdrawn(const Referral& lead);

// "İzmir, TR": where the customer is, as the lead list shows it (the parts present, joined by ", ").
std::string place_of(std::string_view city, std::string_view country);
std::string place_of(const Address& address);
// The whole postal address as the detail panel shows it: street, city, state, postal code, country.
std::string postal_address_of(const Address& address);

}  // namespace leads
