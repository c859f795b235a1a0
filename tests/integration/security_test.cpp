// Integration: who may call what — the dev sign-in only from its own origin, Host names, the per-folder secret,
// token claims and their one encoding, test-mode routes behind a token and JSON, lapsing fault rules, dotfiles,
// CSP and caching headers.
#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "clock.h"
#include "raw_http.h"
#include "test_support.h"
#include "token.h"

using namespace leads;
using namespace leads::testing;

namespace {

// A token with exactly this payload, signed HS256 with `secret`.
std::string signed_payload(const Json& payload, const std::string& secret = kSecret) {
  const std::string input =
      base64url_encode(dump_json(Json{{"alg", "HS256"}, {"typ", "JWT"}})) + "." + base64url_encode(dump_json(payload));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest, &length);
  return input + "." + base64url_encode(std::string(reinterpret_cast<const char*>(digest), length));
}

Json good_claims() {
  const long long now = Clock::system_now() / 1000;
  return Json{{"name", "Test"},
              {"oid", "11111111-2222-4333-8444-555555555555"},
              {"roles", Json::array({"Referrals admin"})},
              {"iss", kTokenIssuer},
              {"aud", kTokenAudience},
              {"iat", now},
              {"nbf", now},
              {"exp", now + 600}};
}

int list_status(const std::string& token) {
  auto client = shared_server().process->client();
  auto result = client->Get((std::string(kBase) + "?$top=1").c_str(), bearer(token));
  return result ? result->status : 0;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_SUITE("who may call what") {
  TEST_CASE("the dev sign-in refuses other origins and never answers with CORS headers") {
    auto client = shared_server().process->client();
    const std::string own = "http://127.0.0.1:" + std::to_string(shared_server().process->port());
    for (const std::string origin : {"null", "http://evil.example", kCorsOrigin}) {
      CAPTURE(origin);
      auto result = client->Get("/dev/token", httplib::Headers{{"Origin", origin}});
      REQUIRE(result);
      CHECK(result->status == 403);
      CHECK_FALSE(result->has_header("Access-Control-Allow-Origin"));
      CHECK(result->body.find("token\"") == std::string::npos);
    }
    auto cross_site = client->Get("/dev/token", httplib::Headers{{"Sec-Fetch-Site", "cross-site"}});
    REQUIRE(cross_site);
    CHECK(cross_site->status == 403);
    auto same = client->Get("/dev/token", httplib::Headers{{"Origin", own}, {"Sec-Fetch-Site", "same-origin"}});
    REQUIRE(same);
    CHECK(same->status == 200);
    CHECK_FALSE(same->has_header("Access-Control-Allow-Origin"));
    auto preflight = client->Options(
        "/dev/token", httplib::Headers{{"Origin", kCorsOrigin}, {"Access-Control-Request-Method", "GET"}});
    REQUIRE(preflight);
    CHECK_FALSE(preflight->has_header("Access-Control-Allow-Origin"));
    CHECK_FALSE(preflight->has_header("Access-Control-Allow-Methods"));
  }

  TEST_CASE("a Host the server is not configured for is refused (no DNS rebinding)") {
    const int port = shared_server().process->port();
    RawConnection raw(port);
    REQUIRE(raw.connected());
    raw.send("GET /dev/token HTTP/1.1\r\nHost: rebound.evil.example:" + std::to_string(port) + "\r\n\r\n");
    const std::string response = raw.read_response();
    CHECK(status_of(response) == 421);
    CHECK(response.find("\"token\"") == std::string::npos);
    RawConnection local(port);
    local.send("GET /app-config.json HTTP/1.1\r\nHost: localhost:" + std::to_string(port) + "\r\n\r\n");
    CHECK(status_of(local.read_response()) == 200);
  }

  TEST_CASE("@odata.nextLink and Location are built from the configured origin, not from Host") {
    TempDir dir;
    ServerProcess server(dir.file("origin.db"), {"--leads", "30", "--secret", kSecret, "--page-cap", "10",
                                                 "--public-origin", "https://leads.example.com"});
    REQUIRE(server.running());
    const int port = server.port();
    RawConnection raw(port);
    REQUIRE(raw.connected());
    raw.send("GET " + std::string(kBase) + "?$top=5 HTTP/1.1\r\nHost: localhost:" + std::to_string(port) +
             "\r\nAuthorization: Bearer " + admin_token() + "\r\n\r\n");
    const std::string response = raw.read_response();
    CHECK(status_of(response) == 200);
    const Json body = parse_json_text(response.substr(response.find("\r\n\r\n") + 4)).value;
    REQUIRE(body.contains("@odata.nextLink"));
    CHECK(body["@odata.nextLink"].get<std::string>().rfind("https://leads.example.com/v1.0/", 0) == 0);
    RawConnection named(port);
    named.send("GET /app-config.json HTTP/1.1\r\nHost: leads.example.com\r\n\r\n");
    CHECK(status_of(named.read_response()) == 200);
  }

  TEST_CASE("without --secret the data folder gets its own random secret, mode 0600, and the old built-in one fails") {
    TempDir dir;
    ServerProcess server(dir.file("own.db"), {"--leads", "3"});
    REQUIRE(server.running());
    const std::string path = dir.file("server-mock.secret");
    struct stat info {};
    REQUIRE(stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    const std::string secret = read_file(path);
    CHECK(secret.size() >= 32);
    auto client = server.client();
    auto builtin = client->Get(kBase, bearer(admin_token("leads-dev-secret")));
    REQUIRE(builtin);
    CHECK(builtin->status == 401);
    auto own = client->Get(kBase, bearer(admin_token(secret)));
    REQUIRE(own);
    CHECK(own->status == 200);
    // A restart keeps the same secret: tokens stay good.
    CHECK(server.stop() == 0);
    ServerProcess again(dir.file("own.db"), {"--leads", "3"});
    REQUIRE(again.running());
    auto after = again.client()->Get(kBase, bearer(admin_token(secret)));
    REQUIRE(after);
    CHECK(after->status == 200);
  }

  TEST_CASE("a token is checked for iss, aud and nbf") {
    CHECK(list_status(signed_payload(good_claims())) == 200);
    Json wrong_issuer = good_claims();
    wrong_issuer["iss"] = "https://login.evil.example";
    CHECK(list_status(signed_payload(wrong_issuer)) == 401);
    Json no_issuer = good_claims();
    no_issuer.erase("iss");
    CHECK(list_status(signed_payload(no_issuer)) == 401);
    Json wrong_audience = good_claims();
    wrong_audience["aud"] = "another-api";
    CHECK(list_status(signed_payload(wrong_audience)) == 401);
    Json later = good_claims();
    later["nbf"] = Clock::system_now() / 1000 + 3600;
    CHECK(list_status(signed_payload(later)) == 401);
  }

  TEST_CASE("only the canonical base64url signature is accepted") {
    const std::string token = signed_payload(good_claims());
    REQUIRE(list_status(token) == 200);
    CHECK(list_status(token + "=") == 401);
    // 32 bytes are 43 characters whose last one carries 2 unused bits: set them and the bytes decode the same.
    std::string loose = token;
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const std::size_t last = alphabet.find(loose.back());
    REQUIRE(last != std::string::npos);
    loose.back() = alphabet[(last & ~3u) | ((last & 3u) ^ 1u)];
    CHECK(list_status(loose) == 401);
    std::string with_plus = token;
    const std::size_t dash = token.rfind('-');
    if (dash != std::string::npos && dash > token.rfind('.')) {
      with_plus[dash] = '+';  // the base64 (not url) spelling of the same bits
      CHECK(list_status(with_plus) == 401);
    }
  }

  TEST_CASE("an exp beyond year 9999 is refused rather than overflowing") {
    for (double exp : {9.0e15, 1.0e300, -1.0}) {
      CAPTURE(exp);
      Json claims = good_claims();
      claims["exp"] = exp;
      CHECK(list_status(signed_payload(claims)) == 401);
    }
  }

  TEST_CASE("test-mode routes need the test token and JSON") {
    auto client = shared_server().process->client();
    auto anonymous = client->Post("/_mock/reset", "{}", "application/json");
    REQUIRE(anonymous);
    CHECK(anonymous->status == 401);
    auto user_token = client->Post("/_mock/reset", bearer(admin_token()), "{}", "application/json");
    REQUIRE(user_token);
    CHECK(user_token->status == 401);
    auto plain = client->Post("/_mock/reset", mock_auth(), "{}", "text/plain");
    REQUIRE(plain);
    CHECK(plain->status == 415);
    auto form = client->Post("/_mock/faults", mock_auth(), "a=b", "application/x-www-form-urlencoded");
    REQUIRE(form);
    CHECK(form->status == 415);
    auto read = client->Get("/_mock/clock");
    REQUIRE(read);
    CHECK(read->status == 401);
    auto good = client->Get("/_mock/clock", mock_auth());
    REQUIRE(good);
    CHECK(good->status == 200);
  }

  TEST_CASE("fault rules lapse: a rule for ever is bounded by its lifetime, and counts are bounded") {
    auto client = shared_server().process->client();
    client->Delete("/_mock/faults", mock_auth());
    auto huge = client->Post("/_mock/faults", mock_auth(), dump_json(Json{{"times", 600000}, {"status", 503}}),
                             "application/json");
    REQUIRE(huge);
    CHECK(huge->status == 400);
    auto too_long =
        client->Post("/_mock/faults", mock_auth(),
                     dump_json(Json{{"times", -1}, {"status", 503}, {"lifetimeSeconds", 86400}}), "application/json");
    REQUIRE(too_long);
    CHECK(too_long->status == 400);
    auto added = client->Post(
        "/_mock/faults", mock_auth(),
        dump_json(Json{{"method", "GET"}, {"pathPrefix", "/nowhere"}, {"times", -1}, {"lifetimeSeconds", 1}}),
        "application/json");
    REQUIRE(added);
    REQUIRE(added->status == 200);
    CHECK(json_of(added)["value"].size() == 1);
    CHECK(json_of(added)["value"][0]["lifetimeSeconds"] == 1);
    // Wait for the rule to lapse (a generous guard, not a timing assertion).
    bool lapsed = false;
    for (int i = 0; i < 200 && !lapsed; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      lapsed = json_of(client->Get("/_mock/faults", mock_auth()))["value"].empty();
    }
    CHECK(lapsed);
  }

  TEST_CASE("dotfiles of the app folder are not served") {
    shared_server().app.write(".env", "SECRET=1");
    auto client = shared_server().process->client();
    for (const char* path : {"/.env", "/.git/config", "/assets/.hidden"}) {
      CAPTURE(path);
      auto result = client->Get(path);
      REQUIRE(result);
      CHECK(result->status == 404);
      CHECK(result->body.find("SECRET") == std::string::npos);
    }
  }

  TEST_CASE("the CSP forbids base and form targets; API answers are never cached") {
    auto client = shared_server().process->client();
    auto page = client->Get("/");
    REQUIRE(page);
    const std::string csp = page->get_header_value("Content-Security-Policy");
    CHECK(csp.find("base-uri 'none'") != std::string::npos);
    CHECK(csp.find("form-action 'none'") != std::string::npos);
    auto list = client->Get((std::string(kBase) + "?$top=1").c_str(), bearer(admin_token()));
    REQUIRE(list);
    CHECK(list->get_header_value("Cache-Control") == "no-store");
    auto refused = client->Get(kBase);
    REQUIRE(refused);
    CHECK(refused->get_header_value("Cache-Control") == "no-store");
    auto mock = client->Get("/_mock/clock", mock_auth());
    REQUIRE(mock);
    CHECK(mock->get_header_value("Cache-Control") == "no-store");
  }

}  // TEST_SUITE
