// JWTs taken apart and checked (verify_jwt), the access token's claims, base64url and random text. JSON is read
// with the domain's bounded parser; the signature is checked by the key ring.
//
// [SECTION] base64url
// [SECTION] claims
// [SECTION] checking
// [SECTION] random text
#include "token.h"

#include <openssl/rand.h>

#include <cctype>
#include <cmath>

namespace leads {

namespace {}  // namespace

// [SECTION] base64url ----------------------------------------------------------------------------

// [SECTION] claims -----------------------------------------------------------------------------------------

Json identity_claims(const Identity& who, const std::string& issuer, const std::string& audience,
                     const std::string& session_id) {
  return Json{{"iss", issuer},
              {"aud", audience},
              {"sub", who.oid},
              {"oid", who.oid},
              {"tid", who.tid},
              {"name", who.name},
              {"email", who.email},
              {"preferred_username", who.email},
              {"roles", who.roles},
              {"sid", session_id},
              {"iat", who.issued_at / 1000},
              {"nbf", who.issued_at / 1000},
              {"exp", who.expires_at / 1000}};
}

Json access_token_claims(const Identity& who, const std::string& issuer, const std::string& client_id,
                         const std::string& session_id) {
  Json claims = identity_claims(who, issuer, kTokenAudience, session_id);
  claims["scp"] = "user_impersonation";
  claims["azp"] = client_id;
  claims["jti"] = random_base64url(16);
  return claims;
}

namespace {

std::string text_claim(const Json& claims, const char* key) {
  auto it = claims.find(key);
  return it != claims.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// NumericDate claims: seconds from 1970 up to year 9999, so that milliseconds never overflow.
std::optional<TimeMs> seconds_claim(const Json& claims, const char* key) {
  auto it = claims.find(key);
  if (it == claims.end() || !it->is_number()) return std::nullopt;
  const double value = it->get<double>();
  if (!std::isfinite(value) || value < 0 || value > 253402300799.0) return std::nullopt;
  return static_cast<TimeMs>(value) * 1000;
}

}  // namespace

Identity identity_from_claims(const Json& claims) {
  Identity identity;
  identity.name = text_claim(claims, "name");
  identity.email = text_claim(claims, "email");
  identity.oid = text_claim(claims, "oid");
  identity.tid = text_claim(claims, "tid");
  identity.issued_at = seconds_claim(claims, "iat").value_or(0);
  identity.expires_at = seconds_claim(claims, "exp").value_or(0);
  auto roles = claims.find("roles");
  if (roles != claims.end() && roles->is_array())
    for (const Json& role : *roles)
      if (role.is_string()) identity.roles.push_back(role.get<std::string>());
  return identity;
}

// [SECTION] checking ---------------------------------------------------------------------------------------

JwtParts split_jwt(std::string_view token) {
  JwtParts parts;
  if (token.size() > kMaxTokenBytes) {
    parts.problem = "the token is longer than " + std::to_string(kMaxTokenBytes / 1024) + " KiB";
    return parts;
  }
  const std::optional<JwtSegments> segments = jwt_segments(token);
  if (!segments) {
    parts.problem = "the token is not a JWT (header.payload.signature)";
    return parts;
  }
  parts.signing_input = segments->signing_input;
  parts.payload = segments->payload;
  parts.signature = segments->signature;
  parts.header = jwt_segment_object(segments->header, JsonLimits{kMaxTokenBytes, 4});
  if (!parts.header)
    parts.problem = base64url_decode(segments->header) ? "the token's header is not a JSON object"
                                                       : "the token's header is not base64url";
  return parts;
}

std::optional<Json> decode_jwt_payload(std::string_view payload) {
  return jwt_segment_object(payload, JsonLimits{kMaxTokenBytes, 8});
}

// The one way to the key ring's signature check (a friend of KeyRing).
struct JwtVerifier {
  static KeyRing::SignatureCheck check(const KeyRing& keys, std::string_view kid, std::string_view input,
                                       std::string_view signature) {
    return keys.check_signature(kid, input, signature);
  }
};

JwtCheck verify_jwt(std::string_view token, const KeyRing& keys, const JwtExpectations& expected) {
  JwtCheck check;
  auto refuse = [&](std::string problem) {
    check.problem = std::move(problem);
    return check;
  };
  const JwtParts parts = split_jwt(token);
  if (!parts.header) return refuse(parts.problem);
  const Json& header = *parts.header;
  const std::string alg = text_claim(header, "alg");
  std::string alg_lower = alg;
  for (char& c : alg_lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (alg_lower == "none") return refuse("the token is not signed (alg none is refused)");
  if (alg != "RS256") return refuse("only RS256 tokens are accepted");
  // RFC 7515 4.1.11: a token that needs an extension this server does not implement must be refused.
  if (header.contains("crit")) return refuse("the token needs header extensions (crit) this server does not know");
  auto kid = header.find("kid");
  if (kid == header.end() || !kid->is_string()) return refuse("the token's signing key (kid) is unknown");

  // Only the canonical base64url text of a signature passes: no padding, no stray low bits, no second spelling.
  const auto signature = base64url_decode(parts.signature);
  const bool canonical = signature && base64url_encode(*signature) == parts.signature;
  const KeyRing::SignatureCheck verdict =
      JwtVerifier::check(keys, kid->get<std::string>(), parts.signing_input, canonical ? *signature : std::string());
  if (verdict == KeyRing::SignatureCheck::UnknownKey) return refuse("the token's signing key (kid) is unknown");
  if (!canonical || verdict != KeyRing::SignatureCheck::Valid) return refuse("the token's signature is not valid");

  std::optional<Json> payload = decode_jwt_payload(parts.payload);
  if (!payload) return refuse("the token's payload is not a JSON object");
  const Json& claims = *payload;
  if (text_claim(claims, "iss") != expected.issuer)
    return refuse("the token was not issued by " + expected.issuer + " (iss)");
  bool audience_ok = text_claim(claims, "aud") == expected.audience;
  if (auto aud = claims.find("aud"); aud != claims.end() && aud->is_array())
    for (const Json& audience : *aud) audience_ok = audience_ok || audience == Json(expected.audience);
  if (!audience_ok) return refuse("the token is not meant for " + expected.audience + " (aud)");
  const auto exp = seconds_claim(claims, "exp");
  if (!exp) return refuse("the token has no valid expiry (exp)");
  if (!expected.accept_expired && *exp <= expected.now) return refuse("the token has expired");
  if (claims.contains("nbf")) {
    const auto nbf = seconds_claim(claims, "nbf");
    if (!nbf || *nbf > expected.now + kTokenClockSkewMs) return refuse("the token is not valid yet (nbf)");
  }
  check.claims = std::move(payload);
  return check;
}

// [SECTION] random text ------------------------------------------------------------------------------------

std::string random_hex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(&raw[0]), static_cast<int>(bytes)) != 1) return {};
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::string random_base64url(std::size_t bytes) {
  std::string raw(bytes, '\0');
  if (bytes == 0 || RAND_bytes(reinterpret_cast<unsigned char*>(&raw[0]), static_cast<int>(bytes)) != 1) return {};
  return base64url_encode(raw);
}

}  // namespace leads
