// Integration: the list endpoint (paging through nextLink, $count, $select, $filter, $orderby, their errors) and
// getting one referral.
#include <doctest/doctest.h>

#include <set>

#include "domain/referral_fields.h"
#include "test_support.h"

using namespace leads;
using namespace leads::testing;

namespace {

// Follows nextLink from `first` to the end; returns every id in order.
std::vector<std::string> all_pages(httplib::Client& client, const std::string& first, int& pages) {
  std::vector<std::string> ids;
  std::string path = first;
  pages = 0;
  while (!path.empty() && pages < 1000) {
    const Json body = json_of(client.Get(path, bearer(admin_token())));
    REQUIRE(body.is_object());
    for (const Json& lead : body["value"]) ids.push_back(lead["id"].get<std::string>());
    ++pages;
    path.clear();
    if (body.contains("@odata.nextLink")) {
      const std::string link = body["@odata.nextLink"].get<std::string>();
      const std::string origin = "http://127.0.0.1:" + std::to_string(shared_server().process->port());
      REQUIRE(link.rfind(origin, 0) == 0);  // absolute, on this server
      path = link.substr(origin.size());
    }
  }
  return ids;
}

std::string list_path(const std::string& query) {
  return std::string(kBase) + "?" + query;
}

}  // namespace

TEST_CASE("paging through nextLink returns every lead exactly once") {
  reset_shared_server();
  auto client = shared_server().process->client();
  int pages = 0;
  const auto ids = all_pages(*client, list_path("$top=37"), pages);
  CHECK(ids.size() == 300);
  CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == 300);
  CHECK(pages == 9);
}

// A short first page of a long list orders only its own leads (and the next one, for its nextLink); a longer page
// orders everything. Both must give the same leads in the same order, and paging on from either must be exact.
TEST_CASE("a short first page holds the same leads in the same order as a whole sort, and pages on exactly") {
  auto client = shared_server().process->client();
  for (const std::string& order : {std::string(), "&$orderby=" + url_encode("details/dealValue desc,name")}) {
    CAPTURE(order);
    reset_shared_server();  // nothing listed yet: the first page is not read from a kept whole order
    const Json first = json_of(client->Get(list_path("$top=5&$count=true" + order), bearer(admin_token())));
    const Json whole = json_of(client->Get(list_path("$top=120" + order), bearer(admin_token())));
    REQUIRE(whole["value"].size() == 120);
    REQUIRE(first["value"].size() == 5);
    CHECK(first["@odata.count"] == 300);
    for (std::size_t i = 0; i < 5; ++i) CHECK(first["value"][i]["id"] == whole["value"][i]["id"]);
    int pages = 0;
    const auto ids = all_pages(*client, list_path("$top=5" + order), pages);
    CHECK(ids.size() == 300);
    CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == 300);
    for (std::size_t i = 0; i < 120 && i < ids.size(); ++i) CHECK(ids[i] == whole["value"][i]["id"]);
  }
}

TEST_CASE("paging stays exact when a lead is added between pages") {
  reset_shared_server(50);
  auto client = shared_server().process->client();
  const Json first = json_of(client->Get(list_path("$top=20"), bearer(admin_token())));
  REQUIRE(first.contains("@odata.nextLink"));
  std::vector<std::string> ids;
  for (const Json& lead : first["value"]) ids.push_back(lead["id"].get<std::string>());
  inject_lead(*client);  // newest: sorts first by createdDateTime desc, shifting every offset by one
  const std::string origin = shared_server().process->base_url();
  std::string path = first["@odata.nextLink"].get<std::string>().substr(origin.size());
  while (!path.empty()) {
    const Json page = json_of(client->Get(path, bearer(admin_token())));
    for (const Json& lead : page["value"]) ids.push_back(lead["id"].get<std::string>());
    path = page.contains("@odata.nextLink") ? page["@odata.nextLink"].get<std::string>().substr(origin.size()) : "";
  }
  CHECK(ids.size() == 50);
  CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == 50);
}

