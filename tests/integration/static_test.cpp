// Integration: serving the web app (MIME types, security headers, validators and 304, gzip, traversal refused)
// and CORS for configured origins.
#include <doctest/doctest.h>

#include "test_support.h"

using namespace leads;
using namespace leads::testing;

TEST_CASE("the app page carries CSP with the configured frame-ancestors, nosniff, no-referrer and no-cache") {
  auto client = shared_server().process->client();
  auto page = client->Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->body.find("<title>Leads</title>") != std::string::npos);
  CHECK(page->get_header_value("Content-Type").rfind("text/html", 0) == 0);
  const std::string csp = page->get_header_value("Content-Security-Policy");
  CHECK(csp.find("script-src 'self' 'wasm-unsafe-eval'") != std::string::npos);
  CHECK(csp.find(std::string("frame-ancestors ") + kFrameAncestors) != std::string::npos);
  CHECK(page->get_header_value("X-Content-Type-Options") == "nosniff");
  CHECK(page->get_header_value("Referrer-Policy") == "no-referrer");
  CHECK(page->get_header_value("Cache-Control") == "no-cache");
}

TEST_CASE("static files get their MIME types") {
  auto client = shared_server().process->client();
  auto wasm = client->Get("/app.wasm");
  REQUIRE(wasm);
  CHECK(wasm->status == 200);
  CHECK(wasm->get_header_value("Content-Type") == "application/wasm");
  CHECK(wasm->body.size() == 4008);
  CHECK(client->Get("/app.js")->get_header_value("Content-Type").rfind("application/javascript", 0) == 0);
  CHECK(client->Get("/app.data")->get_header_value("Content-Type") == "application/octet-stream");
  auto missing = client->Get("/nothing.js");
  REQUIRE(missing);
  CHECK(missing->status == 404);
}

TEST_CASE("a matching If-None-Match or If-Modified-Since gives 304") {
  auto client = shared_server().process->client();
  auto first = client->Get("/app.js");
  REQUIRE(first);
  const std::string etag = first->get_header_value("ETag");
  REQUIRE_FALSE(etag.empty());
  auto again = client->Get("/app.js", httplib::Headers{{"If-None-Match", etag}});
  REQUIRE(again);
  CHECK(again->status == 304);
  CHECK(again->body.empty());
  auto since =
      client->Get("/app.js", httplib::Headers{{"If-Modified-Since", first->get_header_value("Last-Modified")}});
  REQUIRE(since);
  CHECK(since->status == 304);
  auto other = client->Get("/app.js", httplib::Headers{{"If-None-Match", "\"something-else\""}});
  REQUIRE(other);
  CHECK(other->status == 200);
}

TEST_CASE("wasm is gzipped for a client that accepts it") {
  auto client = shared_server().process->client();
  client->set_decompress(false);
  auto zipped = client->Get("/app.wasm", httplib::Headers{{"Accept-Encoding", "gzip"}});
  REQUIRE(zipped);
  CHECK(zipped->get_header_value("Content-Encoding") == "gzip");
  CHECK(zipped->body.size() < 4008);
}

TEST_CASE("paths that climb out of the app folder are refused") {
  auto client = shared_server().process->client();
  for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/sub/../../secret.txt", "/..%2fsecret.txt"}) {
    CAPTURE(path);
    auto result = client->Get(path);
    REQUIRE(result);
    CHECK(result->status >= 400);
    CHECK(result->body.find("top secret") == std::string::npos);
  }
}

TEST_CASE("CORS: a configured origin gets allow/expose headers and a preflight; others get none") {
  auto client = shared_server().process->client();
  auto preflight = client->Options(kBase, httplib::Headers{{"Origin", kCorsOrigin},
                                                           {"Access-Control-Request-Method", "PATCH"},
                                                           {"Access-Control-Request-Headers", "if-match"}});
  REQUIRE(preflight);
  CHECK(preflight->status == 204);
  CHECK(preflight->get_header_value("Access-Control-Allow-Origin") == kCorsOrigin);
  CHECK(preflight->get_header_value("Access-Control-Allow-Methods").find("PATCH") != std::string::npos);
  CHECK(preflight->get_header_value("Access-Control-Allow-Headers").find("If-Match") != std::string::npos);

  auto list = client->Get(kBase, with(bearer(admin_token()), "Origin", kCorsOrigin));
  REQUIRE(list);
  CHECK(list->get_header_value("Access-Control-Allow-Origin") == kCorsOrigin);
  const std::string exposed = list->get_header_value("Access-Control-Expose-Headers");
  for (const char* header : {"ETag", "Retry-After", "Request-ID", "MS-CorrelationId"})
    CHECK(exposed.find(header) != std::string::npos);

  auto stranger = client->Get(kBase, with(bearer(admin_token()), "Origin", "http://evil.example"));
  REQUIRE(stranger);
  CHECK_FALSE(stranger->has_header("Access-Control-Allow-Origin"));
}
