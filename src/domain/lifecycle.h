// Which actions a user may take on a lead right now, and the reason (an i18n key) when not.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/referral.h"
#include "domain/roles.h"

namespace leads {

enum class Action { Accept, Decline, Edit, AddEmployee, Won, Lost };

// key is one of: "refused.no_access" (no known role), "refused.read_only_role", "refused.out_of_scope",
// "refused.archived", "refused.unknown_status", "refused.not_received", "refused.expired", "refused.not_accepted".
struct Refusal {
  std::string key;
};

const std::vector<Action>& all_actions();
const char* to_key(Action action);  // "action.accept", …

// nullopt = allowed. Checked in this order: role, scope, archived/unknown stage, the action's own stage, expiry.
std::optional<Refusal> why_refused(const Referral& referral, Action action, Role role, TimeMs now);
std::vector<Action> allowed_actions(const Referral& referral, Role role, TimeMs now);

}  // namespace leads