TEST_CASE("a list read again after a write or an expiry shows it: the kept order of a listing is not reused") {
  reset_shared_server(50);
  auto client = shared_server().process->client();
  const auto status_in_list = [&](const std::string& id) {
    const Json page = json_of(client->Get(list_path("$top=50"), bearer(admin_token())));
    for (const Json& lead : page["value"])
      if (lead["id"] == id) return lead["status"].get<std::string>();
    return std::string("absent");
  };
  const Json lead = first_lead(*client, "status eq 'New'");
  REQUIRE(lead.is_object());
  const std::string id = lead["id"].get<std::string>();
  CHECK(status_in_list(id) == "New");
  CHECK(status_in_list(id) == "New");  // the same listing twice: the second from the kept order
  const std::string path = std::string(kBase) + "/" + id;
  auto accepted = client->Patch(path, with(bearer(admin_token()), "If-Match", lead["eTag"].get<std::string>()),
                                dump_json(accept_patch()), "application/json");
  REQUIRE(accepted);
  REQUIRE(accepted->status == 204);
  CHECK(status_in_list(id) == "Active");

  const Json waiting = first_lead(*client, "status eq 'New'");
  REQUIRE(waiting.is_object());
  const std::string waiting_id = waiting["id"].get<std::string>();
  CHECK(status_in_list(waiting_id) == "New");
  const int month = 3600 * 24 * 31;  // past any New lead's expiry
  client->Post("/_mock/clock", mock_auth(), dump_json(Json{{"advanceSeconds", month}}), "application/json");
  CHECK(status_in_list(waiting_id) == "Closed");
  client->Post("/_mock/clock", mock_auth(), dump_json(Json{{"advanceSeconds", -month}}), "application/json");
  reset_shared_server();
}

// The store skips its expiry scan until the soonest New lead is due; a lead written later must bring that time
// closer, or it would stay New past its expiry.
TEST_CASE("a lead written after every other New lead expired still expires on time") {
  reset_shared_server(50);
  auto client = shared_server().process->client();
  const int month = 3600 * 24 * 31;  // past any New lead's expiry
  const auto advance = [&](int seconds) {
    client->Post("/_mock/clock", mock_auth(), dump_json(Json{{"advanceSeconds", seconds}}), "application/json");
  };
  advance(month);
  CHECK(first_lead(*client, "status eq 'New'").is_null());  // read once: nothing New is left to expire
  const Json injected = inject_lead(*client);
  REQUIRE(injected.contains("id"));
  const std::string id_filter = "id eq '" + injected["id"].get<std::string>() + "'";
  CHECK(first_lead(*client, id_filter)["status"] == "New");
  advance(month);
  const Json expired = first_lead(*client, id_filter);
  CHECK(expired["status"] == "Closed");
  CHECK(expired["substatus"] == "Expired");
  advance(-2 * month);
  reset_shared_server();
}

TEST_CASE("$count gives the total of matching leads, not the page size") {
  reset_shared_server();
  auto client = shared_server().process->client();
  const Json all = json_of(client->Get(list_path("$top=5&$count=true"), bearer(admin_token())));
  CHECK(all["@odata.count"] == 300);
  CHECK(all["value"].size() == 5);
  CHECK(all.contains("@odata.context"));
  const Json news = json_of(
      client->Get(list_path("$top=1&$count=true&$filter=" + url_encode("status eq 'New'")), bearer(admin_token())));
  const int total_new = news["@odata.count"].get<int>();
  CHECK(total_new > 0);
  CHECK(total_new < 300);
  int pages = 0;
  CHECK(all_pages(*client, list_path("$top=50&$filter=" + url_encode("status eq 'New'")), pages).size() ==
        static_cast<std::size_t>(total_new));
}

TEST_CASE("$top is capped by the server's page cap and the client still gets everything") {
  reset_shared_server();
  auto client = shared_server().process->client();
  const Json page = json_of(client->Get(list_path("$top=5000"), bearer(admin_token())));
  CHECK(page["value"].size() == 120);
  CHECK(page.contains("@odata.nextLink"));
  const Json default_page = json_of(client->Get(kBase, bearer(admin_token())));
  CHECK(default_page["value"].size() == 100);
}

TEST_CASE("$skip skips, and $select returns only the chosen top-level properties") {
  reset_shared_server();
  auto client = shared_server().process->client();
  const Json two = json_of(client->Get(list_path("$top=2"), bearer(admin_token())));
  const Json skipped = json_of(client->Get(list_path("$top=1&$skip=1"), bearer(admin_token())));
  CHECK(skipped["value"][0]["id"] == two["value"][1]["id"]);

  const Json selected = json_of(client->Get(list_path("$top=3&$select=status,name"), bearer(admin_token())));
  REQUIRE(selected["value"].size() == 3);
  for (const Json& lead : selected["value"]) {
    CHECK(lead.contains("status"));
    CHECK(lead.contains("name"));
    CHECK_FALSE(lead.contains("customerProfile"));
    CHECK_FALSE(lead.contains("details"));
  }
}

