// Integration: server-mock as an OpenID Connect provider — discovery and the JWKS, /authorize's checks and sign-in
// page, the throttle, the code flow with PKCE for each demo account (tokens the API accepts), code and refresh-token
// reuse, rotation, prompt=none, logout, revocation, CORS of /token, and passwords kept only as hashes.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "clock.h"
#include "demo_accounts.h"
#include "oidc_secrets.h"
#include "test_support.h"
#include "token.h"

using namespace leads;
using namespace leads::testing;

namespace {

constexpr const char* kAppOrigin = "http://127.0.0.2:9999";
constexpr const char* kRedirect = "http://127.0.0.2:9999/";
constexpr const char* kSignedOut = "http://127.0.0.2:9999/signed-out";
constexpr const char* kClient = "leads-workspace";
constexpr const char* kOtherClient = "portal-demo";
constexpr const char* kOtherRedirect = "http://127.0.0.3:7777/cb";
constexpr const char* kScopes = "openid profile offline_access urn:leads:referrals-api/user_impersonation";
constexpr const char* kForm = "application/x-www-form-urlencoded";

// The provider these tests sign in to: two registered clients, test mode (clock, reset), 20 leads.
struct ProviderServer {
  TempDir dir;
  std::unique_ptr<ServerProcess> process;
  ProviderServer() {
    process = std::make_unique<ServerProcess>(
        dir.file("oidc.db"),
        std::vector<std::string>{"--test-mode", "--test-token", kTestToken, "--leads", "20", "--client",
                                 std::string(kClient) + "=" + kRedirect + "," + kSignedOut, "--client",
                                 std::string(kOtherClient) + "=" + kOtherRedirect, "--access-token-seconds", "300"});
  }
};

ProviderServer& provider() {
  static ProviderServer server;
  return server;
}

std::unique_ptr<httplib::Client> client() {
  return provider().process->client();
}

std::string form(const std::map<std::string, std::string>& fields) {
  std::string body;
  for (const auto& [name, value] : fields) body += (body.empty() ? "" : "&") + name + "=" + url_encode(value);
  return body;
}

// A PKCE pair: a fresh verifier and its S256 challenge.
struct Pkce {
  std::string verifier = random_base64url(kSecretBytes) + "-verifier";
  std::string challenge = sha256_base64url(verifier);
};

// The parameters of a valid authorization request; tests change or drop some.
std::map<std::string, std::string> authorize_params(const Pkce& pkce, const std::string& state = "state-1") {
  return {{"response_type", "code"},
          {"client_id", kClient},
          {"redirect_uri", kRedirect},
          {"scope", kScopes},
          {"state", state},
          {"nonce", "nonce-" + state},
          {"code_challenge", pkce.challenge},
          {"code_challenge_method", "S256"}};
}

httplib::Result get_authorize(const std::map<std::string, std::string>& params, const httplib::Headers& headers = {}) {
  return client()->Get(("/authorize?" + form(params)).c_str(), headers);
}

// The sign-in form posted as a browser on the provider's own page would.
httplib::Result post_sign_in(std::map<std::string, std::string> params, const std::string& email,
                             const std::string& password, httplib::Headers headers = {}) {
  params["email"] = email;
  params["password"] = password;
  headers.emplace("Sec-Fetch-Site", "same-origin");
  return client()->Post("/authorize", headers, form(params), kForm);
}

std::string percent_decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

// The query parameters of a redirect's Location.
std::map<std::string, std::string> query_of(const std::string& location) {
  std::map<std::string, std::string> params;
  const std::size_t question = location.find('?');
  if (question == std::string::npos) return params;
  std::istringstream pairs(location.substr(question + 1));
  for (std::string pair; std::getline(pairs, pair, '&');) {
    const std::size_t equals = pair.find('=');
    params[percent_decode(pair.substr(0, equals))] =
        equals == std::string::npos ? "" : percent_decode(pair.substr(equals + 1));
  }
  return params;
}

// "leads_idp_session=VALUE" from a response's Set-Cookie, "" when it sets none.
std::string session_cookie(const httplib::Result& result) {
  const std::string header = result->get_header_value("Set-Cookie");
  if (header.rfind("leads_idp_session=", 0) != 0) return "";
  return header.substr(0, header.find(';'));
}

Json jwt_part(const std::string& token, int index) {
  std::istringstream parts(token);
  std::string part;
  for (int i = 0; i <= index; ++i) std::getline(parts, part, '.');
  const auto text = base64url_decode(part);
  return text ? parse_json_text(*text).value : Json();
}

Json payload_of(const std::string& token) {
  return jwt_part(token, 1);
}

struct SignedIn {
  std::string code;
  std::string cookie;
  std::string state;
};

// Signs in on the page and returns the code sent to the client.
SignedIn sign_in(const DemoAccount& account, const Pkce& pkce, const std::string& state = "state-1") {
  auto result = post_sign_in(authorize_params(pkce, state), account.email, account.password);
  REQUIRE(result);
  REQUIRE(result->status == 303);
  const auto query = query_of(result->get_header_value("Location"));
  return SignedIn{query.count("code") ? query.at("code") : "", session_cookie(result),
                  query.count("state") ? query.at("state") : ""};
}

httplib::Result token_request(const std::map<std::string, std::string>& fields, const httplib::Headers& headers = {}) {
  return client()->Post("/token", headers, form(fields), kForm);
}

httplib::Result redeem(const std::string& code, const Pkce& pkce, const std::string& redirect = kRedirect) {
  return token_request({{"grant_type", "authorization_code"},
                        {"code", code},
                        {"redirect_uri", redirect},
                        {"client_id", kClient},
                        {"code_verifier", pkce.verifier}});
}

httplib::Result refresh(const std::string& refresh_token) {
  return token_request({{"grant_type", "refresh_token"}, {"refresh_token", refresh_token}, {"client_id", kClient}});
}

std::string oauth_error(const httplib::Result& result) {
  const Json body = json_of(result);
  return body.is_object() && body.contains("error") && body["error"].is_string() ? body["error"].get<std::string>()
                                                                                 : "<no error>";
}

// Signs in as `account` and redeems the code: the token answer.
Json tokens_for(const DemoAccount& account) {
  Pkce pkce;
  const SignedIn signed_in = sign_in(account, pkce);
  return json_of(redeem(signed_in.code, pkce));
}

const DemoAccount& admin() {
  return kDemoAccounts[0];
}

void reset_provider() {
  auto c = client();
  c->Post("/_mock/clock", mock_auth(), dump_json(Json{{"now", format_iso8601(Clock::system_now())}}),
          "application/json");
  c->Post("/_mock/reset", mock_auth(), dump_json(Json{{"leads", 20}}), "application/json");
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace

TEST_CASE("oidc: the discovery document names this server as issuer and its endpoints, readable from any origin") {
  auto result = client()->Get("/.well-known/openid-configuration", {{"Origin", "http://anywhere.example"}});
  REQUIRE(result);
  CHECK(result->status == 200);
  CHECK(result->get_header_value("Access-Control-Allow-Origin") == "*");
  const Json doc = json_of(result);
  const std::string issuer = provider().process->base_url();
  CHECK(doc["issuer"] == issuer);
  CHECK(doc["authorization_endpoint"] == issuer + "/authorize");
  CHECK(doc["token_endpoint"] == issuer + "/token");
  CHECK(doc["jwks_uri"] == issuer + "/jwks");
  CHECK(doc["end_session_endpoint"] == issuer + "/logout");
  CHECK(doc["revocation_endpoint"] == issuer + "/revoke");
  CHECK(doc["response_types_supported"] == Json::array({"code"}));
  CHECK(doc["response_modes_supported"] == Json::array({"query"}));
  CHECK(doc["grant_types_supported"] == Json::array({"authorization_code", "refresh_token"}));
  CHECK(doc["subject_types_supported"] == Json::array({"public"}));
  CHECK(doc["id_token_signing_alg_values_supported"] == Json::array({"RS256"}));
  CHECK(doc["code_challenge_methods_supported"] == Json::array({"S256"}));
  CHECK(doc["token_endpoint_auth_methods_supported"] == Json::array({"none"}));
  CHECK(doc["scopes_supported"] ==
        Json::array({"openid", "profile", "email", "offline_access", "urn:leads:referrals-api/user_impersonation"}));
  CHECK(doc["claims_supported"].is_array());
}

TEST_CASE("oidc: the JWKS publishes two RSA signing keys, public halves only") {
  auto result = client()->Get("/jwks");
  REQUIRE(result);
  CHECK(result->status == 200);
  CHECK(result->get_header_value("Access-Control-Allow-Origin") == "*");
  const Json keys = json_of(result)["keys"];
  REQUIRE(keys.is_array());
  CHECK(keys.size() == 2);
  for (const Json& key : keys) {
    CHECK(key["kty"] == "RSA");
    CHECK(key["use"] == "sig");
    CHECK(key["alg"] == "RS256");
    CHECK(key["kid"].is_string());
    CHECK(key["n"].is_string());
    CHECK(key["e"].is_string());
    CHECK_FALSE(key.contains("d"));
    CHECK_FALSE(key.contains("p"));
  }
  CHECK(keys[0]["kid"] != keys[1]["kid"]);
}

TEST_CASE("oidc: an unknown client or a redirect URI not registered gets a 400 page, never a redirect") {
  Pkce pkce;
  auto params = authorize_params(pkce);
  params["client_id"] = "someone-else";
  auto unknown = get_authorize(params);
  REQUIRE(unknown);
  CHECK(unknown->status == 400);
  CHECK_FALSE(unknown->has_header("Location"));
  CHECK(unknown->get_header_value("Content-Type").find("text/html") == 0);

  for (const std::string& uri : {std::string(kRedirect) + "x", std::string("http://evil.example/"),
                                 std::string(kOtherRedirect), std::string("")}) {
    CAPTURE(uri);
    params = authorize_params(pkce);
    params["redirect_uri"] = uri;
    auto mismatch = get_authorize(params);
    REQUIRE(mismatch);
    CHECK(mismatch->status == 400);
    CHECK_FALSE(mismatch->has_header("Location"));
  }
}

TEST_CASE("oidc: other /authorize errors go back to the client with error, description, state and iss") {
  Pkce pkce;
  struct Case {
    const char* name;
    std::string drop;
    std::pair<std::string, std::string> set;
    std::string error;
  };
  const std::vector<Case> cases = {
      {"no state", "state", {}, "invalid_request"},
      {"no nonce", "nonce", {}, "invalid_request"},
      {"no code_challenge", "code_challenge", {}, "invalid_request"},
      {"no code_challenge_method", "code_challenge_method", {}, "invalid_request"},
      {"plain method", "", {"code_challenge_method", "plain"}, "invalid_request"},
      {"a challenge of the wrong length", "", {"code_challenge", "abc"}, "invalid_request"},
      {"no openid", "", {"scope", "profile offline_access"}, "invalid_scope"},
      {"an unknown scope", "", {"scope", "openid admin"}, "invalid_scope"},
      {"the implicit flow", "", {"response_type", "token"}, "unsupported_response_type"},
      {"form_post", "", {"response_mode", "form_post"}, "invalid_request"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    auto params = authorize_params(pkce);
    if (!c.drop.empty()) params.erase(c.drop);
    if (!c.set.first.empty()) params[c.set.first] = c.set.second;
    auto result = get_authorize(params);
    REQUIRE(result);
    CHECK(result->status == 302);
    const std::string location = result->get_header_value("Location");
    CHECK(location.rfind(std::string(kRedirect) + "?", 0) == 0);
    const auto query = query_of(location);
    CHECK(query.count("code") == 0);
    CHECK(query.at("error") == c.error);
    CHECK_FALSE(query.at("error_description").empty());
    CHECK(query.at("iss") == provider().process->base_url());
    if (c.drop == "state")
      CHECK(query.count("state") == 0);
    else
      CHECK(query.at("state") == "state-1");
  }
}

TEST_CASE("oidc: the sign-in page lists the demo accounts, labels its inputs, runs no script, and escapes") {
  Pkce pkce;
  auto params = authorize_params(pkce, "st\"ate<1>");
  params["login_hint"] = "\"><script>alert(1)</script>";
  auto result = get_authorize(params);
  REQUIRE(result);
  CHECK(result->status == 200);
  const std::string& html = result->body;
  CHECK(html.find("<html lang=\"en\">") != std::string::npos);
  CHECK(html.find("Leads workspace") != std::string::npos);
  for (const DemoAccount& account : kDemoAccounts) {
    CHECK(html.find(account.name) != std::string::npos);
    CHECK(html.find(account.email) != std::string::npos);
    CHECK(html.find(account.password) != std::string::npos);
  }
  CHECK(html.find("MPN partner admin") != std::string::npos);
  CHECK(html.find("Referrals user (read only)") != std::string::npos);
  CHECK(html.find("demonstration server") != std::string::npos);
  CHECK(html.find("<label for=\"email\">") != std::string::npos);
  CHECK(html.find("<label for=\"password\">") != std::string::npos);
  CHECK(html.find("type=\"submit\"") != std::string::npos);
  CHECK(html.find("<form method=\"post\" action=\"/authorize\">") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("st&quot;ate&lt;1&gt;") != std::string::npos);
  CHECK(html.find("style=") == std::string::npos);
  const std::string csp = result->get_header_value("Content-Security-Policy");
  CHECK(csp.find("default-src 'none'") != std::string::npos);
  CHECK(csp.find("style-src 'self'") != std::string::npos);
  CHECK(csp.find("form-action 'self' http://127.0.0.2:9999 http://127.0.0.3:7777") != std::string::npos);
  CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
  CHECK(csp.find("script-src") == std::string::npos);
  CHECK(result->get_header_value("Cache-Control") == "no-store");
  CHECK(result->get_header_value("X-Content-Type-Options") == "nosniff");

  auto css = client()->Get("/sign-in.css");
  REQUIRE(css);
  CHECK(css->status == 200);
  CHECK(css->get_header_value("Content-Type").find("text/css") == 0);
}

TEST_CASE("oidc: the sign-in page speaks Turkish to a Turkish browser or when ui_locales asks") {
  Pkce pkce;
  auto turkish = get_authorize(authorize_params(pkce), {{"Accept-Language", "tr-TR,tr;q=0.9,en;q=0.5"}});
  REQUIRE(turkish);
  CHECK(turkish->body.find("<html lang=\"tr\">") != std::string::npos);
  CHECK(turkish->body.find("Parola") != std::string::npos);
  CHECK(turkish->body.find("Referans kullanıcısı (salt okunur)") != std::string::npos);
  auto params = authorize_params(pkce);
  params["ui_locales"] = "tr";
  auto asked = get_authorize(params, {{"Accept-Language", "en"}});
  REQUIRE(asked);
  CHECK(asked->body.find("<html lang=\"tr\">") != std::string::npos);
  auto english = get_authorize(authorize_params(pkce), {{"Accept-Language", "de, en;q=0.8, tr;q=0.3"}});
  REQUIRE(english);
  CHECK(english->body.find("<html lang=\"en\">") != std::string::npos);
}

TEST_CASE("oidc: a wrong password shows the page again with a message that does not say which part was wrong") {
  reset_provider();
  Pkce pkce;
  auto result = post_sign_in(authorize_params(pkce), admin().email, "not-the-password");
  REQUIRE(result);
  CHECK(result->status == 200);
  CHECK_FALSE(result->has_header("Location"));
  CHECK_FALSE(result->has_header("Set-Cookie"));
  CHECK(result->body.find("role=\"alert\"") != std::string::npos);
  CHECK(result->body.find("The e-mail or the password is not right") != std::string::npos);
  CHECK(result->body.find(std::string("value=\"") + admin().email + "\"") != std::string::npos);
  auto unknown = post_sign_in(authorize_params(pkce), "nobody@contoso.example", "whatever");
  REQUIRE(unknown);
  CHECK(unknown->status == 200);
  CHECK(unknown->body.find("The e-mail or the password is not right") != std::string::npos);
  reset_provider();
}

TEST_CASE("oidc: the sign-in form posted from another site is refused") {
  Pkce pkce;
  auto params = authorize_params(pkce);
  params["email"] = admin().email;
  params["password"] = admin().password;
  auto result = client()->Post("/authorize", {{"Sec-Fetch-Site", "cross-site"}}, form(params), kForm);
  REQUIRE(result);
  CHECK(result->status == 403);
  CHECK_FALSE(result->has_header("Location"));
  auto by_origin = client()->Post("/authorize", {{"Origin", "http://evil.example"}}, form(params), kForm);
  REQUIRE(by_origin);
  CHECK(by_origin->status == 403);
}

TEST_CASE("oidc: after 5 failed sign-ins the account is throttled with 429 and Retry-After, even the right password") {
  reset_provider();
  Pkce pkce;
  const DemoAccount& account = kDemoAccounts[1];
  for (int i = 0; i < 5; ++i) {
    auto wrong = post_sign_in(authorize_params(pkce), account.email, "wrong-" + std::to_string(i));
    REQUIRE(wrong);
    CHECK(wrong->status == 200);
  }
  auto refused = post_sign_in(authorize_params(pkce), account.email, account.password);
  REQUIRE(refused);
  CHECK(refused->status == 429);
  CHECK_FALSE(refused->has_header("Location"));
  CHECK_FALSE(refused->has_header("Set-Cookie"));
  const int retry_after = std::atoi(refused->get_header_value("Retry-After").c_str());
  CHECK(retry_after > 800);
  CHECK(retry_after <= 900);
  CHECK(refused->body.find("role=\"alert\"") != std::string::npos);

  // The address is throttled too: another account from it is refused.
  auto other = post_sign_in(authorize_params(pkce), kDemoAccounts[2].email, kDemoAccounts[2].password);
  REQUIRE(other);
  CHECK(other->status == 429);

  // Once the window has passed, the right password works again.
  client()->Post("/_mock/clock", mock_auth(), dump_json(Json{{"advanceSeconds", 15 * 60 + 1}}), "application/json");
  auto later = post_sign_in(authorize_params(pkce), account.email, account.password);
  REQUIRE(later);
  CHECK(later->status == 303);
  reset_provider();
}

TEST_CASE("oidc: each demo account signs in with the code flow and gets tokens the API takes, with its role") {
  reset_provider();
  for (const DemoAccount& account : kDemoAccounts) {
    CAPTURE(account.email);
    Pkce pkce;
    auto signed_in =
        post_sign_in(authorize_params(pkce, "st-" + std::string(account.oid)), account.email, account.password);
    REQUIRE(signed_in);
    REQUIRE(signed_in->status == 303);
    const std::string location = signed_in->get_header_value("Location");
    CHECK(location.rfind(std::string(kRedirect) + "?", 0) == 0);
    const auto query = query_of(location);
    REQUIRE(query.count("code"));
    CHECK(query.at("state") == "st-" + std::string(account.oid));
    CHECK(query.at("iss") == provider().process->base_url());
    const std::string cookie_header = signed_in->get_header_value("Set-Cookie");
    CHECK(cookie_header.find("HttpOnly") != std::string::npos);
    CHECK(cookie_header.find("SameSite=Lax") != std::string::npos);
    CHECK(cookie_header.find("Path=/") != std::string::npos);

    auto answer = redeem(query.at("code"), pkce);
    REQUIRE(answer);
    CHECK(answer->status == 200);
    CHECK(answer->get_header_value("Cache-Control") == "no-store");
    const Json tokens = json_of(answer);
    CHECK(tokens["token_type"] == "Bearer");
    CHECK(tokens["expires_in"] == 300);
    CHECK(tokens["scope"] == kScopes);
    REQUIRE(tokens["refresh_token"].is_string());
    CHECK(tokens["refresh_token"].get<std::string>().size() == 43);

    const std::string access_token = tokens["access_token"].get<std::string>();
    const Json header = jwt_part(access_token, 0);
    CHECK(header["alg"] == "RS256");
    CHECK(header["typ"] == "JWT");
    CHECK(header["kid"].is_string());
    const Json access = payload_of(access_token);
    const long long now = Clock::system_now() / 1000;
    CHECK(access["iss"] == provider().process->base_url());
    CHECK(access["aud"] == "urn:leads:referrals-api");
    CHECK(access["sub"] == account.oid);
    CHECK(access["oid"] == account.oid);
    CHECK(access["tid"] == kDemoTenantId);
    CHECK(access["name"] == account.name);
    CHECK(access["email"] == account.email);
    CHECK(access["preferred_username"] == account.email);
    CHECK(access["roles"] == Json::array({account.role}));
    CHECK(access["scp"] == "user_impersonation");
    CHECK(access["azp"] == kClient);
    CHECK(access["sid"].is_string());
    CHECK(access["jti"].is_string());
    CHECK(access["iat"].get<long long>() >= now - 5);
    CHECK(access["nbf"] == access["iat"]);
    CHECK(access["exp"].get<long long>() == access["iat"].get<long long>() + 300);

    const Json id = payload_of(tokens["id_token"].get<std::string>());
    CHECK(jwt_part(tokens["id_token"].get<std::string>(), 0)["alg"] == "RS256");
    CHECK(id["iss"] == provider().process->base_url());
    CHECK(id["aud"] == kClient);
    CHECK(id["sub"] == account.oid);
    CHECK(id["name"] == account.name);
    CHECK(id["roles"] == Json::array({account.role}));
    CHECK(id["nonce"] == "nonce-st-" + std::string(account.oid));
    CHECK(id["sid"] == access["sid"]);
    CHECK(id["auth_time"].get<long long>() >= now - 5);
    CHECK(id["exp"].get<long long>() > now);

    auto list = client()->Get((std::string(kBase) + "?$top=1").c_str(), bearer(access_token));
    REQUIRE(list);
    CHECK(list->status == 200);
    if (std::string(account.role) == "Referrals user") {
      const Json lead = json_of(list)["value"][0];
      REQUIRE(lead.is_object());
      auto write = client()->Patch((std::string(kBase) + "/" + lead["id"].get<std::string>()).c_str(),
                                   bearer(access_token), dump_json(accept_patch()), "application/json");
      REQUIRE(write);
      CHECK(write->status == 403);
    }
  }
}

TEST_CASE("oidc: without offline_access no refresh token is issued") {
  Pkce pkce;
  auto params = authorize_params(pkce);
  params["scope"] = "openid profile";
  auto signed_in = post_sign_in(params, admin().email, admin().password);
  REQUIRE(signed_in);
  REQUIRE(signed_in->status == 303);
  const Json tokens = json_of(redeem(query_of(signed_in->get_header_value("Location")).at("code"), pkce));
  CHECK(tokens["access_token"].is_string());
  CHECK(tokens["scope"] == "openid profile");
  CHECK_FALSE(tokens.contains("refresh_token"));
}

TEST_CASE("oidc: a wrong code_verifier is invalid_grant, and the code is spent") {
  Pkce pkce;
  const SignedIn signed_in = sign_in(admin(), pkce);
  Pkce other;
  auto wrong = redeem(signed_in.code, other);
  REQUIRE(wrong);
  CHECK(wrong->status == 400);
  CHECK(oauth_error(wrong) == "invalid_grant");
  auto right_after = redeem(signed_in.code, pkce);
  REQUIRE(right_after);
  CHECK(oauth_error(right_after) == "invalid_grant");

  auto malformed = token_request({{"grant_type", "authorization_code"},
                                  {"code", "x"},
                                  {"redirect_uri", kRedirect},
                                  {"client_id", kClient},
                                  {"code_verifier", "short"}});
  REQUIRE(malformed);
  CHECK(oauth_error(malformed) == "invalid_request");
}

TEST_CASE("oidc: a reused code is invalid_grant and revokes the refresh token issued for it") {
  Pkce pkce;
  const SignedIn signed_in = sign_in(admin(), pkce);
  const Json first = json_of(redeem(signed_in.code, pkce));
  REQUIRE(first["refresh_token"].is_string());
  auto again = redeem(signed_in.code, pkce);
  REQUIRE(again);
  CHECK(again->status == 400);
  CHECK(oauth_error(again) == "invalid_grant");
  auto refreshed = refresh(first["refresh_token"].get<std::string>());
  REQUIRE(refreshed);
  CHECK(oauth_error(refreshed) == "invalid_grant");
}

TEST_CASE("oidc: a code older than 60 seconds is invalid_grant") {
  reset_provider();
  Pkce pkce;
  const SignedIn signed_in = sign_in(admin(), pkce);
  client()->Post("/_mock/clock", mock_auth(), dump_json(Json{{"advanceSeconds", 61}}), "application/json");
  auto late = redeem(signed_in.code, pkce);
  REQUIRE(late);
  CHECK(oauth_error(late) == "invalid_grant");
  CHECK(json_of(late)["error_description"].get<std::string>().find("expired") != std::string::npos);
  reset_provider();
}

TEST_CASE("oidc: a redirect_uri at /token other than the code's, or another client, is invalid_grant") {
  Pkce pkce;
  const SignedIn first = sign_in(admin(), pkce);
  auto other_uri = redeem(first.code, pkce, kSignedOut);
  REQUIRE(other_uri);
  CHECK(oauth_error(other_uri) == "invalid_grant");

  const SignedIn second = sign_in(admin(), pkce);
  auto other_client = token_request({{"grant_type", "authorization_code"},
                                     {"code", second.code},
                                     {"redirect_uri", kRedirect},
                                     {"client_id", kOtherClient},
                                     {"code_verifier", pkce.verifier}});
  REQUIRE(other_client);
  CHECK(oauth_error(other_client) == "invalid_grant");
}

TEST_CASE("oidc: /token refuses an unknown client (401), an unknown grant type, a missing parameter, odd bodies") {
  auto unknown = token_request({{"grant_type", "authorization_code"}, {"client_id", "nobody"}, {"code", "x"}});
  REQUIRE(unknown);
  CHECK(unknown->status == 401);
  CHECK(oauth_error(unknown) == "invalid_client");
  auto password_grant = token_request({{"grant_type", "password"}, {"client_id", kClient}});
  REQUIRE(password_grant);
  CHECK(password_grant->status == 400);
  CHECK(oauth_error(password_grant) == "unsupported_grant_type");
  auto no_code = token_request({{"grant_type", "authorization_code"}, {"client_id", kClient}});
  REQUIRE(no_code);
  CHECK(oauth_error(no_code) == "invalid_request");
  auto twice =
      client()->Post("/token", "grant_type=refresh_token&grant_type=refresh_token&client_id=leads-workspace", kForm);
  REQUIRE(twice);
  CHECK(oauth_error(twice) == "invalid_request");
  auto json_body = client()->Post("/token", "{}", "application/json");
  REQUIRE(json_body);
  CHECK(json_body->status == 415);
  auto oversized = client()->Post("/token", "grant_type=refresh_token&refresh_token=" + std::string(9000, 'x'), kForm);
  REQUIRE(oversized);
  CHECK(oversized->status == 413);
}

TEST_CASE("oidc: each endpoint refuses a method it does not take with 405 invalid_request and says which it takes") {
  const auto refused = [](const httplib::Result& result, const char* allow) {
    REQUIRE(result);
    CHECK(result->status == 405);
    CHECK(result->get_header_value("Allow") == allow);
    CHECK(oauth_error(result) == "invalid_request");
  };
  refused(client()->Get("/token"), "POST");
  refused(client()->Put("/token", "", kForm), "POST");
  refused(client()->Get("/revoke"), "POST");
  refused(client()->Put("/authorize", "", kForm), "GET, POST");
  refused(client()->Delete("/logout"), "GET, POST");
  auto head = client()->Head("/authorize");  // HEAD goes with GET
  REQUIRE(head);
  CHECK(head->status != 405);
}

TEST_CASE("oidc: a refresh rotates the refresh token; reusing an old one revokes the whole family") {
  const Json tokens = tokens_for(admin());
  const std::string first = tokens["refresh_token"].get<std::string>();
  auto rotated = refresh(first);
  REQUIRE(rotated);
  CHECK(rotated->status == 200);
  const Json second_answer = json_of(rotated);
  const std::string second = second_answer["refresh_token"].get<std::string>();
  CHECK(second != first);
  CHECK(second_answer["access_token"].is_string());
  const Json id = payload_of(second_answer["id_token"].get<std::string>());
  CHECK(id["aud"] == kClient);
  CHECK_FALSE(id.contains("nonce"));
  CHECK(payload_of(second_answer["access_token"].get<std::string>())["sid"] ==
        payload_of(tokens["access_token"].get<std::string>())["sid"]);

  const Json third_answer = json_of(refresh(second));
  REQUIRE(third_answer["refresh_token"].is_string());
  const std::string third = third_answer["refresh_token"].get<std::string>();

  auto reused = refresh(first);
  REQUIRE(reused);
  CHECK(reused->status == 400);
  CHECK(oauth_error(reused) == "invalid_grant");
  auto newest = refresh(third);
  REQUIRE(newest);
  CHECK(oauth_error(newest) == "invalid_grant");
}

TEST_CASE("oidc: a refresh may narrow the scope but not widen it, and only for its own client") {
  const Json tokens = tokens_for(admin());
  const std::string token = tokens["refresh_token"].get<std::string>();
  auto wider = token_request(
      {{"grant_type", "refresh_token"}, {"refresh_token", token}, {"client_id", kClient}, {"scope", "openid email"}});
  REQUIRE(wider);
  CHECK(oauth_error(wider) == "invalid_scope");
  auto other_client =
      token_request({{"grant_type", "refresh_token"}, {"refresh_token", token}, {"client_id", kOtherClient}});
  REQUIRE(other_client);
  CHECK(oauth_error(other_client) == "invalid_grant");
  auto narrower = token_request(
      {{"grant_type", "refresh_token"}, {"refresh_token", token}, {"client_id", kClient}, {"scope", "openid"}});
  REQUIRE(narrower);
  CHECK(narrower->status == 200);
  CHECK(json_of(narrower)["scope"] == "openid");
}

TEST_CASE("oidc: prompt=none gives a code at once with a session and login_required without one") {
  Pkce pkce;
  auto params = authorize_params(pkce, "silent");
  params["prompt"] = "none";
  auto without = get_authorize(params);
  REQUIRE(without);
  CHECK(without->status == 302);
  CHECK(query_of(without->get_header_value("Location")).at("error") == "login_required");
  CHECK(query_of(without->get_header_value("Location")).at("state") == "silent");

  const SignedIn signed_in = sign_in(admin(), pkce);
  REQUIRE_FALSE(signed_in.cookie.empty());
  auto with = get_authorize(params, {{"Cookie", signed_in.cookie}});
  REQUIRE(with);
  CHECK(with->status == 302);
  const auto query = query_of(with->get_header_value("Location"));
  REQUIRE(query.count("code"));
  CHECK(query.at("state") == "silent");
  auto answer = redeem(query.at("code"), pkce);
  CHECK(json_of(answer)["access_token"].is_string());

  // Without prompt the session is used too; prompt=login asks again.
  params.erase("prompt");
  auto plain = get_authorize(params, {{"Cookie", signed_in.cookie}});
  REQUIRE(plain);
  CHECK(plain->status == 302);
  params["prompt"] = "login";
  auto again = get_authorize(params, {{"Cookie", signed_in.cookie}});
  REQUIRE(again);
  CHECK(again->status == 200);
  CHECK(again->body.find("<form") != std::string::npos);
}

TEST_CASE("oidc: logout ends the session, revokes its refresh tokens, clears the cookie and returns when registered") {
  Pkce pkce;
  const SignedIn signed_in = sign_in(admin(), pkce);
  const Json tokens = json_of(redeem(signed_in.code, pkce));
  REQUIRE(tokens["refresh_token"].is_string());
  const std::string query = form({{"id_token_hint", tokens["id_token"].get<std::string>()},
                                  {"post_logout_redirect_uri", kSignedOut},
                                  {"state", "bye"}});
  auto logout = client()->Get(("/logout?" + query).c_str(), {{"Cookie", signed_in.cookie}});
  REQUIRE(logout);
  CHECK(logout->status == 302);
  CHECK(logout->get_header_value("Location") == std::string(kSignedOut) + "?state=bye");
  const std::string cleared = logout->get_header_value("Set-Cookie");
  CHECK(cleared.find("leads_idp_session=;") == 0);
  CHECK(cleared.find("Max-Age=0") != std::string::npos);

  auto refreshed = refresh(tokens["refresh_token"].get<std::string>());
  REQUIRE(refreshed);
  CHECK(oauth_error(refreshed) == "invalid_grant");
  auto params = authorize_params(pkce);
  params["prompt"] = "none";
  auto silent = get_authorize(params, {{"Cookie", signed_in.cookie}});
  REQUIRE(silent);
  CHECK(query_of(silent->get_header_value("Location")).at("error") == "login_required");
}

TEST_CASE("oidc: logout by id_token_hint alone ends that session; an unregistered return address shows a page") {
  Pkce pkce;
  const SignedIn signed_in = sign_in(admin(), pkce);
  const Json tokens = json_of(redeem(signed_in.code, pkce));
  const std::string query = form(
      {{"id_token_hint", tokens["id_token"].get<std::string>()}, {"post_logout_redirect_uri", "http://evil.example/"}});
  auto logout = client()->Get(("/logout?" + query).c_str());
  REQUIRE(logout);
  CHECK(logout->status == 200);
  CHECK_FALSE(logout->has_header("Location"));
  CHECK(logout->body.find("You are signed out") != std::string::npos);
  auto refreshed = refresh(tokens["refresh_token"].get<std::string>());
  CHECK(oauth_error(refreshed) == "invalid_grant");

  // Without a hint or client_id, a registered address is not enough: the provider does not know who asks.
  auto anonymous = client()->Get(("/logout?" + form({{"post_logout_redirect_uri", kSignedOut}})).c_str());
  REQUIRE(anonymous);
  CHECK(anonymous->status == 200);
  auto with_client =
      client()->Get(("/logout?" + form({{"post_logout_redirect_uri", kSignedOut}, {"client_id", kClient}})).c_str());
  REQUIRE(with_client);
  CHECK(with_client->status == 302);
}

TEST_CASE("oidc: /revoke revokes a refresh token's family and always answers 200") {
  const Json tokens = tokens_for(admin());
  const std::string token = tokens["refresh_token"].get<std::string>();
  auto revoked = client()->Post(
      "/revoke", form({{"token", token}, {"token_type_hint", "refresh_token"}, {"client_id", kClient}}), kForm);
  REQUIRE(revoked);
  CHECK(revoked->status == 200);
  CHECK(oauth_error(refresh(token)) == "invalid_grant");
  auto unknown = client()->Post("/revoke", form({{"token", "not-a-token"}, {"client_id", kClient}}), kForm);
  REQUIRE(unknown);
  CHECK(unknown->status == 200);
  auto access = client()->Post(
      "/revoke", form({{"token", tokens["access_token"].get<std::string>()}, {"client_id", kClient}}), kForm);
  REQUIRE(access);
  CHECK(access->status == 200);
  auto no_client = client()->Post("/revoke", form({{"token", token}, {"client_id", "nobody"}}), kForm);
  REQUIRE(no_client);
  CHECK(no_client->status == 401);
}

TEST_CASE("oidc: /token answers CORS to the registered redirect origins only") {
  auto preflight = client()->Options("/token", {{"Origin", kAppOrigin}, {"Access-Control-Request-Method", "POST"}});
  REQUIRE(preflight);
  CHECK(preflight->status == 204);
  CHECK(preflight->get_header_value("Access-Control-Allow-Origin") == kAppOrigin);
  CHECK(preflight->get_header_value("Access-Control-Allow-Methods").find("POST") != std::string::npos);

  auto allowed = token_request({{"grant_type", "refresh_token"}, {"refresh_token", "x"}, {"client_id", kClient}},
                               {{"Origin", kAppOrigin}});
  REQUIRE(allowed);
  CHECK(allowed->get_header_value("Access-Control-Allow-Origin") == kAppOrigin);
  CHECK(allowed->get_header_value("Vary").find("Origin") != std::string::npos);

  auto foreign = token_request({{"grant_type", "refresh_token"}, {"refresh_token", "x"}, {"client_id", kClient}},
                               {{"Origin", "http://evil.example"}});
  REQUIRE(foreign);
  CHECK_FALSE(foreign->has_header("Access-Control-Allow-Origin"));
  auto foreign_preflight =
      client()->Options("/token", {{"Origin", "http://evil.example"}, {"Access-Control-Request-Method", "POST"}});
  REQUIRE(foreign_preflight);
  CHECK_FALSE(foreign_preflight->has_header("Access-Control-Allow-Origin"));
}

TEST_CASE("oidc: the database keeps password hashes, never the passwords") {
  tokens_for(admin());  // the accounts exist once someone signed in
  const std::string bytes = read_bytes(provider().dir.file("oidc.db")) + read_bytes(provider().dir.file("oidc.db-wal"));
  CHECK(bytes.find("pbkdf2-sha256$600000$") != std::string::npos);
  for (const DemoAccount& account : kDemoAccounts) {
    CHECK(bytes.find(account.email) != std::string::npos);
    CHECK(bytes.find(account.password) == std::string::npos);
  }
}

TEST_CASE("oidc: with no --client the app served here is the client, and /app-config.json says how to sign in") {
  auto shared = shared_server().process->client();
  const std::string origin = shared_server().process->base_url();
  Pkce pkce;
  auto params = authorize_params(pkce);
  params["redirect_uri"] = origin + "/";
  auto page = shared->Get(("/authorize?" + form(params)).c_str());
  REQUIRE(page);
  CHECK(page->status == 200);
  const Json config = json_of(shared->Get("/app-config.json"));
  CHECK(config["signIn"]["authority"] == origin);
  CHECK(config["signIn"]["clientId"] == "leads-workspace");
  CHECK(config["signIn"]["scopes"] == kScopes);
  CHECK(config["signIn"]["redirectUri"] == origin + "/");
  CHECK(config["businessProfileUrl"] == "https://partner.microsoft.com/dashboard/mpn/partnerprofile");
}

TEST_CASE("oidc: --authority, --client-id, --scopes and --redirect-uri point the app at another provider") {
  TempDir dir;
  ServerProcess entra(
      dir.file("entra.db"),
      {"--authority", "https://login.microsoftonline.com/4f5c2a8e-7d1b-4c3e-9a6f-0b2d8e1c5a77/v2.0", "--client-id",
       "0d6f4a1e-1111-4222-8333-944455556666", "--scopes",
       "openid profile offline_access api://leads/user_impersonation", "--redirect-uri",
       "https://leads.contoso.example/", "--business-profile-url", "https://partner.contoso.example/business-profile"});
  REQUIRE(entra.running());
  const Json config = json_of(entra.client()->Get("/app-config.json"));
  CHECK(config["signIn"]["authority"] == "https://login.microsoftonline.com/4f5c2a8e-7d1b-4c3e-9a6f-0b2d8e1c5a77/v2.0");
  CHECK(config["signIn"]["clientId"] == "0d6f4a1e-1111-4222-8333-944455556666");
  CHECK(config["signIn"]["scopes"] == "openid profile offline_access api://leads/user_impersonation");
  CHECK(config["signIn"]["redirectUri"] == "https://leads.contoso.example/");
  CHECK(config["devSignIn"] == false);
  CHECK(config["businessProfileUrl"] == "https://partner.contoso.example/business-profile");
}
