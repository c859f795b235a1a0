// The lead's lifecycle as one table: each action, the stage it starts from, where it leads, what it needs, and the
// reasons (i18n keys) it is refused. The client's refusals, the server's patch rule, the detail panel's buttons and
// the forms all read it.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/classification.h"
#include "domain/referral.h"
#include "domain/roles.h"

namespace leads {

enum class Action { Accept, Decline, Edit, AddEmployee, Won, Lost };

// What a transition requires of the lead once the patch is applied; the server checks it (partner_write).
enum class Need { DealName, DealValue, Currency, ClosingDate, ReasonCode };

struct Transition {
  Action action;
  const char* key;  // "action.accept": the button's label
  Stage from;       // the only stage it starts from
  Status to_status;
  Substatus to_substatus;  // Edit and AddEmployee lead back to where they start (Active/Accepted)
  std::vector<Need> needs;
  const char* refused_elsewhere;  // the refusal when the lead is in another stage ("refused.not_received")
  const char* refused_expired;    // the refusal once the lead has expired; nullptr: the action does not expire
  const char* doing;              // "accepting": names the action in the server's messages
  bool primary;                   // the stage's main button
};

const std::vector<Transition>& lifecycle();      // in the order the detail panel shows the buttons
const Transition& transition_of(Action action);  // its row
const char* to_key(Action action);               // "action.accept", …

// key is one of: "refused.no_access" (no known role), "refused.read_only_role", "refused.out_of_scope",
// "refused.archived", "refused.unknown_status", or the row's refused_elsewhere / refused_expired.
struct Refusal {
  std::string key;
};

// nullopt = allowed. Checked in this order: role, scope, archived/unknown stage, the action's own stage, expiry.
std::optional<Refusal> why_refused(const LeadFacts& lead, Action action, Role role, TimeMs now);
std::optional<Refusal> why_refused(const Referral& referral, Action action, Role role, TimeMs now);

// The row that moves a lead from `from` to status/substatus, if the lifecycle has one (the first, when several do).
const Transition* transition_between(Stage from, Status to_status, Substatus to_substatus);

}  // namespace leads
