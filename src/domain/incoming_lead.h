// The rule for a lead the server receives by POST (outside test mode): the stage a new lead may have, and the same
// field checks a partner's PATCH passes (deal value, currency, lengths, characters, members).
#pragma once
#include <optional>

#include "domain/referral_json.h"

namespace leads {

// New/Pending or New/Received, with no acceptedDateTime, closedDateTime or statusReason; a deal value, when given,
// finite and >= 0; a currency, when given, an ISO 4217 code of is_known_currency; names, ids and notes within the
// partner_write.h lengths and safe (is_safe_text); each team (the partner's and the customer's contacts) at most
// kMaxTeamSize members, each passing check_member_fields. The error's field is the `target`.
std::optional<FieldError> check_incoming_lead(const Referral& referral);

}  // namespace leads
