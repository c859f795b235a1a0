// The lead's two clocks: 14 days to answer before it expires, and the 72-hour "contact now" flame.
#pragma once
#include <limits>

#include "domain/lead_facts.h"
#include "domain/referral.h"

namespace leads {

constexpr TimeMs kExpiryWindowMs = 14 * kDayMs;
constexpr TimeMs kFlameWindowMs = 72 * kHourMs;
// A lead with neither expirationDateTime nor createdDateTime has no known expiry: it never expires.
constexpr TimeMs kNoExpiry = std::numeric_limits<TimeMs>::max();

TimeMs expiration_of(const LeadFacts& facts);  // expirationDateTime, else created + 14 days
TimeMs expiration_of(const Referral& referral);
TimeMs expiry_time_left(const Referral& referral, TimeMs now);  // may be negative; kNoExpiry when none

// ContactNow: the customer asked to be contacted, the lead is Received (and not past expiry), < 72 h since created.
// StillWanted: the same, >= 72 h since created (or creation time unknown).
enum class FlameState { None, ContactNow, StillWanted };
FlameState flame_state(const LeadFacts& facts, TimeMs now);
FlameState flame_state(const Referral& referral, TimeMs now);

bool is_past_expiry(const LeadFacts& facts, TimeMs now);  // status New and now >= expiration
bool is_past_expiry(const Referral& referral, TimeMs now);
// Turns a New lead past its expiry into Closed/Expired: closedDateTime = expiration, updatedDateTime = now,
// expirationDateTime filled in if it was absent. True if it changed the lead.
bool expire_if_due(Referral& referral, TimeMs now);

}  // namespace leads
