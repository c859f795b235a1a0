// Tests of lead kind, tab, stage and outcome as read from the wire fields.
#include "domain/classification.h"

#include <doctest/doctest.h>

#include "support/lead_builder.h"

using namespace leads;
using leads::test::a_lead;

namespace {
// A lead qualified by an organization: in scope only when that is Microsoft.
test::LeadBuilder qualified(Qualification qualification, const std::string& invited_by) {
  return a_lead().qualification(qualification).invited_by(invited_by);
}
}  // namespace

TEST_CASE("an incoming independent direct referral is a customer inquiry on the marketplace tab") {
  CHECK(lead_kind(a_lead()) == LeadKind::CustomerInquiry);
  CHECK(tab_of(a_lead()) == Tab::Marketplace);
}

TEST_CASE("marketing and sales qualified leads sent by Microsoft go to the qualified tab") {
  CHECK(lead_kind(qualified(Qualification::MarketingQualified, "msft")) == LeadKind::MarketingQualified);
  CHECK(lead_kind(qualified(Qualification::SalesQualified, "msft")) == LeadKind::SalesQualified);
  CHECK(lead_kind(qualified(Qualification::SalesQualified, "MSFT")) == LeadKind::SalesQualified);
  CHECK(tab_of(qualified(Qualification::MarketingQualified, "msft")) == Tab::Qualified);
  CHECK(tab_of(qualified(Qualification::SalesQualified, "msft")) == Tab::Qualified);
}

TEST_CASE("co-sell, outgoing and partner-invited referrals are out of scope") {
  CHECK(lead_kind(qualified(Qualification::SalesQualified, "partner-42")) == LeadKind::OutOfScope);
  CHECK(lead_kind(qualified(Qualification::MarketingQualified, "")) == LeadKind::OutOfScope);
  CHECK(lead_kind(qualified(Qualification::SalesQualified, "msftx")) == LeadKind::OutOfScope);
  Referral shared = a_lead();
  shared.type = wire_enum(ReferralType::Shared);
  CHECK(lead_kind(shared) == LeadKind::OutOfScope);
  Referral outgoing = a_lead();
  outgoing.direction = wire_enum(Direction::Outgoing);
  CHECK(tab_of(outgoing) == Tab::None);
  Referral no_qualification = a_lead();
  no_qualification.qualification = wire_enum(Qualification::None);
  CHECK(lead_kind(no_qualification) == LeadKind::OutOfScope);
  Referral unknown = a_lead();
  unknown.qualification = qualification_from_wire("PartnerQualified");
  CHECK(tab_of(unknown) == Tab::None);
  Referral missing_direction = a_lead();
  missing_direction.direction = direction_from_wire("");
  CHECK(lead_kind(missing_direction) == LeadKind::OutOfScope);
}

TEST_CASE("stage follows the status, tolerating a missing substatus") {
  CHECK(stage_of(a_lead().stage("New", "Pending")) == Stage::Received);
  CHECK(stage_of(a_lead().stage("New", "Received")) == Stage::Received);
  CHECK(stage_of(a_lead().stage("New", "")) == Stage::Received);
  CHECK(stage_of(a_lead().stage("Active", "Accepted")) == Stage::Accepted);
  CHECK(stage_of(a_lead().stage("Active", "")) == Stage::Accepted);
  for (const char* sub : {"Won", "Lost", "Declined", "Expired", "Error", "", "Thawing"})
    CHECK(stage_of(a_lead().stage("Closed", sub)) == Stage::Archived);
}

TEST_CASE("impossible pairs and unknown statuses are an unknown stage") {
  CHECK(stage_of(a_lead().stage("New", "Accepted")) == Stage::Unknown);
  CHECK(stage_of(a_lead().stage("New", "Thawing")) == Stage::Unknown);
  CHECK(stage_of(a_lead().stage("Active", "Won")) == Stage::Unknown);
  CHECK(stage_of(a_lead().stage("None", "")) == Stage::Unknown);
  CHECK(stage_of(a_lead().stage("Frozen", "Received")) == Stage::Unknown);
}

TEST_CASE("the outcome is the archived lead's substatus, and none before archiving") {
  CHECK(outcome_of(a_lead().stage("Closed", "Won")) == Outcome::Won);
  CHECK(outcome_of(a_lead().stage("Closed", "Lost")) == Outcome::Lost);
  CHECK(outcome_of(a_lead().stage("Closed", "Declined")) == Outcome::Declined);
  CHECK(outcome_of(a_lead().stage("Closed", "Expired")) == Outcome::Expired);
  CHECK(outcome_of(a_lead().stage("Closed", "Error")) == Outcome::Error);
  CHECK(outcome_of(a_lead().stage("Closed", "Thawing")) == Outcome::Error);
  CHECK(outcome_of(a_lead().stage("Closed", "")) == Outcome::Error);
  CHECK(outcome_of(a_lead().stage("New", "Received")) == Outcome::None);
  CHECK(outcome_of(a_lead().stage("Active", "Accepted")) == Outcome::None);
  CHECK(outcome_of(a_lead().stage("Active", "Won")) == Outcome::None);
}

TEST_CASE("every kind, tab, stage and outcome has its own stable key") {
  CHECK(std::string(to_key(LeadKind::CustomerInquiry)) == "kind.customer_inquiry");
  CHECK(std::string(to_key(LeadKind::MarketingQualified)) == "kind.marketing_qualified");
  CHECK(std::string(to_key(LeadKind::SalesQualified)) == "kind.sales_qualified");
  CHECK(std::string(to_key(LeadKind::OutOfScope)) == "kind.out_of_scope");
  CHECK(std::string(to_key(Tab::Marketplace)) == "tab.marketplace");
  CHECK(std::string(to_key(Tab::Qualified)) == "tab.qualified");
  CHECK(std::string(to_key(Tab::None)) == "tab.none");
  CHECK(std::string(to_key(Stage::Received)) == "stage.received");
  CHECK(std::string(to_key(Stage::Accepted)) == "stage.accepted");
  CHECK(std::string(to_key(Stage::Archived)) == "stage.archived");
  CHECK(std::string(to_key(Stage::Unknown)) == "stage.unknown");
  CHECK(std::string(to_key(Outcome::None)) == "outcome.none");
  CHECK(std::string(to_key(Outcome::Won)) == "outcome.won");
  CHECK(std::string(to_key(Outcome::Lost)) == "outcome.lost");
  CHECK(std::string(to_key(Outcome::Declined)) == "outcome.declined");
  CHECK(std::string(to_key(Outcome::Expired)) == "outcome.expired");
  CHECK(std::string(to_key(Outcome::Error)) == "outcome.error");
}
