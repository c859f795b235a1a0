// Tests of update() for the standalone app's OpenID Connect sign-in, effects asserted: the silent attempt at start,
// the answer on the redirect URI, the code exchange, renewal and rotation, a refused renewal that keeps the open form,
// signing in again in a popup (and the save it retries), sign-out and the message from another tab.
//
// [SECTION] fixtures
// [SECTION] start and the silent attempt
// [SECTION] the answer and the exchange
// [SECTION] renewal
// [SECTION] the session ends: sign in again
// [SECTION] sign-out and other tabs
#include <doctest/doctest.h>

#include "app/oidc_client.h"
#include "app_test_support.h"
#include "support/accept_form.h"

using namespace leads;
using namespace leads::test;

// [SECTION] fixtures -------------------------------------------------------------------------------

namespace {

const char* const kAuthority = "http://idp.test";
const char* const kClient = "leads-workspace";
const char* const kRedirect = "http://app.test/";

std::string config_body() {
  return Json{{"hostOrigins", Json::array()},
              {"devSignIn", false},
              {"signIn",
               {{"authority", kAuthority},
                {"clientId", kClient},
                {"scopes", "openid profile offline_access urn:leads:referrals-api/user_impersonation"},
                {"redirectUri", kRedirect}}}}
      .dump();
}

std::string discovery_body() {
  return Json{{"issuer", kAuthority},
              {"authorization_endpoint", "http://idp.test/authorize"},
              {"token_endpoint", "http://idp.test/token"},
              {"end_session_endpoint", "http://idp.test/logout"}}
      .dump();
}

std::string jwt(const Json& payload) {
  return base64url_encode(R"({"alg":"RS256","typ":"JWT","kid":"k1"})") + "." + base64url_encode(payload.dump()) +
         ".c2ln";
}

std::string id_token(const std::string& nonce, const std::string& name = "Elif Kaya",
                     const std::vector<std::string>& roles = {"Referrals user"}) {
  return jwt(Json{{"iss", kAuthority},
                  {"aud", kClient},
                  {"sub", "user-" + name},
                  {"nonce", nonce},
                  {"name", name},
                  {"preferred_username", "elif@contoso.example"},
                  {"roles", roles},
                  {"exp", kNow / 1000 + 3600}});
}

HttpResponse tokens(const std::string& nonce, const std::string& refresh, const std::vector<std::string>& roles,
                    int lifetime_s = 3600, const std::string& name = "Elif Kaya") {
  return response(200, Json{{"access_token", make_token(roles)},
                            {"token_type", "Bearer"},
                            {"expires_in", lifetime_s},
                            {"id_token", id_token(nonce, name, roles)},
                            {"refresh_token", refresh}}
                           .dump());
}

PendingSignIn round_trip(const std::string& state, bool silent, const std::string& route = "#/lead/a") {
  return {state, "nonce-" + state, "verifier-" + state + std::string(40, 'v'), route, silent, kNow - 3000};
}

PkceMaterial material(const std::string& state) {
  return {"verifier-" + state + std::string(40, 'v'), "challenge-" + state, state, "nonce-" + state};
}

std::string param(const std::string& url, const std::string& key) {
  const QueryPairs pairs = read_query(url.substr(url.find('?')));
  const std::string* value = query_value(pairs, key);
  return value ? *value : std::string("<absent>");
}

template <class T>
T only(const std::vector<Effect>& effects) {
  const auto all = effects_of<T>(effects);
  REQUIRE(all.size() == 1);
  return all.front();
}

// The app as the browser starts it, opened by URL on a server that names an OpenID Connect provider.
struct OidcApp : TestApp {
  // Start with this launch query and round-trip record, and answer the configuration and discovery.
  std::vector<Effect> boot(const std::string& query = {}, const std::optional<PendingSignIn>& pending = {}) {
    dispatch(act::Start{query, pending ? pending_sign_in_json(*pending) : std::string()});
    answer(RequestPurpose::Config, response(200, config_body()));
    REQUIRE(state.session.oidc.enabled);
    return answer(RequestPurpose::Discovery, response(200, discovery_body()));
  }

