// Integration (issue 12, data integrity): a date that would not read back, quarantine instead of re-seeding at
// start-up, the write limits that keep every list page readable, the rules of a create, and MS-RequestId replay
// keyed by the request — reused keys, concurrent duplicates, and a kill -9 in the middle of a burst of writes.
//
// [SECTION] helpers
// [SECTION] dates that would not read back
// [SECTION] quarantine at start-up
// [SECTION] write limits
// [SECTION] creates outside test mode
// [SECTION] idempotency
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "api/referrals_api.h"
#include "domain/partner_write.h"
#include "domain/record_limits.h"
#include "test_support.h"

using namespace leads;
using namespace leads::testing;

// [SECTION] helpers ----------------------------------------------------------------------------------

namespace {

// Rows of one column from a query on a database file (opened apart from the server, as another process would).
std::vector<std::string> query(const std::string& db, const std::string& sql,
                               const std::vector<std::string>& parameters = {}) {
  std::vector<std::string> rows;
  sqlite3* handle = nullptr;
  if (sqlite3_open(db.c_str(), &handle) != SQLITE_OK) return rows;
  sqlite3_busy_timeout(handle, 5000);
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK) {
    for (std::size_t i = 0; i < parameters.size(); ++i)
      sqlite3_bind_text(statement, static_cast<int>(i + 1), parameters[i].data(),
                        static_cast<int>(parameters[i].size()), SQLITE_TRANSIENT);
    while (sqlite3_step(statement) == SQLITE_ROW) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
      rows.emplace_back(text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, 0))) : "");
    }
  }
  sqlite3_finalize(statement);
  sqlite3_close(handle);
  return rows;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string lead_path(const std::string& id) {
  return std::string(kBase) + "/" + id;
}

Json list_all(httplib::Client& client) {
  return json_of(client.Get(std::string(kBase) + "?$top=1000&$count=true", bearer(admin_token())));
}

std::size_t lead_count(httplib::Client& client) {
  const Json page = list_all(client);
  return page.contains("@odata.count") ? page["@odata.count"].get<std::size_t>() : 0;
}

httplib::Result patch(httplib::Client& client, const std::string& id, const Json& body, httplib::Headers headers = {}) {
  for (const auto& h : bearer(admin_token())) headers.insert(h);
  return client.Patch(lead_path(id), headers, dump_json(body), "application/json");
}

Json nested(int levels) {
  Json value = 1;
  for (int i = 0; i < levels; ++i) value = Json::array({value});
  return value;
}

Json add_member(Json member) {
  return Json{{"op", "add"}, {"path", "/team/-"}, {"value", std::move(member)}};
}

// A lead a partner system may create outside test mode: New/Received, valid contacts.
Json new_lead_body(const std::string& name = "Kurumsal e-posta geçişi") {
  return Json{{"name", name},
              {"customerProfile",
               {{"name", "Ege Tekstil San. ve Tic. Ltd. Şti."},
                {"address", {{"city", "İzmir"}, {"country", "TR"}}},
                {"team", Json::array({{{"firstName", "Şule"},
                                       {"lastName", "Çelik"},
                                       {"email", "sule.celik@egetekstil.com.tr"},
                                       {"phoneNumber", "+90 532 111 22 33"}}})}}},
              {"details", {{"dealValue", 1000}, {"currency", "TRY"}, {"notes", "250 posta kutusu"}}}};
}

httplib::Result post(httplib::Client& client, const Json& body, httplib::Headers headers = {}) {
  for (const auto& h : bearer(admin_token())) headers.insert(h);
  return client.Post(kBase, headers, dump_json(body), "application/json");
}

// Waits for a condition, up to `limit`; the assertion is on the condition, never on the time.
template <class Predicate>
bool wait_until(Predicate done, std::chrono::seconds limit = std::chrono::seconds(60)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

// The first `n` leads matching a filter.
std::vector<Json> leads_where(httplib::Client& client, const std::string& filter, int n) {
  const Json page = json_of(
      client.Get(std::string(kBase) + "?$top=" + std::to_string(n) + "&$filter=" + leads::testing::url_encode(filter),
                 bearer(admin_token())));
  std::vector<Json> leads;
  if (page.contains("value"))
    for (const Json& lead : page["value"]) leads.push_back(lead);
  return leads;
}

std::vector<std::string> serve_options(const char* leads = "20") {
  return {"--leads", leads, "--seed", "12"};
}

}  // namespace

