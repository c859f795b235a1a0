// The discovery document and the JWKS.
#include "oidc_discovery.h"

#include "domain/referral_json.h"
#include "http_util.h"
#include "oidc_scopes.h"

namespace leads {

namespace {
bool only_get(const httplib::Request& req, httplib::Response& res) {
  if (req.method == "GET" || req.method == "HEAD") return true;
  res.set_header("Allow", "GET");
  send_error(res, 405, "methodNotAllowed", "use GET");
  return false;
}

void send_public_json(httplib::Response& res, const Json& body) {
  res.set_header("Access-Control-Allow-Origin", "*");
  // Short: a rotated key is published at once, and clients re-read the JWKS when they meet an unknown kid.
  res.set_header("Cache-Control", "public, max-age=300");
  send_json(res, 200, body);
}
}  // namespace

void handle_discovery(const httplib::Request& req, httplib::Response& res, const ServerContext& context) {
  if (!only_get(req, res)) return;
  const std::string& issuer = context.origin;
  send_public_json(res, Json{{"issuer", issuer},
                             {"authorization_endpoint", issuer + "/authorize"},
                             {"token_endpoint", issuer + "/token"},
                             {"jwks_uri", issuer + "/jwks"},
                             {"end_session_endpoint", issuer + "/logout"},
                             {"revocation_endpoint", issuer + "/revoke"},
                             {"response_types_supported", {"code"}},
                             {"response_modes_supported", {"query"}},
                             {"grant_types_supported", {"authorization_code", "refresh_token"}},
                             {"subject_types_supported", {"public"}},
                             {"id_token_signing_alg_values_supported", {"RS256"}},
                             {"code_challenge_methods_supported", {"S256"}},
                             {"token_endpoint_auth_methods_supported", {"none"}},
                             {"revocation_endpoint_auth_methods_supported", {"none"}},
                             {"scopes_supported", supported_scopes()},
                             {"claims_supported",
                              {"sub", "iss", "aud", "exp", "iat", "nbf", "auth_time", "nonce", "sid", "oid", "tid",
                               "name", "email", "preferred_username", "roles"}},
                             {"prompt_values_supported", {"none", "login", "consent", "select_account"}},
                             {"ui_locales_supported", {"en", "tr"}},
                             {"authorization_response_iss_parameter_supported", true},
                             {"request_parameter_supported", false},
                             {"request_uri_parameter_supported", false}});
}

void handle_jwks(const httplib::Request& req, httplib::Response& res, const ServerContext& context) {
  if (!only_get(req, res)) return;
  if (!context.keys) return send_error(res, 503, "serviceNotAvailable", "no signing keys");
  send_public_json(res, context.keys->jwks());
}

}  // namespace leads