TEST_CASE("$select takes every top-level property of the wire table, and nothing else") {
  reset_shared_server();
  auto client = shared_server().process->client();
  std::string every;
  for (const WireField& field : referral_wire()) every += (every.empty() ? "" : ",") + std::string(field.name);
  const httplib::Result all = client->Get(list_path("$top=1&$select=" + every), bearer(admin_token()));
  REQUIRE(all);
  CHECK(all->status == 200);
  const Json picked = json_of(all)["value"][0];
  const Json full = json_of(client->Get(list_path("$top=1"), bearer(admin_token())))["value"][0];
  for (const WireField& field : referral_wire()) {
    const std::string name(field.name);
    CHECK_MESSAGE(picked.contains(name) == full.contains(name), name);
    if (full.contains(name)) CHECK_MESSAGE(picked[name] == full[name], name);
  }
  const httplib::Result nested = client->Get(list_path("$top=1&$select=city"), bearer(admin_token()));
  REQUIRE(nested);
  CHECK(nested->status == 400);
  CHECK(error_target(nested) == "$select");
}

TEST_CASE("$select takes nested paths: the objects on the way are kept with only the chosen fields") {
  reset_shared_server();
  auto client = shared_server().process->client();
  const std::string paths =
      "customerProfile/name,customerProfile/address/city,customerProfile/team/email,inviteContext/invitedBy/"
      "organizationId";
  const Json picked = json_of(client->Get(list_path("$top=5&$select=" + paths), bearer(admin_token())));
  const Json full = json_of(client->Get(list_path("$top=5"), bearer(admin_token())));
  REQUIRE(picked["value"].size() == 5);
  for (std::size_t i = 0; i < 5; ++i) {
    const Json& lead = picked["value"][i];
    const Json& whole = full["value"][i];
    CHECK(lead["id"] == whole["id"]);
    CHECK_FALSE(lead.contains("details"));
    CHECK_FALSE(lead.contains("status"));
    const Json& customer = lead["customerProfile"];
    CHECK(customer["name"] == whole["customerProfile"]["name"]);
    CHECK(customer["address"] == Json{{"city", whole["customerProfile"]["address"]["city"]}});
    REQUIRE(customer["team"].size() == whole["customerProfile"]["team"].size());
    for (std::size_t m = 0; m < customer["team"].size(); ++m)
      CHECK(customer["team"][m] == Json{{"email", whole["customerProfile"]["team"][m]["email"]}});
    CHECK(lead["inviteContext"] ==
          Json{{"invitedBy", {{"organizationId", whole["inviteContext"]["invitedBy"]["organizationId"]}}}});
  }
}

TEST_CASE("$select refuses a path with an unknown segment, or one below a field that holds no object") {
  reset_shared_server();
  auto client = shared_server().process->client();
  for (const char* path : {"customerProfile/nickname", "customerProfile/address/city/zip", "name/first",
                           "customerProfile/", "/name", "details//currency"}) {
    const httplib::Result refused =
        client->Get(list_path(std::string("$top=1&$select=") + path), bearer(admin_token()));
    REQUIRE(refused);
    CHECK_MESSAGE(refused->status == 400, path);
    CHECK_MESSAGE(error_target(refused) == "$select", path);
    CHECK_MESSAGE(json_of(refused)["error"]["message"].get<std::string>().find("unknown property") != std::string::npos,
                  path);
  }
}

TEST_CASE("filters select matching leads only") {
  reset_shared_server();
  auto client = shared_server().process->client();
  const Json turkish = json_of(client->Get(
      list_path("$top=120&$filter=" + url_encode("customerProfile/address/country eq 'TR' and status eq 'New'")),
      bearer(admin_token())));
  REQUIRE(turkish["value"].size() > 0);
  for (const Json& lead : turkish["value"]) {
    CHECK(lead["customerProfile"]["address"]["country"] == "TR");
    CHECK(lead["status"] == "New");
  }
  const Json qualified = json_of(client->Get(
      list_path("$top=120&$filter=" + url_encode("qualification eq 'SalesQualified'")), bearer(admin_token())));
  REQUIRE(qualified["value"].size() > 0);
  for (const Json& lead : qualified["value"]) CHECK(lead["qualification"] == "SalesQualified");
}

TEST_CASE("$orderby sorts, default order is newest first") {
  reset_shared_server();
  auto client = shared_server().process->client();
  const Json newest = json_of(client->Get(list_path("$top=50"), bearer(admin_token())));
  for (std::size_t i = 1; i < newest["value"].size(); ++i)
    CHECK(parse_iso8601(newest["value"][i - 1]["createdDateTime"].get<std::string>()) >=
          parse_iso8601(newest["value"][i]["createdDateTime"].get<std::string>()));
  const Json by_name =
      json_of(client->Get(list_path("$top=50&$orderby=" + url_encode("name asc")), bearer(admin_token())));
  for (std::size_t i = 1; i < by_name["value"].size(); ++i)
    CHECK(by_name["value"][i - 1]["name"].get<std::string>() <= by_name["value"][i]["name"].get<std::string>());
}