// [SECTION] dates that would not read back -----------------------------------------------------------

TEST_CASE(
    "a closing date whose offset carries it past year 9999 is 400 naming the field, and the lead stays writable") {
  reset_shared_server();
  auto client = shared_server().process->client();
  const Json lead = first_lead(*client, "status eq 'New'");
  REQUIRE(lead.is_object());
  const std::string id = lead["id"].get<std::string>();
  Json bad = accept_patch();
  REQUIRE(bad[5]["path"] == "/details/closingDateTime");
  bad[5]["value"] = "9999-12-31T23:59:59-05:00";  // would be stored as 10000-01-01T04:59:59Z
  auto refused = patch(*client, id, bad);
  REQUIRE(refused);
  CHECK(refused->status == 400);
  CHECK(error_target(refused) == "details/closingDateTime");
  auto accepted = patch(*client, id, accept_patch());
  REQUIRE(accepted);
  CHECK(accepted->status == 204);
  CHECK(json_of(client->Get(lead_path(id), bearer(admin_token())))["status"] == "Active");
}

TEST_CASE("a create whose date would be written outside years 0001-9999 is 400 naming the field") {
  reset_shared_server();
  auto client = shared_server().process->client();
  Json body = new_lead_body();
  body["details"]["closingDateTime"] = "9999-12-31T23:30:00-01:00";
  auto result = client->Post("/_mock/referrals", mock_auth(), dump_json(body), "application/json");
  REQUIRE(result);
  CHECK(result->status == 400);
  CHECK(error_target(result) == "details/closingDateTime");
}

// [SECTION] quarantine at start-up -------------------------------------------------------------------

TEST_CASE("start-up quarantines rows that do not read back, byte for byte, names them on stderr and never re-seeds") {
  TempDir dir;
  const std::string db = dir.file("quarantine.db");
  const std::string log = dir.file("stderr.log");
  std::vector<std::string> ids;
  {
    ServerProcess server(db, serve_options("6"));
    REQUIRE(server.running());
    const TokensFor tokens(db, server);
    auto client = server.client();
    const Json page = list_all(*client);
    for (const Json& lead : page["value"]) ids.push_back(lead["id"].get<std::string>());
    REQUIRE(ids.size() == 6);
    CHECK(server.stop() == 0);
  }
  // One row as the offset bug wrote it (a five-digit year), one that is not JSON at all (with a stray byte).
  std::string json = query(db, "SELECT json FROM referrals WHERE id = ?1", {ids[0]}).at(0);
  const std::string date = "\"createdDateTime\":\"";
  const auto at = json.find(date);
  REQUIRE(at != std::string::npos);
  json.replace(at + date.size(), 4, "10000");
  query(db, "UPDATE referrals SET json = ?2 WHERE id = ?1", {ids[0], json});
  const std::string garbage = "{\"id\": \"" + ids[1] + "\", \xff not json";
  query(db, "UPDATE referrals SET json = ?2 WHERE id = ?1", {ids[1], garbage});
  {
    ServerProcess server(db, serve_options("6"), log);
    REQUIRE(server.running());
    const TokensFor tokens(db, server);
    auto client = server.client();
    CHECK(lead_count(*client) == 4);
    CHECK(client->Get(lead_path(ids[0]), bearer(admin_token()))->status == 404);
    CHECK(client->Get(lead_path(ids[2]), bearer(admin_token()))->status == 200);
    CHECK(server.stop() == 0);
  }
  CHECK(query(db, "SELECT json FROM quarantine WHERE id = ?1", {ids[0]}) == std::vector<std::string>{json});
  CHECK(query(db, "SELECT hex(json) FROM quarantine WHERE id = ?1", {ids[1]}) ==
        query(db, "SELECT hex(?1)", {garbage}));
  CHECK(query(db, "SELECT COUNT(*) FROM referrals") == std::vector<std::string>{"4"});
  const std::string messages = read_file(log);
  CHECK(messages.find(ids[0]) != std::string::npos);
  CHECK(messages.find(ids[1]) != std::string::npos);

  // Every remaining row unreadable: the database still holds data, so nothing is seeded over it.
  query(db, "UPDATE referrals SET json = 'unreadable'");
  for (int restart = 0; restart < 2; ++restart) {
    ServerProcess server(db, serve_options("6"), log);
    REQUIRE(server.running());
    const TokensFor tokens(db, server);
    auto client = server.client();
    CHECK(lead_count(*client) == 0);
    CHECK(server.stop() == 0);
  }
  CHECK(query(db, "SELECT COUNT(*) FROM quarantine") == std::vector<std::string>{"6"});
  CHECK(query(db, "PRAGMA integrity_check") == std::vector<std::string>{"ok"});
}

