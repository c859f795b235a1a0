// The fixed-size part of a lead that the rules read (kind, tab, stage, outcome, clocks, figures): the list store
// keeps one per row, and a full Referral is reduced to one, so each rule is written once, over these facts.
#pragma once
#include <cstdint>
#include <limits>

#include "domain/close_reasons.h"
#include "domain/referral.h"

namespace leads {

constexpr TimeMs kNoTime = std::numeric_limits<TimeMs>::min();  // a date the lead does not carry

struct LeadFacts {
  TimeMs created = kNoTime, updated = kNoTime, expiration = kNoTime, accepted = kNoTime, closed = kNoTime;
  double value = 0;  // the deal value, when has_value
  Status status = Status::Unknown;
  Substatus substatus = Substatus::Unknown;
  Qualification qualification = Qualification::Unknown;
  ReferralType type = ReferralType::Unknown;
  Direction direction = Direction::Unknown;
  CloseReason close_reason = CloseReason::Other;  // parsed from statusReason (Other when it names none)
  bool has_value = false;
  bool substatus_absent = false;   // no substatus on the wire at all (not an unknown text)
  bool sent_by_microsoft = false;  // inviteContext.invitedBy.organizationId is "msft" (any case)
  bool flame = false;              // details.customerRequestedContact
  bool has_close_reason = false;   // statusReason is not empty
};

inline std::optional<TimeMs> time_of(TimeMs time) {
  return time == kNoTime ? std::nullopt : std::optional<TimeMs>(time);
}

LeadFacts facts_of(const Referral& referral);

}  // namespace leads
