// server-mock as an OpenID Connect provider: what its endpoints share (a member of ServerContext). The signing keys
// are ServerContext::keys, shared with the API's token check.
#pragma once
#include "oidc_accounts.h"
#include "oidc_clients.h"
#include "oidc_codes.h"
#include "oidc_sessions.h"
#include "oidc_throttle.h"

namespace leads {

constexpr const char* kApiAudience = "urn:leads:referrals-api";
constexpr const char* kApiScope = "urn:leads:referrals-api/user_impersonation";
constexpr const char* kDefaultSignInScopes = "openid profile offline_access urn:leads:referrals-api/user_impersonation";

struct OidcProvider {
  ClientRegistry clients;
  AccountStore accounts;
  SessionStore sessions;
  CodeStore codes;
  SignInThrottle throttle;
};

}  // namespace leads