// [SECTION] write limits -----------------------------------------------------------------------------

TEST_CASE("an added member deeper or larger than a stored lead may hold is refused naming it, and nothing changes") {
  reset_shared_server();
  auto client = shared_server().process->client();
  const Json lead = first_lead(*client, "status eq 'Active'");
  REQUIRE(lead.is_object());
  const std::string id = lead["id"].get<std::string>();
  // 28 levels inside the member: the PATCH body itself is within its own depth limit (32).
  auto deep = patch(*client, id,
                    Json::array({add_member({{"firstName", "Ali"}, {"email", "ali@example.com"}, {"x", nested(28)}})}));
  REQUIRE(deep);
  CHECK(deep->status == 400);
  CHECK(error_target(deep).rfind("team/", 0) == 0);
  auto large = patch(
      *client, id,
      Json::array({add_member(
          {{"firstName", "Ali"}, {"email", "ali@example.com"}, {"padding", std::string(kMaxMemberBytes, 'x')}})}));
  REQUIRE(large);
  CHECK(large->status == 413);
  CHECK(error_code(large) == "payloadTooLarge");
  CHECK(error_target(large).rfind("team/", 0) == 0);
  CHECK(json_of(client->Get(lead_path(id), bearer(admin_token()))) == lead);
}

TEST_CASE("a lead's team and size are bounded, and a $top=1000 page holding the largest lead is read whole") {
  reset_shared_server();
  auto client = shared_server().process->client();
  const std::vector<Json> active = leads_where(*client, "status eq 'Active'", 2);
  REQUIRE(active.size() == 2);
  const Json lead = active[0];
  const std::string id = lead["id"].get<std::string>();
  // Members as long as the fields allow, in Turkish letters (two bytes each): the lead outgrows its byte limit.
  std::string name;
  for (std::size_t i = 0; i < kMaxMemberFieldLength; ++i) name += "ş";
  int last_status = 0;
  std::string last_target;
  const std::string email = std::string(kMaxMemberFieldLength - 12, 'a') + "@example.com";
  for (int write = 0; write < 10 && last_status != 413; ++write) {
    Json ops = Json::array();
    for (int i = 0; i < 7; ++i)
      ops.push_back(add_member({{"firstName", name}, {"lastName", name}, {"title", name}, {"email", email}}));
    auto result = patch(*client, id, ops);
    REQUIRE(result);
    last_status = result->status;
    if (last_status != 204) last_target = error_target(result);
  }
  CHECK(last_status == 413);
  CHECK(last_target == "body");
  const Json stored = json_of(client->Get(lead_path(id), bearer(admin_token())));
  CHECK(dump_json(stored).size() <= kMaxLeadBytes);

  // The team count: small members until the team is full.
  const Json other = active[1];
  for (int write = 0; write < 10 && last_status != 400; ++write) {
    Json ops = Json::array();
    for (std::size_t i = 0; i < kMaxMembersPerWrite; ++i)
      ops.push_back(add_member({{"firstName", "Ali"}, {"email", "ali@example.com"}}));
    auto result = patch(*client, other["id"].get<std::string>(), ops);
    REQUIRE(result);
    last_status = result->status;
    if (last_status != 204) last_target = error_target(result);
  }
  CHECK(last_status == 400);
  CHECK(last_target == "team");

  // The client's own reader takes the whole page, largest lead included.
  auto listed =
      client->Get(std::string(kBase) + "?$top=1000&$filter=" + leads::testing::url_encode("status eq 'Active'"),
                  bearer(admin_token()));
  REQUIRE(listed);
  HttpResponse response;
  response.status = listed->status;
  response.body = listed->body;
  const ListPageResult page = read_list_page(response);
  REQUIRE(std::holds_alternative<ListPage>(page));
  CHECK(std::get<ListPage>(page).skipped_items == 0);
  CHECK(std::get<ListPage>(page).items.size() == json_of(listed)["value"].size());
  REQUIRE_FALSE(std::get<ListPage>(page).items.empty());
  CHECK(std::get<ListPage>(page).items.front().id == id);  // the largest lead is on the page
}

