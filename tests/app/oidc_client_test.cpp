// Tests of the OpenID Connect rules and wire: configuration, encoding, discovery, the authorize URL, the provider's
// answer, token answers, the ID token's checks, renewal timing, the round trip record and sign-out.
//
// [SECTION] configuration and encoding
// [SECTION] discovery
// [SECTION] the authorize URL
// [SECTION] the provider's answer
// [SECTION] token answers
// [SECTION] the ID token
// [SECTION] renewal timing
// [SECTION] sign-out and other tabs
#include "app/oidc_client.h"

#include <doctest/doctest.h>

#include "app_test_support.h"

using namespace leads;
using namespace leads::test;

namespace {

const char* const kAuthority = "http://idp.test";
const char* const kClient = "leads-workspace";

SignInConfig config() {
  return {kAuthority, kClient, "openid profile offline_access urn:leads:referrals-api/user_impersonation",
          "http://app.test/"};
}

ProviderMetadata provider() {
  return {kAuthority, "http://idp.test/authorize", "http://idp.test/token", "http://idp.test/logout",
          "http://idp.test/revoke"};
}

std::string jwt(const Json& payload) {
  return base64url_encode(R"({"alg":"RS256","typ":"JWT","kid":"k1"})") + "." + base64url_encode(payload.dump()) +
         ".c2ln";
}

Json id_claims() {
  return Json{{"iss", kAuthority},           {"aud", kClient},           {"sub", "user-elif"},
              {"nonce", "nonce-1"},          {"name", "Elif Kaya"},      {"email", "elif@contoso.example"},
              {"roles", {"Referrals user"}}, {"exp", kNow / 1000 + 3600}};
}

IdTokenExpectation expectation() {
  return {kAuthority, kClient, "nonce-1", true, {}, kNow};
}

PendingSignIn pending(bool silent = false) {
  return {"state-1", "nonce-1", std::string(43, 'v'), "#/lead/L-7", silent, kNow - 5000};
}

std::string param(const std::string& url, const std::string& key) {
  const auto query = url.find('?');
  REQUIRE(query != std::string::npos);
  const QueryPairs pairs = read_query(url.substr(query));
  const std::string* value = query_value(pairs, key);
  return value ? *value : std::string("<absent>");
}

}  // namespace

// [SECTION] configuration and encoding -----------------------------------------------------------

TEST_CASE("the sign-in configuration needs an authority, a client id, a redirect URI and the openid scope") {
  const Json good{{"signIn",
                   {{"authority", kAuthority},
                    {"clientId", kClient},
                    {"scopes", "openid profile"},
                    {"redirectUri", "http://app.test/"}}}};
  const auto read = read_sign_in_config(good.dump());
  REQUIRE(read);
  CHECK(read->authority == kAuthority);
  CHECK(read->client_id == kClient);
  CHECK(read->scopes == "openid profile");
  CHECK(read->redirect_uri == "http://app.test/");
  for (const char* member : {"authority", "clientId", "redirectUri"}) {
    Json missing = good;
    missing["signIn"].erase(member);
    CHECK_FALSE(read_sign_in_config(missing.dump()));
  }
  Json no_openid = good;
  no_openid["signIn"]["scopes"] = "profile openidx";
  CHECK_FALSE(read_sign_in_config(no_openid.dump()));
  CHECK_FALSE(read_sign_in_config(R"({"devSignIn":true})"));
  CHECK_FALSE(read_sign_in_config("not json"));
}

TEST_CASE("percent encoding leaves only the unreserved characters as they are") {
  CHECK(percent_encode("aZ09-._~") == "aZ09-._~");
  CHECK(percent_encode("a b/c:d?e&f=g+h") == "a%20b%2Fc%3Ad%3Fe%26f%3Dg%2Bh");
  CHECK(percent_encode("ş") == "%C5%9F");
  CHECK(form_encode({{"a", "1"}, {"b c", "x y"}}) == "a=1&b%20c=x%20y");
}

TEST_CASE("a query reads back its pairs, '+' as a space, bad escapes kept") {
  const QueryPairs pairs = read_query("?code=a%2Fb&state=s+1&error_description=bad%ZZ&&flag");
  REQUIRE(pairs.size() == 4);
  CHECK(*query_value(pairs, "code") == "a/b");
  CHECK(*query_value(pairs, "state") == "s 1");
  CHECK(*query_value(pairs, "error_description") == "bad%ZZ");
  CHECK(*query_value(pairs, "flag") == "");
  CHECK(query_value(pairs, "missing") == nullptr);
}

