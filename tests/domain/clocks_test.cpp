// Tests of the 14-day expiry and the 72-hour flame at their exact edges.
#include "domain/clocks.h"

#include <doctest/doctest.h>

#include "support/lead_builder.h"

using namespace leads;

namespace {
const TimeMs kCreated = *parse_iso8601("2026-11-20T09:30:00Z");

Referral received(bool requested_contact = false) {
  return test::a_lead().received_at(kCreated).requested_contact(requested_contact);
}
}  // namespace

TEST_CASE("expiration is expirationDateTime when given, else created plus 14 days") {
  Referral ref = received();
  CHECK(expiration_of(ref) == kCreated + 14 * kDayMs);
  ref.expiration_date_time = kCreated + 3 * kDayMs;
  CHECK(expiration_of(ref) == kCreated + 3 * kDayMs);
  Referral timeless = received();
  timeless.created_date_time.reset();
  CHECK(expiration_of(timeless) == kNoExpiry);
  CHECK(expiry_time_left(timeless, kCreated) == kNoExpiry);
  CHECK_FALSE(is_past_expiry(timeless, kCreated + 1000 * kDayMs));
}

TEST_CASE("time left counts down to zero at 14 days and goes negative after") {
  const Referral ref = received();
  CHECK(expiry_time_left(ref, kCreated) == 14 * kDayMs);
  CHECK(expiry_time_left(ref, kCreated + 14 * kDayMs - kSecondMs) == kSecondMs);
  CHECK(expiry_time_left(ref, kCreated + 14 * kDayMs) == 0);
  CHECK(expiry_time_left(ref, kCreated + 14 * kDayMs + kSecondMs) == -kSecondMs);
}

TEST_CASE("a new lead is past expiry from exactly 14 days on") {
  const Referral ref = received();
  CHECK_FALSE(is_past_expiry(ref, kCreated + kExpiryWindowMs - kSecondMs));
  CHECK(is_past_expiry(ref, kCreated + kExpiryWindowMs));
  CHECK(is_past_expiry(ref, kCreated + kExpiryWindowMs + kSecondMs));
  Referral explicit_expiry = received();
  explicit_expiry.expiration_date_time = kCreated + 2 * kDayMs;
  CHECK_FALSE(is_past_expiry(explicit_expiry, kCreated + 2 * kDayMs - kSecondMs));
  CHECK(is_past_expiry(explicit_expiry, kCreated + 2 * kDayMs));
}

TEST_CASE("only a new lead expires") {
  Referral accepted = received();
  accepted.status = wire_enum(Status::Active);
  accepted.substatus = wire_enum(Substatus::Accepted);
  CHECK_FALSE(is_past_expiry(accepted, kCreated + 30 * kDayMs));
  Referral closed = received();
  closed.status = wire_enum(Status::Closed);
  closed.substatus = wire_enum(Substatus::Won);
  Referral copy = closed;
  CHECK_FALSE(expire_if_due(copy, kCreated + 30 * kDayMs));
  CHECK(copy.substatus == Substatus::Won);
}

TEST_CASE("expire_if_due closes a due lead as expired at its expiration time") {
  Referral early = received();
  CHECK_FALSE(expire_if_due(early, kCreated + kExpiryWindowMs - kSecondMs));
  CHECK(early.status == Status::New);
  CHECK_FALSE(early.closed_date_time);

  Referral due = received();
  const TimeMs now = kCreated + kExpiryWindowMs + kSecondMs;
  REQUIRE(expire_if_due(due, now));
  CHECK(due.status == Status::Closed);
  CHECK(due.status.wire == "Closed");
  CHECK(due.substatus == Substatus::Expired);
  CHECK(due.substatus.wire == "Expired");
  CHECK(due.closed_date_time == kCreated + kExpiryWindowMs);
  CHECK(due.expiration_date_time == kCreated + kExpiryWindowMs);
  CHECK(due.updated_date_time == now);
  CHECK_FALSE(expire_if_due(due, now + kDayMs));

  Referral exactly = received();
  CHECK(expire_if_due(exactly, kCreated + kExpiryWindowMs));
}

TEST_CASE("the flame urges contact for 72 hours, then says the customer still wants it") {
  const Referral ref = received(true);
  CHECK(flame_state(ref, kCreated) == FlameState::ContactNow);
  CHECK(flame_state(ref, kCreated + kFlameWindowMs - kSecondMs) == FlameState::ContactNow);
  CHECK(flame_state(ref, kCreated + kFlameWindowMs) == FlameState::StillWanted);
  CHECK(flame_state(ref, kCreated + kFlameWindowMs + kSecondMs) == FlameState::StillWanted);
  CHECK(flame_state(ref, kCreated + kExpiryWindowMs - kSecondMs) == FlameState::StillWanted);
}

TEST_CASE("no flame without a contact request, after acceptance, or once expired") {
  CHECK(flame_state(received(false), kCreated) == FlameState::None);
  Referral accepted = received(true);
  accepted.status = wire_enum(Status::Active);
  accepted.substatus = wire_enum(Substatus::Accepted);
  CHECK(flame_state(accepted, kCreated) == FlameState::None);
  CHECK(flame_state(received(true), kCreated + kExpiryWindowMs) == FlameState::None);
  Referral undated = received(true);
  undated.created_date_time.reset();
  CHECK(flame_state(undated, kCreated) == FlameState::StillWanted);
}
