// Tests of reading a list page lead by lead: one lead too deep, too large or of the wrong shape costs only itself.
#include "domain/referral_page_salvage.h"

#include <doctest/doctest.h>

#include <string>
#include <variant>

#include "api/referrals_api.h"
#include "domain/referral_page_reader.h"

using namespace leads;

namespace {

std::string good(const std::string& id) {
  return R"({"id":")" + id + R"(","status":"New","substatus":"Received","name":"Deal )" + id +
         R"(","customerProfile":{"name":"Müşteri )" + id + R"(","team":[{"firstName":"Ayşe"}]}})";
}

// A lead whose team member carries an unknown property nested `levels` deep.
std::string deep(const std::string& id, int levels) {
  std::string nested;
  for (int i = 0; i < levels; ++i) nested += R"({"k":)";
  nested += "1";
  for (int i = 0; i < levels; ++i) nested += "}";
  return R"({"status":"New","customerProfile":{"team":[{"firstName":"A","extra":)" + nested + R"(}]},"id":")" + id +
         R"("})";
}

std::string page(const std::vector<std::string>& items, const std::string& extra = "") {
  std::string text = R"({"@odata.context":"referrals",)" + extra + R"("value":[)";
  for (std::size_t i = 0; i < items.size(); ++i) text += (i ? "," : "") + items[i];
  return text + R"(],"@odata.count":7,"@odata.nextLink":"http://x/next"})";
}

SalvagedPage salvaged(const std::string& text, const PageSalvageLimits& limits = {}) {
  auto result = salvage_referral_page(text, limits);
  if (const FieldError* error = std::get_if<FieldError>(&result)) FAIL("page refused: " << error->message);
  return std::get<SalvagedPage>(result);
}

std::vector<std::string> ids_of(const SalvagedPage& page) {
  std::vector<std::string> ids;
  for (const Referral& lead : page.items) ids.push_back(lead.id);
  return ids;
}

HttpResponse ok(std::string body) {
  HttpResponse response;
  response.status = 200;
  response.body = std::move(body);
  return response;
}

}  // namespace

TEST_CASE("one lead nested deeper than the limit is set aside by id and every other lead of the page is kept") {
  const std::string text = page({good("a"), deep("too-deep", 60), good("b")});
  CHECK_FALSE(read_referral_page(text, JsonLimits{32u << 20, 32}));  // the fast reader declines the page
  const SalvagedPage read = salvaged(text);
  CHECK(ids_of(read) == std::vector<std::string>{"a", "b"});
  REQUIRE(read.unreadable.size() == 1);
  CHECK(read.unreadable[0].id == "too-deep");
  CHECK(read.unreadable[0].reason.find("deeper") != std::string::npos);
  CHECK(read.count == 7);
  CHECK(read.next_link == "http://x/next");
}

TEST_CASE("a lead nested 100,000 levels deep neither crashes the reader nor costs the page") {
  const SalvagedPage read = salvaged(page({deep("abyss", 100000), good("a")}));
  CHECK(ids_of(read) == std::vector<std::string>{"a"});
  REQUIRE(read.unreadable.size() == 1);
  CHECK(read.unreadable[0].id == "abyss");
}

TEST_CASE("one lead larger than one lead may be is set aside by id, the page's other leads are kept") {
  const std::string huge = R"({"id":"huge","status":"New","notes2":")" + std::string(2u << 20, 'x') + R"("})";
  const SalvagedPage read = salvaged(page({good("a"), huge, good("b")}));
  CHECK(ids_of(read) == std::vector<std::string>{"a", "b"});
  REQUIRE(read.unreadable.size() == 1);
  CHECK(read.unreadable[0].id == "huge");
  CHECK(read.unreadable[0].reason.find("larger than") != std::string::npos);
}

TEST_CASE("leads of the wrong shape are set aside with the field that is wrong, and their id when it can be read") {
  const SalvagedPage read = salvaged(page({
      good("a"),
      R"({"id":"typed","status":"New","details":{"dealValue":{"amount":5}}})",  // an object for a number
      R"({"id":7,"status":"New"})",                                             // an id that is not a string
      R"(["not","a","lead"])",
      R"({"id":"broken","status":"New","name":tru})",  // not JSON inside the lead
      "null",
      good("b"),
  }));
  CHECK(ids_of(read) == std::vector<std::string>{"a", "b"});
  REQUIRE(read.unreadable.size() == 5);
  CHECK(read.unreadable[0].id == "typed");
  CHECK(read.unreadable[0].reason.find("details/dealValue") != std::string::npos);
  CHECK(read.unreadable[1].id.empty());
  CHECK(read.unreadable[3].id == "broken");
}

TEST_CASE("a page the fast reader declines is read to the same leads as before, lead by lead") {
  // A repeated key inside one lead sends the whole page the careful way; the leads read are the same.
  const std::string text = page({good("a"), R"({"id":"r","status":"New","name":"x","name":"y"})", good("b")});
  CHECK_FALSE(read_referral_page(text, JsonLimits{32u << 20, 32}));
  const SalvagedPage read = salvaged(text);
  CHECK(ids_of(read) == std::vector<std::string>{"a", "r", "b"});
  CHECK(read.items[1].name == "y");
  CHECK(read.unreadable.empty());
}

TEST_CASE("a document that is not a page is still refused as a whole") {
  const std::vector<std::string> refused = {
      "",
      "[]",
      R"("text")",
      R"({"@odata.count":3})",
      R"({"value":{}})",
      R"({"value":null})",
      R"({"value":[{"id":"a","status":"New"})",                              // cut short
      R"({"value":[{"id":"a","status":"New"}]} tail)",                       // trailing text
      R"({"value":[{"id":"a","status":"New"}})",                             // brackets that do not match
      R"({"value":[{"id":"a","status":"New"} {"id":"b","status":"New"}]})",  // no comma between leads
  };
  for (const std::string& text : refused) {
    CAPTURE(text);
    CHECK(std::holds_alternative<FieldError>(salvage_referral_page(text, {})));
  }
  CHECK(std::holds_alternative<FieldError>(salvage_referral_page(page({good("a")}), PageSalvageLimits{10, {}})));
}

TEST_CASE("the list reading of the API keeps the good leads, counts the bad one and names it") {
  const ListPageResult result = read_list_page(ok(page({good("a"), deep("too-deep", 40), good("b")})));
  REQUIRE(std::holds_alternative<ListPage>(result));
  const ListPage& read = std::get<ListPage>(result);
  CHECK(read.items.size() == 2);
  CHECK(read.skipped_items == 1);
  CHECK(read.skipped_ids == std::vector<std::string>{"too-deep"});
  CHECK(read.first_skip_reason.rfind("too-deep: ", 0) == 0);
  CHECK(read.count == 7);
  CHECK(read.next_link == "http://x/next");
}
