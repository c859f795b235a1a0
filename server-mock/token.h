// Tokens as JWTs: their base64url segments, the access token's claims, who a checked token names, and random text.
// Signing and checking with the RSA keys: key_ring.h (KeyRing::sign, verify_jwt).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/encoding.h"
#include "domain/jwt_segments.h"
#include "domain/referral_json.h"
#include "domain/timestamp.h"
#include "key_ring.h"

namespace leads {

// The API's own audience: every access token for the referrals API carries it in `aud`.
constexpr const char* kTokenAudience = "urn:leads:referrals-api";
// A token longer than this is refused before anything is decoded. Below the HTTP front's 8 KiB header line
// (http_limits.h), so that an over-long bearer token gets the API's 401 saying why rather than a bare 431.
constexpr std::size_t kMaxTokenBytes = 7 * 1024;

struct Identity {
  std::string name;
  std::string email;
  std::string oid;
  std::string tid;  // the partner's tenant
  std::vector<std::string> roles;
  TimeMs issued_at = 0;   // ms
  TimeMs expires_at = 0;  // ms
};

// Who signed in, for `audience` (the API, or a client for an ID token): iss, aud, sub, oid, tid, name, email,
// preferred_username, roles, sid (the provider session), iat, nbf, exp.
Json identity_claims(const Identity& who, const std::string& issuer, const std::string& audience,
                     const std::string& session_id);
// The claims of an access token for the referrals API (what Entra ID puts in one): iss, aud, sub, oid, tid, name,
// email, preferred_username, roles, scp, azp (the client), sid (the provider session), iat, nbf, exp, jti.
Json access_token_claims(const Identity& who, const std::string& issuer, const std::string& client_id,
                         const std::string& session_id);

// Who a checked token's claims name (name, email, oid, tid, roles, iat, exp).
Identity identity_from_claims(const Json& claims);

// A JWT taken apart without trusting it: the segments as sent, the header decoded (a JSON object). `problem` says
// why not, when the header is empty.
struct JwtParts {
  std::optional<Json> header;
  std::string_view signing_input;  // header.payload, as sent
  std::string_view payload;        // base64url, as sent
  std::string_view signature;      // base64url, as sent
  std::string problem;
};
JwtParts split_jwt(std::string_view token);
// The payload segment as a JSON object, or nullopt.
std::optional<Json> decode_jwt_payload(std::string_view payload);

// `bytes` random bytes from the system's generator, as lower-case hex or as base64url; empty if it failed.
std::string random_hex(std::size_t bytes);
std::string random_base64url(std::size_t bytes);

}  // namespace leads