  // Back from the provider with a code for the silent round trip "s1", exchanged for tokens of `roles`.
  void signed_in(const std::vector<std::string>& roles = {"MPN partner admin"}, int lifetime_s = 3600) {
    boot("?code=code-1&state=s1", round_trip("s1", true));
    answer(RequestPurpose::TokenExchange, tokens("nonce-s1", "refresh-1", roles, lifetime_s));
    REQUIRE(state.session.phase == SignInPhase::SignedIn);
  }

  // Signed in with leads loaded and an accept form on lead "a", filled in (not sent).
  void with_form() {
    signed_in();
    answer(RequestPurpose::ListPage, page_response({make_lead("a"), make_lead("b")}, {}, 2));
    records["a"] = make_lead("a");
    open_form(Action::Accept, "a");
    FormValues values = state.form.values;
    values.accept = a_filled_accept_form();
    dispatch(act::EditForm{values});
    REQUIRE(state.form.errors.ok());
  }
};

}  // namespace

// [SECTION] start and the silent attempt -----------------------------------------------------------

TEST_CASE("with a provider configured, start asks its discovery document and listens to the other tabs") {
  OidcApp app;
  app.dispatch(act::Start{});
  const auto effects = app.answer(RequestPurpose::Config, response(200, config_body()));
  CHECK(effects_of<fx::ListenToOtherTabs>(effects).size() == 1);
  const auto sent = only<fx::SendHttp>(effects);
  CHECK(sent.request.url == "http://idp.test/.well-known/openid-configuration");
  CHECK(app.pending_count(RequestPurpose::DevToken) == 0);
  CHECK(app.state.session.phase == SignInPhase::Waiting);
}

TEST_CASE("devSignIn keeps the dev sign-in even with a provider configured") {
  OidcApp app;
  app.dispatch(act::Start{});
  Json config = Json::parse(config_body());
  config["devSignIn"] = true;
  app.answer(RequestPurpose::Config, response(200, config.dump()));
  CHECK(app.pending_count(RequestPurpose::DevToken) == 1);
  CHECK_FALSE(app.state.session.oidc.enabled);
}

TEST_CASE("the configuration names the business profile page; only an https address replaces the default") {
  OidcApp app;
  app.dispatch(act::Start{});
  Json config = Json::parse(config_body());
  config["businessProfileUrl"] = "https://partner.contoso.example/profile";
  app.answer(RequestPurpose::Config, response(200, config.dump()));
  CHECK(app.state.business_profile_url == "https://partner.contoso.example/profile");

  OidcApp other;
  other.dispatch(act::Start{});
  config["businessProfileUrl"] = "javascript:alert(1)";
  other.answer(RequestPurpose::Config, response(200, config.dump()));
  CHECK(other.state.business_profile_url == kDefaultBusinessProfileUrl);
}

TEST_CASE("a page opened without an answer tries once silently: prompt=none, the deep link kept for the way back") {
  OidcApp app;
  app.dispatch(act::Navigate{parse_route("#/lead/L-9")});
  const auto prepare = only<fx::PrepareSignIn>(app.boot());
  CHECK(prepare.trip == SignInTrip::Silent);
  const auto effects = app.dispatch(act::SignInPrepared{SignInTrip::Silent, material("s1")});
  const std::string url = only<fx::GoTo>(effects).url;
  CHECK(url.rfind("http://idp.test/authorize?", 0) == 0);
  CHECK(param(url, "prompt") == "none");
  CHECK(param(url, "state") == "s1");
  CHECK(param(url, "nonce") == "nonce-s1");
  CHECK(param(url, "code_challenge") == "challenge-s1");
  CHECK(param(url, "code_challenge_method") == "S256");
  const auto kept = read_pending_sign_in(only<fx::KeepPendingSignIn>(effects).json);
  REQUIRE(kept);
  CHECK(kept->silent);
  CHECK(kept->state == "s1");
  CHECK(kept->verifier == material("s1").verifier);
  CHECK(kept->route == "#/lead/L-9");
  CHECK(url.find(kept->verifier) == std::string::npos);  // the verifier never leaves the browser before the exchange
}

