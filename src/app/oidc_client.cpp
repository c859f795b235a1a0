// OpenID Connect sign-in rules: configuration, the round trip, the authorize URL, the answer, the ID token, renewal.
//
// [SECTION] configuration
// [SECTION] the round trip
// [SECTION] the provider's answer
// [SECTION] the ID token
// [SECTION] renewal
// [SECTION] sign-out
#include "app/oidc_client.h"

#include <algorithm>

#include "api/jwt_claims.h"
#include "domain/jwt_segments.h"
#include "domain/referral_json.h"

namespace leads {

namespace {
std::string text_member(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool has_scope(const std::string& scopes, const std::string& wanted) {
  std::size_t start = 0;
  while (start <= scopes.size()) {
    std::size_t end = scopes.find(' ', start);
    if (end == std::string::npos) end = scopes.size();
    if (scopes.compare(start, end - start, wanted) == 0 && end - start == wanted.size()) return true;
    start = end + 1;
  }
  return false;
}
}  // namespace

// [SECTION] configuration ------------------------------------------------------------------------

std::optional<SignInConfig> read_sign_in_config(const std::string& config_json) {
  const ParsedJson parsed = parse_json_text(config_json, JsonLimits{64 * 1024, 4});
  if (parsed.error || !parsed.value.is_object()) return std::nullopt;
  auto sign_in = parsed.value.find("signIn");
  if (sign_in == parsed.value.end() || !sign_in->is_object()) return std::nullopt;
  SignInConfig config;
  config.authority = text_member(*sign_in, "authority");
  config.client_id = text_member(*sign_in, "clientId");
  config.scopes = text_member(*sign_in, "scopes");
  config.redirect_uri = text_member(*sign_in, "redirectUri");
  if (config.authority.empty() || config.client_id.empty() || config.redirect_uri.empty() ||
      !has_scope(config.scopes, "openid"))
    return std::nullopt;
  return config;
}

// [SECTION] the round trip -----------------------------------------------------------------------

std::string pending_sign_in_json(const PendingSignIn& pending) {
  return dump_json(Json{{"state", pending.state},
                        {"nonce", pending.nonce},
                        {"verifier", pending.verifier},
                        {"route", pending.route},
                        {"silent", pending.silent},
                        {"startedAt", pending.started_at}});
}

std::optional<PendingSignIn> read_pending_sign_in(const std::string& json) {
  if (json.empty()) return std::nullopt;
  const ParsedJson parsed = parse_json_text(json, JsonLimits{16 * 1024, 2});
  if (parsed.error || !parsed.value.is_object()) return std::nullopt;
  const Json& record = parsed.value;
  PendingSignIn pending;
  pending.state = text_member(record, "state");
  pending.nonce = text_member(record, "nonce");
  pending.verifier = text_member(record, "verifier");
  pending.route = text_member(record, "route");
  if (auto silent = record.find("silent"); silent != record.end() && silent->is_boolean())
    pending.silent = silent->get<bool>();
  if (auto started = record.find("startedAt"); started != record.end() && started->is_number())
    pending.started_at = static_cast<TimeMs>(started->get<double>());
  if (pending.state.empty() || pending.nonce.empty() || pending.verifier.empty()) return std::nullopt;
  return pending;
}

std::string authorize_url(const ProviderMetadata& provider, const SignInConfig& config,
                          const AuthorizeRequest& request) {
  QueryPairs query{{"response_type", "code"},
                   {"client_id", config.client_id},
                   {"redirect_uri", config.redirect_uri},
                   {"scope", config.scopes},
                   {"state", request.state},
                   {"nonce", request.nonce},
                   {"code_challenge", request.challenge},
                   {"code_challenge_method", "S256"}};
  if (request.silent) query.emplace_back("prompt", "none");
  if (!request.login_hint.empty()) query.emplace_back("login_hint", request.login_hint);
  const char separator = provider.authorization_endpoint.find('?') == std::string::npos ? '?' : '&';
  return provider.authorization_endpoint + separator + form_encode(query);
}

// [SECTION] the provider's answer ----------------------------------------------------------------

std::optional<CallbackQuery> read_callback_query(const std::string& query) {
  const QueryPairs pairs = read_query(query);
  CallbackQuery answer;
  if (const std::string* code = query_value(pairs, "code")) answer.code = *code;
  if (const std::string* error = query_value(pairs, "error")) answer.error = *error;
  if (answer.code.empty() && answer.error.empty()) return std::nullopt;
  if (const std::string* state = query_value(pairs, "state")) answer.state = *state;
  if (const std::string* description = query_value(pairs, "error_description")) answer.error_description = *description;
  return answer;
}

CallbackOutcome check_callback(const CallbackQuery& answer, const std::optional<PendingSignIn>& pending, TimeMs now) {
  // Whatever it says, an answer is believed only for the round trip this browser started (RFC 6749 §10.12).
  if (!pending || answer.state.empty() || answer.state != pending->state ||
      now - pending->started_at > kPendingSignInLifetimeMs || pending->started_at > now + kClockSkewMs)
    return {CallbackVerdict::Refused, "signin.state_mismatch", {}};
  if (!answer.error.empty()) {
    // OIDC Core 3.1.2.6: what prompt=none answers when the user must act on the provider's page.
    const bool needs_user = answer.error == "login_required" || answer.error == "interaction_required" ||
                            answer.error == "consent_required" || answer.error == "account_selection_required";
    if (pending->silent && needs_user) return {CallbackVerdict::SilentFailed, {}, {}};
    if (answer.error == "access_denied") return {CallbackVerdict::ProviderError, "signin.access_denied", {}};
    return {CallbackVerdict::ProviderError, "signin.provider_error", answer.error};
  }
  return {CallbackVerdict::Exchange, {}, {}};
}

// [SECTION] the ID token -------------------------------------------------------------------------

std::optional<IdTokenClaims> read_id_token(const std::string& jwt) {
  const std::optional<JwtSegments> segments = jwt_segments(jwt);
  if (!segments) return std::nullopt;
  const std::optional<Json> payload = jwt_segment_object(segments->payload, JsonLimits{32 * 1024, 8});
  if (!payload) return std::nullopt;
  const Json& json = *payload;
  IdTokenClaims claims;
  claims.issuer = text_member(json, "iss");
  claims.subject = text_member(json, "sub");
  claims.nonce = text_member(json, "nonce");
  claims.name = text_member(json, "name");
  claims.email = text_member(json, "email");
  claims.preferred_username = text_member(json, "preferred_username");
  claims.session_id = text_member(json, "sid");
  if (auto aud = json.find("aud"); aud != json.end()) {
    if (aud->is_string()) claims.audience.push_back(aud->get<std::string>());
    if (aud->is_array())
      for (const Json& one : *aud)
        if (one.is_string()) claims.audience.push_back(one.get<std::string>());
  }
  if (auto roles = json.find("roles"); roles != json.end() && roles->is_array())
    for (const Json& role : *roles)
      if (role.is_string()) claims.roles.push_back(role.get<std::string>());
  if (auto exp = json.find("exp"); exp != json.end() && exp->is_number())
    claims.expires_at = static_cast<TimeMs>(exp->get<double>() * 1000);
  return claims;
}

std::string id_token_problem(const IdTokenClaims& claims, const IdTokenExpectation& expected) {
  if (claims.issuer.empty() || claims.issuer != expected.issuer) return "iss";
  if (std::find(claims.audience.begin(), claims.audience.end(), expected.client_id) == claims.audience.end())
    return "aud";
  // A sign-in's token must carry the round trip's nonce; a refreshed one may leave it out, but not change it.
  if ((expected.nonce_required || !claims.nonce.empty()) && claims.nonce != expected.nonce) return "nonce";
  if (!expected.subject.empty() && claims.subject != expected.subject) return "sub";
  if (!claims.expires_at || *claims.expires_at + kClockSkewMs <= expected.now) return "exp";
  return {};
}

// [SECTION] renewal ------------------------------------------------------------------------------

TimeMs renewal_delay(TimeMs lifetime_ms) {
  if (lifetime_ms <= 0) return 0;
  const TimeMs at_three_quarters = lifetime_ms * 3 / 4;
  const TimeMs before_the_end = lifetime_ms - 30 * 1000;
  return std::max(std::min(at_three_quarters, before_the_end), lifetime_ms / 2);
}

std::optional<TimeMs> renewal_retry_delay(TimeMs now, TimeMs expires_at) {
  if (now >= expires_at) return std::nullopt;
  return std::clamp<TimeMs>((expires_at - now) / 2, 1000, 30 * 1000);
}

// [SECTION] sign-out -----------------------------------------------------------------------------

std::string end_session_url(const ProviderMetadata& provider, const SignInConfig& config) {
  if (provider.end_session_endpoint.empty()) return {};
  QueryPairs query;
  query.emplace_back("post_logout_redirect_uri", config.redirect_uri);
  query.emplace_back("client_id", config.client_id);
  const char separator = provider.end_session_endpoint.find('?') == std::string::npos ? '?' : '&';
  return provider.end_session_endpoint + separator + form_encode(query);
}

std::string signed_out_news() {
  return R"({"type":"signed-out"})";
}

bool is_signed_out_news(const std::string& json) {
  const ParsedJson parsed = parse_json_text(json, JsonLimits{1024, 2});
  return !parsed.error && parsed.value.is_object() && text_member(parsed.value, "type") == "signed-out";
}

}  // namespace leads
