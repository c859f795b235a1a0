// Signed identity tokens: HS256 JWTs as the mock's stand-in for Entra ID access tokens.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/timestamp.h"

namespace leads {

struct Identity {
  std::string name;
  std::string email;
  std::string oid;
  std::vector<std::string> roles;
  TimeMs issued_at = 0;   // ms
  TimeMs expires_at = 0;  // ms
};

std::string base64url_encode(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);

// A compact JWS (header.payload.signature) over the identity, signed with HMAC-SHA256.
std::string sign_token(const Identity& identity, const std::string& secret);

struct TokenCheck {
  std::optional<Identity> identity;
  std::string problem;  // why it was refused, when identity is empty
};

// Verifies format, algorithm, signature and expiry (against `now`).
TokenCheck verify_token(std::string_view token, const std::string& secret, TimeMs now);

}  // namespace leads