TEST_CASE("a page opened at its default place keeps no deep link, and comes back to the redirect URI as it is") {
  OidcApp app;
  app.boot();
  const auto effects = app.dispatch(act::SignInPrepared{SignInTrip::Silent, material("s1")});
  CHECK(read_pending_sign_in(only<fx::KeepPendingSignIn>(effects).json)->route.empty());
  OidcApp back;
  const auto answered = back.boot("?error=login_required&state=s1", round_trip("s1", true, ""));
  CHECK(only<fx::ReplaceUrl>(answered).url == kRedirect);
}

TEST_CASE("login_required after the silent attempt shows the sign-in screen, quietly, with the URL cleaned") {
  OidcApp app;
  const auto effects = app.boot("?error=login_required&state=s1", round_trip("s1", true, "#/lead/a"));
  CHECK(app.state.session.phase == SignInPhase::SignedOut);
  CHECK(app.state.session.problem.empty());
  CHECK(only<fx::ReplaceUrl>(effects).url == std::string(kRedirect) + "#/lead/a");
  CHECK(effects_of<fx::PrepareSignIn>(effects).empty());  // no second attempt: no loop
  CHECK(app.state.pending_lead == std::string("a"));      // the deep link waits for the next sign-in
}

TEST_CASE("the sign-in button goes to the provider's page without prompt=none") {
  OidcApp app;
  app.boot("?error=login_required&state=s1", round_trip("s1", true));
  CHECK(only<fx::PrepareSignIn>(app.dispatch(act::SignIn{})).trip == SignInTrip::Redirect);
  CHECK(app.state.session.oidc.redirecting);
  const auto effects = app.dispatch(act::SignInPrepared{SignInTrip::Redirect, material("s2")});
  CHECK(param(only<fx::GoTo>(effects).url, "prompt") == "<absent>");
  CHECK_FALSE(read_pending_sign_in(only<fx::KeepPendingSignIn>(effects).json)->silent);
}

TEST_CASE("Sign in does nothing once signed in (a second press must not leave the page)") {
  OidcApp app;
  app.signed_in();
  CHECK(effects_of<fx::PrepareSignIn>(app.dispatch(act::SignIn{})).empty());
  CHECK(effects_of<fx::PrepareSignIn>(app.dispatch(act::SignInOnThisPage{})).empty());
}

TEST_CASE("without the browser's crypto nothing is sent and the sign-in screen says why") {
  OidcApp app;
  app.boot();
  PkceMaterial none = material("s1");
  none.challenge.clear();  // crypto.subtle missing: an insecure page
  const auto effects = app.dispatch(act::SignInPrepared{SignInTrip::Silent, none});
  CHECK(effects_of<fx::GoTo>(effects).empty());
  CHECK(app.state.session.phase == SignInPhase::SignedOut);
  CHECK(app.state.session.problem == "signin.no_crypto");
}

TEST_CASE("a discovery document that names another issuer is refused: the sign-in screen says so") {
  OidcApp app;
  app.dispatch(act::Start{});
  app.answer(RequestPurpose::Config, response(200, config_body()));
  Json other = Json::parse(discovery_body());
  other["issuer"] = "http://evil.test";
  const auto effects = app.answer(RequestPurpose::Discovery, response(200, other.dump()));
  CHECK(effects_of<fx::PrepareSignIn>(effects).empty());
  CHECK(app.state.session.phase == SignInPhase::SignedOut);
  CHECK(app.state.session.problem == "signin.provider_invalid");
  CHECK(app.state.session.problem_detail == "issuer");
  // Sign in asks the document again first, then goes on.
  app.dispatch(act::SignIn{});
  CHECK(app.pending_count(RequestPurpose::Discovery) == 1);
  const auto retried = app.answer(RequestPurpose::Discovery, response(200, discovery_body()));
  CHECK(only<fx::PrepareSignIn>(retried).trip == SignInTrip::Redirect);
}

