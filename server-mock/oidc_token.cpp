// The token endpoint and the tokens it issues.
//
// [SECTION] tokens
// [SECTION] grants
// [SECTION] the endpoint
#include "oidc_token.h"

#include <algorithm>
#include <cctype>

#include "domain/referral_json.h"
#include "oidc_http.h"
#include "oidc_scopes.h"
#include "oidc_secrets.h"
#include "token.h"

namespace leads {

namespace {

// [SECTION] tokens -------------------------------------------------------------------------------

// Token lifetimes follow real time, as the API's check does (clock.h): a test-mode clock moved by days must not sign
// anyone out. Codes and the sign-in throttle follow the test-mode clock, so tests can expire them.
TimeMs token_now() {
  return Clock::system_now();
}

// What a set of tokens is issued for.
struct Issue {
  const Account* account = nullptr;
  std::string client_id;
  std::string sid;
  std::string scope;
  std::string nonce;  // only for the code's ID token (OIDC Core 12.2: not on refresh)
  TimeMs auth_time = 0;
};

Identity identity_of(const Account& account, TimeMs now, TimeMs lifetime) {
  Identity who;
  who.name = account.name;
  who.email = account.email;
  who.oid = account.oid;
  who.tid = account.tid;
  who.roles = {account.role};
  who.issued_at = now;
  who.expires_at = now + lifetime;
  return who;
}

// The ID token tells the client who signed in: for the client (aud), with the request's nonce and the session.
Json id_token_claims(const Identity& who, const Issue& issue, const std::string& issuer) {
  Json claims = identity_claims(who, issuer, issue.client_id, issue.sid);
  claims["auth_time"] = issue.auth_time / 1000;
  if (!issue.nonce.empty()) claims["nonce"] = issue.nonce;
  return claims;
}

// The access token's claims are the API's (token.h), the same as the dev sign-in's.
void send_tokens(httplib::Response& res, const ServerContext& context, const Issue& issue,
                 const std::string& refresh_token) {
  const long long lifetime_s = context.options.access_token_seconds;
  const Identity who = identity_of(*issue.account, token_now(), lifetime_s * 1000);
  Json body = {
      {"access_token", context.keys->sign(access_token_claims(who, context.origin, issue.client_id, issue.sid))},
      {"token_type", "Bearer"},
      {"expires_in", lifetime_s},
      {"scope", issue.scope},
      {"id_token", context.keys->sign(id_token_claims(who, issue, context.origin))}};
  if (!refresh_token.empty()) body["refresh_token"] = refresh_token;
  send_oauth_json(res, 200, dump_json(body));
}

// [SECTION] grants -------------------------------------------------------------------------------

// RFC 7636 4.1: 43 to 128 characters of [A-Z a-z 0-9 - . _ ~].
bool is_code_verifier(const std::string& text) {
  return text.size() >= 43 && text.size() <= 128 && std::all_of(text.begin(), text.end(), [](unsigned char c) {
           return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
         });
}

void authorization_code_grant(httplib::Response& res, ServerContext& context, const OidcParams& params,
                              const OidcClient& client) {
  const std::string& code = params.get("code");
  const std::string& verifier = params.get("code_verifier");
  if (code.empty()) return send_oauth_error(res, 400, "invalid_request", "code is required");
  if (!params.has("redirect_uri")) return send_oauth_error(res, 400, "invalid_request", "redirect_uri is required");
  if (verifier.empty()) return send_oauth_error(res, 400, "invalid_request", "code_verifier is required (PKCE)");
  if (!is_code_verifier(verifier))
    return send_oauth_error(res, 400, "invalid_request", "code_verifier must be 43 to 128 unreserved characters");

  const TakenCode taken = context.oidc.codes.take(code, context.clock.now());
  switch (taken.outcome) {
    case CodeOutcome::Unknown: return send_oauth_error(res, 400, "invalid_grant", "the code is not valid");
    case CodeOutcome::Expired: return send_oauth_error(res, 400, "invalid_grant", "the code has expired");
    case CodeOutcome::Reused:
      if (!taken.family_id.empty()) context.oidc.sessions.revoke_family(taken.family_id, "code reused", token_now());
      return send_oauth_error(res, 400, "invalid_grant",
                              "the code was already used; the tokens issued for it are revoked");
    case CodeOutcome::Fresh: break;
  }
  const AuthorizationCode& grant = taken.code;
  if (grant.client_id != client.id)
    return send_oauth_error(res, 400, "invalid_grant", "the code was issued to another client");
  if (grant.redirect_uri != params.get("redirect_uri"))
    return send_oauth_error(res, 400, "invalid_grant", "redirect_uri is not the one the code was issued for");
  if (!equal_in_constant_time(sha256_base64url(verifier), grant.code_challenge))
    return send_oauth_error(res, 400, "invalid_grant", "the code_verifier does not match the code_challenge");
  const TimeMs now = token_now();
  if (!context.oidc.sessions.find(grant.sid, now))
    return send_oauth_error(res, 400, "invalid_grant", "the sign-in this code came from has ended");
  const std::optional<Account> account = context.oidc.accounts.find(grant.oid);
  if (!account) return send_oauth_error(res, 400, "invalid_grant", "the account no longer exists");

  Issue issue{&*account, client.id, grant.sid, grant.scope, grant.nonce, grant.auth_time};
  std::string refresh_token;
  if (has_scope(grant.scope, "offline_access")) {
    RefreshGrant family{"", grant.sid, client.id, grant.oid, grant.scope, grant.auth_time};
    refresh_token = context.oidc.sessions.start_family(family, now);
    if (refresh_token.empty())
      return send_oauth_error(res, 503, "temporarily_unavailable", "the refresh token could not be stored");
    if (context.oidc.codes.note_family(code, family.family_id)) {  // the code came again meanwhile
      context.oidc.sessions.revoke_family(family.family_id, "code reused", now);
      return send_oauth_error(res, 400, "invalid_grant", "the code was used twice; its tokens are revoked");
    }
  }
  send_tokens(res, context, issue, refresh_token);
}

void refresh_token_grant(httplib::Response& res, ServerContext& context, const OidcParams& params,
                         const OidcClient& client) {
  const std::string& token = params.get("refresh_token");
  if (token.empty()) return send_oauth_error(res, 400, "invalid_request", "refresh_token is required");
  const TimeMs now = token_now();
  RefreshResult result = context.oidc.sessions.rotate(token, client.id, params.get("scope"), now);
  switch (result.outcome) {
    case RefreshOutcome::Unknown: return send_oauth_error(res, 400, "invalid_grant", "the refresh token is not valid");
    case RefreshOutcome::OtherClient:
      return send_oauth_error(res, 400, "invalid_grant", "the refresh token was issued to another client");
    case RefreshOutcome::WiderScope:
      return send_oauth_error(res, 400, "invalid_scope",
                              "a refresh may narrow the scope it was granted (keeping openid), never widen it");
    case RefreshOutcome::Reused:
      return send_oauth_error(res, 400, "invalid_grant",
                              "the refresh token was already used; every token of its family is revoked");
    case RefreshOutcome::Ended:
      return send_oauth_error(res, 400, "invalid_grant", "the refresh token's sign-in has ended; sign in again");
    case RefreshOutcome::Rotated: break;
  }
  const RefreshGrant& grant = result.grant;
  const std::string scope = params.get("scope").empty() ? grant.scope : params.get("scope");
  const std::optional<Account> account = context.oidc.accounts.find(grant.oid);
  if (!account) {
    context.oidc.sessions.revoke_family(grant.family_id, "account gone", now);
    return send_oauth_error(res, 400, "invalid_grant", "the account no longer exists");
  }
  Issue issue{&*account, client.id, grant.sid, scope, "", grant.auth_time};
  send_tokens(res, context, issue, result.token);
}

}  // namespace

// [SECTION] the endpoint -------------------------------------------------------------------------

bool answer_cors(const httplib::Request& req, httplib::Response& res, const ServerContext& context) {
  const std::string origin = req.get_header_value("Origin");
  const bool allowed = context.oidc.clients.origin_allowed(origin);
  if (allowed) {
    res.set_header("Access-Control-Allow-Origin", origin);
    res.set_header("Vary", "Origin");
  }
  if (req.method != "OPTIONS") return false;
  res.status = 204;
  res.set_header("Allow", "POST, OPTIONS");
  if (allowed) {
    res.set_header("Access-Control-Allow-Methods", "POST");
    res.set_header("Access-Control-Allow-Headers", "Content-Type");
    res.set_header("Access-Control-Max-Age", "600");
  }
  return true;
}

void handle_token(const httplib::Request& req, httplib::Response& res, ServerContext& context) {
  if (answer_cors(req, res, context)) return;
  if (refuse_other_methods(req, res, OauthMethods::Post)) return;
  const OidcParams params = read_params(req);
  if (!params.problem.empty()) return send_oauth_error(res, 400, "invalid_request", params.problem);
  const std::string& grant_type = params.get("grant_type");
  if (grant_type.empty()) return send_oauth_error(res, 400, "invalid_request", "grant_type is required");
  if (!params.has("client_id")) return send_oauth_error(res, 400, "invalid_request", "client_id is required");
  const OidcClient* client = context.oidc.clients.find(params.get("client_id"));
  if (!client) return send_oauth_error(res, 401, "invalid_client", "the client is not registered");
  if (!context.keys) return send_oauth_error(res, 503, "temporarily_unavailable", "no signing key");
  if (grant_type == "authorization_code") return authorization_code_grant(res, context, params, *client);
  if (grant_type == "refresh_token") return refresh_token_grant(res, context, params, *client);
  send_oauth_error(res, 400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
}

}  // namespace leads
