// Tests of reading the role from the token's claims and what each role may do.
#include "domain/roles.h"

#include <doctest/doctest.h>

using namespace leads;

TEST_CASE("each known role claim is recognised, ignoring case and surrounding blanks") {
  CHECK(role_from_claims({"MPN partner admin"}) == Role::PartnerAdmin);
  CHECK(role_from_claims({"Referrals admin"}) == Role::ReferralsAdmin);
  CHECK(role_from_claims({"Referrals user"}) == Role::ReferralsUser);
  CHECK(role_from_claims({"mpn PARTNER admin"}) == Role::PartnerAdmin);
  CHECK(role_from_claims({"  referrals ADMIN\t"}) == Role::ReferralsAdmin);
}

TEST_CASE("the strongest role present wins whatever the order") {
  CHECK(role_from_claims({"Referrals user", "Referrals admin"}) == Role::ReferralsAdmin);
  CHECK(role_from_claims({"Referrals admin", "Referrals user"}) == Role::ReferralsAdmin);
  CHECK(role_from_claims({"Referrals user", "MPN partner admin", "Referrals admin"}) == Role::PartnerAdmin);
  CHECK(role_from_claims({"Global admin", "Referrals user"}) == Role::ReferralsUser);
}

TEST_CASE("no claims or only unknown claims give no role") {
  CHECK(role_from_claims({}) == Role::None);
  CHECK(role_from_claims({"Global admin", "", "Referrals"}) == Role::None);
  CHECK(role_from_claims({"Referrals admins"}) == Role::None);
}

TEST_CASE("admins may act, a referrals user may only read, no role may do neither") {
  CHECK(role_may_act(Role::PartnerAdmin));
  CHECK(role_may_act(Role::ReferralsAdmin));
  CHECK_FALSE(role_may_act(Role::ReferralsUser));
  CHECK_FALSE(role_may_act(Role::None));
  CHECK(role_may_read(Role::PartnerAdmin));
  CHECK(role_may_read(Role::ReferralsAdmin));
  CHECK(role_may_read(Role::ReferralsUser));
  CHECK_FALSE(role_may_read(Role::None));
}

TEST_CASE("every role has its own key") {
  CHECK(std::string(to_key(Role::PartnerAdmin)) == "role.partner_admin");
  CHECK(std::string(to_key(Role::ReferralsAdmin)) == "role.referrals_admin");
  CHECK(std::string(to_key(Role::ReferralsUser)) == "role.referrals_user");
  CHECK(std::string(to_key(Role::None)) == "role.none");
}
