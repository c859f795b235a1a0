// A compact JWT taken apart without trusting it, the one way the client (its token's claims, the OIDC ID token)
// and server-mock (before it checks the signature) split one and read its JSON segments.
#pragma once
#include <optional>
#include <string_view>

#include "domain/referral_json.h"

namespace leads {

// The three segments as sent (RFC 7519 §7.2: exactly two dots); nullopt for any other shape.
struct JwtSegments {
  std::string_view header, payload, signature;
  std::string_view signing_input;  // header.payload, as the signature covers it
};
std::optional<JwtSegments> jwt_segments(std::string_view token);

// A segment decoded (strict base64url) and read as one JSON object within `limits`; nullopt otherwise.
std::optional<Json> jwt_segment_object(std::string_view segment, const JsonLimits& limits);

}  // namespace leads
