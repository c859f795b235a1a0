// Tests of which actions each role may take on a lead in each stage, and the reason given when not.
#include "domain/lifecycle.h"

#include <doctest/doctest.h>

#include "domain/clocks.h"

using namespace leads;

namespace {
const TimeMs kCreated = *parse_iso8601("2026-11-20T09:30:00Z");
const TimeMs kSoon = kCreated + kHourMs;

Referral lead(const char* status, const char* substatus) {
  Referral ref;
  ref.id = "r-1";
  ref.status = status_from_wire(status);
  ref.substatus = substatus_from_wire(substatus);
  ref.type = wire_enum(ReferralType::Independent);
  ref.direction = wire_enum(Direction::Incoming);
  ref.qualification = wire_enum(Qualification::Direct);
  ref.created_date_time = kCreated;
  return ref;
}

std::string refusal(const Referral& ref, Action action, Role role, TimeMs now = kSoon) {
  auto why = why_refused(ref, action, role, now);
  return why ? why->key : "allowed";
}

const Role kActors[] = {Role::PartnerAdmin, Role::ReferralsAdmin};
}  // namespace

TEST_CASE("an admin may accept or decline a received lead, nothing else") {
  for (Role role : kActors) {
    for (const char* sub : {"Pending", "Received"}) {
      const Referral ref = lead("New", sub);
      CHECK(refusal(ref, Action::Accept, role) == "allowed");
      CHECK(refusal(ref, Action::Decline, role) == "allowed");
      CHECK(refusal(ref, Action::Edit, role) == "refused.not_accepted");
      CHECK(refusal(ref, Action::AddEmployee, role) == "refused.not_accepted");
      CHECK(refusal(ref, Action::Won, role) == "refused.not_accepted");
      CHECK(refusal(ref, Action::Lost, role) == "refused.not_accepted");
      CHECK(allowed_actions(ref, role, kSoon) == std::vector<Action>{Action::Accept, Action::Decline});
    }
  }
}

TEST_CASE("an admin may edit, add employees, win or lose an accepted lead, not accept or decline it") {
  for (Role role : kActors) {
    const Referral ref = lead("Active", "Accepted");
    CHECK(refusal(ref, Action::Accept, role) == "refused.not_received");
    CHECK(refusal(ref, Action::Decline, role) == "refused.not_received");
    CHECK(allowed_actions(ref, role, kSoon) ==
          std::vector<Action>{Action::Edit, Action::AddEmployee, Action::Won, Action::Lost});
    // An accepted lead does not expire: the 14 days are for answering.
    CHECK(allowed_actions(ref, role, kCreated + 60 * kDayMs).size() == 4);
  }
}

TEST_CASE("no action on an archived lead, whatever its outcome") {
  for (const char* sub : {"Won", "Lost", "Declined", "Expired", "Error", "Thawing"}) {
    const Referral ref = lead("Closed", sub);
    for (Action action : all_actions()) CHECK(refusal(ref, action, Role::PartnerAdmin) == "refused.archived");
    CHECK(allowed_actions(ref, Role::ReferralsAdmin, kSoon).empty());
  }
}

TEST_CASE("a referrals user may take no action, and no role means no access") {
  for (const Referral& ref : {lead("New", "Received"), lead("Active", "Accepted"), lead("Closed", "Won")}) {
    for (Action action : all_actions()) {
      CHECK(refusal(ref, action, Role::ReferralsUser) == "refused.read_only_role");
      CHECK(refusal(ref, action, Role::None) == "refused.no_access");
    }
    CHECK(allowed_actions(ref, Role::ReferralsUser, kSoon).empty());
  }
}

TEST_CASE("a received lead can be accepted until one second before 14 days, then it is expired") {
  const Referral ref = lead("New", "Received");
  const TimeMs expiry = kCreated + kExpiryWindowMs;
  CHECK(refusal(ref, Action::Accept, Role::PartnerAdmin, expiry - kSecondMs) == "allowed");
  CHECK(refusal(ref, Action::Decline, Role::PartnerAdmin, expiry - kSecondMs) == "allowed");
  CHECK(refusal(ref, Action::Accept, Role::PartnerAdmin, expiry) == "refused.expired");
  CHECK(refusal(ref, Action::Decline, Role::PartnerAdmin, expiry + kSecondMs) == "refused.expired");
  CHECK(refusal(ref, Action::Edit, Role::PartnerAdmin, expiry) == "refused.not_accepted");
  CHECK(allowed_actions(ref, Role::PartnerAdmin, expiry).empty());
}

TEST_CASE("an out-of-scope lead offers no action") {
  Referral cosell = lead("New", "Received");
  cosell.type = wire_enum(ReferralType::Shared);
  for (Action action : all_actions()) CHECK(refusal(cosell, action, Role::PartnerAdmin) == "refused.out_of_scope");
  Referral partner_sent = lead("Active", "Accepted");
  partner_sent.qualification = wire_enum(Qualification::SalesQualified);
  partner_sent.invite_context.invited_by.organization_id = "partner-7";
  CHECK(refusal(partner_sent, Action::Edit, Role::ReferralsAdmin) == "refused.out_of_scope");
}

TEST_CASE("a lead in an unknown or impossible status offers no action") {
  for (const Referral& ref :
       {lead("Frozen", "Received"), lead("None", ""), lead("New", "Accepted"), lead("Active", "Won")})
    for (Action action : all_actions()) CHECK(refusal(ref, action, Role::PartnerAdmin) == "refused.unknown_status");
}

TEST_CASE("a qualified lead from Microsoft has the same actions as a customer inquiry") {
  Referral ref = lead("New", "Received");
  ref.qualification = wire_enum(Qualification::MarketingQualified);
  ref.invite_context.invited_by.organization_id = "msft";
  CHECK(allowed_actions(ref, Role::PartnerAdmin, kSoon) == std::vector<Action>{Action::Accept, Action::Decline});
}

TEST_CASE("every action has its own key") {
  CHECK(std::string(to_key(Action::Accept)) == "action.accept");
  CHECK(std::string(to_key(Action::Decline)) == "action.decline");
  CHECK(std::string(to_key(Action::Edit)) == "action.edit");
  CHECK(std::string(to_key(Action::AddEmployee)) == "action.add_employee");
  CHECK(std::string(to_key(Action::Won)) == "action.won");
  CHECK(std::string(to_key(Action::Lost)) == "action.lost");
}