TEST_CASE("base64url has no padding and the URL-safe alphabet") {
  CHECK(base64url_encode("") == "");
  CHECK(base64url_encode("f") == "Zg");
  CHECK(base64url_encode("foobar") == "Zm9vYmFy");
  CHECK(base64url_encode(std::string("\xfb\xff\xbf", 3)) == "-_-_");
  CHECK(base64url_encode(std::string(32, '\0')).size() == 43);  // RFC 7636's minimum verifier length
}

// [SECTION] discovery ----------------------------------------------------------------------------

TEST_CASE("discovery is asked at the authority's well-known path, without a doubled slash") {
  CHECK(discovery_url("http://idp.test") == "http://idp.test/.well-known/openid-configuration");
  CHECK(discovery_url("https://login.example/tenant/v2.0/") ==
        "https://login.example/tenant/v2.0/.well-known/openid-configuration");
  CHECK(discovery_request(kAuthority).method == "GET");
}

TEST_CASE("a discovery document is kept only when its issuer is the authority") {
  const Json document{{"issuer", kAuthority},
                      {"authorization_endpoint", "http://idp.test/authorize"},
                      {"token_endpoint", "http://idp.test/token"},
                      {"end_session_endpoint", "http://idp.test/logout"},
                      {"revocation_endpoint", "http://idp.test/revoke"}};
  const DiscoveryResult good = read_discovery(response(200, document.dump()), kAuthority);
  REQUIRE(good.metadata);
  CHECK(good.metadata->token_endpoint == "http://idp.test/token");
  CHECK(good.metadata->end_session_endpoint == "http://idp.test/logout");
  CHECK(read_discovery(response(200, document.dump()), "http://idp.test/").metadata);  // configured with a slash

  Json other_issuer = document;
  other_issuer["issuer"] = "http://evil.test";
  CHECK(read_discovery(response(200, other_issuer.dump()), kAuthority).problem == "issuer");
  Json no_token_endpoint = document;
  no_token_endpoint.erase("token_endpoint");
  CHECK(read_discovery(response(200, no_token_endpoint.dump()), kAuthority).problem == "endpoints");
  CHECK(read_discovery(response(200, "{"), kAuthority).problem == "json");
  CHECK(read_discovery(response(404), kAuthority).problem == "status 404");
  CHECK(read_discovery(network_failure(), kAuthority).problem == "network");
}

// [SECTION] the authorize URL --------------------------------------------------------------------

TEST_CASE("the authorize URL carries every parameter of the code flow with PKCE, encoded") {
  const std::string url =
      authorize_url(provider(), config(), AuthorizeRequest{"challenge-1", "state-1", "nonce-1", false, {}});
  CHECK(url.rfind("http://idp.test/authorize?", 0) == 0);
  CHECK(param(url, "response_type") == "code");
  CHECK(param(url, "client_id") == kClient);
  CHECK(param(url, "redirect_uri") == "http://app.test/");
  CHECK(param(url, "scope") == "openid profile offline_access urn:leads:referrals-api/user_impersonation");
  CHECK(param(url, "state") == "state-1");
  CHECK(param(url, "nonce") == "nonce-1");
  CHECK(param(url, "code_challenge") == "challenge-1");
  CHECK(param(url, "code_challenge_method") == "S256");
  CHECK(param(url, "prompt") == "<absent>");
  CHECK(param(url, "login_hint") == "<absent>");
  // Encoded: the redirect URI's ':' and '/', the scopes' spaces.
  CHECK(url.find("redirect_uri=http%3A%2F%2Fapp.test%2F") != std::string::npos);
  CHECK(url.find("scope=openid%20profile%20offline_access%20urn%3Aleads%3Areferrals-api%2Fuser_impersonation") !=
        std::string::npos);
}

TEST_CASE("a silent attempt asks prompt=none; signing in again suggests who signed in before") {
  const std::string silent = authorize_url(provider(), config(), AuthorizeRequest{"c", "s", "n", true, {}});
  CHECK(param(silent, "prompt") == "none");
  const std::string again =
      authorize_url(provider(), config(), AuthorizeRequest{"c", "s", "n", false, "elif@contoso.example"});
  CHECK(param(again, "prompt") == "<absent>");
  CHECK(param(again, "login_hint") == "elif@contoso.example");
}