// [SECTION] the answer and the exchange ------------------------------------------------------------

TEST_CASE("a code for our round trip is exchanged with the verifier, and the URL cleaned to the deep link") {
  OidcApp app;
  const auto effects = app.boot("?code=code-1&state=s1", round_trip("s1", true, "#/lead/a"));
  CHECK(only<fx::ReplaceUrl>(effects).url == "http://app.test/#/lead/a");
  const HttpRequest exchange = only<fx::SendHttp>(effects).request;
  CHECK(exchange.method == "POST");
  CHECK(exchange.url == "http://idp.test/token");
  CHECK_FALSE(has_header(exchange, "Authorization"));
  const QueryPairs form = read_query(exchange.body);
  CHECK(*query_value(form, "grant_type") == "authorization_code");
  CHECK(*query_value(form, "code") == "code-1");
  CHECK(*query_value(form, "redirect_uri") == kRedirect);
  CHECK(*query_value(form, "client_id") == kClient);
  CHECK(*query_value(form, "code_verifier") == round_trip("s1", true).verifier);
  CHECK(app.state.pending_lead == std::string("a"));
}

TEST_CASE("an answer with another state is refused: nothing exchanged, the URL cleaned, the screen says why") {
  OidcApp app;
  const auto effects = app.boot("?code=code-1&state=forged", round_trip("s1", false));
  CHECK(app.pending_count(RequestPurpose::TokenExchange) == 0);
  CHECK(only<fx::ReplaceUrl>(effects).url == kRedirect);
  CHECK(app.state.session.phase == SignInPhase::SignedOut);
  CHECK(app.state.session.problem == "signin.state_mismatch");
}

TEST_CASE("an answer with no round trip kept (another browser's link) is refused") {
  OidcApp app;
  app.boot("?code=code-1&state=s1", std::nullopt);
  CHECK(app.pending_count(RequestPurpose::TokenExchange) == 0);
  CHECK(app.state.session.problem == "signin.state_mismatch");
}

TEST_CASE("access_denied is told on the sign-in screen") {
  OidcApp app;
  app.boot("?error=access_denied&state=s1", round_trip("s1", false));
  CHECK(app.state.session.phase == SignInPhase::SignedOut);
  CHECK(app.state.session.problem == "signin.access_denied");
}

TEST_CASE("the exchanged tokens sign in: the ID token names the user, the access token's roles decide") {
  OidcApp app;
  app.boot("?code=code-1&state=s1", round_trip("s1", true));
  const auto effects = app.answer(RequestPurpose::TokenExchange, tokens("nonce-s1", "refresh-1", {"Referrals user"}));
  const Session& session = app.state.session;
  CHECK(session.phase == SignInPhase::SignedIn);
  CHECK(session.user_name == "Elif Kaya");
  CHECK(session.user_role == Role::ReferralsUser);
  CHECK(session.role == Role::ReferralsUser);
  CHECK(session.oidc.refresh_token == "refresh-1");
  CHECK(session.oidc.expires_at == kNow + 3600 * kSecondMs);
  CHECK(header(only<fx::SendHttp>(effects).request, "Authorization") == "Bearer " + session.token);
  CHECK(app.pending_count(RequestPurpose::ListPage) == 1);
  // Renewal is scheduled at 75 % of the lifetime.
  const auto timers = timers_of<act::RenewTokens>(effects);
  REQUIRE(timers.size() == 1);
  CHECK(timers[0].delay_ms == 2700 * 1000);
}

TEST_CASE("an ID token with another nonce is refused: no session, the screen says which check failed") {
  OidcApp app;
  app.boot("?code=code-1&state=s1", round_trip("s1", true));
  const auto effects = app.answer(RequestPurpose::TokenExchange, tokens("nonce-replayed", "r", {"Referrals user"}));
  CHECK(app.state.session.phase == SignInPhase::SignedOut);
  CHECK(app.state.session.problem == "signin.id_token_refused");
  CHECK(app.state.session.problem_detail == "nonce");
  CHECK(app.state.session.token.empty());
  CHECK(effects_of<fx::SendHttp>(effects).empty());
}

