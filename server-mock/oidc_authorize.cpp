// The authorization endpoint.
//
// [SECTION] checking the request
// [SECTION] answers
// [SECTION] the endpoint
#include "oidc_authorize.h"

#include <algorithm>
#include <cctype>

#include "oidc_http.h"
#include "oidc_page.h"
#include "oidc_scopes.h"

namespace leads {

namespace {

// [SECTION] checking the request -----------------------------------------------------------------

constexpr std::size_t kMaxStateLength = 1024;
constexpr std::size_t kMaxNonceLength = 512;
constexpr std::size_t kMaxEmailLength = 320;
constexpr std::size_t kMaxPasswordLength = 1024;

// A request that passed every check: what the code will be bound to.
struct AuthorizeRequest {
  const OidcClient* client = nullptr;
  std::string redirect_uri;
  std::string state;
  std::string nonce;
  std::string scope;
  std::string code_challenge;
  std::string prompt;
};

// An error for the client, sent to its redirect URI (RFC 6749 4.1.2.1).
struct ClientError {
  std::string error;
  std::string description;
};

bool is_base64url(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

// Everything but the client and its redirect URI, which are checked first (their errors are never redirected).
std::optional<ClientError> check_request(const OidcParams& params, AuthorizeRequest& out) {
  if (params.has("request")) return ClientError{"request_not_supported", "request objects are not supported"};
  if (params.has("request_uri")) return ClientError{"request_uri_not_supported", "request_uri is not supported"};
  const std::string& response_type = params.get("response_type");
  if (response_type.empty()) return ClientError{"invalid_request", "response_type is required"};
  if (response_type != "code")
    return ClientError{"unsupported_response_type", "only response_type=code (the authorization code flow)"};
  if (params.has("response_mode") && params.get("response_mode") != "query")
    return ClientError{"invalid_request", "only response_mode=query is supported"};
  if (params.get("state").empty()) return ClientError{"invalid_request", "state is required"};
  if (params.get("state").size() > kMaxStateLength) return ClientError{"invalid_request", "state is too long"};
  out.state = params.get("state");
  out.scope = params.get("scope");
  if (auto problem = scope_problem(out.scope)) return ClientError{"invalid_scope", *problem};
  out.nonce = params.get("nonce");
  if (out.nonce.empty()) return ClientError{"invalid_request", "nonce is required"};
  if (out.nonce.size() > kMaxNonceLength) return ClientError{"invalid_request", "nonce is too long"};
  out.code_challenge = params.get("code_challenge");
  if (out.code_challenge.empty()) return ClientError{"invalid_request", "code_challenge is required (PKCE)"};
  if (params.get("code_challenge_method") != "S256")
    return ClientError{"invalid_request", "code_challenge_method must be S256"};
  if (out.code_challenge.size() != 43 || !is_base64url(out.code_challenge))
    return ClientError{"invalid_request", "code_challenge must be BASE64URL(SHA256(code_verifier)): 43 characters"};
  out.prompt = params.get("prompt");
  if (!out.prompt.empty() && out.prompt != "none" && out.prompt != "login" && out.prompt != "consent" &&
      out.prompt != "select_account")
    return ClientError{"invalid_request", "prompt must be none, login, consent or select_account (one of them)"};
  if (params.get("login_hint").size() > kMaxEmailLength)
    return ClientError{"invalid_request", "login_hint is too long"};
  return std::nullopt;
}

// [SECTION] answers ------------------------------------------------------------------------------

void redirect_error(const httplib::Request& req, httplib::Response& res, const ServerContext& context,
                    const std::string& redirect_uri, const std::string& state, const ClientError& error) {
  std::vector<std::pair<std::string, std::string>> query = {{"error", error.error},
                                                            {"error_description", error.description}};
  if (!state.empty() && state.size() <= kMaxStateLength) query.emplace_back("state", state);
  query.emplace_back("iss", context.origin);  // RFC 9207: which provider answered
  redirect_to(res, req, with_query(redirect_uri, query));
}

// A code for the session's account, sent to the client.
void redirect_with_code(const httplib::Request& req, httplib::Response& res, ServerContext& context,
                        const AuthorizeRequest& request, const ProviderSession& session) {
  AuthorizationCode grant;
  grant.client_id = request.client->id;
  grant.redirect_uri = request.redirect_uri;
  grant.code_challenge = request.code_challenge;
  grant.nonce = request.nonce;
  grant.scope = request.scope;
  grant.oid = session.oid;
  grant.sid = session.sid;
  grant.auth_time = session.auth_time;
  const std::string code = context.oidc.codes.issue(grant, context.clock.now());
  if (code.empty())
    return redirect_error(req, res, context, request.redirect_uri, request.state,
                          {"temporarily_unavailable", "too many sign-ins at once; try again"});
  redirect_to(res, req,
              with_query(request.redirect_uri, {{"code", code}, {"state", request.state}, {"iss", context.origin}}));
}

// The parameters the sign-in form posts back: the request as it was checked.
std::vector<std::pair<std::string, std::string>> hidden_fields(const OidcParams& params) {
  std::vector<std::pair<std::string, std::string>> fields;
  for (const char* name : {"response_type", "client_id", "redirect_uri", "scope", "state", "nonce", "code_challenge",
                           "code_challenge_method", "response_mode", "ui_locales"})
    if (params.has(name)) fields.emplace_back(name, params.get(name));
  return fields;
}

void show_sign_in(httplib::Response& res, ServerContext& context, const OidcParams& params, PageLanguage language,
                  const std::string& email, bool wrong_credentials) {
  SignInPage page;
  page.language = language;
  page.hidden = hidden_fields(params);
  page.email = email;
  page.wrong_credentials = wrong_credentials;
  page.form_origins = context.oidc.clients.redirect_origins();
  send_sign_in_page(res, page);
}

// POST: the form's e-mail and password.
void sign_in(const httplib::Request& req, httplib::Response& res, ServerContext& context, const OidcParams& params,
             const AuthorizeRequest& request, PageLanguage language) {
  if (from_another_site(req, context.origin)) return send_notice_page(res, language, Notice::OtherSite);
  const std::string& email = params.get("email");
  const std::string& password = params.get("password");
  const TimeMs now = context.clock.now();
  if (const auto until = context.oidc.throttle.blocked_until(email, req.remote_addr, now))
    return send_notice_page(res, language, Notice::Throttled, (*until - now + 999) / 1000);
  std::optional<Account> account;
  if (!email.empty() && !password.empty() && email.size() <= kMaxEmailLength && password.size() <= kMaxPasswordLength)
    account = context.oidc.accounts.sign_in(email, password);
  if (!account) {
    context.oidc.throttle.record_failure(email, req.remote_addr, now);
    return show_sign_in(res, context, params, language, email.substr(0, kMaxEmailLength), true);
  }
  context.oidc.throttle.record_success(email);
  const auto started = context.oidc.sessions.start(account->oid, cookie_of(req, kSessionCookie), Clock::system_now());
  if (!started) return send_notice_page(res, language, Notice::Unavailable);
  set_session_cookie(res, started->cookie, context.origin);
  redirect_with_code(req, res, context, request, started->session);
}

}  // namespace

// [SECTION] the endpoint -------------------------------------------------------------------------

void handle_authorize(const httplib::Request& req, httplib::Response& res, ServerContext& context) {
  if (refuse_other_methods(req, res, OauthMethods::GetOrPost)) return;
  const OidcParams params = read_params(req);
  const PageLanguage language = page_language(req, params.get("ui_locales").substr(0, 256));
  if (!params.problem.empty()) return send_notice_page(res, language, Notice::BadRequest);
  AuthorizeRequest request;
  request.client = context.oidc.clients.find(params.get("client_id"));
  if (!request.client) return send_notice_page(res, language, Notice::UnknownClient);
  request.redirect_uri = params.get("redirect_uri");
  if (!context.oidc.clients.redirect_allowed(*request.client, request.redirect_uri))
    return send_notice_page(res, language, Notice::RedirectNotAllowed);
  if (const auto error = check_request(params, request))
    return redirect_error(req, res, context, request.redirect_uri, params.get("state"), *error);

  if (req.method == "POST") return sign_in(req, res, context, params, request, language);
  const bool ask_again = request.prompt == "login" || request.prompt == "select_account";
  if (!ask_again) {
    if (const auto session = context.oidc.sessions.find_by_cookie(cookie_of(req, kSessionCookie), Clock::system_now()))
      return redirect_with_code(req, res, context, request, *session);
  }
  if (request.prompt == "none")
    return redirect_error(req, res, context, request.redirect_uri, request.state,
                          {"login_required", "no one is signed in at the provider"});
  show_sign_in(res, context, params, language, params.get("login_hint"), false);
}

}  // namespace leads