TEST_CASE("an authorization endpoint with a query of its own gets the parameters after an '&'") {
  ProviderMetadata with_query = provider();
  with_query.authorization_endpoint = "https://login.example/authorize?p=b2c_1_signin";
  const std::string url = authorize_url(with_query, config(), AuthorizeRequest{"c", "s", "n", false, {}});
  CHECK(url.rfind("https://login.example/authorize?p=b2c_1_signin&response_type=code&", 0) == 0);
}

TEST_CASE("the round trip record reads back what was kept, and nothing from a broken one") {
  const PendingSignIn kept = pending(true);
  const auto read = read_pending_sign_in(pending_sign_in_json(kept));
  REQUIRE(read);
  CHECK(read->state == kept.state);
  CHECK(read->nonce == kept.nonce);
  CHECK(read->verifier == kept.verifier);
  CHECK(read->route == "#/lead/L-7");
  CHECK(read->silent);
  CHECK(read->started_at == kept.started_at);
  CHECK_FALSE(read_pending_sign_in(""));
  CHECK_FALSE(read_pending_sign_in("{"));
  CHECK_FALSE(read_pending_sign_in(R"({"state":"s","nonce":"n"})"));  // no verifier
}

// [SECTION] the provider's answer ----------------------------------------------------------------

TEST_CASE("the launch query is an answer when it has a code or an error") {
  const auto code = read_callback_query("?code=abc&state=state-1");
  REQUIRE(code);
  CHECK(code->code == "abc");
  CHECK(code->state == "state-1");
  const auto error = read_callback_query("?error=access_denied&error_description=User+cancelled&state=state-1");
  REQUIRE(error);
  CHECK(error->error == "access_denied");
  CHECK(error->error_description == "User cancelled");
  CHECK_FALSE(read_callback_query(""));
  CHECK_FALSE(read_callback_query("?state=state-1"));
  CHECK_FALSE(read_callback_query("?utm_source=mail"));
}

TEST_CASE("a code is exchanged only for the round trip this browser started") {
  const auto answer = *read_callback_query("?code=abc&state=state-1");
  CHECK(check_callback(answer, pending(), kNow).verdict == CallbackVerdict::Exchange);
  SUBCASE("no round trip") {
    const CallbackOutcome outcome = check_callback(answer, std::nullopt, kNow);
    CHECK(outcome.verdict == CallbackVerdict::Refused);
    CHECK(outcome.problem == "signin.state_mismatch");
  }
  SUBCASE("another state") {
    CHECK(check_callback(*read_callback_query("?code=abc&state=state-2"), pending(), kNow).verdict ==
          CallbackVerdict::Refused);
  }
  SUBCASE("no state") {
    CHECK(check_callback(*read_callback_query("?code=abc"), pending(), kNow).verdict == CallbackVerdict::Refused);
  }
  SUBCASE("a round trip older than half an hour") {
    CHECK(check_callback(answer, pending(), kNow + kPendingSignInLifetimeMs).verdict == CallbackVerdict::Refused);
  }
}

TEST_CASE("errors: login_required after a silent attempt is quiet, access_denied and others are told") {
  const auto login_required = *read_callback_query("?error=login_required&state=state-1");
  CHECK(check_callback(login_required, pending(true), kNow).verdict == CallbackVerdict::SilentFailed);
  CHECK(check_callback(login_required, pending(true), kNow).problem.empty());
  // Not after a silent attempt: the provider's refusal is told.
  CHECK(check_callback(login_required, pending(false), kNow).verdict == CallbackVerdict::ProviderError);
  const CallbackOutcome denied =
      check_callback(*read_callback_query("?error=access_denied&state=state-1"), pending(), kNow);
  CHECK(denied.verdict == CallbackVerdict::ProviderError);
  CHECK(denied.problem == "signin.access_denied");
  const CallbackOutcome other =
      check_callback(*read_callback_query("?error=invalid_scope&state=state-1"), pending(), kNow);
  CHECK(other.problem == "signin.provider_error");
  CHECK(other.detail == "invalid_scope");
  // An error for another round trip is refused like a code would be.
  CHECK(check_callback(*read_callback_query("?error=access_denied&state=x"), pending(), kNow).problem ==
        "signin.state_mismatch");
}

// [SECTION] token answers ------------------------------------------------------------------------