TEST_CASE("a refused code exchange (invalid_grant) or no answer is told on the sign-in screen") {
  OidcApp app;
  app.boot("?code=code-1&state=s1", round_trip("s1", true));
  SUBCASE("refused") {
    app.answer(RequestPurpose::TokenExchange, response(400, R"({"error":"invalid_grant"})"));
    CHECK(app.state.session.problem == "signin.token_refused");
    CHECK(app.state.session.problem_detail == "invalid_grant");
  }
  SUBCASE("no answer") {
    app.answer(RequestPurpose::TokenExchange, network_failure());
    CHECK(app.state.session.problem == "signin.network");
  }
  CHECK(app.state.session.phase == SignInPhase::SignedOut);
}

// [SECTION] renewal --------------------------------------------------------------------------------

TEST_CASE("renewal: refresh grant, new access token without reloading the list, the new refresh token kept") {
  OidcApp app;
  app.boot("?code=code-1&state=s1", round_trip("s1", true));
  const auto signed_in =
      app.answer(RequestPurpose::TokenExchange, tokens("nonce-s1", "refresh-1", {"MPN partner admin"}, 20));
  // 20 s tokens (the browser tests') renew after 10 s.
  REQUIRE(timers_of<act::RenewTokens>(signed_in).size() == 1);
  CHECK(timers_of<act::RenewTokens>(signed_in)[0].delay_ms == 10 * 1000);
  app.answer(RequestPurpose::ListPage, page_response({make_lead("a")}, {}, 1));
  const std::string first_token = app.state.session.token;

  const auto sent = app.dispatch(timers_of<act::RenewTokens>(signed_in)[0].action);
  const HttpRequest refresh = only<fx::SendHttp>(sent).request;
  const QueryPairs form = read_query(refresh.body);
  CHECK(*query_value(form, "grant_type") == "refresh_token");
  CHECK(*query_value(form, "refresh_token") == "refresh-1");
  CHECK(*query_value(form, "client_id") == kClient);
  CHECK(app.state.session.oidc.renewing);

  app.state.now = kNow + 10 * kSecondMs;
  const auto renewed =
      app.answer(RequestPurpose::TokenRefresh, tokens("nonce-s1", "refresh-2", {"Referrals admin"}, 20));
  CHECK(app.state.session.oidc.refresh_token == "refresh-2");
  CHECK(app.state.session.oidc.renewals == 1);
  CHECK(app.state.session.oidc.expires_at == kNow + 30 * kSecondMs);
  CHECK(app.state.session.role == Role::ReferralsAdmin);
  CHECK(app.state.session.token != first_token);
  CHECK(app.state.api.token == app.state.session.token);
  CHECK(app.pending_count(RequestPurpose::ListPage) == 0);  // nothing visible happens
  CHECK(timers_of<act::RenewTokens>(renewed).size() == 1);
}

TEST_CASE("an old renewal timer does nothing once a newer one is armed") {
  OidcApp app;
  app.boot("?code=code-1&state=s1", round_trip("s1", true));
  const auto first = app.answer(RequestPurpose::TokenExchange, tokens("nonce-s1", "refresh-1", {"Referrals user"}));
  const AppAction old_timer = timers_of<act::RenewTokens>(first)[0].action;
  app.dispatch(old_timer);
  app.answer(RequestPurpose::TokenRefresh, tokens("nonce-s1", "refresh-2", {"Referrals user"}));
  CHECK(effects_of<fx::SendHttp>(app.dispatch(old_timer)).empty());
}

