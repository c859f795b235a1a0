// Tests of the list page's SAX reader: it gives exactly what the DOM path gives, and declines anything unusual so
// that the DOM path can say what is wrong.
#include "domain/referral_page_reader.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "domain/referral_json.h"
#include "domain/utf8.h"

using namespace leads;

namespace {

const JsonLimits kPageLimits{1 << 24, 32};

// Every field the workspace reads, in several shapes, with unknown properties at every level.
std::vector<Referral> varied_leads() {
  std::vector<Referral> leads;
  for (int i = 0; i < 40; ++i) {
    Referral r;
    r.id = "lead-" + std::to_string(i);
    r.engagement_id = i % 3 ? "eng-" + std::to_string(i) : "";
    r.name = i % 2 ? "Azure göçü — İstanbul" : "Teams \"pilot\"\n\\ notes";
    r.organization_id = "org";
    r.organization_name = "Şirket A.Ş.";
    r.external_reference_id = i % 4 ? "" : "CRM-" + std::to_string(i);
    r.campaign_id = i % 5 ? "" : "camp";
    r.created_date_time = 1'790'000'000'000 + i * 3'600'000LL;
    if (i % 2) r.updated_date_time = 1'790'000'500'000 + i;
    if (i % 3) r.expiration_date_time = 1'791'000'000'000;
    if (i % 4 == 1) r.accepted_date_time = 1'790'100'000'000;
    if (i % 4 == 2) r.closed_date_time = 1'790'200'000'000;
    r.status = i % 7 ? status_from_wire(i % 2 ? "New" : "Active") : status_from_wire("Sleeping");  // unknown kept
    r.substatus = substatus_from_wire(i % 3 ? "Received" : "");
    r.status_reason = i % 6 ? "" : "NotInterested";
    r.type = type_from_wire(i % 5 ? "Independent" : "Shared");
    r.qualification = qualification_from_wire(i % 3 == 0 ? "Direct" : i % 3 == 1 ? "MarketingQualified" : "Weird");
    r.direction = direction_from_wire("Incoming");
    r.customer_profile.name = "Müşteri " + std::to_string(i);
    r.customer_profile.size = "51to250employees";
    r.customer_profile.address.city = i % 2 ? "İzmir" : "";
    r.customer_profile.address.country = "TR";
    r.customer_profile.address.unknown = i % 3 ? Json::object() : Json{{"district", "Kadıköy"}, {"geo", {1.5, 2}}};
    for (int m = 0; m < i % 3; ++m) {
      Member member;
      member.first_name = "Ayşe";
      member.last_name = std::to_string(m);
      member.email = "a" + std::to_string(m) + "@ornek.com.tr";
      member.phone_number = "+90 212 555 01 0" + std::to_string(m);
      member.contact_preference.locale = "tr-TR";
      member.contact_preference.disable_notifications = m % 2 == 1;
      if (m == 1) member.unknown = Json{{"linkedin", nullptr}, {"tags", Json::array({"a", 1, true})}};
      r.customer_profile.team.push_back(member);
      if (m == 0) r.team.push_back(member);
    }
    if (i % 4 == 3) r.customer_profile.unknown = Json{{"industry", {{"code", 7}, {"names", {"x", "y"}}}}};
    r.consent.contact = i % 2 == 0;
    r.consent.share_with_microsoft_sellers = i % 3 == 0;
    r.details.notes = i % 2 ? "Yeni ofis için 40 lisans" : "";
    if (i % 3) r.details.deal_value = i * 1250.5;
    r.details.currency = "TRY";
    if (i % 5 == 0) r.details.closing_date_time = 1'795'000'000'000;
    r.details.requirements_json =
        i % 2 ? Json{{"products", {{{"id", "p1"}, {"name", "Azure"}}}}}.dump() : Json::object().dump();
    r.details.customer_requested_contact = i % 4 == 0;
    r.invite_context.notes = "Microsoft'tan not";
    r.invite_context.invited_by.organization_id = i % 2 ? "msft" : "";
    r.invite_context.invited_by.organization_name = "Microsoft";
    r.etag = "\"v" + std::to_string(i) + "\"";
    if (i % 3 == 0) r.links = Json{{"self", {{"uri", "/x"}, {"method", "GET"}}}};
    if (i % 3 == 1) r.links = Json::array({1, "two"});
    if (i % 4 == 0)
      r.unknown = Json{{"targetCustomerId", "c-1"}, {"score", 18446744073709551615ull}, {"n", -3}, {"f", 0.25}};
    leads.push_back(r);
  }
  return leads;
}

std::string page_of(const std::vector<Referral>& leads, const Json& extra = Json::object()) {
  Json items = Json::array();
  for (const Referral& lead : leads) items.push_back(referral_to_json(lead));
  Json page = extra;
  page["value"] = items;
  return dump_json(page);
}

// What the DOM path reads from the same text, item by item, as written JSON.
std::vector<std::string> dom_items(const std::string& text) {
  const ParsedJson parsed = parse_json_text(text, kPageLimits);
  REQUIRE_FALSE(parsed.error);
  std::vector<std::string> out;
  for (const Json& item : parsed.value.at("value")) {
    Referral lead;
    REQUIRE_FALSE(referral_from_json(item, lead));
    out.push_back(dump_json(referral_to_json(lead)));
  }
  return out;
}

std::vector<std::string> fast_items(const ReferralPage& page) {
  std::vector<std::string> out;
  for (const Referral& lead : page.items) out.push_back(dump_json(referral_to_json(lead)));
  return out;
}

// A page with one item whose JSON is `item`.
std::string page_with_item(const std::string& item) {
  return "{\"value\":[" + item + "]}";
}

const std::string kMinimal = R"({"id":"a","status":"New")";

}  // namespace