TEST_CASE("the token requests are form-encoded POSTs with the grant's fields") {
  const HttpRequest exchange =
      code_exchange_request("http://idp.test/token", {"code/1", "http://app.test/", kClient, "verifier-1"});
  CHECK(exchange.method == "POST");
  CHECK(exchange.url == "http://idp.test/token");
  CHECK(header(exchange, "Content-Type") == "application/x-www-form-urlencoded");
  CHECK_FALSE(has_header(exchange, "Authorization"));
  CHECK(exchange.body ==
        "grant_type=authorization_code&code=code%2F1&redirect_uri=http%3A%2F%2Fapp.test%2F&client_id=leads-workspace"
        "&code_verifier=verifier-1");
  const HttpRequest refresh = refresh_request("http://idp.test/token", "refresh-1", kClient);
  CHECK(refresh.body == "grant_type=refresh_token&refresh_token=refresh-1&client_id=leads-workspace");
}

TEST_CASE("a token answer gives the tokens and their lifetime") {
  const Json answer{{"access_token", "at"}, {"token_type", "Bearer"}, {"expires_in", 3600},
                    {"scope", "openid"},    {"id_token", "it"},       {"refresh_token", "rt"}};
  const TokenResult result = read_token_answer(response(200, answer.dump()));
  REQUIRE(std::holds_alternative<TokenAnswer>(result));
  const TokenAnswer& tokens = std::get<TokenAnswer>(result);
  CHECK(tokens.access_token == "at");
  CHECK(tokens.id_token == "it");
  CHECK(tokens.refresh_token == "rt");
  CHECK(tokens.expires_in_s == 3600);
  CHECK(tokens.scope == "openid");

  Json as_text = answer;
  as_text["expires_in"] = "1800";
  as_text["token_type"] = "bearer";
  CHECK(std::get<TokenAnswer>(read_token_answer(response(200, as_text.dump()))).expires_in_s == 1800);
  Json no_refresh = answer;
  no_refresh.erase("refresh_token");
  CHECK(std::get<TokenAnswer>(read_token_answer(response(200, no_refresh.dump()))).refresh_token.empty());
}

TEST_CASE("a token answer without an access token, of another type, or not JSON is unreadable") {
  auto failure_of = [](const HttpResponse& reply) {
    const TokenResult result = read_token_answer(reply);
    REQUIRE(std::holds_alternative<TokenError>(result));
    return std::get<TokenError>(result);
  };
  CHECK(failure_of(response(200, R"({"token_type":"Bearer"})")).error == "access_token");
  CHECK(failure_of(response(200, R"({"access_token":"a","token_type":"mac"})")).error == "token_type");
  CHECK(failure_of(response(200, R"({"access_token":"a"})")).error == "token_type");
  CHECK(failure_of(response(200, "<html>")).failure == TokenFailure::Unreadable);
  CHECK(failure_of(response(200, "[]")).error == "json");
}

TEST_CASE("token errors: RFC 6749 refusals are final, no answer or a 5xx may pass") {
  auto failure_of = [](const HttpResponse& reply) { return std::get<TokenError>(read_token_answer(reply)); };
  const TokenError grant =
      failure_of(response(400, R"({"error":"invalid_grant","error_description":"refresh token reused"})"));
  CHECK(grant.failure == TokenFailure::Refused);
  CHECK(grant.error == "invalid_grant");
  CHECK(grant.description == "refresh token reused");
  CHECK(grant.status == 400);
  CHECK(failure_of(response(401, R"({"error":"invalid_client"})")).error == "invalid_client");
  CHECK(failure_of(response(400, "not json")).error == "status 400");
  CHECK(failure_of(response(503)).failure == TokenFailure::Network);
  CHECK(failure_of(response(429)).failure == TokenFailure::Network);
  CHECK(failure_of(network_failure()).failure == TokenFailure::Network);
}

// [SECTION] the ID token -------------------------------------------------------------------------

TEST_CASE("the ID token's claims are read from its payload") {
  const auto claims = read_id_token(jwt(id_claims()));
  REQUIRE(claims);
  CHECK(claims->issuer == kAuthority);
  CHECK(claims->audience == std::vector<std::string>{kClient});
  CHECK(claims->subject == "user-elif");
  CHECK(claims->nonce == "nonce-1");
  CHECK(claims->name == "Elif Kaya");
  CHECK(claims->email == "elif@contoso.example");
  CHECK(claims->roles == std::vector<std::string>{"Referrals user"});
  CHECK(claims->expires_at == kNow + 3600 * 1000);
  Json many = id_claims();
  many["aud"] = {"other", kClient};
  CHECK(read_id_token(jwt(many))->audience.size() == 2);
  CHECK_FALSE(read_id_token("not-a-token"));
  CHECK_FALSE(read_id_token("a.b"));
  CHECK_FALSE(read_id_token("a.b.c.d"));
  CHECK_FALSE(read_id_token("a.!!!.c"));
}

