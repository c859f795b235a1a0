// Integration: who may call what — the dev sign-in only from its own origin, Host names, the per-folder keys,
// the token signature's one encoding, test-mode routes behind a token and JSON, lapsing fault rules, dotfiles,
// CSP and caching headers.
#include <doctest/doctest.h>
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
    ServerProcess server(dir.file("origin.db"),
                         {"--leads", "30", "--page-cap", "10", "--public-origin", "https://leads.example.com"});
    REQUIRE(server.running());
    const TokensFor tokens(dir.file("origin.db"), server, "https://leads.example.com");  // the issuer is the origin
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

  TEST_CASE("the data folder gets its own RSA key ring, mode 0600, kept across restarts; others' keys fail") {
    TempDir dir;
    ServerProcess server(dir.file("own.db"), {"--leads", "3"});
    REQUIRE(server.running());
    const std::string path = dir.file("server-mock.keys");
    struct stat info {};
    REQUIRE(stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    const Json file = parse_json_text(read_file(path)).value;
    REQUIRE(file.contains("keys"));
    CHECK(file["keys"].size() == 2);
    CHECK(read_file(path).find("BEGIN PRIVATE KEY") != std::string::npos);
    auto client = server.client();
    // The shared server's keys (another folder) sign a token with the right issuer: refused.
    const std::string issuer = server.base_url();
    Json claims = access_claims();
    claims["iss"] = issuer;
    auto foreign = client->Get(kBase, bearer(sign_claims(claims)));
    REQUIRE(foreign);
    CHECK(foreign->status == 401);
    std::string own_token;
    {
      const TokensFor tokens(dir.file("own.db"), server);
      own_token = admin_token();
    }
    auto own = client->Get(kBase, bearer(own_token));
    REQUIRE(own);
    CHECK(own->status == 200);
    // A restart keeps the same keys: a token of the same issuer stays good (here the port changes, so re-signed).
    CHECK(server.stop() == 0);
    ServerProcess again(dir.file("own.db"), {"--leads", "3"});
    REQUIRE(again.running());
    CHECK(parse_json_text(read_file(path)).value == file);
    const TokensFor tokens(dir.file("own.db"), again);
    auto after = again.client()->Get(kBase, bearer(admin_token()));
    REQUIRE(after);
    CHECK(after->status == 200);
  }

  TEST_CASE("a key file others may read is refused at start-up") {
    TempDir dir;
    dir.write("server-mock.keys", "{}");
    REQUIRE(chmod(dir.file("server-mock.keys").c_str(), 0644) == 0);
    ServerProcess server(dir.file("open.db"), {"--leads", "1"});
    CHECK_FALSE(server.running());
  }

  TEST_CASE("only the canonical base64url signature is accepted") {
    const std::string token = admin_token();
    REQUIRE(list_status(token) == 200);
    CHECK(list_status(token + "=") == 401);
    // 256 bytes are 342 characters whose last one carries 4 unused bits: set one and the bytes decode the same.
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
      Json claims = access_claims();
      claims["exp"] = exp;
      CHECK(list_status(sign_claims(claims)) == 401);
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
