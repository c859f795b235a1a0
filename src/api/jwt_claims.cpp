// JWT payload decoding: base64url, then the few claims the UI shows.
#include "api/jwt_claims.h"

#include "domain/jwt_segments.h"

namespace leads {

std::optional<TokenClaims> read_token_claims(const std::string& token) {
  const std::optional<JwtSegments> segments = jwt_segments(token);
  if (!segments) return std::nullopt;
  const std::optional<Json> payload = jwt_segment_object(segments->payload, JsonLimits{16 * 1024, 8});
  if (!payload) return std::nullopt;
  const Json& json = *payload;
  TokenClaims claims;
  auto text = [&](const char* key) {
    auto it = json.find(key);
    return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  claims.name = text("name");
  claims.email = text("email");
  claims.oid = text("oid");
  claims.tid = text("tid");
  auto roles = json.find("roles");
  if (roles != json.end() && roles->is_array())
    for (const Json& role : *roles)
      if (role.is_string()) claims.roles.push_back(role.get<std::string>());
  auto exp = json.find("exp");
  if (exp != json.end() && exp->is_number()) claims.expires_at = static_cast<TimeMs>(exp->get<double>() * 1000);
  return claims;
}

}  // namespace leads