TEST_CASE("every field, unknown properties at every level and every shape of links read as the DOM path reads them") {
  const std::string text = page_of(varied_leads(), Json{{"@odata.count", 40}, {"@odata.nextLink", "/next?$skip=40"}});
  const std::optional<ReferralPage> page = read_referral_page(text, kPageLimits);
  REQUIRE(page);
  CHECK(fast_items(*page) == dom_items(text));
  CHECK(page->count == 40);
  CHECK(page->next_link == "/next?$skip=40");
}

TEST_CASE("nulls are absent, a numeric string is a deal value, and the page's other properties are ignored") {
  const std::string item = kMinimal + R"(,"name":null,"customerProfile":null,"team":null,"links":null,)" +
                           R"("details":{"dealValue":"1500.5","requirements":null,"notes":null},)" +
                           R"("inviteContext":{"invitedBy":{"organizationId":"msft","extra":[1,{"a":null}]}},)" +
                           R"("createdDateTime":"","mystery":null})";
  const std::string text =
      R"({"@odata.context":{"deep":[1,2]},"@odata.count":2.5,"@odata.nextLink":7,"value":[)" + item + "]}";
  const std::optional<ReferralPage> page = read_referral_page(text, kPageLimits);
  REQUIRE(page);
  CHECK(fast_items(*page) == dom_items(text));
  CHECK_FALSE(page->count);  // not an integer
  CHECK(page->next_link.empty());
  REQUIRE(page->items.size() == 1);
  CHECK(page->items[0].details.deal_value == 1500.5);
  CHECK(page->items[0].unknown.contains("mystery"));
  CHECK(page->items[0].invite_context.invited_by.unknown.contains("extra"));
}

TEST_CASE("numbers at the edges of 64 bits, fractions and exponents read as the DOM path reads them") {
  const std::string item =
      kMinimal + R"(,"details":{"dealValue":18446744073709551615},"a":-1,"b":0,"c":-0,"d":18446744073709551615,)" +
      R"("e":18446744073709551616,"f":-9223372036854775808,"g":-9223372036854775809,"h":1.5e3,)" +
      R"("i":-0.0,"j":1E-2,"k":123456789012345678901234567890})";
  const std::string text = R"({"@odata.count":9223372036854775807,"value":[)" + item + "]}";
  const std::optional<ReferralPage> page = read_referral_page(text, kPageLimits);
  REQUIRE(page);
  CHECK(fast_items(*page) == dom_items(text));
  CHECK(page->count == 9223372036854775807);
  REQUIRE(page->items.size() == 1);
  CHECK(page->items[0].unknown["d"].is_number_unsigned());
  CHECK(page->items[0].unknown["e"].is_number_float());  // past 64 bits: a double, as nlohmann reads it
  CHECK(page->items[0].unknown["f"].is_number_integer());
  CHECK(page->items[0].unknown["g"].is_number_float());
}

