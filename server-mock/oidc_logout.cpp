// The end-session and revocation endpoints.
#include "oidc_logout.h"

#include "oidc_http.h"
#include "oidc_page.h"
#include "oidc_token.h"

namespace leads {

namespace {

// The claims of an ID token this provider issued to `client_id` (any registered client when empty), expired or not:
// a sign-out often comes long after the ID token was issued.
std::optional<Json> id_token_hint_claims(const std::string& hint, const std::string& client_id,
                                         const ServerContext& context) {
  if (hint.empty() || !context.keys) return std::nullopt;
  for (const OidcClient& client : context.oidc.clients.all()) {
    if (!client_id.empty() && client.id != client_id) continue;
    JwtExpectations expected;
    expected.issuer = context.origin;
    expected.audience = client.id;
    expected.now = Clock::system_now();
    expected.accept_expired = true;
    JwtCheck check = verify_jwt(hint, *context.keys, expected);
    if (check.claims) return check.claims;
  }
  return std::nullopt;
}

std::string text_claim(const Json& claims, const char* name) {
  const auto it = claims.find(name);
  return it != claims.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

void handle_logout(const httplib::Request& req, httplib::Response& res, ServerContext& context) {
  if (refuse_other_methods(req, res, OauthMethods::GetOrPost)) return;
  const OidcParams params = read_params(req);
  const PageLanguage language = page_language(req, params.get("ui_locales").substr(0, 256));
  clear_session_cookie(res, context.origin);  // whatever else happens, this browser is signed out
  const TimeMs now = Clock::system_now();
  if (const auto session = context.oidc.sessions.find_by_cookie(cookie_of(req, kSessionCookie), now))
    context.oidc.sessions.end(session->sid, now);
  if (!params.problem.empty()) return send_notice_page(res, language, Notice::SignedOut);

  const auto hint = id_token_hint_claims(params.get("id_token_hint"), params.get("client_id"), context);
  if (hint) {
    const std::string sid = text_claim(*hint, "sid");
    if (!sid.empty()) context.oidc.sessions.end(sid, now);
  }
  // Back to the client only to an address registered for it, and only when we know which client asks: client_id,
  // or the audience of a valid hint.
  const std::string client_id = hint ? text_claim(*hint, "aud") : params.get("client_id");
  const OidcClient* client = context.oidc.clients.find(client_id);
  const std::string& back = params.get("post_logout_redirect_uri");
  if (client && !back.empty() && context.oidc.clients.redirect_allowed(*client, back)) {
    std::vector<std::pair<std::string, std::string>> query;
    if (!params.get("state").empty() && params.get("state").size() <= 1024)
      query.emplace_back("state", params.get("state"));
    return redirect_to(res, req, with_query(back, query));
  }
  send_notice_page(res, language, Notice::SignedOut);
}

void handle_revoke(const httplib::Request& req, httplib::Response& res, ServerContext& context) {
  if (answer_cors(req, res, context)) return;
  if (refuse_other_methods(req, res, OauthMethods::Post)) return;
  const OidcParams params = read_params(req);
  if (!params.problem.empty()) return send_oauth_error(res, 400, "invalid_request", params.problem);
  if (params.get("token").empty()) return send_oauth_error(res, 400, "invalid_request", "token is required");
  if (!params.has("client_id")) return send_oauth_error(res, 400, "invalid_request", "client_id is required");
  const OidcClient* client = context.oidc.clients.find(params.get("client_id"));
  if (!client) return send_oauth_error(res, 401, "invalid_client", "the client is not registered");
  // Access tokens are signed JWTs that live minutes: only refresh tokens can be revoked, others are ignored (RFC
  // 7009 2.2: the answer is 200 either way).
  context.oidc.sessions.revoke_token(params.get("token"), client->id, Clock::system_now());
  res.status = 200;
  res.set_header("Cache-Control", "no-store");
}

}  // namespace leads
