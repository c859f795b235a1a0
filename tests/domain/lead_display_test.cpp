// Tests of what a lead shows: only a Received lead has time left, urgency under 48 hours, the stage label's keys,
// and the place and postal address joined from the parts present.
#include "domain/lead_display.h"

#include <doctest/doctest.h>

#include <string>

using namespace leads;

namespace {
const TimeMs kCreated = *parse_iso8601("2026-11-20T09:30:00Z");

Referral lead_in(const char* status, const char* substatus) {
  Referral lead;
  lead.status = status_from_wire(status);
  lead.substatus = substatus_from_wire(substatus);
  lead.created_date_time = kCreated;
  return lead;
}
}  // namespace

TEST_CASE("only a received lead has time left to answer") {
  const Referral received = lead_in("New", "Received");
  CHECK(answer_deadline(received) == kCreated + kExpiryWindowMs);
  CHECK(time_left_to_answer(received, kCreated + kDayMs) == kExpiryWindowMs - kDayMs);
  CHECK(time_left_to_answer(received, kCreated + kExpiryWindowMs + kHourMs) == -kHourMs);  // past, not hidden
  const char* others[][2] = {{"Active", "Accepted"}, {"Closed", "Won"}, {"Closed", "Expired"}, {"Open", "Waiting"}};
  for (const auto& other : others) {
    const Referral lead = lead_in(other[0], other[1]);
    CAPTURE(lead.status.wire);
    CHECK(answer_deadline(lead) == kNoExpiry);
    CHECK(time_left_to_answer(lead, kCreated) == kNoExpiry);
  }
  Referral timeless = received;
  timeless.created_date_time.reset();
  CHECK(time_left_to_answer(timeless, kCreated) == kNoExpiry);
}

TEST_CASE("a received lead is urgent under 48 hours left, not at 48") {
  const Referral received = lead_in("New", "Received");
  const TimeMs deadline = answer_deadline(received);
  CHECK_FALSE(is_urgent(received, deadline - 48 * kHourMs));
  CHECK(is_urgent(received, deadline - 48 * kHourMs + kSecondMs));
  CHECK(is_urgent(received, deadline + kHourMs));  // past its deadline and still unanswered
  CHECK_FALSE(is_urgent(lead_in("Active", "Accepted"), deadline));
  Referral timeless = received;
  timeless.created_date_time.reset();
  CHECK_FALSE(is_urgent(timeless, deadline));
}

TEST_CASE("the stage label names an archived lead's outcome and an unknown stage's wire values") {
  const StageLabel received = stage_label(lead_in("New", "Received"));
  CHECK(std::string(received.stage_key) == "stage.received");
  CHECK(received.outcome_key == nullptr);
  CHECK(received.unplaced.empty());
  const StageLabel won = stage_label(lead_in("Closed", "Won"));
  CHECK(std::string(won.stage_key) == "stage.archived");
  REQUIRE(won.outcome_key != nullptr);
  CHECK(std::string(won.outcome_key) == "outcome.won");
  const StageLabel unknown = stage_label(lead_in("Open", "Waiting"));
  CHECK(std::string(unknown.stage_key) == "stage.unknown");
  CHECK(unknown.unplaced == "Open/Waiting");
}

TEST_CASE("the place and the postal address join the parts present with commas") {
  Address address;
  address.address_line1 = "Kordon Cd. 5";
  address.city = "İzmir";
  address.postal_code = "35220";
  address.country = "TR";
  CHECK(place_of(address) == "İzmir, TR");
  CHECK(postal_address_of(address) == "Kordon Cd. 5, İzmir, 35220, TR");
  address.city.clear();
  CHECK(place_of(address) == "TR");
  CHECK(place_of(Address{}).empty());
  CHECK(postal_address_of(Address{}).empty());
}

TEST_CASE("the customer's contacts are withdrawn from a lead that expired unanswered, and only from such a lead") {
  CHECK(contacts_withdrawn(lead_in("Closed", "Expired")));
  for (const char* substatus : {"Won", "Lost", "Declined", "Error"})
    CHECK_FALSE(contacts_withdrawn(lead_in("Closed", substatus)));
  CHECK_FALSE(contacts_withdrawn(lead_in("New", "Received")));
  CHECK_FALSE(contacts_withdrawn(lead_in("Active", "Accepted")));
}