// [SECTION] creates outside test mode ----------------------------------------------------------------

TEST_CASE("outside test mode a POST passes the rules of a PATCH: a new stage, value >= 0, ISO 4217, valid members") {
  TempDir dir;
  ServerProcess server(dir.file("create.db"), serve_options("3"));
  REQUIRE(server.running());
  const TokensFor tokens(dir.file("create.db"), server);
  auto client = server.client();
  const auto refused = [&](Json body) {
    auto result = post(*client, body);
    return result ? std::to_string(result->status) + " " + error_target(result) : "no answer";
  };
  Json body = new_lead_body();
  body["status"] = "Closed";
  body["substatus"] = "Won";
  CHECK(refused(body) == "400 status");
  body = new_lead_body();
  body["details"]["dealValue"] = -5;
  CHECK(refused(body) == "400 details/dealValue");
  body = new_lead_body();
  body["details"]["currency"] = "XXX";
  CHECK(refused(body) == "400 details/currency");
  body = new_lead_body();
  body["customerProfile"]["team"] = Json::array();
  for (int i = 0; i < 300; ++i) body["customerProfile"]["team"].push_back({{"firstName", ""}, {"email", "nope"}});
  CHECK(refused(body) == "400 customerProfile/team");
  body["customerProfile"]["team"] = Json::array({{{"firstName", "Ali"}, {"email", "nope"}}});
  CHECK(refused(body) == "400 customerProfile/team/0/email");
  body = new_lead_body("Fatura \u202Efdp.exe");
  CHECK(refused(body) == "400 name");
  CHECK(lead_count(*client) == 3);
  auto created = post(*client, new_lead_body());
  REQUIRE(created);
  CHECK(created->status == 201);
  CHECK(json_of(created)["status"] == "New");
  CHECK(lead_count(*client) == 4);
}

TEST_CASE("a PATCH with a right-to-left override or a NUL in a name is 400 naming the field") {
  reset_shared_server();
  auto client = shared_server().process->client();
  const Json lead = first_lead(*client, "status eq 'Active'");
  REQUIRE(lead.is_object());
  const std::string id = lead["id"].get<std::string>();
  auto rlo = patch(*client, id, replace_ops({{"/name", "Fatura \u202Efdp.exe"}}));
  REQUIRE(rlo);
  CHECK(rlo->status == 400);
  CHECK(error_target(rlo) == "name");
  auto nul = patch(*client, id,
                   Json::array({add_member({{"firstName", std::string("Al\0i", 4)}, {"email", "ali@example.com"}})}));
  REQUIRE(nul);
  CHECK(nul->status == 400);
  CHECK(error_target(nul) == "team/-/firstName");
  CHECK(json_of(client->Get(lead_path(id), bearer(admin_token()))) == lead);
}

// [SECTION] idempotency ------------------------------------------------------------------------------

