// Bearer-token authentication and the read/act role gate.
#include "auth.h"

#include "http_util.h"

namespace leads {

std::optional<Caller> authenticate(const httplib::Request& req, httplib::Response& res, const ServerContext& context,
                                   Access access) {
  auto refuse = [&](const std::string& message) -> std::optional<Caller> {
    res.set_header("WWW-Authenticate", "Bearer");
    send_error(res, 401, "unauthenticated", message);
    return std::nullopt;
  };
  const std::string header = req.get_header_value("Authorization");
  if (header.empty()) return refuse("an Authorization: Bearer token is required");
  if (header.size() < 7 || (header.compare(0, 7, "Bearer ") != 0 && header.compare(0, 7, "bearer ") != 0))
    return refuse("the Authorization header must be a Bearer token");
  const TokenCheck check = verify_token(trim(header.substr(7)), context.options.secret, Clock::system_now());
  if (!check.identity) return refuse(check.problem);

  Caller caller{*check.identity, role_from_claims(check.identity->roles)};
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
