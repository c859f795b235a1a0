// Comparing a lead with a write: was the patch applied (after an unclear failure), and what did someone else change
// (after a 412), so the client never claims a failure that did not happen and can show a conflict in the user's words.
#pragma once
#include <string>
#include <vector>

#include "domain/referral_json.h"

namespace leads {

// True when every operation of `patch` is reflected in `lead` (replace: same value; add to /team/-: a member with
// the same name and email or phone exists).
bool patch_applied(const Json& patch, const Referral& lead);

// i18n keys of the fields that differ between two versions of a lead ("field.stage", "field.deal_name", …).
std::vector<std::string> changed_fields(const Referral& mine, const Referral& theirs);

}  // namespace leads
