// Tests of the "getting more leads" figures on a hand-built set where every number is known exactly.
#include "domain/metrics.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "support/lead_builder.h"

using namespace leads;

namespace {

const TimeMs kCreated = *parse_iso8601("2026-11-01T08:00:00Z");

Referral lead(const char* id, const char* status, const char* substatus) {
  return test::a_lead().id(id).stage(status, substatus).received_at(kCreated);
}

Referral accepted_after(const char* id, const char* substatus, int hours, std::optional<double> value = std::nullopt,
                        const char* currency = "") {
  Referral r = lead(id, std::string(substatus) == "Accepted" ? "Active" : "Closed", substatus);
  r.accepted_date_time = kCreated + hours * kHourMs;
  if (r.status == Status::Closed) r.closed_date_time = kCreated + 10 * kDayMs;
  r.details.deal_value = value;
  r.details.currency = currency;
  return r;
}

Referral declined_after(const char* id, int hours, const char* reason) {
  Referral r = lead(id, "Closed", "Declined");
  r.closed_date_time = kCreated + hours * kHourMs;
  r.status_reason = reason;
  return r;
}

std::vector<Referral> hand_built() {
  std::vector<Referral> leads = {
      accepted_after("a1", "Accepted", 1, 100, "TRY"),
      accepted_after("a2", "Accepted", 2, 50, "USD"),
      accepted_after("a3", "Accepted", 3, 25, "TRY"),
      accepted_after("w1", "Won", 4, 1000, "TRY"),
      accepted_after("w2", "Won", 5, 500, "EUR"),
      accepted_after("l1", "Lost", 6, 70, "TRY"),
      declined_after("d1", 7, "budgetNotAdequate"),
      declined_after("d2", 8, "notACustomer: looks like spam"),
      declined_after("d3", 9, "budgetNotAdequate: too small"),
      declined_after("d4", 10, "we are too busy"),
      lead("e1", "Closed", "Expired"),
      lead("e2", "Closed", "Expired"),
      lead("r1", "New", "Received"),
      lead("err", "Closed", "Error"),
  };
  leads[5].status_reason = "customerChoseAnotherVendor: went with a rival";
  // Accepted, but stamped before it was created: counted, its time left out.
  Referral bad = accepted_after("bad", "Accepted", 0);
  bad.accepted_date_time = kCreated - kHourMs;
  leads.push_back(bad);
  // Out of scope (co-sell): ignored entirely, even its very fast answer.
  Referral cosell = accepted_after("x1", "Accepted", 0, 99999, "TRY");
  cosell.type = wire_enum(ReferralType::Shared);
  leads.push_back(cosell);
  return leads;
}

}  // namespace

// The figures over leads as the list store holds them.
LeadMetrics metrics_of(const std::vector<Referral>& leads) {
  return compute_metrics(ListStore::of(leads));
}

TEST_CASE("metrics count each outcome over in-scope leads only") {
  const LeadMetrics m = metrics_of(hand_built());
  CHECK(m.received == 15);
  CHECK(m.accepted == 7);  // a1 a2 a3 w1 w2 l1 bad
  CHECK(m.declined == 4);
  CHECK(m.expired == 2);
  CHECK(m.won == 2);
  CHECK(m.lost == 1);
  CHECK(m.responded == 11);
}

TEST_CASE("median and p90 response times are exact nearest-rank values") {
  const LeadMetrics m = metrics_of(hand_built());
  REQUIRE(m.response_times.size() == 10);
  for (int i = 0; i < 10; ++i) CHECK(m.response_times[i] == (i + 1) * kHourMs);
  REQUIRE(m.median_response);
  CHECK(*m.median_response == 5 * kHourMs);
  REQUIRE(m.p90_response);
  CHECK(*m.p90_response == 9 * kHourMs);
}

TEST_CASE("acceptance and win rates follow their definitions") {
  const LeadMetrics m = metrics_of(hand_built());
  CHECK(m.acceptance_rate == doctest::Approx(7.0 / 13.0));
  CHECK(m.win_rate == doctest::Approx(2.0 / 3.0));
}

TEST_CASE("pipeline and won value are summed per currency") {
  const LeadMetrics m = metrics_of(hand_built());
  REQUIRE(m.pipeline.size() == 2);
  CHECK(m.pipeline[0].currency == "TRY");
  CHECK(m.pipeline[0].amount == doctest::Approx(125));
  CHECK(m.pipeline[1].currency == "USD");
  CHECK(m.pipeline[1].amount == doctest::Approx(50));
  REQUIRE(m.won_value.size() == 2);
  CHECK(m.won_value[0].currency == "EUR");
  CHECK(m.won_value[0].amount == doctest::Approx(500));
  CHECK(m.won_value[1].currency == "TRY");
  CHECK(m.won_value[1].amount == doctest::Approx(1000));
}

TEST_CASE("decline and lost reasons are ranked, unknown text counting as Other") {
  const LeadMetrics m = metrics_of(hand_built());
  REQUIRE(m.decline_reasons.size() == 3);
  CHECK(m.decline_reasons[0] == std::make_pair(CloseReason::BudgetNotAdequate, 2));
  CHECK(m.decline_reasons[1] == std::make_pair(CloseReason::NotACustomer, 1));
  CHECK(m.decline_reasons[2] == std::make_pair(CloseReason::Other, 1));
  REQUIRE(m.lost_reasons.size() == 1);
  CHECK(m.lost_reasons[0] == std::make_pair(CloseReason::CustomerChoseAnotherVendor, 1));
}

TEST_CASE("no leads gives zero rates and no response times") {
  const LeadMetrics m = metrics_of({});
  CHECK(m.received == 0);
  CHECK(m.acceptance_rate == 0);
  CHECK(m.win_rate == 0);
  CHECK_FALSE(m.median_response);
  CHECK_FALSE(m.p90_response);
  CHECK(m.pipeline.empty());
}

TEST_CASE("a lead without a known answer time still counts but adds no response time") {
  Referral r = accepted_after("a", "Accepted", 3);
  r.accepted_date_time.reset();
  Referral d = declined_after("d", 2, "other");
  d.created_date_time.reset();
  const LeadMetrics m = metrics_of({r, d});
  CHECK(m.accepted == 1);
  CHECK(m.declined == 1);
  CHECK(m.response_times.empty());
  CHECK(m.acceptance_rate == doctest::Approx(0.5));
}

TEST_CASE("percentile uses nearest rank") {
  CHECK_FALSE(percentile({}, 50));
  CHECK(*percentile({7}, 50) == 7);
  CHECK(*percentile({7}, 90) == 7);
  CHECK(*percentile({1, 2, 3}, 50) == 2);
  CHECK(*percentile({1, 2, 3, 4}, 50) == 2);  // lower middle
  CHECK(*percentile({1, 2, 3, 4}, 90) == 4);
  CHECK(*percentile({1, 2, 3, 4}, 0) == 1);
  CHECK(*percentile({1, 2, 3, 4}, 100) == 4);
  std::vector<TimeMs> hundred;
  for (int i = 1; i <= 100; ++i) hundred.push_back(i);
  CHECK(*percentile(hundred, 90) == 90);
  CHECK(*percentile(hundred, 50) == 50);
}