TEST_CASE("a renewal without an answer is tried again before expiry; past expiry the session ends") {
  OidcApp app;
  app.boot("?code=code-1&state=s1", round_trip("s1", true));
  const auto signed_in = app.answer(RequestPurpose::TokenExchange, tokens("nonce-s1", "r1", {"Referrals user"}, 20));
  app.dispatch(timers_of<act::RenewTokens>(signed_in)[0].action);
  app.state.now = kNow + 10 * kSecondMs;
  const auto retry = app.answer(RequestPurpose::TokenRefresh, network_failure());
  CHECK(app.state.session.phase == SignInPhase::SignedIn);
  const auto timers = timers_of<act::RenewTokens>(retry);
  REQUIRE(timers.size() == 1);
  CHECK(timers[0].delay_ms == 5 * 1000);  // halfway to expiry
  app.dispatch(timers[0].action);
  app.state.now = kNow + 21 * kSecondMs;
  app.answer(RequestPurpose::TokenRefresh, response(503));
  CHECK(app.state.session.phase == SignInPhase::Expired);
  CHECK(app.state.session.problem == "session.ended");
}

// [SECTION] the session ends: sign in again --------------------------------------------------------

TEST_CASE("a refused renewal (invalid_grant) ends the session: tokens dropped, the open form kept as typed") {
  OidcApp app;
  app.with_form();
  const FormValues typed = app.state.form.values;
  app.dispatch(act::RenewTokens{app.state.session.oidc.renewal});
  app.answer(RequestPurpose::TokenRefresh, response(400, R"({"error":"invalid_grant"})"));
  CHECK(app.state.session.phase == SignInPhase::Expired);
  CHECK(app.state.session.problem == "session.ended");
  CHECK(app.state.session.token.empty());
  CHECK(app.state.api.token.empty());
  CHECK(app.state.session.oidc.refresh_token.empty());
  CHECK(app.state.form.action == Action::Accept);
  CHECK(app.state.form.values.accept.deal_name == typed.accept.deal_name);
  CHECK(app.state.form.values.accept.notes == typed.accept.notes);
  CHECK(app.state.leads.size() == 2);  // the workspace stays under the banner
}

TEST_CASE("sign in again: a popup from the click, the round trip in memory, login_hint, no prompt=none") {
  OidcApp app;
  app.with_form();
  app.dispatch(act::RenewTokens{app.state.session.oidc.renewal});
  app.answer(RequestPurpose::TokenRefresh, response(400, R"({"error":"invalid_grant"})"));
  CHECK(effects_of<fx::OpenSignInPopup>(app.dispatch(act::SignInAgain{})).size() == 1);
  CHECK(only<fx::PrepareSignIn>(app.dispatch(act::SignInPopupOpened{true})).trip == SignInTrip::Popup);
  CHECK(app.state.session.oidc.popup == PopupPhase::Open);
  const auto effects = app.dispatch(act::SignInPrepared{SignInTrip::Popup, material("p1")});
  CHECK(effects_of<fx::KeepPendingSignIn>(effects).empty());  // the opener keeps it: nothing in sessionStorage
  CHECK(effects_of<fx::GoTo>(effects).empty());               // this page stays
  const std::string url = only<fx::NavigatePopup>(effects).url;
  CHECK(param(url, "prompt") == "<absent>");
  CHECK(param(url, "login_hint") == "elif@contoso.example");
  CHECK(param(url, "state") == "p1");
}