TEST_CASE("an empty page and a page of only a count are read") {
  const auto empty = read_referral_page(R"({"value":[],"@odata.count":0})", kPageLimits);
  REQUIRE(empty);
  CHECK(empty->items.empty());
  CHECK(empty->count == 0);
}

TEST_CASE("anything the DOM path would refuse or read differently is declined") {
  const std::vector<std::string> declined = {
      page_with_item(R"({"status":"New"})"),                            // no id
      page_with_item(R"({"id":null,"status":"New"})"),                  // id null: required
      page_with_item(R"({"id":"a"})"),                                  // no status
      page_with_item(kMinimal + R"(,"name":5})"),                       // a number for a text
      page_with_item(kMinimal + R"(,"createdDateTime":"yesterday"})"),  // not a date
      page_with_item(kMinimal + R"(,"createdDateTime":5})"),
      page_with_item(kMinimal + R"(,"details":{"dealValue":"12abc"}})"),
      page_with_item(kMinimal + R"(,"details":{"dealValue":""}})"),
      page_with_item(kMinimal + R"(,"details":{"dealValue":"inf"}})"),
      page_with_item(kMinimal + R"(,"details":{"dealValue":true}})"),
      page_with_item(kMinimal + R"(,"details":{"requirements":[1]}})"),
      page_with_item(kMinimal + R"(,"details":{"customerRequestedContact":"yes"}})"),
      page_with_item(kMinimal + R"(,"details":[]})"),  // an array for an object
      page_with_item(kMinimal + R"(,"consent":"all"})"),
      page_with_item(kMinimal + R"(,"team":{}})"),   // an object for an array
      page_with_item(kMinimal + R"(,"team":[5]})"),  // a member that is not an object
      page_with_item(kMinimal + R"(,"team":[null]})"),
      page_with_item(kMinimal + R"(,"team":[[]]})"),
      page_with_item(kMinimal + R"(,"name":"x","name":"y"})"),  // a repeated key
      page_with_item(kMinimal + R"(,"odd":1,"odd":2})"),        // a repeated unknown key
      page_with_item("5"),                                      // an item that is not an object
      page_with_item("null"),
      page_with_item("[]"),
      R"({"value":{}})",  // value not an array
      R"({"value":null})",
      R"({"value":5})",
      R"({"value":[],"value":[]})",
      R"({"@odata.count":3})",           // no value at all
      R"({"id":"x","status":"New"})",    // a lead, not a page
      R"([{"id":"a","status":"New"}])",  // the document is not an object
      R"("text")",
      R"({"value":[]} trailing)",  // malformed
      R"({"value":[)",
      "",
      // Text that is not UTF-8, raw or escaped: a lone surrogate either way, an overlong form, a stray byte.
      page_with_item(kMinimal + R"(,"name":"a\udc00b"})"),
      page_with_item(kMinimal + R"(,"name":"\ud800"})"),
      page_with_item(kMinimal + R"(,"name":"\ud800x"})"),
      page_with_item(kMinimal + R"(,"\udfff":1})"),
      page_with_item(kMinimal + ",\"name\":\"\xED\xA0\x80\"}"),
      page_with_item(kMinimal + ",\"name\":\"\xC0\xAF\"}"),
      page_with_item(kMinimal + ",\"name\":\"\xFF\"}"),
      page_with_item(kMinimal + ",\"name\":\"a\tb\"}"),  // a raw control character
      "\xEF\xBB\xBF" + page_with_item(kMinimal + "}"),   // a byte order mark: left to the careful path
      // A NUL byte, which would end the text early for the in-place reader: after the page, in a text, before all.
      page_with_item(kMinimal + "}") + std::string(1, '\0') + "trailing",
      page_with_item(kMinimal + ",\"name\":\"a" + std::string(1, '\0') + "b\"}"),
      std::string(1, '\0') + page_with_item(kMinimal + "}"),
  };
  for (const std::string& text : declined) {
    CAPTURE(text);
    CHECK_FALSE(read_referral_page(text, kPageLimits));
  }
}

