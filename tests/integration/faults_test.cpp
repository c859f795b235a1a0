// Integration: test-mode fault injection (429/503 with Retry-After, latency, mangled bodies, dropped connections,
// crash after commit) and the test-mode routes themselves.
#include <doctest/doctest.h>

#include <chrono>

#include "test_support.h"

using namespace leads;
using namespace leads::testing;

namespace {

void add_fault(httplib::Client& client, const Json& rule) {
  auto result = client.Post("/_mock/faults", mock_auth(), dump_json(Json::array({rule})), "application/json");
  REQUIRE(result);
  REQUIRE(result->status == 200);
}

}  // namespace

TEST_CASE("a 429 fault answers tooManyRequests with Retry-After, then the request goes through") {
  reset_shared_server();
  auto client = shared_server().process->client();
  add_fault(
      *client,
      {{"method", "GET"}, {"pathPrefix", kBase}, {"times", 1}, {"status", 429}, {"headers", {{"Retry-After", "2"}}}});
  auto limited = client->Get(kBase, bearer(admin_token()));
  REQUIRE(limited);
  CHECK(limited->status == 429);
  CHECK(error_code(limited) == "tooManyRequests");
  CHECK(limited->get_header_value("Retry-After") == "2");
  auto next = client->Get(kBase, bearer(admin_token()));
  REQUIRE(next);
  CHECK(next->status == 200);
}

TEST_CASE("a 503 fault on PATCH only hits PATCH, with serviceNotAvailable and Retry-After") {
  reset_shared_server();
  auto client = shared_server().process->client();
  add_fault(
      *client,
      {{"method", "PATCH"}, {"pathPrefix", kBase}, {"times", 2}, {"status", 503}, {"headers", {{"Retry-After", "1"}}}});
  const Json lead = first_lead(*client, "status eq 'Active'");
  REQUIRE(lead.is_object());
  const std::string path = std::string(kBase) + "/" + lead["id"].get<std::string>();
  for (int i = 0; i < 2; ++i) {
    auto result = client->Patch(path, bearer(admin_token()), "[]", "application/json");
    REQUIRE(result);
    CHECK(result->status == 503);
    CHECK(error_code(result) == "serviceNotAvailable");
    CHECK(result->get_header_value("Retry-After") == "1");
  }
  auto through = client->Patch(path, bearer(admin_token()), "[]", "application/json");
  REQUIRE(through);
  CHECK(through->status == 204);
}

TEST_CASE("latency, not-json, truncated and oversized faults reach the client as such") {
  reset_shared_server();
  auto client = shared_server().process->client();
  add_fault(*client, {{"method", "GET"}, {"pathPrefix", kBase}, {"latencyMs", 300}});
  const auto start = std::chrono::steady_clock::now();
  auto slow = client->Get(kBase, bearer(admin_token()));
  REQUIRE(slow);
  CHECK(slow->status == 200);
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(300));

  add_fault(*client, {{"method", "GET"}, {"pathPrefix", kBase}, {"body", "not-json"}});
  auto not_json = client->Get(kBase, bearer(admin_token()));
  REQUIRE(not_json);
  CHECK(parse_json_text(not_json->body).error.has_value());

  add_fault(*client, {{"method", "GET"}, {"pathPrefix", kBase}, {"body", "truncated"}});
  auto truncated_client = shared_server().process->client();
  auto truncated = truncated_client->Get(kBase, bearer(admin_token()));
  CHECK((!truncated || parse_json_text(truncated->body).error.has_value()));

  add_fault(*client, {{"method", "GET"}, {"pathPrefix", kBase}, {"body", "oversized"}});
  std::size_t received = 0;
  auto oversized_client = shared_server().process->client();
  oversized_client->Get(kBase, bearer(admin_token()), [&](const char*, size_t length) {
    received += length;
    return received < (16u << 20);  // a careful client stops reading here
  });
  CHECK(received >= (16u << 20));
}