TEST_CASE("bad OData is 400 invalidRequest naming the option and the position") {
  auto client = shared_server().process->client();
  auto filter = client->Get(list_path("$filter=" + url_encode("status eq 'New' and")), bearer(admin_token()));
  REQUIRE(filter);
  CHECK(filter->status == 400);
  CHECK(error_code(filter) == "invalidRequest");
  CHECK(error_target(filter) == "$filter");
  CHECK(filter->body.find("position") != std::string::npos);

  auto unknown_field = client->Get(list_path("$filter=" + url_encode("shoeSize eq 'New'")), bearer(admin_token()));
  REQUIRE(unknown_field);
  CHECK(unknown_field->status == 400);

  auto order = client->Get(list_path("$orderby=" + url_encode("shoeSize desc")), bearer(admin_token()));
  REQUIRE(order);
  CHECK(order->status == 400);
  CHECK(error_target(order) == "$orderby");

  auto select = client->Get(list_path("$select=status,shoeSize"), bearer(admin_token()));
  REQUIRE(select);
  CHECK(select->status == 400);
  CHECK(error_target(select) == "$select");

  auto top = client->Get(list_path("$top=-1"), bearer(admin_token()));
  REQUIRE(top);
  CHECK(top->status == 400);
  CHECK(error_target(top) == "$top");

  auto token = client->Get(list_path("$skiptoken=garbage!"), bearer(admin_token()));
  REQUIRE(token);
  CHECK(token->status == 400);
  CHECK(error_target(token) == "$skiptoken");

  auto option = client->Get(list_path("$expand=team"), bearer(admin_token()));
  REQUIRE(option);
  CHECK(option->status == 400);
}

TEST_CASE("getting one referral returns it with its ETag; an unknown id is 404 itemNotFound") {
  reset_shared_server();
  auto client = shared_server().process->client();
  const Json lead = first_lead(*client, "status eq 'Active'");
  REQUIRE(lead.is_object());
  auto one = client->Get(std::string(kBase) + "/" + lead["id"].get<std::string>(), bearer(admin_token()));
  REQUIRE(one);
  CHECK(one->status == 200);
  CHECK(one->get_header_value("ETag") == lead["eTag"].get<std::string>());
  CHECK(json_of(one) == lead);

  auto missing = client->Get(std::string(kBase) + "/no-such-id", bearer(admin_token()));
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(error_code(missing) == "itemNotFound");
  auto deeper = client->Get(std::string(kBase) + "/a/b", bearer(admin_token()));
  REQUIRE(deeper);
  CHECK(deeper->status == 404);
  auto elsewhere = client->Get("/v1.0/engagements/opportunities", bearer(admin_token()));
  REQUIRE(elsewhere);
  CHECK(elsewhere->status == 404);
  CHECK(error_code(elsewhere) == "itemNotFound");
}

TEST_CASE("other methods on the API paths are 405 with Allow") {
  auto client = shared_server().process->client();
  auto put = client->Put(kBase, bearer(admin_token()), "{}", "application/json");
  REQUIRE(put);
  CHECK(put->status == 405);
  CHECK(put->get_header_value("Allow") == "GET, POST");
  auto del = client->Delete(std::string(kBase) + "/some-id", bearer(admin_token()));
  REQUIRE(del);
  CHECK(del->status == 405);
  CHECK(del->get_header_value("Allow") == "GET, PATCH");
  CHECK(json_of(del).contains("error"));
}

TEST_CASE("every response has a Request-ID and echoes MS-CorrelationId") {
  auto client = shared_server().process->client();
  auto ok = client->Get(list_path("$top=1"), with(bearer(admin_token()), "MS-CorrelationId", "corr-123"));
  auto failed = client->Get(kBase, httplib::Headers{{"MS-CorrelationId", "corr-456"}});
  REQUIRE(ok);
  REQUIRE(failed);
  CHECK(ok->get_header_value("MS-CorrelationId") == "corr-123");
  CHECK(failed->get_header_value("MS-CorrelationId") == "corr-456");
  CHECK(ok->get_header_value("Request-ID").size() == 36);
  CHECK(failed->get_header_value("Request-ID").size() == 36);
  CHECK(ok->get_header_value("Request-ID") != failed->get_header_value("Request-ID"));
}
