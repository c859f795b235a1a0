// Bearer-token authentication (RS256 access tokens of this server's own issuer) and the read/act role gate.
#include "auth.h"

#include "http_util.h"

namespace leads {

namespace {

// A quoted-string of RFC 7230: the problems are plain sentences, but a quote or backslash must not end it early.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) out += c;
  }
  return out + "\"";
}

}  // namespace

std::optional<Caller> authenticate(const httplib::Request& req, httplib::Response& res, const ServerContext& context,
                                   Access access) {
  // RFC 6750 3: no error attributes when the request carries no bearer token at all.
  auto refuse = [&](const std::string& message, bool token_sent) -> std::optional<Caller> {
    std::string challenge = "Bearer realm=\"leads\"";
    if (token_sent) challenge += ", error=\"invalid_token\", error_description=" + quoted(message);
    res.set_header("WWW-Authenticate", challenge);
    send_error(res, 401, "unauthenticated", message);
    return std::nullopt;
  };
  const std::string header = req.get_header_value("Authorization");
  if (header.empty()) return refuse("an Authorization: Bearer token is required", false);
  if (header.size() < 7 || (header.compare(0, 7, "Bearer ") != 0 && header.compare(0, 7, "bearer ") != 0))
    return refuse("the Authorization header must be a Bearer token", false);
  if (!context.keys) return refuse("this server has no signing keys", true);
  JwtExpectations expected;
  expected.issuer = context.origin;
  expected.audience = kTokenAudience;
  // Token lifetimes follow real time, as a real identity provider's would (clock.h).
  expected.now = Clock::system_now();
  const JwtCheck check = verify_jwt(trim(header.substr(7)), *context.keys, expected);
  if (!check.claims) return refuse(check.problem, true);

  const Identity identity = identity_from_claims(*check.claims);
  Caller caller{identity, role_from_claims(identity.roles)};
  if (!role_may_read(caller.role)) {
    send_error(res, 403, "accessDenied", "the signed-in user has no role that may use referrals");
    return std::nullopt;
  }
  if (access == Access::Act && !role_may_act(caller.role)) {
    send_error(res, 403, "accessDenied", "the signed-in user's role may read referrals but not change them");
    return std::nullopt;
  }
  return caller;
}

}  // namespace leads