TEST_CASE("a drop fault closes the connection without a response") {
  reset_shared_server();
  auto client = shared_server().process->client();
  add_fault(*client, {{"method", "GET"}, {"pathPrefix", kBase}, {"body", "drop"}});
  auto dropped_client = shared_server().process->client();
  auto dropped = dropped_client->Get(kBase, bearer(admin_token()));
  CHECK_FALSE(dropped);
  auto after = client->Get(kBase, bearer(admin_token()));
  REQUIRE(after);
  CHECK(after->status == 200);
}

TEST_CASE(
    "crash-after-commit applies the write, drops the answer, and a retry with the same MS-RequestId is not "
    "applied twice") {
  reset_shared_server();
  auto client = shared_server().process->client();
  const Json lead = first_lead(*client, "status eq 'New'");
  REQUIRE(lead.is_object());
  add_fault(*client, {{"method", "PATCH"}, {"pathPrefix", kBase}, {"body", "crash-after-commit"}});
  const std::string path = std::string(kBase) + "/" + lead["id"].get<std::string>();
  const httplib::Headers headers =
      with(with(bearer(admin_token()), "MS-RequestId", "accept-once"), "If-Match", lead["eTag"].get<std::string>());
  auto crashed_client = shared_server().process->client();
  auto crashed = crashed_client->Patch(path, headers, dump_json(accept_patch()), "application/json");
  CHECK_FALSE(crashed);
  const Json committed = json_of(client->Get(path, bearer(admin_token())));
  CHECK(committed["status"] == "Active");
  // The retry carries the old If-Match: without the replay it would be a 412.
  auto retry = client->Patch(path, headers, dump_json(accept_patch()), "application/json");
  REQUIRE(retry);
  CHECK(retry->status == 204);
  CHECK(retry->get_header_value("ETag") == committed["eTag"].get<std::string>());
  CHECK(json_of(client->Get(path, bearer(admin_token()))) == committed);
}

TEST_CASE("test-mode routes: the clock can be read, set and advanced; bad fault rules are 400; reset re-seeds") {
  auto client = shared_server().process->client();
  auto set =
      client->Post("/_mock/clock", mock_auth(), dump_json(Json{{"now", "2030-01-02T03:04:05Z"}}), "application/json");
  REQUIRE(set);
  CHECK(set->status == 200);
  const auto now = parse_iso8601(json_of(client->Get("/_mock/clock", mock_auth()))["now"].get<std::string>());
  REQUIRE(now);
  CHECK(*now >= *parse_iso8601("2030-01-02T03:04:05Z"));
  CHECK(*now < *parse_iso8601("2030-01-02T03:05:05Z"));
  auto bad_clock = client->Post("/_mock/clock", mock_auth(), dump_json(Json{{"now", "yesterday"}}), "application/json");
  REQUIRE(bad_clock);
  CHECK(bad_clock->status == 400);
  CHECK(error_target(bad_clock) == "now");

  auto bad_rule =
      client->Post("/_mock/faults", mock_auth(), dump_json(Json::array({{{"body", "explode"}}})), "application/json");
  REQUIRE(bad_rule);
  CHECK(bad_rule->status == 400);
  CHECK(error_target(bad_rule) == "0/body");
  auto cleared = client->Delete("/_mock/faults", mock_auth());
  REQUIRE(cleared);
  CHECK(cleared->status == 204);

  client->Post("/_mock/clock", mock_auth(), dump_json(Json{{"advanceSeconds", -3600 * 24 * 365 * 3}}),
               "application/json");
  auto reset =
      client->Post("/_mock/reset", mock_auth(), dump_json(Json{{"seed", 3}, {"leads", 25}}), "application/json");
  REQUIRE(reset);
  CHECK(reset->status == 200);
  CHECK(json_of(client->Get(std::string(kBase) + "?$count=true&$top=0", bearer(admin_token())))["@odata.count"] == 25);
  reset_shared_server();
}