TEST_CASE("the size and depth limits hold as they do for the DOM path") {
  const std::string text = page_of(varied_leads());
  CHECK_FALSE(read_referral_page(text, JsonLimits{text.size() - 1, 32}));
  CHECK(read_referral_page(text, JsonLimits{text.size(), 32}));
  std::string deep = kMinimal + R"(,"x":)";
  for (int i = 0; i < 40; ++i) deep += "[";
  for (int i = 0; i < 40; ++i) deep += "]";
  CHECK_FALSE(read_referral_page(page_with_item(deep + "}"), kPageLimits));
  CHECK(check_json_limits(page_with_item(deep + "}"), kPageLimits));
}

TEST_CASE("a string is read in place as the DOM path reads it, wherever an escape or a quote stands in its run") {
  // Strings around the reader's eight-byte step, with an escape (or two, so text is moved back after each) at every
  // position, in a known field, an unknown field's value and an unknown key; the DOM path is the reference.
  const std::vector<std::string> escapes = {"\\n", "\\\"", "\\\\", "\\/", "\\u00e7", "\\ud83d\\ude00", "\\u0000"};
  for (std::size_t length = 0; length <= 20; ++length) {
    for (std::size_t at = 0; at <= length; ++at) {
      for (const std::string& escape : escapes) {
        std::string text;
        for (std::size_t i = 0; i < length; ++i) text += "axyz0123"[i % 8];
        text.insert(at, escape);
        if (at % 2) text.insert(0, "\xc5\x9f");  // ş: bytes from 0x80 up are part of a run
        if (at % 3 == 0) text.insert(0, "\\t");  // an earlier escape: the rest is copied back, not skipped
        const std::string item = kMinimal + ",\"name\":\"" + text + "\",\"extra\":\"" + text + "\",\"k" + text +
                                 "\":1,\"customerProfile\":{\"name\":\"" + text + "\"}}";
        const std::string page_text = page_with_item(item);
        const std::optional<ReferralPage> page = read_referral_page(page_text, kPageLimits);
        REQUIRE_MESSAGE(page, page_text);
        CHECK_MESSAGE(fast_items(*page) == dom_items(page_text), page_text);
      }
    }
  }
}

TEST_CASE("a raw control byte anywhere in a string's run is declined, as the DOM path refuses it") {
  for (std::size_t length = 1; length <= 20; ++length) {
    for (std::size_t at = 0; at < length; ++at) {
      for (const char control : {'\n', '\t', '\x1f', '\x01'}) {
        std::string text(length, 'b');
        text[at] = control;
        const std::string page_text = page_with_item(kMinimal + ",\"name\":\"" + text + "\"}");
        CHECK(parse_json_text(page_text, kPageLimits).error);
        CHECK_FALSE_MESSAGE(read_referral_page(page_text, kPageLimits), page_text);
      }
    }
  }
}

TEST_CASE("a page cut off anywhere inside or after a string is declined") {
  const std::string whole =
      page_with_item(kMinimal + ",\"name\":\"Azure g\xc3\xb6\xc3\xa7\xc3\xbc \\n pilot 0123456789\"}");
  REQUIRE(read_referral_page(whole, kPageLimits));
  const std::size_t name_at = whole.find("Azure");
  for (std::size_t cut = name_at; cut < whole.size() - 3; ++cut) {
    const std::string text = whole.substr(0, cut);
    if (!is_valid_utf8(text)) continue;  // a cut inside a letter is refused by the UTF-8 check, before any scan
    CHECK_FALSE_MESSAGE(read_referral_page(text, kPageLimits), text);
  }
}
