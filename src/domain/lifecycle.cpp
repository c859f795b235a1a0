// The lifecycle table, and the client's refusals read from it.
#include "domain/lifecycle.h"

#include "domain/clocks.h"

namespace leads {

const std::vector<Transition>& lifecycle() {
  static const std::vector<Transition> kTable = {
      {Action::Accept,
       "action.accept",
       Stage::Received,
       Status::Active,
       Substatus::Accepted,
       {Need::DealName, Need::DealValue, Need::Currency, Need::ClosingDate},
       "refused.not_received",
       "refused.expired",
       "accepting",
       true},
      {Action::Decline,
       "action.decline",
       Stage::Received,
       Status::Closed,
       Substatus::Declined,
       {Need::ReasonCode},
       "refused.not_received",
       "refused.expired",
       "declining",
       false},
      {Action::Edit,
       "action.edit",
       Stage::Accepted,
       Status::Active,
       Substatus::Accepted,
       {},
       "refused.not_accepted",
       nullptr,
       "editing",
       false},
      {Action::AddEmployee,
       "action.add_employee",
       Stage::Accepted,
       Status::Active,
       Substatus::Accepted,
       {},
       "refused.not_accepted",
       nullptr,
       "adding employees",
       false},
      {Action::Won,
       "action.won",
       Stage::Accepted,
       Status::Closed,
       Substatus::Won,
       {},
       "refused.not_accepted",
       nullptr,
       "winning",
       true},
      {Action::Lost,
       "action.lost",
       Stage::Accepted,
       Status::Closed,
       Substatus::Lost,
       {Need::ReasonCode},
       "refused.not_accepted",
       nullptr,
       "losing",
       false},
  };
  return kTable;
}

const Transition& transition_of(Action action) {
  for (const Transition& row : lifecycle())
    if (row.action == action) return row;
  return lifecycle().front();  // every Action has a row (lifecycle_test checks)
}

const char* to_key(Action action) {
  return transition_of(action).key;
}

std::optional<Refusal> why_refused(const Referral& referral, Action action, Role role, TimeMs now) {
  return why_refused(facts_of(referral), action, role, now);
}

std::optional<Refusal> why_refused(const LeadFacts& referral, Action action, Role role, TimeMs now) {
  if (!role_may_read(role)) return Refusal{"refused.no_access"};
  if (!role_may_act(role)) return Refusal{"refused.read_only_role"};
  if (tab_of(referral) == Tab::None) return Refusal{"refused.out_of_scope"};
  const Stage stage = stage_of(referral);
  if (stage == Stage::Archived) return Refusal{"refused.archived"};
  if (stage == Stage::Unknown) return Refusal{"refused.unknown_status"};
  const Transition& row = transition_of(action);
  if (stage != row.from) return Refusal{row.refused_elsewhere};
  if (row.refused_expired && is_past_expiry(referral, now)) return Refusal{row.refused_expired};
  return std::nullopt;
}

const Transition* transition_between(Stage from, Status to_status, Substatus to_substatus) {
  for (const Transition& row : lifecycle())
    if (row.from == from && row.to_status == to_status && row.to_substatus == to_substatus) return &row;
  return nullptr;
}

}  // namespace leads
