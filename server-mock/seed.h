// Deterministic, realistic sample leads: the same seed, count and clock always give the same referrals.
#pragma once
#include <cstdint>
#include <vector>

#include "domain/referral.h"

namespace leads {

// `now` anchors every date (created, accepted, expiring soon, flame age…) so the data stays current.
std::vector<Referral> seed_referrals(std::uint64_t seed, std::size_t count, TimeMs now);

}  // namespace leads
