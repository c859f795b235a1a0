// Tests of the Referral's JSON mapping: round trips, unknown properties and enum values, and every malformed shape.
#include "domain/referral_json.h"

#include <doctest/doctest.h>

using namespace leads;

namespace {
const char* kSample = R"({
  "id": "r-1", "name": "Kurumsal e-posta geçişi", "status": "New", "substatus": "Received",
  "type": "Independent", "qualification": "Direct", "direction": "Incoming",
  "createdDateTime": "2026-11-20T09:30:00.0000000Z",
  "customerProfile": {"name": "Şahin Lojistik A.Ş.", "size": "51to250employees",
    "address": {"city": "İstanbul", "country": "TR", "futureField": 1},
    "team": [{"firstName": "Ayşe", "lastName": "Yılmaz", "email": "ayse@sahin.com.tr", "phoneNumber": "+90 212 555 0101"}]},
  "details": {"dealValue": "1250.5", "currency": "TRY", "customerRequestedContact": true, "newThing": [1, 2],
    "requirements": {"products": [{"id": "p1", "name": "Azure", "tier": {"level": 2}}], "futureList": ["x"]}},
  "eTag": "\"abc\"", "someFutureProperty": {"kept": true}
})";
}

TEST_CASE("a referral keeps unknown properties at every level through a round trip") {
  auto parsed = parse_json_text(kSample);
  REQUIRE_FALSE(parsed.error);
  Referral ref;
  REQUIRE_FALSE(referral_from_json(parsed.value, ref));
  CHECK(ref.customer_profile.address.city == "İstanbul");
  CHECK(ref.details.deal_value == doctest::Approx(1250.5));
  CHECK(ref.details.customer_requested_contact);
  Json back = referral_to_json(ref);
  CHECK(back["someFutureProperty"]["kept"] == true);
  CHECK(back["customerProfile"]["address"]["futureField"] == 1);
  CHECK(back["details"]["newThing"] == Json::array({1, 2}));
  CHECK(back["createdDateTime"] == "2026-11-20T09:30:00.0000000Z");
  CHECK(back["details"]["requirements"] == parsed.value["details"]["requirements"]);  // held as text, verbatim
  Referral again;
  REQUIRE_FALSE(referral_from_json(back, again));
  CHECK(referral_to_json(again) == back);
}

TEST_CASE("an unknown enum value is held as such, not refused") {
  Referral ref;
  REQUIRE_FALSE(referral_from_json(Json::parse(R"({"id":"x","status":"Frozen","substatus":"Thawing"})"), ref));
  CHECK(ref.status == Status::Unknown);
  CHECK(ref.status.wire == "Frozen");
  CHECK(referral_to_json(ref)["substatus"] == "Thawing");
}

TEST_CASE("wrong types and missing required fields name the field") {
  Referral ref;
  auto error = referral_from_json(Json::parse(R"({"id":"x","status":"New","details":{"dealValue":true}})"), ref);
  REQUIRE(error);
  CHECK(error->field == "details/dealValue");
  error = referral_from_json(Json::parse(R"({"status":"New"})"), ref);
  REQUIRE(error);
  CHECK(error->field == "id");
  error = referral_from_json(Json::parse(R"({"id":"x","status":"New","customerProfile":{"team":[{"email":5}]}})"), ref);
  REQUIRE(error);
  CHECK(error->field == "customerProfile/team/0/email");
  error = referral_from_json(Json::parse(R"([1,2])"), ref);
  REQUIRE(error);
  error = referral_from_json(Json::parse(R"({"id":"x","status":"New","createdDateTime":"yesterday"})"), ref);
  REQUIRE(error);
  CHECK(error->field == "createdDateTime");
  error = referral_from_json(Json::parse(R"({"id":"x","status":"New","details":{"dealValue":"12abc"}})"), ref);
  REQUIRE(error);
  CHECK(error->field == "details/dealValue");
}

TEST_CASE("malformed, oversized and too deep documents are errors, not aborts") {
  auto parsed = parse_json_text("{\"id\": \"x\", ");
  REQUIRE(parsed.error);
  CHECK(parsed.error->message.find("malformed JSON at byte") == 0);
  parsed = parse_json_text(std::string(2000, ' ') + "{}", JsonLimits{1000, 32});
  REQUIRE(parsed.error);
  CHECK(parsed.error->message.find("over the limit") != std::string::npos);
  parsed = parse_json_text(std::string(100, '[') + std::string(100, ']'));
  REQUIRE(parsed.error);
  CHECK(parsed.error->message.find("deeper") != std::string::npos);
  parsed = parse_json_text(R"({"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["})");
  CHECK_FALSE(parsed.error);
}

TEST_CASE("invalid UTF-8 is replaced on output instead of aborting") {
  Json value = std::string("ab\xff");
  CHECK(dump_json(value).size() > 2);
}

TEST_CASE("a referral without requirements writes an empty object for them") {
  Referral ref;
  REQUIRE_FALSE(referral_from_json(Json::parse(R"({"id":"x","status":"New","details":{"notes":"n"}})"), ref));
  CHECK(referral_to_json(ref)["details"]["requirements"] == Json::object());
}
