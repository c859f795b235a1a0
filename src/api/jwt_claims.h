// Reads the claims of a bearer token to adapt the UI (who is signed in, what they may do); the server decides.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/encoding.h"
#include "domain/timestamp.h"

namespace leads {

struct TokenClaims {
  std::string name;
  std::string email;
  std::string oid;
  std::string tid;  // the tenant: with oid, whose list snapshot this session may read
  std::vector<std::string> roles;
  std::optional<TimeMs> expires_at;
};

// No signature check here (the client has no key): a malformed token gives nullopt.
std::optional<TokenClaims> read_token_claims(const std::string& token);

}  // namespace leads
