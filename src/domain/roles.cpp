// Role from the token's `roles` claim: the strongest known role wins.
#include "domain/roles.h"

namespace leads {

namespace {
std::string normalized(const std::string& text) {
  std::size_t begin = 0, end = text.size();
  while (begin < end && (text[begin] == ' ' || text[begin] == '\t')) ++begin;
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  std::string out = text.substr(begin, end - begin);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}
}  // namespace

Role role_from_claims(const std::vector<std::string>& roles) {
  Role best = Role::None;  // the enum is ordered strongest first
  for (const std::string& claim : roles) {
    const std::string role = normalized(claim);
    Role found = Role::None;
    if (role == "mpn partner admin")
      found = Role::PartnerAdmin;
    else if (role == "referrals admin")
      found = Role::ReferralsAdmin;
    else if (role == "referrals user")
      found = Role::ReferralsUser;
    if (static_cast<int>(found) < static_cast<int>(best)) best = found;
  }
  return best;
}

bool role_may_read(Role role) {
  return role != Role::None;
}

bool role_may_act(Role role) {
  return role == Role::PartnerAdmin || role == Role::ReferralsAdmin;
}

const char* to_key(Role role) {
  switch (role) {
    case Role::PartnerAdmin: return "role.partner_admin";
    case Role::ReferralsAdmin: return "role.referrals_admin";
    case Role::ReferralsUser: return "role.referrals_user";
    case Role::None: break;
  }
  return "role.none";
}

}  // namespace leads
