// Tests of the lifecycle table: which actions each role may take on a lead in each stage, the reason given when
// not, and where each action leads.
#include "domain/lifecycle.h"

#include <doctest/doctest.h>

#include "domain/clocks.h"
#include "support/lead_builder.h"

using namespace leads;

namespace {
const TimeMs kCreated = *parse_iso8601("2026-11-20T09:30:00Z");
const TimeMs kSoon = kCreated + kHourMs;

Referral lead(const char* status, const char* substatus) {
  return test::a_lead().stage(status, substatus).received_at(kCreated);
}

std::string refusal(const Referral& ref, Action action, Role role, TimeMs now = kSoon) {
  auto why = why_refused(ref, action, role, now);
  return why ? why->key : "allowed";
}

// The actions open now, in the table's order: what the detail panel offers as enabled buttons.
std::vector<Action> open_actions(const Referral& ref, Role role, TimeMs now) {
  std::vector<Action> open;
  for (const Transition& row : lifecycle())
    if (!why_refused(ref, row.action, role, now)) open.push_back(row.action);
  return open;
}

std::vector<Action> every_action() {
  std::vector<Action> actions;
  for (const Transition& row : lifecycle()) actions.push_back(row.action);
  return actions;
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
      CHECK(open_actions(ref, role, kSoon) == std::vector<Action>{Action::Accept, Action::Decline});
    }
  }
}

TEST_CASE("an admin may edit, add employees, win or lose an accepted lead, not accept or decline it") {
  for (Role role : kActors) {
    const Referral ref = lead("Active", "Accepted");
    CHECK(refusal(ref, Action::Accept, role) == "refused.not_received");
    CHECK(refusal(ref, Action::Decline, role) == "refused.not_received");
    CHECK(open_actions(ref, role, kSoon) ==
          std::vector<Action>{Action::Edit, Action::AddEmployee, Action::Won, Action::Lost});
    // An accepted lead does not expire: the 14 days are for answering.
    CHECK(open_actions(ref, role, kCreated + 60 * kDayMs).size() == 4);
  }
}

TEST_CASE("no action on an archived lead, whatever its outcome") {
  for (const char* sub : {"Won", "Lost", "Declined", "Expired", "Error", "Thawing"}) {
    const Referral ref = lead("Closed", sub);
    for (Action action : every_action()) CHECK(refusal(ref, action, Role::PartnerAdmin) == "refused.archived");
    CHECK(open_actions(ref, Role::ReferralsAdmin, kSoon).empty());
  }
}

TEST_CASE("a referrals user may take no action, and no role means no access") {
  for (const Referral& ref : {lead("New", "Received"), lead("Active", "Accepted"), lead("Closed", "Won")}) {
    for (Action action : every_action()) {
      CHECK(refusal(ref, action, Role::ReferralsUser) == "refused.read_only_role");
      CHECK(refusal(ref, action, Role::None) == "refused.no_access");
    }
    CHECK(open_actions(ref, Role::ReferralsUser, kSoon).empty());
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
  CHECK(open_actions(ref, Role::PartnerAdmin, expiry).empty());
}

TEST_CASE("an out-of-scope lead offers no action") {
  Referral cosell = lead("New", "Received");
  cosell.type = wire_enum(ReferralType::Shared);
  for (Action action : every_action()) CHECK(refusal(cosell, action, Role::PartnerAdmin) == "refused.out_of_scope");
  Referral partner_sent = lead("Active", "Accepted");
  partner_sent.qualification = wire_enum(Qualification::SalesQualified);
  partner_sent.invite_context.invited_by.organization_id = "partner-7";
  CHECK(refusal(partner_sent, Action::Edit, Role::ReferralsAdmin) == "refused.out_of_scope");
}

TEST_CASE("a lead in an unknown or impossible status offers no action") {
  for (const Referral& ref :
       {lead("Frozen", "Received"), lead("None", ""), lead("New", "Accepted"), lead("Active", "Won")})
    for (Action action : every_action()) CHECK(refusal(ref, action, Role::PartnerAdmin) == "refused.unknown_status");
}

TEST_CASE("a qualified lead from Microsoft has the same actions as a customer inquiry") {
  Referral ref = lead("New", "Received");
  ref.qualification = wire_enum(Qualification::MarketingQualified);
  ref.invite_context.invited_by.organization_id = "msft";
  CHECK(open_actions(ref, Role::PartnerAdmin, kSoon) == std::vector<Action>{Action::Accept, Action::Decline});
}

TEST_CASE("the table has one row per action, each leading where the lifecycle says") {
  CHECK(every_action() == std::vector<Action>{Action::Accept, Action::Decline, Action::Edit, Action::AddEmployee,
                                              Action::Won, Action::Lost});
  auto leads_to = [](Action action) {
    const Transition& row = transition_of(action);
    CHECK(row.action == action);
    return std::string(to_wire(row.to_status)) + "/" + to_wire(row.to_substatus);
  };
  CHECK(leads_to(Action::Accept) == "Active/Accepted");
  CHECK(leads_to(Action::Decline) == "Closed/Declined");
  CHECK(leads_to(Action::Edit) == "Active/Accepted");
  CHECK(leads_to(Action::AddEmployee) == "Active/Accepted");
  CHECK(leads_to(Action::Won) == "Closed/Won");
  CHECK(leads_to(Action::Lost) == "Closed/Lost");
  CHECK(transition_of(Action::Accept).needs ==
        std::vector<Need>{Need::DealName, Need::DealValue, Need::Currency, Need::ClosingDate});
  CHECK(transition_of(Action::Decline).needs == std::vector<Need>{Need::ReasonCode});
  CHECK(transition_of(Action::Lost).needs == std::vector<Need>{Need::ReasonCode});
  CHECK(transition_of(Action::Won).needs.empty());
}

TEST_CASE("a transition is found by where it starts and where it leads, and nowhere else") {
  CHECK(transition_between(Stage::Received, Status::Active, Substatus::Accepted)->action == Action::Accept);
  CHECK(transition_between(Stage::Received, Status::Closed, Substatus::Declined)->action == Action::Decline);
  CHECK(transition_between(Stage::Accepted, Status::Closed, Substatus::Won)->action == Action::Won);
  CHECK(transition_between(Stage::Accepted, Status::Closed, Substatus::Lost)->action == Action::Lost);
  CHECK(transition_between(Stage::Accepted, Status::Active, Substatus::Accepted) != nullptr);
  CHECK(transition_between(Stage::Received, Status::Closed, Substatus::Won) == nullptr);
  CHECK(transition_between(Stage::Accepted, Status::Closed, Substatus::Declined) == nullptr);
  CHECK(transition_between(Stage::Received, Status::New, Substatus::Received) == nullptr);
  CHECK(transition_between(Stage::Archived, Status::Closed, Substatus::Won) == nullptr);
}

TEST_CASE("every action has its own key") {
  CHECK(std::string(to_key(Action::Accept)) == "action.accept");
  CHECK(std::string(to_key(Action::Decline)) == "action.decline");
  CHECK(std::string(to_key(Action::Edit)) == "action.edit");
  CHECK(std::string(to_key(Action::AddEmployee)) == "action.add_employee");
  CHECK(std::string(to_key(Action::Won)) == "action.won");
  CHECK(std::string(to_key(Action::Lost)) == "action.lost");
}
