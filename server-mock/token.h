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

// Who issues the mock's tokens and for whom: signed into every token and required by verify_token.
constexpr const char* kTokenIssuer = "urn:leads:server-mock";
constexpr const char* kTokenAudience = "urn:leads:referrals-api";
// Leeway for the clocks of the signer and the server when checking nbf.
constexpr TimeMs kTokenClockSkewMs = 60 * 1000;

std::string base64url_encode(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);

// A compact JWS (header.payload.signature) over the identity, signed with HMAC-SHA256.
std::string sign_token(const Identity& identity, const std::string& secret);

struct TokenCheck {
  std::optional<Identity> identity;
  std::string problem;  // why it was refused, when identity is empty
};

// Verifies format, algorithm, the signature (only its canonical base64url text), iss, aud, nbf and exp (against
// `now`).
TokenCheck verify_token(std::string_view token, const std::string& secret, TimeMs now);

// The signing secret of the data folder holding `db`: read from "server-mock.secret" beside it, or created there
// (32 random bytes, hex, mode 0600) when absent. Empty with `error` set when it cannot be read or created, or
// when others may read it.
std::string data_folder_secret(const std::string& db, std::string& error);

// `bytes` random bytes from the system's generator, as lower-case hex; empty if it failed.
std::string random_hex(std::size_t bytes);

}  // namespace leads
