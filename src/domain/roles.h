// The signed-in user's role, read from the token's `roles` claim, and what it allows.
#pragma once
#include <string>
#include <vector>

namespace leads {

enum class Role { PartnerAdmin, ReferralsAdmin, ReferralsUser, None };

// "MPN partner admin", "Referrals admin", "Referrals user" (case-insensitive, surrounding blanks ignored);
// the strongest one present wins; anything else is ignored.
Role role_from_claims(const std::vector<std::string>& roles);
bool role_may_read(Role role);  // every known role
bool role_may_act(Role role);   // the two admin roles only
const char* to_key(Role role);  // "role.partner_admin", …

}  // namespace leads