TEST_CASE("the popup's answer is exchanged and the save refused with a 401 goes again, the form intact") {
  OidcApp app;
  app.with_form();
  // The save meets an access token the API no longer takes (fresh, so no silent renewal): the session ends.
  const std::string request_id = [&] {
    const auto sent = only<fx::SendHttp>(app.dispatch(act::SubmitForm{}));
    return header(sent.request, "MS-RequestId");
  }();
  app.answer(RequestPurpose::Write, error_response(401, "unauthorized"));
  CHECK(app.state.session.phase == SignInPhase::Expired);
  CHECK(app.state.session.problem == "session.ended");
  CHECK(app.state.form.phase == SavePhase::Failed);

  app.dispatch(act::SignInAgain{});
  app.dispatch(act::SignInPopupOpened{true});
  app.dispatch(act::SignInPrepared{SignInTrip::Popup, material("p1")});
  SUBCASE("an answer for another round trip is refused") {
    const auto effects = app.dispatch(act::SignInPopupAnswered{"?code=c&state=forged"});
    CHECK(effects_of<fx::SendHttp>(effects).empty());
    CHECK(app.state.session.phase == SignInPhase::Expired);
    CHECK(app.state.session.problem == "signin.state_mismatch");
  }
  SUBCASE("our answer") {
    const auto exchange = only<fx::SendHttp>(app.dispatch(act::SignInPopupAnswered{"?code=code-2&state=p1"}));
    CHECK(*query_value(read_query(exchange.request.body), "code_verifier") == material("p1").verifier);
    const auto effects =
        app.answer(RequestPurpose::TokenExchange, tokens("nonce-p1", "refresh-9", {"MPN partner admin"}));
    CHECK(app.state.session.phase == SignInPhase::SignedIn);
    CHECK(effects_of<fx::ReplaceUrl>(effects).empty());  // the page's URL is not the popup's business
    const auto resent = effects_of<fx::SendHttp>(effects);
    REQUIRE(resent.size() == 1);
    CHECK(resent[0].request.method == "PATCH");
    CHECK(header(resent[0].request, "MS-RequestId") == request_id);  // the same change, not a second one
    CHECK(app.pending_count(RequestPurpose::ListPage) == 0);         // the list was loaded: not again
  }
}

TEST_CASE("a blocked popup says so and offers a redirect; a closed one gives the button back") {
  OidcApp app;
  app.with_form();
  app.dispatch(act::RenewTokens{app.state.session.oidc.renewal});
  app.answer(RequestPurpose::TokenRefresh, response(400, R"({"error":"invalid_grant"})"));
  app.dispatch(act::SignInAgain{});
  SUBCASE("blocked") {
    CHECK(effects_of<fx::PrepareSignIn>(app.dispatch(act::SignInPopupOpened{false})).empty());
    CHECK(app.state.session.oidc.popup == PopupPhase::Blocked);
    CHECK(only<fx::PrepareSignIn>(app.dispatch(act::SignInOnThisPage{})).trip == SignInTrip::Redirect);
  }
  SUBCASE("closed by the user") {
    app.dispatch(act::SignInPopupOpened{true});
    app.dispatch(act::SignInPopupClosed{});
    CHECK(app.state.session.oidc.popup == PopupPhase::Closed);
    // The crypto's answer arriving after the close opens nothing.
    CHECK(effects_of<fx::NavigatePopup>(app.dispatch(act::SignInPrepared{SignInTrip::Popup, material("p")})).empty());
  }
}

TEST_CASE("a 401 after the token's time was up (a laptop asleep) renews out of sight and sends the save again") {
  OidcApp app;
  app.with_form();
  only<fx::SendHttp>(app.dispatch(act::SubmitForm{}));
  app.state.now = app.state.session.oidc.expires_at + kSecondMs;
  const auto effects = app.answer(RequestPurpose::Write, error_response(401, "unauthorized"));
  CHECK(app.pending_count(RequestPurpose::TokenRefresh) == 1);
  CHECK(app.state.session.oidc.renewing);  // the banner stays hidden meanwhile
  (void)effects;
  const auto renewed = app.answer(RequestPurpose::TokenRefresh, tokens("nonce-s1", "refresh-2", {"MPN partner admin"}));
  CHECK(app.state.session.phase == SignInPhase::SignedIn);
  CHECK(effects_of<fx::SendHttp>(renewed).size() == 1);
  CHECK(effects_of<fx::SendHttp>(renewed)[0].request.method == "PATCH");
}

// [SECTION] sign-out and other tabs ----------------------------------------------------------------