TEST_CASE("the ID token passes with the right issuer, audience, nonce and a future expiry") {
  CHECK(id_token_problem(*read_id_token(jwt(id_claims())), expectation()).empty());
  Json many = id_claims();
  many["aud"] = {"other", kClient};
  CHECK(id_token_problem(*read_id_token(jwt(many)), expectation()).empty());
}

TEST_CASE("the ID token is refused for another issuer, audience or nonce, or once expired") {
  auto problem_with = [](const char* claim, const Json& value) {
    Json claims = id_claims();
    if (value.is_null())
      claims.erase(claim);
    else
      claims[claim] = value;
    return id_token_problem(*read_id_token(jwt(claims)), expectation());
  };
  CHECK(problem_with("iss", "http://evil.test") == "iss");
  CHECK(problem_with("iss", nullptr) == "iss");
  CHECK(problem_with("aud", "another-client") == "aud");
  CHECK(problem_with("aud", Json::array({"a", "b"})) == "aud");
  CHECK(problem_with("nonce", "nonce-2") == "nonce");
  CHECK(problem_with("nonce", nullptr) == "nonce");
  CHECK(problem_with("exp", kNow / 1000 - 61) == "exp");
  CHECK(problem_with("exp", nullptr) == "exp");
  CHECK(problem_with("exp", kNow / 1000 - 30).empty());  // within the clock skew allowed
}

TEST_CASE("a refreshed ID token may leave the nonce out, but not change it or the user") {
  IdTokenExpectation refreshed = expectation();
  refreshed.nonce_required = false;
  refreshed.subject = "user-elif";
  Json without_nonce = id_claims();
  without_nonce.erase("nonce");
  CHECK(id_token_problem(*read_id_token(jwt(without_nonce)), refreshed).empty());
  Json other_nonce = id_claims();
  other_nonce["nonce"] = "nonce-2";
  CHECK(id_token_problem(*read_id_token(jwt(other_nonce)), refreshed) == "nonce");
  Json other_user = id_claims();
  other_user["sub"] = "user-ayse";
  CHECK(id_token_problem(*read_id_token(jwt(other_user)), refreshed) == "sub");
}

// [SECTION] renewal timing -----------------------------------------------------------------------

TEST_CASE("renewal comes at 75 % of the lifetime, at least 30 s before expiry, never before half of it") {
  CHECK(renewal_delay(3600 * kSecondMs) == 2700 * kSecondMs);  // 75 %
  CHECK(renewal_delay(100 * kSecondMs) == 70 * kSecondMs);     // 30 s before
  CHECK(renewal_delay(60 * kSecondMs) == 30 * kSecondMs);
  CHECK(renewal_delay(20 * kSecondMs) == 10 * kSecondMs);  // a test's short token: half
  CHECK(renewal_delay(0) == 0);
}

TEST_CASE("a renewal without an answer is tried again halfway to expiry, until it has expired") {
  CHECK(renewal_retry_delay(kNow, kNow + 20 * kSecondMs) == 10 * kSecondMs);
  CHECK(renewal_retry_delay(kNow, kNow + 3600 * kSecondMs) == 30 * kSecondMs);  // at most 30 s apart
  CHECK(renewal_retry_delay(kNow, kNow + 500) == 1000);                         // at least 1 s
  CHECK_FALSE(renewal_retry_delay(kNow, kNow));
  CHECK_FALSE(renewal_retry_delay(kNow + 1, kNow));
}

// [SECTION] sign-out and other tabs --------------------------------------------------------------

TEST_CASE("the end-session URL names where to come back and the client, and carries no token") {
  const std::string url = end_session_url(provider(), config());
  CHECK(url.rfind("http://idp.test/logout?", 0) == 0);
  CHECK(url.find("id_token_hint") == std::string::npos);
  CHECK(param(url, "post_logout_redirect_uri") == "http://app.test/");
  CHECK(param(url, "client_id") == kClient);
  ProviderMetadata without = provider();
  without.end_session_endpoint.clear();
  CHECK(end_session_url(without, config()).empty());
}

TEST_CASE("the signed-out news carries nothing but its type") {
  CHECK(signed_out_news() == R"({"type":"signed-out"})");
  CHECK(is_signed_out_news(signed_out_news()));
  CHECK_FALSE(is_signed_out_news(R"({"type":"signed-in"})"));
  CHECK_FALSE(is_signed_out_news("signed-out"));
}
