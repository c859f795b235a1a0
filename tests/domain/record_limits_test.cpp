// Tests of what a stored lead may hold: every limit at its edge, the read-back check, and that a page of the
// largest leads the limits allow is still a page the client's reader takes whole.
#include "domain/record_limits.h"

#include <doctest/doctest.h>

#include "api/referrals_api.h"
#include "support/lead_builder.h"

using namespace leads;

namespace {

Referral stored_lead() {
  return test::a_lead()
      .id("00000000-0000-4000-8000-000000000001")
      .etag("\"v1\"")
      .name("Kurumsal e-posta")
      .received_at(*parse_iso8601("2026-11-20T09:30:00Z"))
      .customer("Anadolu Lojistik")
      .contact(Member{"Ayşe", "Şahin", "ayse@anadolu.com.tr", "+90 212 555 0101", "", {}, {}});
}

Json nested(int levels) {  // `levels` levels of arrays around a number
  Json value = 1;
  for (int i = 0; i < levels; ++i) value = Json::array({value});
  return value;
}

std::string outcome(const Referral& referral) {
  std::string text;
  const auto problem = check_record(referral, text);
  if (!problem) return "ok";
  return std::string(problem->kind == RecordProblemKind::TooLarge ? "too large " : "invalid ") + problem->error.field;
}

}  // namespace

TEST_CASE("a lead whose date would be written past year 9999 is refused naming the field: it would not read back") {
  Referral ref = stored_lead();
  ref.details.closing_date_time = kLatestTimeMs;
  CHECK(outcome(ref) == "ok");
  ref.details.closing_date_time = kLatestTimeMs + 1;  // what "9999-12-31T23:59:59-05:00" used to become
  CHECK(outcome(ref) == "invalid details/closingDateTime");
  ref = stored_lead();
  ref.created_date_time = kEarliestTimeMs - 1;
  CHECK(outcome(ref) == "invalid createdDateTime");
}

TEST_CASE("check_record leaves the stored text, which reads back as the same lead") {
  std::string text;
  REQUIRE_FALSE(check_record(stored_lead(), text));
  const ParsedJson parsed = parse_json_text(text);
  REQUIRE_FALSE(parsed.error);
  Referral back;
  REQUIRE_FALSE(referral_from_json(parsed.value, back));
  CHECK(referral_to_json(back) == referral_to_json(stored_lead()));
}

TEST_CASE("a team member deeper or larger than the limits is refused naming that member") {
  Referral ref = stored_lead();
  ref.team.push_back(Member{"Ali", "Veli", "ali@example.com", "", "", {}, {}});
  // The member object is one level; its unknown property adds the rest.
  ref.team[0].unknown = Json{{"x", nested(kMaxMemberDepth - 1)}};
  CHECK(outcome(ref) == "ok");
  ref.team[0].unknown = Json{{"x", nested(kMaxMemberDepth)}};
  CHECK(outcome(ref) == "invalid team/0");
  ref.team[0].unknown = Json{{"padding", std::string(kMaxMemberBytes, 'x')}};
  CHECK(outcome(ref) == "too large team/0");
  ref = stored_lead();
  ref.customer_profile.team[0].unknown = Json{{"deep", nested(kMaxMemberDepth)}};
  CHECK(outcome(ref) == "invalid customerProfile/team/0");
}

TEST_CASE("each team holds at most kMaxTeamSize members") {
  Referral ref = stored_lead();
  ref.team.assign(kMaxTeamSize, Member{"Ali", "Veli", "ali@example.com", "", "", {}, {}});
  CHECK(outcome(ref) == "ok");
  ref.team.push_back(ref.team.front());
  CHECK(outcome(ref) == "invalid team");
  ref = stored_lead();
  ref.customer_profile.team.assign(kMaxTeamSize + 1, ref.customer_profile.team.front());
  CHECK(outcome(ref) == "invalid customerProfile/team");
}

TEST_CASE(
    "a lead over the byte limit is too large, and one nesting deeper than a page allows is refused naming the "
    "property") {
  Referral ref = stored_lead();
  std::string text;
  REQUIRE_FALSE(check_record(ref, text));
  const std::size_t base = text.size();
  // {"padding":"…"} adds the key, quotes, colon and comma around the padding.
  const std::size_t overhead = std::string(",\"padding\":\"\"").size();
  ref.unknown = Json{{"padding", std::string(kMaxLeadBytes - base - overhead, 'x')}};
  CHECK(outcome(ref) == "ok");
  REQUIRE_FALSE(check_record(ref, text));
  CHECK(text.size() == kMaxLeadBytes);
  ref.unknown = Json{{"padding", std::string(kMaxLeadBytes - base - overhead + 1, 'x')}};
  CHECK(outcome(ref) == "too large ");
  ref = stored_lead();
  ref.unknown = Json{{"deep", nested(kMaxLeadDepth - 1)}};
  CHECK(outcome(ref) == "ok");
  ref.unknown = Json{{"deep", nested(kMaxLeadDepth)}};
  CHECK(outcome(ref) == "invalid deep");
}

TEST_CASE("a $top=1000 page of the largest, deepest leads the limits allow is read whole by the client's reader") {
  Referral ref = stored_lead();
  ref.unknown = Json{{"deep", nested(kMaxLeadDepth - 1)}};
  std::string text;
  REQUIRE_FALSE(check_record(ref, text));
  ref.unknown["padding"] = std::string(kMaxLeadBytes - text.size() - std::string(",\"padding\":\"\"").size(), 'x');
  REQUIRE_FALSE(check_record(ref, text));
  REQUIRE(text.size() == kMaxLeadBytes);
  std::string page =
      "{\"@odata.context\":\"https://example.test/v1.0/$metadata#referrals\",\"@odata.count\":100000,"
      "\"value\":[";
  for (std::size_t i = 0; i < kListPageMaxItems; ++i) page += (i ? "," : "") + text;
  page += "],\"@odata.nextLink\":\"https://example.test/v1.0/engagements/referrals?$top=1000&$skiptoken=abc\"}";
  CHECK(page.size() < kListPageMaxBytes);
  HttpResponse response;
  response.status = 200;
  response.body = page;
  const ListPageResult read = read_list_page(response);  // exactly what the client does with a page
  REQUIRE(std::holds_alternative<ListPage>(read));
  CHECK(std::get<ListPage>(read).items.size() == kListPageMaxItems);
  CHECK(std::get<ListPage>(read).skipped_items == 0);
  // And one level more in any lead is what the client refuses: the depth limit is the reader's, not a guess.
  CHECK(check_json_limits("[" + page + "]", JsonLimits{kListPageMaxBytes, kListPageMaxDepth}));
}
