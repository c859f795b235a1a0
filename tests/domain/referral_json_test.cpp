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

// [SECTION] the text writer ----------------------------------------------------------------------

namespace {
Referral sample_referral() {
  Referral ref;
  REQUIRE_FALSE(referral_from_json(parse_json_text(kSample).value, ref));
  return ref;
}

Json written(const Referral& ref, const WireSelection& selection = {}) {
  std::string text;
  append_referral_json(text, ref, selection);
  const ParsedJson parsed = parse_json_text(text);
  INFO(text);
  REQUIRE_FALSE(parsed.error);
  return parsed.value;
}

// What the DOM writer puts on the wire: its dump, read back.
Json dom_written(const Referral& ref) {
  return parse_json_text(dump_json(referral_to_json(ref))).value;
}

WireSelection selecting(std::initializer_list<std::vector<std::string>> paths) {
  WireSelection selection = WireSelection::only();
  for (const std::vector<std::string>& path : paths) selection.keep(path);
  return selection;
}
}  // namespace

TEST_CASE("the text writer writes the same JSON as the DOM writer: unknown properties, requirements, numbers") {
  const Referral ref = sample_referral();
  CHECK(written(ref) == dom_written(ref));
  Referral bare;  // unset times and numbers, empty texts, no team
  bare.id = "x";
  CHECK(written(bare) == dom_written(bare));
  Referral odd = ref;
  odd.name = std::string("quote \" backslash \\ tab \t newline \n bell \x07 del \x7f Şahin ğüİı 😀");
  odd.customer_profile.name = "bad \xff\xfe UTF-8 \xc0\xaf overlong \xed\xa0\x80 surrogate \xf4\x90\x80\x80 \xe2\x82";
  odd.details.deal_value = 0.1 + 0.2;
  odd.details.currency = "escaped\t then Ş then bad \xe2\x82";  // what was written of it before the bad byte is undone
  CHECK(written(odd) == dom_written(odd));
  std::string text;
  append_referral_json(text, odd);
  CHECK(text.find("\\u0007") != std::string::npos);
  CHECK(text.find("Şahin ğüİı 😀") != std::string::npos);  // UTF-8 passes through unescaped
}

TEST_CASE("a string's JSON text escapes quotes, backslashes and control bytes, and replaces invalid UTF-8") {
  const auto json_text = [](std::string_view text) {
    std::string out;
    append_json_string(out, text);
    return out;
  };
  CHECK(json_text("") == "\"\"");
  CHECK(json_text("a\"b\\c\x01\x1f") == "\"a\\\"b\\\\c\\u0001\\u001f\"");
  CHECK(json_text("\b\f\n\r\t") == "\"\\b\\f\\n\\r\\t\"");
  CHECK(json_text("İ") == "\"İ\"");
  for (const char* bad : {"\xff", "\xc3", "\xe0\x80\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "a\xf0\x9f\x98"}) {
    CAPTURE(bad);
    CHECK(json_text(bad) == dump_json(Json(std::string(bad))));
    CHECK_FALSE(parse_json_text(json_text(bad)).error);
  }
  CHECK(json_text("\xf0\x9f\x98\x80") == "\"\xf0\x9f\x98\x80\"");  // a 4-byte letter kept as it is
}

TEST_CASE("a string's JSON text is the JSON library's, wherever in a long text the byte to escape stands") {
  // Plain text is skipped eight bytes at a time: each special byte is tried at every position of texts around that.
  for (const std::string special : {"\"", "\\", "\x01", "\x1f", " ", "\x7f", "\xc3\xa9", "\xff"}) {
    for (std::size_t length = 0; length <= 20; ++length) {
      for (std::size_t at = 0; at <= length; ++at) {
        std::string text(length, 'a');
        text.insert(at, special);
        CAPTURE(text);
        std::string out;
        append_json_string(out, text);
        CHECK(out == dump_json(Json(text)));
      }
    }
  }
}

TEST_CASE("a selection keeps the named fields, the objects on their way, and each team member's chosen field") {
  const Referral ref = sample_referral();
  const Json top = written(ref, selecting({{"id"}, {"status"}, {"someFutureProperty"}}));
  CHECK(top == Json{{"id", "r-1"}, {"status", "New"}});  // an unknown property is never selected
  const Json nested = written(ref, selecting({{"id"},
                                              {"customerProfile", "address", "city"},
                                              {"customerProfile", "team", "email"},
                                              {"details", "dealValue"},
                                              {"details", "closingDateTime"},
                                              {"closedDateTime"}}));
  // An unset time is null, or left out where the table says so (closedDateTime), as the DOM writer does.
  CHECK(nested == Json::parse(R"({"id":"r-1",
      "customerProfile":{"address":{"city":"İstanbul"},"team":[{"email":"ayse@sahin.com.tr"}]},
      "details":{"dealValue":1250.5,"closingDateTime":null}})"));
  // A whole object wins over a part of it, whichever comes first, and keeps its unknown properties.
  for (const WireSelection& whole : {selecting({{"customerProfile", "name"}, {"customerProfile"}}),
                                     selecting({{"customerProfile"}, {"customerProfile", "name"}})})
    CHECK(written(ref, whole) == Json{{"customerProfile", referral_to_json(ref)["customerProfile"]}});
  // A path past a plain value keeps the value; a name no table has keeps nothing; nothing kept is an empty object.
  CHECK(written(ref, selecting({{"status", "deeper"}, {"noSuchField"}, {"customerProfile", "noSuchField"}})) ==
        Json::parse(R"({"status":"New","customerProfile":{}})"));
  CHECK(written(ref, WireSelection::only()) == Json::object());
}

TEST_CASE("a number's JSON text: whole and hundredths from integers, the rest as %.10g, each read back as written") {
  const auto text = [](double number) {
    std::string out;
    append_json_number(out, number);
    return out;
  };
  CHECK(text(0) == "0");
  CHECK(text(-0.0) == "0");
  CHECK(text(12) == "12");
  CHECK(text(-7) == "-7");
  CHECK(text(12.5) == "12.5");
  CHECK(text(-0.25) == "-0.25");
  CHECK(text(1250.05) == "1250.05");
  CHECK(text(0.1 + 0.2) == "0.3");
  CHECK(text(12345678901.0) == "12345678901");  // whole: no exponent
  CHECK(text(1.0 / 3) == "0.3333333333");
  CHECK(text(1e20) == "1e+20");
  for (const double number : {0.0, 3.0, -640.5, 799.75, 1.0 / 3, 2.0 / 3 * 1e-5, 123456.789, -1e15, 5e-324}) {
    const ParsedJson parsed = parse_json_text(text(number));
    REQUIRE_FALSE(parsed.error);
    CHECK(parsed.value.get<double>() == doctest::Approx(number).epsilon(1e-9));
  }
}
