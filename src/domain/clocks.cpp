// The 14-day expiry and the 72-hour flame, computed from the lead's timestamps and a `now` passed in.
#include "domain/clocks.h"

#include "domain/classification.h"

namespace leads {

TimeMs expiration_of(const LeadFacts& facts) {
  if (facts.expiration != kNoTime) return facts.expiration;
  if (facts.created != kNoTime) return facts.created + kExpiryWindowMs;
  return kNoExpiry;
}
TimeMs expiration_of(const Referral& referral) {
  return expiration_of(facts_of(referral));
}

TimeMs expiry_time_left(const Referral& referral, TimeMs now) {
  const TimeMs expiration = expiration_of(referral);
  if (expiration == kNoExpiry) return kNoExpiry;
  return expiration - now;
}

bool is_past_expiry(const LeadFacts& facts, TimeMs now) {
  const TimeMs expiration = expiration_of(facts);
  return facts.status == Status::New && expiration != kNoExpiry && now >= expiration;
}
bool is_past_expiry(const Referral& referral, TimeMs now) {
  return is_past_expiry(facts_of(referral), now);
}

FlameState flame_state(const LeadFacts& facts, TimeMs now) {
  if (!facts.flame || stage_of(facts) != Stage::Received || is_past_expiry(facts, now)) return FlameState::None;
  if (facts.created == kNoTime) return FlameState::StillWanted;
  return now - facts.created < kFlameWindowMs ? FlameState::ContactNow : FlameState::StillWanted;
}
FlameState flame_state(const Referral& referral, TimeMs now) {
  return flame_state(facts_of(referral), now);
}

bool expire_if_due(Referral& referral, TimeMs now) {
  if (!is_past_expiry(referral, now)) return false;
  const TimeMs expiration = expiration_of(referral);
  referral.status = wire_enum(Status::Closed);
  referral.substatus = wire_enum(Substatus::Expired);
  referral.expiration_date_time = expiration;
  referral.closed_date_time = expiration;
  referral.updated_date_time = now;
  return true;
}

}  // namespace leads
