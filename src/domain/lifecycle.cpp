// The lead's state machine as the user sees it: which actions are open now, and why the others are not.
#include "domain/lifecycle.h"

#include "domain/classification.h"
#include "domain/clocks.h"

namespace leads {

const std::vector<Action>& all_actions() {
  static const std::vector<Action> kAll = {Action::Accept,      Action::Decline, Action::Edit,
                                           Action::AddEmployee, Action::Won,     Action::Lost};
  return kAll;
}

const char* to_key(Action action) {
  switch (action) {
    case Action::Accept: return "action.accept";
    case Action::Decline: return "action.decline";
    case Action::Edit: return "action.edit";
    case Action::AddEmployee: return "action.add_employee";
    case Action::Won: return "action.won";
    case Action::Lost: break;
  }
  return "action.lost";
}

std::optional<Refusal> why_refused(const Referral& referral, Action action, Role role, TimeMs now) {
  if (!role_may_read(role)) return Refusal{"refused.no_access"};
  if (!role_may_act(role)) return Refusal{"refused.read_only_role"};
  if (tab_of(referral) == Tab::None) return Refusal{"refused.out_of_scope"};
  const Stage stage = stage_of(referral);
  if (stage == Stage::Archived) return Refusal{"refused.archived"};
  if (stage == Stage::Unknown) return Refusal{"refused.unknown_status"};
  switch (action) {
    case Action::Accept:
    case Action::Decline:
      if (stage != Stage::Received) return Refusal{"refused.not_received"};
      if (is_past_expiry(referral, now)) return Refusal{"refused.expired"};
      return std::nullopt;
    case Action::Edit:
    case Action::AddEmployee:
    case Action::Won:
    case Action::Lost:
      if (stage != Stage::Accepted) return Refusal{"refused.not_accepted"};
      return std::nullopt;
  }
  return Refusal{"refused.unknown_status"};
}

std::vector<Action> allowed_actions(const Referral& referral, Role role, TimeMs now) {
  std::vector<Action> allowed;
  for (Action action : all_actions())
    if (!why_refused(referral, action, role, now)) allowed.push_back(action);
  return allowed;
}

}  // namespace leads
