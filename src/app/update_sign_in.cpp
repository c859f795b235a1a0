// update() for signing in: the configuration, the portal's token, the dev sign-in (tests), and the standalone app's
// OpenID Connect flow with PKCE — a silent attempt at start, the sign-in screen, the code exchange, renewal before
// expiry, signing in again in a popup when the session ended (the open form kept), and sign-out in every tab.
//
// [SECTION] signed in, whatever gave the token
// [SECTION] configuration, portal and dev sign-in
// [SECTION] OpenID Connect: to the provider and back
// [SECTION] OpenID Connect: tokens and renewal
// [SECTION] OpenID Connect: the session ends, sign-out
#include <algorithm>

#include "app/update_parts.h"
#include "app/visit_every.h"
#include "domain/referral_json.h"

namespace leads::detail {

// [SECTION] signed in, whatever gave the token ---------------------------------------------------

namespace {
constexpr TimeMs kTokenWarningMs = 60 * kSecondMs;
// Signing out waits this long at most for the kept list's removal: a storage that never answers must not keep the
// user signed in to the provider.
constexpr int kSignOutWaitsForRemovalMs = 5000;

// The client's clock when an answer came: state.now moves by the minute (the countdowns), too coarse for a token's
// lifetime of seconds.
TimeMs answered_at(const AppState& state, const HttpResponse& response) {
  return response.received_at_ms > 0 ? response.received_at_ms : state.now;
}
}  // namespace

void sign_in(AppState& state, const std::string& token, std::vector<Effect>& effects) {
  const bool resumed = state.session.phase == SignInPhase::Expired;
  const bool refreshed = state.session.phase == SignInPhase::SignedIn;  // a fresh token for a working session
  state.session.token = token;
  state.api.token = token;
  state.session.claims = read_token_claims(token).value_or(TokenClaims{});
  state.session.role = role_from_claims(state.session.claims.roles);
  state.session.user_name = state.session.claims.name;
  state.session.user_role = state.session.role;
  state.session.phase = SignInPhase::SignedIn;
  state.session.problem.clear();
  state.session.problem_detail.clear();
  state.host.token_requested = false;
  if (state.host.mode == HostMode::Embedded && state.session.claims.expires_at) {
    const TimeMs delay = std::max<TimeMs>(0, *state.session.claims.expires_at - kTokenWarningMs - state.now);
    effects.push_back(fx::After{static_cast<int>(std::min<TimeMs>(delay, 24 * kHourMs)), act::TokenExpiring{token}});
  }
  // A fresh token changes nothing the user sees: the list is not loaded again (100,000 leads would take seconds).
  const bool list_usable = state.load.phase == LoadPhase::Loaded || state.load.phase == LoadPhase::Loading;
  if (!(refreshed && list_usable) && !(resumed && state.load.phase == LoadPhase::Loaded))
    start_list_load(state, effects);
  // A save refused for an expired token goes again now, with its same request id.
  if (resumed && state.form.phase == SavePhase::Failed && state.form.error &&
      state.form.error->kind == ApiErrorKind::Unauthenticated)
    retry_save(state, effects);
}

// [SECTION] configuration, portal and dev sign-in ------------------------------------------------

namespace {

void request_dev_token(AppState& state, std::vector<Effect>& effects) {
  HttpRequest request;
  request.url = state.api.base_url + "/dev/token";
  request.timeout_ms = 10000;
  effects.push_back(send(state, RequestPurpose::DevToken, request));
}

void request_config(AppState& state, std::vector<Effect>& effects) {
  HttpRequest request;
  request.url = state.api.base_url + "/app-config.json";
  request.timeout_ms = 10000;
  effects.push_back(send(state, RequestPurpose::Config, request));
}

void request_discovery(AppState& state, std::vector<Effect>& effects) {
  effects.push_back(send(state, RequestPurpose::Discovery, discovery_request(state.session.oidc.config.authority)));
}

void show_sign_in_screen(AppState& state, std::string problem = {}, std::string detail = {}) {
  state.session.phase = SignInPhase::SignedOut;
  state.session.problem = std::move(problem);
  state.session.problem_detail = std::move(detail);
  state.session.oidc.redirecting = false;
}

}  // namespace

void start_app(AppState& state, const act::Start& start, std::vector<Effect>& effects) {
  effects.push_back(fx::LoadFavorites{});
  if (!state.session.token.empty()) return;
  if (state.host.mode != HostMode::Embedded) {
    state.session.oidc.launch_query = start.launch_query;
    state.session.oidc.launch_pending = read_pending_sign_in(start.pending_sign_in);
  }
  request_config(state, effects);
}

// Embedded: wait for the portal's token. Standalone: the dev sign-in if this server offers it (tests), else
// OpenID Connect when the configuration names a provider.
void on_config(AppState& state, const HttpResponse& response, std::vector<Effect>& effects) {
  std::vector<std::string> origins;
  bool dev_sign_in = response.status != 200;  // no configuration: try the dev sign-in, it says if it is absent
  std::optional<SignInConfig> oidc;
  if (response.status == 200) {
    const ParsedJson parsed = parse_json_text(response.body, JsonLimits{64 * 1024, 4});
    if (!parsed.error && parsed.value.is_object()) {
      const Json& config = parsed.value;
      if (auto list = config.find("hostOrigins"); list != config.end() && list->is_array())
        for (const Json& origin : *list)
          if (origin.is_string()) origins.push_back(origin.get<std::string>());
      if (auto dev = config.find("devSignIn"); dev != config.end() && dev->is_boolean()) dev_sign_in = dev->get<bool>();
      // Only a web page over HTTPS may become the business profile link; anything else keeps the default.
      if (auto url = config.find("businessProfileUrl");
          url != config.end() && url->is_string() && url->get<std::string>().rfind("https://", 0) == 0)
        state.business_profile_url = url->get<std::string>();
      oidc = read_sign_in_config(response.body);
    }
  }
  if (state.host.mode == HostMode::Embedded) {
    effects.push_back(fx::StartHost{origins});
    return;
  }
  if (dev_sign_in) {
    request_dev_token(state, effects);
    return;
  }
  if (oidc) {
    state.session.oidc.enabled = true;
    state.session.oidc.config = *oidc;
    effects.push_back(fx::ListenToOtherTabs{});
    request_discovery(state, effects);
    return;
  }
  state.session.phase = SignInPhase::Unavailable;
  state.session.problem = "signin.not_configured";
}

void on_host_message(AppState& state, const std::string& json, std::vector<Effect>& effects) {
  if (state.host.mode != HostMode::Embedded) return;
  HostParse parsed = state.host.reader.read(json);
  if (!parsed.message) {
    ++state.host.refused;
    state.host.last_refusal = parsed.refusal;
    effects.push_back(fx::PostToHost{host_rejected_message(parsed.id, parsed.refusal)});
    return;
  }
  std::visit(Overloaded{
                 [&](const host::Init& message) {
                   if (message.language) state.language = *message.language;
                   if (message.theme) state.theme = *message.theme;
                   if (message.route) navigate(state, *message.route);
                   sign_in(state, message.token, effects);
                 },
                 [&](const host::Token& message) { sign_in(state, message.token, effects); },
                 [&](const host::Navigate& message) { navigate(state, message.route); },
                 [&](const host::SetLanguage& message) { state.language = message.language; },
                 [&](const host::SetTheme& message) { state.theme = message.theme; },
             },
             *parsed.message);
}

void on_dev_token(AppState& state, const HttpResponse& response, std::vector<Effect>& effects) {
  if (response.status == 200) {
    const ParsedJson parsed = parse_json_text(response.body, JsonLimits{64 * 1024, 4});
    if (!parsed.error && parsed.value.is_object()) {
      auto token = parsed.value.find("token");
      if (token != parsed.value.end() && token->is_string() && !token->get<std::string>().empty()) {
        sign_in(state, token->get<std::string>(), effects);
        return;
      }
    }
  }
  state.session.phase = SignInPhase::Unavailable;
  state.session.problem = response.status == 0 ? error_key(ApiErrorKind::Network) : "signin.not_configured";
}

void sign_in_again(AppState& state, std::vector<Effect>& effects) {
  if (state.host.mode == HostMode::Embedded) {
    state.host.token_requested = false;
    session_expired(state, effects);
  } else if (state.session.oidc.enabled) {
    begin_sign_in(state, SignInTrip::Popup, effects);
  } else {
    request_dev_token(state, effects);
  }
}

// [SECTION] OpenID Connect: to the provider and back ---------------------------------------------

namespace {

void exchange_code(AppState& state, const PendingSignIn& pending, const std::string& code, bool in_popup,
                   std::vector<Effect>& effects) {
  OidcSession& oidc = state.session.oidc;
  oidc.exchanging = pending;
  oidc.exchanging_in_popup = in_popup;
  const CodeExchange exchange{code, oidc.config.redirect_uri, oidc.config.client_id, pending.verifier};
  effects.push_back(
      send(state, RequestPurpose::TokenExchange, code_exchange_request(oidc.provider.token_endpoint, exchange)));
}

// The launch URL is the provider's answer, or the page was simply opened: then the silent attempt.
void read_launch(AppState& state, std::vector<Effect>& effects) {
  OidcSession& oidc = state.session.oidc;
  const std::optional<CallbackQuery> answer = read_callback_query(oidc.launch_query);
  const std::optional<PendingSignIn> pending = std::move(oidc.launch_pending);
  oidc.launch_query.clear();
  oidc.launch_pending.reset();
  if (!answer) {
    begin_sign_in(state, SignInTrip::Silent, effects);
    return;
  }
  const CallbackOutcome outcome = check_callback(*answer, pending, state.now);
  const bool ours = outcome.verdict == CallbackVerdict::Exchange || outcome.verdict == CallbackVerdict::SilentFailed;
  // The answer leaves the address bar whatever it says (a code has no business in history); the deep link the
  // round trip started from comes back, when the round trip was this browser's.
  const std::string route = ours ? pending->route : std::string();
  effects.push_back(fx::ReplaceUrl{oidc.config.redirect_uri + route});
  if (!route.empty()) navigate(state, parse_route(route));
  switch (outcome.verdict) {
    case CallbackVerdict::Exchange: exchange_code(state, *pending, answer->code, false, effects); break;
    case CallbackVerdict::SilentFailed: show_sign_in_screen(state); break;
    case CallbackVerdict::Refused:
    case CallbackVerdict::ProviderError: show_sign_in_screen(state, outcome.problem, outcome.detail); break;
  }
}

// A sign-in that failed: on the sign-in screen, or, signing in again over the workspace, in the banner.
void sign_in_failed(AppState& state, bool in_popup, std::string problem, std::string detail = {}) {
  if (in_popup) {
    state.session.problem = std::move(problem);
    state.session.problem_detail = std::move(detail);
    return;
  }
  show_sign_in_screen(state, std::move(problem), std::move(detail));
}

}  // namespace

void on_discovery(AppState& state, const HttpResponse& response, std::vector<Effect>& effects) {
  OidcSession& oidc = state.session.oidc;
  const DiscoveryResult result = read_discovery(response, oidc.config.authority);
  const std::optional<SignInTrip> asked = std::exchange(oidc.after_discovery, std::nullopt);
  if (!result.metadata) {
    oidc.launch_query.clear();  // an answer that cannot be exchanged now is dropped
    oidc.launch_pending.reset();
    show_sign_in_screen(state, result.problem == "network" ? "signin.network" : "signin.provider_invalid",
                        result.problem);
    return;
  }
  oidc.provider = *result.metadata;
  if (asked)
    begin_sign_in(state, *asked, effects);
  else
    read_launch(state, effects);
}

void begin_sign_in(AppState& state, SignInTrip trip, std::vector<Effect>& effects) {
  OidcSession& oidc = state.session.oidc;
  if (!oidc.enabled) return;
  if (oidc.provider.authorization_endpoint.empty()) {  // discovery failed at start: try it again first
    if (!oidc.after_discovery) request_discovery(state, effects);
    oidc.after_discovery = trip;
    state.session.phase = state.session.phase == SignInPhase::SignedOut ? SignInPhase::Waiting : state.session.phase;
    return;
  }
  if (trip == SignInTrip::Popup) {
    effects.push_back(fx::OpenSignInPopup{});
    return;
  }
  if (state.session.phase == SignInPhase::SignedOut || state.session.phase == SignInPhase::Unavailable) {
    state.session.phase = SignInPhase::Waiting;
    state.session.problem.clear();
  }
  oidc.redirecting = trip == SignInTrip::Redirect;
  effects.push_back(fx::PrepareSignIn{trip});
}

void on_sign_in_prepared(AppState& state, const act::SignInPrepared& prepared, std::vector<Effect>& effects) {
  OidcSession& oidc = state.session.oidc;
  const PkceMaterial& material = prepared.material;
  // Without the browser's crypto (an insecure context) there is no safe round trip to make.
  if (material.verifier.size() < 43 || material.challenge.empty() || material.state.empty() || material.nonce.empty()) {
    if (prepared.trip == SignInTrip::Popup) {
      state.session.problem = "signin.no_crypto";
      return;
    }
    show_sign_in_screen(state, "signin.no_crypto");
    return;
  }
  // The place to come back to; the default one needs no hash (a page opened at "/" comes back to "/").
  const std::string route = route_hash(route_of(state));
  PendingSignIn pending{material.state,
                        material.nonce,
                        material.verifier,
                        route == route_hash(Route{}) ? std::string() : route,
                        prepared.trip == SignInTrip::Silent,
                        state.now};
  AuthorizeRequest request{material.challenge, material.state, material.nonce, pending.silent, {}};
  if (prepared.trip == SignInTrip::Popup) {
    if (oidc.popup != PopupPhase::Open) return;  // closed by the user in the meantime
    // Whoever signed in before is suggested (the provider may let them pick another account).
    request.login_hint =
        !oidc.id_claims.preferred_username.empty() ? oidc.id_claims.preferred_username : oidc.id_claims.email;
    oidc.popup_pending = pending;
    effects.push_back(fx::NavigatePopup{authorize_url(oidc.provider, oidc.config, request)});
    return;
  }
  effects.push_back(fx::KeepPendingSignIn{pending_sign_in_json(pending)});
  effects.push_back(fx::GoTo{authorize_url(oidc.provider, oidc.config, request)});
}

void on_popup_opened(AppState& state, bool opened, std::vector<Effect>& effects) {
  OidcSession& oidc = state.session.oidc;
  if (state.session.phase == SignInPhase::Expired) {  // a failure of the previous try is not this one's
    state.session.problem = "session.ended";
    state.session.problem_detail.clear();
  }
  if (!opened) {
    oidc.popup = PopupPhase::Blocked;
    return;
  }
  oidc.popup = PopupPhase::Open;
  effects.push_back(fx::PrepareSignIn{SignInTrip::Popup});
}

void on_popup_answered(AppState& state, const std::string& query, std::vector<Effect>& effects) {
  OidcSession& oidc = state.session.oidc;
  if (!oidc.popup_pending) return;  // no popup of ours is waiting
  const std::optional<PendingSignIn> pending = std::exchange(oidc.popup_pending, std::nullopt);
  oidc.popup = PopupPhase::Closed;
  const std::optional<CallbackQuery> answer = read_callback_query(query);
  if (!answer) return;
  const CallbackOutcome outcome = check_callback(*answer, pending, state.now);
  if (outcome.verdict == CallbackVerdict::Exchange) {
    exchange_code(state, *pending, answer->code, true, effects);
    return;
  }
  sign_in_failed(state, true, outcome.problem, outcome.detail);
}

void on_popup_closed(AppState& state) {
  OidcSession& oidc = state.session.oidc;
  if (oidc.popup == PopupPhase::Open) oidc.popup = PopupPhase::Closed;
}

// [SECTION] OpenID Connect: tokens and renewal ---------------------------------------------------

namespace {

// The name the header shows: the ID token's name, else the user's sign-in name or e-mail.
std::string display_name(const IdTokenClaims& claims) {
  if (!claims.name.empty()) return claims.name;
  return !claims.preferred_username.empty() ? claims.preferred_username : claims.email;
}

void schedule_renewal(AppState& state, TimeMs lifetime, std::vector<Effect>& effects) {
  OidcSession& oidc = state.session.oidc;
  ++oidc.renewal;
  if (oidc.refresh_token.empty() || lifetime <= 0) return;  // no refresh token: the session ends at expiry
  const TimeMs delay = std::min<TimeMs>(renewal_delay(lifetime), 24 * kHourMs);
  effects.push_back(fx::After{static_cast<int>(delay), act::RenewTokens{oidc.renewal}});
}

// New tokens, from a code or a refresh: the access token goes to the API as before, the ID token names the user.
void accept_tokens(AppState& state, const TokenAnswer& answer, const IdTokenClaims& id_claims, TimeMs now,
                   std::vector<Effect>& effects) {
  OidcSession& oidc = state.session.oidc;
  oidc.id_claims = id_claims;
  if (!answer.refresh_token.empty()) oidc.refresh_token = answer.refresh_token;  // rotation: the old one is spent
  TimeMs lifetime = answer.expires_in_s * kSecondMs;
  const std::optional<TokenClaims> access = read_token_claims(answer.access_token);
  if (lifetime <= 0 && access && access->expires_at) lifetime = *access->expires_at - now;
  oidc.expires_at = now + lifetime;
  oidc.redirecting = false;
  sign_in(state, answer.access_token, effects);
  // An access token the client cannot read (some providers encrypt it) leaves the ID token's roles to go by.
  if (!access) state.session.role = role_from_claims(id_claims.roles);
  state.session.user_name = display_name(id_claims);
  state.session.user_role = role_from_claims(id_claims.roles);
  schedule_renewal(state, lifetime, effects);
}

void send_refresh(AppState& state, std::vector<Effect>& effects) {
  OidcSession& oidc = state.session.oidc;
  oidc.renewing = true;
  effects.push_back(send(state, RequestPurpose::TokenRefresh,
                         refresh_request(oidc.provider.token_endpoint, oidc.refresh_token, oidc.config.client_id)));
}

}  // namespace

void on_token_exchange(AppState& state, const HttpResponse& response, std::vector<Effect>& effects) {
  OidcSession& oidc = state.session.oidc;
  if (!oidc.exchanging) return;
  const PendingSignIn pending = *std::exchange(oidc.exchanging, std::nullopt);
  const bool in_popup = oidc.exchanging_in_popup;
  const TimeMs now = answered_at(state, response);
  const TokenResult result = read_token_answer(response);
  if (const TokenError* error = std::get_if<TokenError>(&result)) {
    sign_in_failed(state, in_popup, error->failure == TokenFailure::Network ? "signin.network" : "signin.token_refused",
                   error->error);
    return;
  }
  const TokenAnswer& answer = std::get<TokenAnswer>(result);
  const std::optional<IdTokenClaims> claims = read_id_token(answer.id_token);
  if (!claims) {
    sign_in_failed(state, in_popup, "signin.id_token_refused", "id_token");
    return;
  }
  const std::string problem =
      id_token_problem(*claims, {oidc.provider.issuer, oidc.config.client_id, pending.nonce, true, {}, now});
  if (!problem.empty()) {
    sign_in_failed(state, in_popup, "signin.id_token_refused", problem);
    return;
  }
  accept_tokens(state, answer, *claims, now, effects);
}

void renew_tokens(AppState& state, std::uint64_t renewal, std::vector<Effect>& effects) {
  OidcSession& oidc = state.session.oidc;
  if (renewal != oidc.renewal || oidc.renewing || oidc.refresh_token.empty()) return;
  send_refresh(state, effects);
}

void on_token_refresh(AppState& state, const HttpResponse& response, std::vector<Effect>& effects) {
  OidcSession& oidc = state.session.oidc;
  oidc.renewing = false;
  if (oidc.refresh_token.empty()) return;  // signed out in the meantime
  const TimeMs now = answered_at(state, response);
  const TokenResult result = read_token_answer(response);
  if (const TokenError* error = std::get_if<TokenError>(&result)) {
    // No answer: try again while the token lasts. Refused (invalid_grant: revoked, reused, expired): it is over.
    const std::optional<TimeMs> retry = renewal_retry_delay(now, oidc.expires_at);
    if (error->failure == TokenFailure::Network && retry) {
      effects.push_back(fx::After{static_cast<int>(*retry), act::RenewTokens{++oidc.renewal}});
      return;
    }
    end_session(state, effects);
    return;
  }
  const TokenAnswer& answer = std::get<TokenAnswer>(result);
  IdTokenClaims claims = oidc.id_claims;  // a refresh answer may come without an ID token
  if (!answer.id_token.empty()) {
    const std::optional<IdTokenClaims> fresh = read_id_token(answer.id_token);
    const IdTokenExpectation expected{
        oidc.provider.issuer, oidc.config.client_id, oidc.id_claims.nonce, false, oidc.id_claims.subject, now};
    if (!fresh || !id_token_problem(*fresh, expected).empty()) {
      end_session(state, effects);
      return;
    }
    claims = *fresh;
  }
  ++oidc.renewals;
  accept_tokens(state, answer, claims, now, effects);
}

// [SECTION] OpenID Connect: the session ends, sign-out -------------------------------------------

void session_expired(AppState& state, std::vector<Effect>& effects, TimeMs now) {
  if (now <= 0) now = state.now;
  state.session.phase = SignInPhase::Expired;
  state.session.problem = "error.unauthenticated";
  if (state.host.mode == HostMode::Embedded && !state.host.token_requested) {
    state.host.token_requested = true;  // the portal is asked once; the other failed calls wait for its answer
    effects.push_back(fx::PostToHost{host_token_refused_message()});
  }
  // A token refused once its time was up (a laptop asleep past the renewal) is renewed at once, out of sight; one
  // refused while fresh means the API will not take it, and the user must sign in again.
  OidcSession& oidc = state.session.oidc;
  if (oidc.enabled && !oidc.refresh_token.empty() && now >= oidc.expires_at - kTokenWarningMs) {
    if (!oidc.renewing) send_refresh(state, effects);
    return;
  }
  if (oidc.enabled) end_session(state, effects);
}

void end_session(AppState& state, std::vector<Effect>&) {
  OidcSession& oidc = state.session.oidc;
  oidc.refresh_token.clear();
  oidc.renewing = false;
  ++oidc.renewal;  // a renewal timer still running does nothing
  state.session.token.clear();
  state.api.token.clear();
  state.session.phase = SignInPhase::Expired;  // the workspace stays, the open form as typed
  state.session.problem = "session.ended";
  state.session.problem_detail.clear();
}

namespace {

// Nothing of the session is left: tokens, and the leads they gave access to.
void drop_session(AppState& state) {
  OidcSession& oidc = state.session.oidc;
  oidc.refresh_token.clear();
  oidc.id_claims = {};
  oidc.renewing = false;
  oidc.popup_pending.reset();
  oidc.popup = PopupPhase::Closed;
  ++oidc.renewal;
  state.session.token.clear();
  state.session.claims = {};
  state.session.role = state.session.user_role = Role::None;
  state.session.user_name.clear();
  state.api.token.clear();
  state.pending.clear();  // answers still on their way are not waited for
  state.leads.clear();
  state.incoming.clear();
  state.records.clear();  // the opened leads' full records go with the session
  state.record_fetch = RecordFetch{};
  state.load = ListLoad{};
  state.form = LeadForm{};
  state.selected_id.clear();
  state.marked.clear();
  state.unseen.clear();
  state.pending_lead.reset();
  reindex(state);
}

}  // namespace

void sign_out(AppState& state, std::vector<Effect>& effects) {
  OidcSession& oidc = state.session.oidc;
  if (!oidc.enabled) return;
  const std::string url = end_session_url(oidc.provider, oidc.config);
  const bool clearing = state.snapshot.enabled;
  drop_session(state);
  forget_list_snapshot(state, effects);
  effects.push_back(fx::TellOtherTabs{signed_out_news()});
  if (url.empty()) {
    show_sign_in_screen(state);
    return;
  }
  // The provider ends its own session too, so the next silent attempt finds none; it comes back to the redirect URI.
  state.session.phase = SignInPhase::Waiting;
  oidc.signing_out = true;
  if (clearing) {
    oidc.leave_for = url;  // once the kept list is gone: leaving the page could abort its removal
    effects.push_back(fx::After{kSignOutWaitsForRemovalMs, act::SignOutRemovalOverdue{}});  // or by then
    return;
  }
  effects.push_back(fx::GoTo{url});
}

void leave_for_sign_out(AppState& state, std::vector<Effect>& effects) {
  OidcSession& oidc = state.session.oidc;
  if (!oidc.signing_out || oidc.leave_for.empty()) return;
  effects.push_back(fx::GoTo{oidc.leave_for});
  oidc.leave_for.clear();
}

void on_sign_in_news(AppState& state, const std::string& json, std::vector<Effect>& effects) {
  if (!state.session.oidc.enabled || !is_signed_out_news(json)) return;
  if (state.session.phase == SignInPhase::SignedOut) return;
  drop_session(state);
  forget_list_snapshot(state, effects);
  show_sign_in_screen(state, "signin.signed_out_elsewhere");
}

}  // namespace leads::detail
