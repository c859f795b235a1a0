// The rules of signing in with OpenID Connect and PKCE, as pure functions: the configuration, the round trip kept
// across the provider's page, the authorize URL, the provider's answer, the ID token's checks, renewal timing and
// sign-out. update_sign_in.cpp drives them; the browser only supplies randomness, SHA-256 and navigation.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/oidc_wire.h"
#include "domain/encoding.h"
#include "domain/timestamp.h"

namespace leads {

// [SECTION] configuration

// app-config.json's "signIn": who signs the user in, as whom this app asks, and where the provider sends them back.
struct SignInConfig {
  std::string authority;  // the issuer; discovery is at {authority}/.well-known/openid-configuration
  std::string client_id;
  std::string scopes;  // space-separated; must hold "openid"
  std::string redirect_uri;
};
// nullopt when a member is missing or empty, or the scopes lack openid.
std::optional<SignInConfig> read_sign_in_config(const std::string& config_json);

// [SECTION] the round trip

// How the provider's page is reached: a redirect with prompt=none at start (its session cookie answers at once), a
// redirect the user asked for, or a popup over a workspace whose open form must not be lost.
enum class SignInTrip { Silent, Redirect, Popup };

// What the browser's crypto gave for one sign-in: RFC 7636 verifier (32 random bytes) and its S256 challenge, and
// 16 random bytes each of state (ties the answer to this request: CSRF) and nonce (ties the ID token to it: replay).
struct PkceMaterial {
  std::string verifier;
  std::string challenge;
  std::string state;
  std::string nonce;
};

// One sign-in on its way through the provider's page: kept in sessionStorage across a redirect (in memory for a
// popup), removed as soon as the answer is read.
struct PendingSignIn {
  std::string state;
  std::string nonce;
  std::string verifier;
  std::string route;    // the deep link to land on ("#/lead/…"); never a token
  bool silent = false;  // prompt=none: a failure shows the sign-in screen, and is not tried again on this load
  TimeMs started_at = 0;
};
std::string pending_sign_in_json(const PendingSignIn& pending);
std::optional<PendingSignIn> read_pending_sign_in(const std::string& json);
// A round trip older than this is not accepted (the provider's codes live a minute; a login page can take longer).
constexpr TimeMs kPendingSignInLifetimeMs = 30 * 60 * 1000;

struct AuthorizeRequest {
  std::string challenge;
  std::string state;
  std::string nonce;
  bool silent = false;     // prompt=none
  std::string login_hint;  // who signed in before (signing in again), else empty
};
std::string authorize_url(const ProviderMetadata& provider, const SignInConfig& config,
                          const AuthorizeRequest& request);

// [SECTION] the provider's answer

// ?code=…&state=… or ?error=…&state=… on the redirect URI (RFC 6749 §4.1.2, §4.1.2.1).
struct CallbackQuery {
  std::string code;
  std::string state;  // empty when missing
  std::string error;
  std::string error_description;
};
// nullopt when the query is not an answer (neither code nor error).
std::optional<CallbackQuery> read_callback_query(const std::string& query);

enum class CallbackVerdict {
  Exchange,       // a code for the round trip this browser started: exchange it
  Refused,        // no round trip, another one's state, or a stale one: nothing is exchanged
  SilentFailed,   // prompt=none found no provider session (login_required, …): the sign-in screen, quietly
  ProviderError,  // the provider said no (access_denied, …)
};
struct CallbackOutcome {
  CallbackVerdict verdict = CallbackVerdict::Refused;
  std::string problem;  // i18n key for the sign-in screen, empty for none
  std::string detail;   // the provider's error code, shown beside it
};
CallbackOutcome check_callback(const CallbackQuery& answer, const std::optional<PendingSignIn>& pending, TimeMs now);

// [SECTION] the ID token

struct IdTokenClaims {
  std::string issuer;
  std::vector<std::string> audience;  // "aud" as a string or an array
  std::string subject;
  std::string nonce;
  std::string name;
  std::string email;
  std::string preferred_username;
  std::string session_id;  // sid
  std::vector<std::string> roles;
  std::optional<TimeMs> expires_at;
};
// The payload of a JWT; nullopt when it is not one. No signature check: the token came straight from the token
// endpoint over TLS, which is enough for the client (OIDC Core 3.1.3.7 (6)); the API checks the access token's.
std::optional<IdTokenClaims> read_id_token(const std::string& jwt);

struct IdTokenExpectation {
  std::string issuer;          // the discovery document's
  std::string client_id;       // must be among the audiences
  std::string nonce;           // the round trip's
  bool nonce_required = true;  // false for a refresh answer's ID token: it may leave the nonce out, not change it
  std::string subject;         // a refresh answer's ID token must be about the same user; empty: any
  TimeMs now = 0;
};
constexpr TimeMs kClockSkewMs = 60 * 1000;
// Empty when the token passes; else which check failed: "iss", "aud", "nonce", "sub", "exp".
std::string id_token_problem(const IdTokenClaims& claims, const IdTokenExpectation& expected);

// [SECTION] renewal

// When to renew a token of `lifetime_ms` after it arrived: at 75 % of its lifetime and at least 30 s before it
// expires, but never before half of it (short test lifetimes would otherwise renew at once, and again, and again).
TimeMs renewal_delay(TimeMs lifetime_ms);
// After a renewal that failed for want of an answer: try again halfway to expiry (1 s to 30 s); nullopt once the
// token has expired (the session has then ended).
std::optional<TimeMs> renewal_retry_delay(TimeMs now, TimeMs expires_at);

// [SECTION] sign-out

// The provider's end_session_endpoint with post_logout_redirect_uri and client_id (OIDC RP-Initiated Logout §2);
// empty when the provider has none. No id_token_hint: a token never goes into a URL (history, logs, Referer); the
// provider knows the session by its own cookie, and checks the return address against the client's registration.
std::string end_session_url(const ProviderMetadata& provider, const SignInConfig& config);

// What one tab tells the others on BroadcastChannel "leads-sign-in" (no token, no name).
std::string signed_out_news();
bool is_signed_out_news(const std::string& json);

}  // namespace leads
