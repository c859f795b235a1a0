// Integration: data survives a restart on the same database, and seeding is deterministic.
#include <doctest/doctest.h>

#include "test_support.h"

using namespace leads;
using namespace leads::testing;

namespace {

Json everything(const ServerProcess& server, const std::string& db) {
  const TokensFor tokens(db, server);
  auto client = server.client();
  return json_of(client->Get(std::string(kBase) + "?$top=1000&$orderby=" + url_encode("createdDateTime desc"),
                             bearer(admin_token())))["value"];
}

}  // namespace

TEST_CASE("a change survives a restart on the same database, which is not re-seeded") {
  TempDir dir;
  const std::vector<std::string> options = {"--leads", "40", "--seed", "11"};
  std::string id;
  {
    ServerProcess server(dir.file("keep.db"), options);
    REQUIRE(server.running());
    const TokensFor tokens(dir.file("keep.db"), server);
    auto client = server.client();
    const Json lead = first_lead(*client, "status eq 'Active'");
    REQUIRE(lead.is_object());
    id = lead["id"].get<std::string>();
    auto result =
        client->Patch(std::string(kBase) + "/" + id, bearer(admin_token()),
                      dump_json(replace_ops({{"/details/notes", "kept across restarts"}})), "application/json");
    REQUIRE(result);
    CHECK(result->status == 204);
    CHECK(server.stop() == 0);  // SIGTERM stops it cleanly
  }
  ServerProcess again(dir.file("keep.db"), {"--leads", "5", "--seed", "99"});
  REQUIRE(again.running());
  const TokensFor tokens(dir.file("keep.db"), again);  // the same keys after the restart: tokens stay good
  auto client = again.client();
  const Json lead = json_of(client->Get(std::string(kBase) + "/" + id, bearer(admin_token())));
  CHECK(lead["details"]["notes"] == "kept across restarts");
  CHECK(json_of(client->Get(std::string(kBase) + "?$count=true&$top=0", bearer(admin_token())))["@odata.count"] == 40);
}

TEST_CASE("two databases seeded from the same seed and clock list identically; another seed differs") {
  TempDir dir;
  const std::string now = "2026-06-15T10:00:00Z";
  ServerProcess a(dir.file("a.db"), {"--seed", "5", "--leads", "200", "--now", now});
  ServerProcess b(dir.file("b.db"), {"--seed", "5", "--leads", "200", "--now", now});
  ServerProcess c(dir.file("c.db"), {"--seed", "6", "--leads", "200", "--now", now});
  REQUIRE(a.running());
  REQUIRE(b.running());
  REQUIRE(c.running());
  const Json first = everything(a, dir.file("a.db"));
  CHECK(first.size() == 200);
  CHECK(first == everything(b, dir.file("b.db")));
  CHECK(first != everything(c, dir.file("c.db")));
}

TEST_CASE("seeded data is realistic: every kind, stage and outcome, Turkish and English customers") {
  TempDir dir;
  ServerProcess server(dir.file("mix.db"), {"--seed", "1", "--leads", "1000"});
  REQUIRE(server.running());
  const Json leads = everything(server, dir.file("mix.db"));
  REQUIRE(leads.size() == 1000);
  std::set<std::string> pairs, qualifications;
  int turkish = 0, flames = 0;
  for (const Json& lead : leads) {
    pairs.insert(lead["status"].get<std::string>() + "/" + lead["substatus"].get<std::string>());
    qualifications.insert(lead["qualification"].get<std::string>());
    if (lead["customerProfile"]["address"]["country"] == "TR") ++turkish;
    if (lead["details"]["customerRequestedContact"] == true) ++flames;
    if (lead["status"] == "Active") CHECK(lead.contains("acceptedDateTime"));
    if (lead.contains("acceptedDateTime") && lead.contains("closedDateTime"))
      CHECK(lead["acceptedDateTime"].get<std::string>() < lead["closedDateTime"].get<std::string>());
    if (lead["substatus"] == "Declined" || lead["substatus"] == "Lost")
      CHECK_FALSE(lead["statusReason"].get<std::string>().empty());
  }
  for (const char* pair : {"New/Received", "New/Pending", "Active/Accepted", "Closed/Won", "Closed/Lost",
                           "Closed/Declined", "Closed/Expired"})
    CHECK(pairs.count(pair) == 1);
  CHECK(qualifications.count("Direct") == 1);
  CHECK(qualifications.count("MarketingQualified") == 1);
  CHECK(qualifications.count("SalesQualified") == 1);
  CHECK(turkish > 450);
  CHECK(turkish < 650);
  CHECK(flames > 200);
  CHECK(flames < 400);
}
