// The demo accounts of the seeded partner (Contoso Bilişim): who can sign in to server-mock's identity provider.
// Their passwords are public on purpose (the sign-in page lists them); the database keeps only their hashes.
#pragma once
#include <array>

namespace leads {

// The seeded partner's tenant: the tid claim of every token server-mock issues.
constexpr const char* kDemoTenantId = "4f5c2a8e-7d1b-4c3e-9a6f-0b2d8e1c5a77";
constexpr const char* kDemoPartnerName = "Contoso Bilişim";

struct DemoAccount {
  const char* oid;  // the user's object id: sub and oid claims
  const char* name;
  const char* email;
  const char* password;
  const char* role;  // a role name of domain/roles.h, as the roles claim carries it
};

constexpr std::array<DemoAccount, 3> kDemoAccounts = {{
    {"3b8f6c1a-2d4e-4f7a-9b0c-1e2d3f4a5b6c", "Ayşe Yılmaz", "ayse@contoso.example", "Ayse-Admin-2026",
     "MPN partner admin"},
    {"5c9a7d2b-3e5f-4a8b-8c1d-2f3e4a5b6c7d", "Mehmet Demir", "mehmet@contoso.example", "Mehmet-Referrals-2026",
     "Referrals admin"},
    {"7d0b8e3c-4f6a-4b9c-9d2e-3a4b5c6d7e8f", "Elif Kaya", "elif@contoso.example", "Elif-ReadOnly-2026",
     "Referrals user"},
}};

}  // namespace leads