TEST_CASE("an MS-RequestId reused for another lead or another body is 422, changes nothing; the same request replays") {
  reset_shared_server();
  auto client = shared_server().process->client();
  const std::vector<Json> active = leads_where(*client, "status eq 'Active'", 2);
  REQUIRE(active.size() == 2);
  const Json a = active[0], b = active[1];
  const httplib::Headers key = {{"MS-RequestId", "one-key"}};
  const Json notes = replace_ops({{"/details/notes", "first"}});
  auto first = patch(*client, a["id"].get<std::string>(), notes, key);
  REQUIRE(first);
  CHECK(first->status == 204);
  auto other_lead = patch(*client, b["id"].get<std::string>(), notes, key);
  REQUIRE(other_lead);
  CHECK(other_lead->status == 422);
  CHECK(error_target(other_lead) == "MS-RequestId");
  CHECK(json_of(client->Get(lead_path(b["id"].get<std::string>()), bearer(admin_token()))) == b);
  auto other_body = patch(*client, a["id"].get<std::string>(), replace_ops({{"/details/notes", "second"}}), key);
  REQUIRE(other_body);
  CHECK(other_body->status == 422);
  auto again = patch(*client, a["id"].get<std::string>(), notes, key);
  REQUIRE(again);
  CHECK(again->status == 204);
  CHECK(again->get_header_value("ETag") == first->get_header_value("ETag"));
  CHECK(again->get_header_value("X-Replayed-Request") == "true");
  CHECK(json_of(client->Get(lead_path(a["id"].get<std::string>()), bearer(admin_token())))["details"]["notes"] ==
        "first");
}

TEST_CASE("8 concurrent creates with one MS-RequestId make exactly one lead, and all get its answer") {
  TempDir dir;
  ServerProcess server(dir.file("concurrent.db"), serve_options("3"));
  REQUIRE(server.running());
  const TokensFor tokens(dir.file("concurrent.db"), server);
  constexpr int kClients = 8, kRounds = 5;  // five logical creates, each sent by eight clients at once
  // A body at the size limits takes the server a little while to check: the duplicates overlap in flight.
  Json body = new_lead_body("Eşzamanlı");
  body["details"]["notes"] = std::string(kMaxNotesLength, 'n');
  std::vector<std::vector<int>> statuses(kRounds, std::vector<int>(kClients, 0));
  std::vector<std::vector<std::string>> locations(kRounds, std::vector<std::string>(kClients));
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i)
    threads.emplace_back([&, i] {
      auto client = server.client();
      client->set_keep_alive(true);  // connected before the start, so that the creates really arrive together
      client->Get(std::string(kBase) + "?$top=0", bearer(admin_token()));
      for (int round = 0; round < kRounds; ++round) {
        ++ready;
        while (ready.load() < kClients * (round + 1)) std::this_thread::yield();  // all start together
        auto result = post(*client, body, {{"MS-RequestId", "create-once-" + std::to_string(round)}});
        if (!result) continue;
        statuses[round][i] = result->status;
        locations[round][i] = result->get_header_value("Location");
      }
    });
  for (std::thread& thread : threads) thread.join();
  for (int round = 0; round < kRounds; ++round)
    for (int i = 0; i < kClients; ++i) {
      CAPTURE(round);
      CAPTURE(i);
      CHECK(statuses[round][i] == 201);
      CHECK(locations[round][i] == locations[round][0]);
    }
  auto client = server.client();
  CHECK(lead_count(*client) == 3 + kRounds);
}

