// The provider's routes and start-up.
#include "oidc.h"

#include "http_util.h"
#include "oidc_authorize.h"
#include "oidc_discovery.h"
#include "oidc_logout.h"
#include "oidc_page.h"
#include "oidc_token.h"

namespace leads {

bool open_oidc_provider(ServerContext& context, std::string& error) {
  context.oidc.clients = ClientRegistry(context.options.clients, context.origin);
  return context.oidc.accounts.open(context.options.db, error) && context.oidc.sessions.open(context.options.db, error);
}

bool is_oidc_path(const std::string& path) {
  return path == "/.well-known/openid-configuration" || path == "/jwks" || path == "/sign-in.css" ||
         takes_oidc_form(path);
}

bool takes_oidc_form(const std::string& path) {
  return path == "/authorize" || path == "/token" || path == "/logout" || path == "/revoke";
}

void handle_oidc(const httplib::Request& req, httplib::Response& res, ServerContext& context) {
  const std::string& path = req.path;
  if (path == "/.well-known/openid-configuration") return handle_discovery(req, res, context);
  if (path == "/jwks") return handle_jwks(req, res, context);
  if (path == "/authorize") return handle_authorize(req, res, context);
  if (path == "/token") return handle_token(req, res, context);
  if (path == "/logout") return handle_logout(req, res, context);
  if (path == "/revoke") return handle_revoke(req, res, context);
  if (path == "/sign-in.css") {
    if (req.method != "GET" && req.method != "HEAD") {
      res.set_header("Allow", "GET");
      return send_error(res, 405, "methodNotAllowed", "use GET");
    }
    return send_sign_in_css(res);
  }
  send_error(res, 404, "itemNotFound", "no resource at " + path);
}

}  // namespace leads
