// The 14-day expiry and the 72-hour flame, computed from the lead's timestamps and a `now` passed in.
#include "domain/clocks.h"

#include "domain/classification.h"

namespace leads {

TimeMs expiration_of(const Referral& referral) {
  if (referral.expiration_date_time) return *referral.expiration_date_time;
  if (referral.created_date_time) return *referral.created_date_time + kExpiryWindowMs;
  return kNoExpiry;
}

TimeMs expiry_time_left(const Referral& referral, TimeMs now) {
  const TimeMs expiration = expiration_of(referral);
  if (expiration == kNoExpiry) return kNoExpiry;
  return expiration - now;
}

bool is_past_expiry(const Referral& referral, TimeMs now) {
  const TimeMs expiration = expiration_of(referral);
  return referral.status == Status::New && expiration != kNoExpiry && now >= expiration;
}

FlameState flame_state(const Referral& referral, TimeMs now) {
  if (!referral.details.customer_requested_contact || stage_of(referral) != Stage::Received ||
      is_past_expiry(referral, now))
    return FlameState::None;
  if (!referral.created_date_time) return FlameState::StillWanted;
  return now - *referral.created_date_time < kFlameWindowMs ? FlameState::ContactNow : FlameState::StillWanted;
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