TEST_CASE("sign-out drops the tokens and leads, tells the other tabs, and goes to the provider's end session") {
  OidcApp app;
  app.with_form();
  REQUIRE(app.state.records.size() == 1);
  const std::string access = app.state.session.token;
  const auto effects = app.dispatch(act::SignOut{});
  CHECK(is_signed_out_news(only<fx::TellOtherTabs>(effects).json));
  const std::string url = only<fx::GoTo>(effects).url;
  CHECK(url.rfind("http://idp.test/logout?", 0) == 0);
  CHECK(url.find("id_token_hint") == std::string::npos);  // no token in a URL
  CHECK(url.find(access.substr(access.find('.') + 1, 40)) == std::string::npos);
  CHECK(param(url, "post_logout_redirect_uri") == kRedirect);
  CHECK(param(url, "client_id") == kClient);
  CHECK(app.state.session.token.empty());
  CHECK(app.state.api.token.empty());
  CHECK(app.state.session.oidc.refresh_token.empty());
  CHECK(app.state.leads.empty());
  CHECK(app.state.records.size() == 0);  // the opened lead's full record too
  CHECK_FALSE(app.state.form.action);
  CHECK(app.state.session.oidc.signing_out);
  // A renewal timer still running does nothing.
  CHECK(effects_of<fx::SendHttp>(app.dispatch(act::RenewTokens{app.state.session.oidc.renewal})).empty());
}

TEST_CASE("with the list kept between visits, sign-out removes it first and leaves for the provider once it is gone") {
  OidcApp app;
  app.state.snapshot.enabled = true;
  app.signed_in();
  app.dispatch(act::ListSnapshotRead{{app.state.snapshot.owner, {}, 0, "none", {}, {}}});
  app.answer(RequestPurpose::ListPage, page_response({make_lead("a")}, {}, 1));
  const auto effects = app.dispatch(act::SignOut{});
  CHECK(effects_of<fx::ClearListSnapshots>(effects).size() == 1);
  CHECK(effects_of<fx::GoTo>(effects).empty());  // leaving now could abort the removal
  CHECK(app.state.leads.empty());
  const auto cleared = app.dispatch(act::ListSnapshotsCleared{});
  CHECK(only<fx::GoTo>(cleared).url.rfind("http://idp.test/logout?", 0) == 0);
  CHECK(effects_of<fx::GoTo>(app.dispatch(act::ListSnapshotsCleared{})).empty());  // once
  // A removal that never answers (a storage that hangs) delays leaving only until the deadline.
  OidcApp stuck;
  stuck.state.snapshot.enabled = true;
  stuck.signed_in();
  const auto deadline = timers_of<act::SignOutRemovalOverdue>(stuck.dispatch(act::SignOut{}));
  REQUIRE(deadline.size() == 1);
  CHECK(deadline.front().delay_ms <= 10000);
  CHECK(only<fx::GoTo>(stuck.dispatch(deadline.front().action)).url.rfind("http://idp.test/logout?", 0) == 0);
  CHECK(effects_of<fx::GoTo>(stuck.dispatch(act::ListSnapshotsCleared{})).empty());  // the removal's late answer
  // Another tab's sign-out removes it too.
  OidcApp other;
  other.state.snapshot.enabled = true;
  other.signed_in();
  CHECK(effects_of<fx::ClearListSnapshots>(other.dispatch(act::SignInNews{signed_out_news()})).size() == 1);
}

TEST_CASE("another tab's sign-out drops this tab's tokens and shows the sign-in screen") {
  OidcApp app;
  app.with_form();
  app.dispatch(act::SignInNews{signed_out_news()});
  CHECK(app.state.session.phase == SignInPhase::SignedOut);
  CHECK(app.state.session.problem == "signin.signed_out_elsewhere");
  CHECK(app.state.session.token.empty());
  CHECK(app.state.session.oidc.refresh_token.empty());
  CHECK(app.state.leads.empty());
  // Anything else on the channel is ignored.
  OidcApp other;
  other.signed_in();
  other.dispatch(act::SignInNews{R"({"type":"hello"})"});
  CHECK(other.state.session.phase == SignInPhase::SignedIn);
}

TEST_CASE("the dev sign-in and the portal's frame offer no sign-out") {
  TestApp app;
  app.sign_in();
  CHECK(effects_of<fx::GoTo>(app.dispatch(act::SignOut{})).empty());
  CHECK(app.state.session.phase == SignInPhase::SignedIn);
}