TEST_CASE("kill -9 during a burst of accepts and creates: nothing acknowledged is lost, retries replay, no duplicate") {
  TempDir dir;
  const std::string db = dir.file("burst.db");
  // One write: what was sent (so it can be retried exactly) and what came back.
  struct Write {
    bool create = false;
    std::string key, path, body, if_match;
    int status = 0;  // 0: no answer (the server died under it)
    std::string etag, location;
  };
  const auto send = [&](httplib::Client& client, const Write& write) {
    httplib::Headers headers = bearer(admin_token());
    headers.emplace("MS-RequestId", write.key);
    if (!write.if_match.empty()) headers.emplace("If-Match", write.if_match);
    return write.create ? client.Post(write.path, headers, write.body, "application/json")
                        : client.Patch(write.path, headers, write.body, "application/json");
  };
  int total_writes = 0, total_acknowledged = 0, total_replays = 0;
  // Several crashes, each at another point of its burst (after 10, 17, 24, … acknowledged writes).
  for (int round = 0; round < 5; ++round) {
    CAPTURE(round);
    auto server = std::make_unique<ServerProcess>(db, serve_options("600"));
    REQUIRE(server->running());
    TokensFor tokens(db, *server);
    std::vector<Json> received;
    std::size_t before = 0;
    {
      auto client = server->client();
      received = leads_where(*client, "status eq 'New'", 60);
      before = lead_count(*client);
    }
    REQUIRE(received.size() >= 30);

    std::mutex mutex;
    std::vector<Write> writes;
    std::atomic<std::size_t> next_lead{0};
    std::atomic<int> acknowledged{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 6; ++t)
      threads.emplace_back([&, t] {
        auto client = server->client();
        for (int n = 0;; ++n) {
          Write write;
          write.create = n % 2 == 1;
          if (write.create) {
            write.key = "create-" + std::to_string(round) + "-" + std::to_string(t) + "-" + std::to_string(n);
            write.path = kBase;
            write.body = dump_json(new_lead_body("Burst " + write.key));
          } else {
            const std::size_t index = next_lead++;
            if (index >= received.size()) break;
            write.key = "accept-" + received[index]["id"].get<std::string>();
            write.path = lead_path(received[index]["id"].get<std::string>());
            write.body = dump_json(accept_patch());
            write.if_match = received[index]["eTag"].get<std::string>();
          }
          auto result = send(*client, write);
          if (result) {
            write.status = result->status;
            write.etag = result->get_header_value("ETag");
            write.location = result->get_header_value("Location");
            if (result->status / 100 == 2) ++acknowledged;
          }
          std::lock_guard<std::mutex> lock(mutex);
          writes.push_back(write);
          if (!result) break;  // the server is gone
        }
      });
    // The kill comes in the middle of the burst: once some writes are acknowledged, while others are in flight.
    CHECK(wait_until([&] { return acknowledged.load() >= 10 + 7 * round; }));
    server->kill_hard();
    for (std::thread& thread : threads) thread.join();
    for (const Write& write : writes) CHECK((write.status == 0 || write.status / 100 == 2));

    server = std::make_unique<ServerProcess>(db, serve_options("600"));
    REQUIRE(server->running());
    tokens.retarget(*server);
    auto client = server->client();
    int creates = 0;
    for (const Write& write : writes) {
      CAPTURE(write.key);
      if (write.create) ++creates;
      if (write.status / 100 == 2 && !write.create) {  // acknowledged: still there after the crash
        const Json stored = json_of(client->Get(write.path, bearer(admin_token())));
        CHECK(stored["status"] == "Active");
        CHECK(stored["eTag"] == write.etag);
      }
      if (write.status / 100 == 2 && write.create) {
        auto stored = client->Get(write.location.substr(write.location.find(kBase)), bearer(admin_token()));
        REQUIRE(stored);
        CHECK(stored->status == 200);
      }
      // Every write retried exactly as sent: a replay of what was committed, or the write itself if it never was.
      auto retry = send(*client, write);
      REQUIRE(retry);
      CHECK(retry->status / 100 == 2);
      if (retry->get_header_value("X-Replayed-Request") == "true") ++total_replays;
      if (write.status / 100 == 2) {
        CHECK(retry->get_header_value("X-Replayed-Request") == "true");
        CHECK(retry->get_header_value("ETag") == write.etag);
        CHECK(retry->get_header_value("Location") == write.location);
      }
    }
    CHECK(lead_count(*client) == before + static_cast<std::size_t>(creates));  // one lead per create, no duplicate
    CHECK(server->stop() == 0);
    CHECK(query(db, "PRAGMA integrity_check") == std::vector<std::string>{"ok"});
    total_writes += static_cast<int>(writes.size());
    total_acknowledged += acknowledged.load();
  }
  MESSAGE("5 kills: " << total_writes << " writes sent, " << total_acknowledged << " acknowledged, " << total_replays
                      << " retries answered by replay");
}
