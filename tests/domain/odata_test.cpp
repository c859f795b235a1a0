// Tests of OData $filter and $orderby: every operator, precedence, lambdas, round trips, builders and hostile text.
#include "domain/odata.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "support/lead_builder.h"

using namespace leads;

namespace {

Referral sample() {
  return test::a_lead()
      .name("Kurumsal e-posta")
      .received_at(*parse_iso8601("2026-11-20T09:30:00Z"))
      .expires_at(*parse_iso8601("2026-12-04T09:30:00Z"))
      .customer("Şahin Lojistik")
      .country("TR")
      .city("İstanbul")
      .contact(Member{"Ayşe", "", "ayse@sahin.com.tr", "", "", {}, {}})
      .seller(Member{"", "O'Brien", "o'brien@partner.example", "", "", {}, {}})
      .deal(1250.5, "TRY")
      .requested_contact()
      .invited_by("msft");
}

// Parses and evaluates; a parse error fails the check with its message.
bool matches(const std::string& filter, const Referral& r = sample()) {
  const FilterParse parsed = parse_filter(filter);
  if (parsed.error) FAIL_CHECK(filter << ": " << parsed.error->message);
  return parsed.tree && evaluate_filter(*parsed.tree, r);
}

ODataError error_of(const std::string& filter) {
  const FilterParse parsed = parse_filter(filter);
  CHECK_FALSE(parsed.tree);
  REQUIRE_MESSAGE(parsed.error, filter);
  return *parsed.error;
}

// parse -> to_odata -> parse gives the same tree, and the text is already canonical.
void check_round_trip(const std::string& filter) {
  const FilterParse first = parse_filter(filter);
  REQUIRE_MESSAGE(first.tree, filter << ": " << (first.error ? first.error->message : ""));
  const std::string text = to_odata(*first.tree);
  const FilterParse second = parse_filter(text);
  REQUIRE_MESSAGE(second.tree, text << ": " << (second.error ? second.error->message : ""));
  CHECK_MESSAGE(*first.tree == *second.tree, filter << " -> " << text);
  CHECK(to_odata(*second.tree) == text);
}

}  // namespace

// [SECTION] operators and fields

TEST_CASE("each comparison operator on text compares byte-wise") {
  CHECK(matches("status eq 'New'"));
  CHECK_FALSE(matches("status eq 'new'"));
  CHECK(matches("status ne 'Closed'"));
  CHECK_FALSE(matches("status ne 'New'"));
  CHECK(matches("name gt 'Kurumsal'"));
  CHECK(matches("name ge 'Kurumsal e-posta'"));
  CHECK(matches("name lt 'Z'"));
  CHECK(matches("name le 'Kurumsal e-posta'"));
  CHECK_FALSE(matches("name lt 'Kurumsal e-posta'"));
}

TEST_CASE("each comparison operator on date-times, quoted or bare") {
  CHECK(matches("createdDateTime eq 2026-11-20T09:30:00Z"));
  CHECK(matches("createdDateTime eq '2026-11-20T09:30:00.0000000Z'"));
  CHECK(matches("createdDateTime eq 2026-11-20T12:30:00+03:00"));
  CHECK(matches("createdDateTime ne 2026-11-21"));
  CHECK(matches("createdDateTime gt 2026-11-20"));
  CHECK(matches("createdDateTime ge 2026-11-20T09:30:00Z"));
  CHECK(matches("createdDateTime lt '2026-11-21'"));
  CHECK(matches("createdDateTime le 2026-11-20T09:30:00Z"));
  CHECK_FALSE(matches("createdDateTime lt 2026-11-20T09:30:00Z"));
  CHECK(error_of("expirationDateTime gt createdDateTime").position == 22);  // fields compare with literals only
}

TEST_CASE("each comparison operator on numbers") {
  CHECK(matches("details/dealValue eq 1250.5"));
  CHECK(matches("details/dealValue ne 0"));
  CHECK(matches("details/dealValue gt 1e3"));
  CHECK(matches("details/dealValue ge 1250.5"));
  CHECK(matches("details/dealValue lt 1250.51"));
  CHECK(matches("details/dealValue le -1") == false);
  CHECK(matches("details/dealValue gt -1.5E-2"));
}

TEST_CASE("booleans compare with eq and ne, and a bool field alone means eq true") {
  CHECK(matches("details/customerRequestedContact eq true"));
  CHECK(matches("details/customerRequestedContact ne false"));
  CHECK(matches("details/customerRequestedContact"));
  CHECK_FALSE(matches("not details/customerRequestedContact"));
  CHECK(error_of("details/customerRequestedContact gt false").position == 33);
}

TEST_CASE("every supported field reads the referral") {
  CHECK(matches("substatus eq 'Received'"));
  CHECK(matches("qualification eq 'Direct'"));
  CHECK(matches("type eq 'Independent'"));
  CHECK(matches("direction eq 'Incoming'"));
  CHECK(matches("id eq 'r-1'"));
  CHECK(matches("details/currency eq 'TRY'"));
  CHECK(matches("customerProfile/name eq 'Şahin Lojistik'"));
  CHECK(matches("customerProfile/address/country eq 'TR'"));
  CHECK(matches("customerProfile/address/city eq 'İstanbul'"));
  CHECK(matches("inviteContext/invitedBy/organizationId eq 'msft'"));
  CHECK(matches("updatedDateTime eq null"));
  CHECK(matches("acceptedDateTime eq null"));
  CHECK(matches("closedDateTime eq null"));
  CHECK(matches("expirationDateTime eq 2026-12-04T09:30:00Z"));
}

TEST_CASE("unknown enum values on the wire are filtered by their text") {
  Referral r = sample();
  r.status = status_from_wire("Frozen");
  CHECK(matches("status eq 'Frozen'", r));
  CHECK_FALSE(matches("status eq 'New'", r));
}

TEST_CASE("null matches missing values and ordering against null is false") {
  Referral r = sample();
  r.details.deal_value.reset();
  r.created_date_time.reset();
  CHECK(matches("details/dealValue eq null", r));
  CHECK_FALSE(matches("details/dealValue ne null", r));
  CHECK_FALSE(matches("details/dealValue gt 0", r));
  CHECK_FALSE(matches("details/dealValue lt 0", r));
  CHECK(matches("details/dealValue ne 5", r));
  CHECK_FALSE(matches("createdDateTime ge 2000-01-01", r));
  CHECK(matches("createdDateTime ne 2000-01-01", r));
  CHECK(matches("createdDateTime ne null"));
  CHECK(matches("name ne null"));
  r.name.clear();
  CHECK(matches("name eq null", r));
  CHECK(matches("name eq ''", r));
  CHECK_FALSE(matches("name gt 'a'", r));
  CHECK_FALSE(matches("details/customerRequestedContact eq null"));
}

TEST_CASE("string literals unescape doubled quotes") {
  CHECK(matches("team/any(t:t/lastName eq 'O''Brien')"));
  CHECK(matches("team/any(t:t/email eq 'o''brien@partner.example')"));
  CHECK_FALSE(matches("team/any(t:t/lastName eq 'OBrien')"));
}

// [SECTION] logic and precedence

TEST_CASE("and, or and not combine conditions") {
  CHECK(matches("status eq 'New' and substatus eq 'Received'"));
  CHECK_FALSE(matches("status eq 'New' and substatus eq 'Pending'"));
  CHECK(matches("status eq 'Closed' or substatus eq 'Received'"));
  CHECK_FALSE(matches("status eq 'Closed' or substatus eq 'Pending'"));
  CHECK(matches("not status eq 'Closed'"));
  CHECK(matches("not (status eq 'Closed')"));
  CHECK_FALSE(matches("not not (status eq 'Closed')"));
  CHECK(matches("true"));
  CHECK_FALSE(matches("false"));
}

TEST_CASE("and binds tighter than or, and not tighter than and") {
  // true or (false and false) = true; (true or false) and false would be false
  CHECK(matches("status eq 'New' or status eq 'X' and status eq 'Y'"));
  CHECK_FALSE(matches("(status eq 'New' or status eq 'X') and status eq 'Y'"));
  // (not false) and true = true; not (false and true) would also be true, so test with or:
  // (not true) or true = true; not (true or true) = false
  CHECK(matches("not status eq 'New' or status eq 'New'"));
  CHECK_FALSE(matches("not (status eq 'New' or status eq 'New')"));
  const FilterParse parsed = parse_filter("a_or eq 'x'");
  CHECK(parsed.error);  // a field merely containing "or" is one word
  const FilterParse tree = parse_filter("status eq 'A' or status eq 'B' and status eq 'C'");
  REQUIRE(tree.tree);
  CHECK(tree.tree->kind == FilterNode::Kind::Or);
  REQUIRE(tree.tree->children.size() == 2);
  CHECK(tree.tree->children[1]->kind == FilterNode::Kind::And);
}

TEST_CASE("parentheses group and nest") {
  CHECK(matches("((status eq 'New'))"));
  CHECK(matches("(status eq 'Closed' or (substatus eq 'Received' and id eq 'r-1'))"));
  CHECK_FALSE(matches("( status eq 'Closed' or substatus eq 'Pending' ) and id eq 'r-1'"));
}

TEST_CASE("lambdas range over the partner's team and the customer's contacts") {
  CHECK(matches("customerProfile/team/any(c:c/email eq 'ayse@sahin.com.tr')"));
  CHECK(matches("customerProfile/team/any(c:c/firstName eq 'Ayşe' and c/email ne '')"));
  CHECK_FALSE(matches("team/any(t:t/email eq 'ayse@sahin.com.tr')"));
  CHECK(matches("team/any()"));
  CHECK(matches("team/all(t:t/email ne null)"));
  CHECK_FALSE(matches("team/all(t:t/email eq 'nobody')"));
  Referral empty = sample();
  empty.team.clear();
  CHECK_FALSE(matches("team/any()", empty));
  CHECK_FALSE(matches("team/any(t:t/email ne null)", empty));
  CHECK(matches("team/all(t:t/email eq 'nobody')", empty));
  CHECK(matches("status eq 'New' and not team/any(t:t/phoneNumber eq '1')"));
}

// [SECTION] canonical text

TEST_CASE("parse then to_odata then parse gives the same tree") {
  for (const char* filter : {
           "status eq 'New'",
           "status eq 'New' and substatus eq 'Received' and type eq 'Independent'",
           "status eq 'A' or status eq 'B' and status eq 'C'",
           "(status eq 'A' or status eq 'B') and status eq 'C'",
           "(status eq 'A' and status eq 'B') and status eq 'C'",
           "status eq 'A' or (status eq 'B' or status eq 'C')",
           "not status eq 'New'",
           "not not (status eq 'New' and id eq 'x')",
           "createdDateTime ge 2026-11-20T09:30:00.123+03:00",
           "details/dealValue gt 0.1 and details/dealValue lt 1e300 and details/dealValue ne -0",
           "details/customerRequestedContact",
           "name eq 'it''s' and id eq ''",
           "team/any(x:x/email eq 'a@b.c' or x/lastName eq null)",
           "customerProfile/team/all(c:not (c/email eq 'z'))",
           "team/any()",
           "true and (false or true)",
       })
    check_round_trip(filter);
}

TEST_CASE("a chain of nots at the nesting limit keeps one level per not in its canonical text") {
  // The canonical text parenthesises the innermost operand ("not (false)"): that must not cost a level of its own.
  // A lambda is a level itself, so it fits under one not fewer.
  const std::pair<const char*, int> operands[] = {
      {"status eq 'New'", kMaxODataNesting}, {"false", kMaxODataNesting}, {"team/any()", kMaxODataNesting - 1}};
  for (const auto& [operand, nots] : operands) {
    std::string filter;
    for (int i = 0; i < nots; ++i) filter += "not ";
    filter += operand;
    CAPTURE(filter);
    check_round_trip(filter.c_str());
    const FilterParse parsed = parse_filter(filter);
    REQUIRE(parsed.tree);
    CHECK(to_odata(*parsed.tree).find("not not not (") != std::string::npos);
  }
  std::string grouped;
  for (int i = 0; i < kMaxODataNesting; ++i) grouped += "not (";
  CHECK(matches(grouped + "status eq 'New'" + std::string(kMaxODataNesting, ')')));
  CHECK(error_of("not (" + grouped + "status eq 'New'" + std::string(kMaxODataNesting + 1, ')')).position ==
        static_cast<std::size_t>(kMaxODataNesting) * 5);
}

TEST_CASE("to_odata writes the canonical form") {
  CHECK(to_odata(*parse_filter("createdDateTime ge 2026-11-20").tree) ==
        "createdDateTime ge '2026-11-20T00:00:00.0000000Z'");
  CHECK(to_odata(*parse_filter("not status eq 'New'").tree) == "not (status eq 'New')");
  CHECK(to_odata(*parse_filter("details/dealValue eq 1250.50").tree) == "details/dealValue eq 1250.5");
  CHECK(to_odata(*parse_filter("details/dealValue eq 1E21").tree) == "details/dealValue eq 1e+21");
  CHECK(to_odata(*parse_filter("  status   eq 'x'  or(id eq'y')").tree) == "status eq 'x' or id eq 'y'");
  CHECK(to_odata(*parse_filter("details/customerRequestedContact").tree) == "details/customerRequestedContact eq true");
}

TEST_CASE("the builder makes what the parser reads") {
  const FilterPtr built = odata::all_of({
      odata::eq("status", "New"),
      odata::eq("customerProfile/address/country", "TR"),
      odata::any_of({odata::eq("qualification", "MarketingQualified"), odata::eq("qualification", "SalesQualified")}),
      odata::eq_bool("details/customerRequestedContact", true),
      odata::ge_time("createdDateTime", *parse_iso8601("2026-11-01")),
      odata::negate(odata::gt_time("expirationDateTime", *parse_iso8601("2026-12-01"))),
      odata::any_member(FilterCollection::Team, odata::eq("email", "a@b.c")),
  });
  const std::string text = to_odata(*built);
  CHECK(text ==
        "status eq 'New' and customerProfile/address/country eq 'TR' and (qualification eq 'MarketingQualified' or "
        "qualification eq 'SalesQualified') and details/customerRequestedContact eq true and createdDateTime ge "
        "'2026-11-01T00:00:00.0000000Z' and not (expirationDateTime gt '2026-12-01T00:00:00.0000000Z') and "
        "team/any(t:t/email eq 'a@b.c')");
  const FilterParse parsed = parse_filter(text);
  REQUIRE(parsed.tree);
  CHECK(*parsed.tree == *built);
}

TEST_CASE("the builder reads values by the field's type") {
  CHECK(to_odata(*odata::eq("details/dealValue", "12.5")) == "details/dealValue eq 12.5");
  CHECK(to_odata(*odata::eq("createdDateTime", "2026-11-20")) == "createdDateTime eq '2026-11-20T00:00:00.0000000Z'");
  CHECK(to_odata(*odata::eq("details/customerRequestedContact", "false")) ==
        "details/customerRequestedContact eq false");
  CHECK(to_odata(*odata::compare("name", CompareOp::Ge, "K")) == "name ge 'K'");
  CHECK(to_odata(*odata::is_null("acceptedDateTime")) == "acceptedDateTime eq null");
  CHECK(to_odata(*odata::lt_time("closedDateTime", 0)) == "closedDateTime lt '1970-01-01T00:00:00.0000000Z'");
}

TEST_CASE("the builder's empty, single and null parts simplify") {
  CHECK(to_odata(*odata::all_of({})) == "true");
  CHECK(to_odata(*odata::any_of({})) == "false");
  CHECK(to_odata(*odata::all_of({nullptr, odata::eq("id", "x")})) == "id eq 'x'");
  CHECK(evaluate_filter(*odata::all_of({}), sample()));
  CHECK_FALSE(evaluate_filter(*odata::any_of({}), sample()));
  CHECK(evaluate_filter(*odata::negate(odata::eq("id", "nope")), sample()));
}

TEST_CASE("the builder turns an unknown path or unreadable value into a node that matches nothing and fails to parse") {
  for (const FilterPtr& bad : {odata::eq("customerProfile/address/state", "x"), odata::eq("details/dealValue", "lots"),
                               odata::eq("createdDateTime", "yesterday"), odata::eq_bool("status", true),
                               odata::compare("details/customerRequestedContact", CompareOp::Gt, "true")}) {
    CHECK(bad->kind == FilterNode::Kind::Invalid);
    CHECK_FALSE(evaluate_filter(*bad, sample()));
    CHECK(parse_filter(to_odata(*bad)).error);
  }
  CHECK(to_odata(*odata::eq("nonsense", "x")) == "nonsense eq 'x'");
}

// [SECTION] hostile input

TEST_CASE("an empty filter is an error at position 0") {
  CHECK(error_of("").position == 0);
  CHECK(error_of("   ").position == 3);
  CHECK(error_of("").message == "the filter is empty");
}

TEST_CASE("an unterminated string is an error at its opening quote") {
  const ODataError error = error_of("status eq 'New");
  CHECK(error.position == 10);
  CHECK(error.message.find("unterminated") != std::string::npos);
  CHECK(error_of("status eq 'it''s").position == 10);
  CHECK(error_of("status eq 'a' and name eq 'b' 'c").position == 30);
}

TEST_CASE("an unknown field is an error at the field") {
  ODataError error = error_of("status eq 'New' and colour eq 'red'");
  CHECK(error.position == 20);
  CHECK(error.message.find("colour") != std::string::npos);
  CHECK(error_of("customerProfile/address/state eq 'x'").position == 0);
  CHECK(error_of("team/any(t:t/title eq 'x')").position == 13);
  CHECK(error_of("team/any(t:status eq 'x')").position == 11);
  CHECK(error_of("email eq 'x'").position == 0);  // member fields only inside a lambda
}

TEST_CASE("an unknown function is an error at its name") {
  ODataError error = error_of("contains(name,'x')");
  CHECK(error.position == 0);
  CHECK(error.message.find("unknown function") != std::string::npos);
  CHECK(error_of("status eq 'x' or startswith(name,'K')").position == 17);
  CHECK(error_of("links/any(l:l/x eq 'y')").position == 0);
  CHECK(error_of("team/any(t:t/email eq 'a' and team/any(u:u/email eq 'b'))").position == 30);
}

TEST_CASE("trailing junk is an error where it starts") {
  CHECK(error_of("status eq 'New' junk").position == 16);
  CHECK(error_of("status eq 'New')").position == 15);
  CHECK(error_of("status eq 'New' and").position == 19);
  CHECK(error_of("status eq 'New' ;").position == 16);
  CHECK(error_of("(status eq 'New'").position == 16);
}

TEST_CASE("wrong operators and values are errors at the offending token") {
  CHECK(error_of("status EQ 'New'").position == 7);
  CHECK(error_of("status has 'New'").position == 7);
  CHECK(error_of("status").position == 6);
  CHECK(error_of("status eq").position == 9);
  CHECK(error_of("status eq New").position == 10);
  CHECK(error_of("status eq 5").position == 10);
  CHECK(error_of("createdDateTime gt 'soon'").position == 19);
  CHECK(error_of("createdDateTime gt 2026-13-01").position == 19);
  CHECK(error_of("createdDateTime gt 0000-01-01T00:00:00+01:00").position == 19);
  CHECK(error_of("details/dealValue gt '5'").position == 21);
  CHECK(error_of("details/dealValue gt 1e999").position == 21);
  CHECK(error_of("details/dealValue gt 1.").position == 21);
  CHECK(error_of("details/customerRequestedContact eq 1").position == 36);
  CHECK(error_of("'New' eq status").position == 0);
  CHECK(error_of("true eq details/customerRequestedContact").position == 0);
  CHECK(error_of("status eq 'a' @").position == 14);
  CHECK(error_of("team/any(t t/email eq 'x')").position == 11);
  CHECK(error_of("team/any(t:t/email eq 'x'").position == 25);
}

TEST_CASE("nesting deeper than the limit is an error at the first level too deep") {
  std::string ok = std::string(kMaxODataNesting, '(') + "status eq 'New'" + std::string(kMaxODataNesting, ')');
  CHECK(matches(ok));
  std::string deep =
      std::string(kMaxODataNesting + 1, '(') + "status eq 'New'" + std::string(kMaxODataNesting + 1, ')');
  const ODataError error = error_of(deep);
  CHECK(error.position == static_cast<std::size_t>(kMaxODataNesting));
  CHECK(error.message.find("deeper") != std::string::npos);
  std::string nots;
  for (int i = 0; i <= kMaxODataNesting; ++i) nots += "not ";
  CHECK(error_of(nots + "status eq 'New'").position == static_cast<std::size_t>(kMaxODataNesting) * 4);
  std::string hostile(100000, '(');
  CHECK(error_of(hostile).position == kMaxODataLength);
}

TEST_CASE("a filter longer than the limit is refused before reading it") {
  std::string long_ok = "name eq '" + std::string(kMaxODataLength - 10, 'x') + "'";
  CHECK(long_ok.size() == kMaxODataLength);
  CHECK_FALSE(parse_filter(long_ok).error);
  const ODataError error = error_of(long_ok + " ");
  CHECK(error.position == kMaxODataLength);
  CHECK(error.message.find("longer") != std::string::npos);
}

TEST_CASE("binary and invalid UTF-8 text is an error, never a crash") {
  CHECK(error_of(std::string("status eq \xFF\xFE", 12)).position == 10);
  CHECK(error_of(std::string("\0", 1)).position == 0);
  CHECK(matches(std::string("name ne '\xFF'")));
}

// [SECTION] $orderby

namespace {
Referral ordered(std::string id, std::optional<TimeMs> created, std::optional<double> value, std::string name) {
  Referral r;
  r.id = std::move(id);
  r.created_date_time = created;
  r.details.deal_value = value;
  r.name = std::move(name);
  return r;
}
std::string ids_sorted(const std::string& orderby, std::vector<Referral> list) {
  const OrderByParse parsed = parse_orderby(orderby);
  REQUIRE_FALSE(parsed.error);
  std::stable_sort(list.begin(), list.end(),
                   [&](const Referral& a, const Referral& b) { return order_before(parsed.order, a, b); });
  std::string out;
  for (const Referral& r : list) out += r.id;
  return out;
}
}  // namespace

TEST_CASE("orderby parses fields with asc and desc") {
  const OrderByParse parsed = parse_orderby("createdDateTime desc, name,details/dealValue asc");
  REQUIRE_FALSE(parsed.error);
  REQUIRE(parsed.order.keys.size() == 3);
  CHECK(parsed.order.keys[0] == std::make_pair(OrderField::CreatedDateTime, true));
  CHECK(parsed.order.keys[1] == std::make_pair(OrderField::Name, false));
  CHECK(parsed.order.keys[2] == std::make_pair(OrderField::DealValue, false));
  CHECK(to_odata(parsed.order) == "createdDateTime desc,name,details/dealValue");
  CHECK(parse_orderby(to_odata(parsed.order)).order == parsed.order);
  CHECK_FALSE(parse_orderby("updatedDateTime,expirationDateTime desc").error);
}

TEST_CASE("orderby errors name the position") {
  CHECK(parse_orderby("").error->position == 0);
  CHECK(parse_orderby("colour").error->position == 0);
  CHECK(parse_orderby("name desc,colour asc").error->position == 10);
  CHECK(parse_orderby("name sideways").error->position == 5);
  CHECK(parse_orderby("name,").error->position == 5);
  CHECK(parse_orderby("name;id").error->position == 4);
  CHECK(parse_orderby("name,name desc").error->position == 5);
  CHECK(parse_orderby(std::string(kMaxODataLength + 1, ' ')).error->position == kMaxODataLength);
}

TEST_CASE("order_before sorts each field both ways, missing values first, ties by id") {
  const std::vector<Referral> list = {
      ordered("c", 300, 5.0, "beta"),
      ordered("a", 100, std::nullopt, "alpha"),
      ordered("d", std::nullopt, 9.0, "beta"),
      ordered("b", 300, 1.0, "gamma"),
  };
  CHECK(ids_sorted("createdDateTime", list) == "dabc");
  CHECK(ids_sorted("createdDateTime desc", list) == "bcad");
  CHECK(ids_sorted("details/dealValue", list) == "abcd");
  CHECK(ids_sorted("details/dealValue desc", list) == "dcba");
  CHECK(ids_sorted("name", list) == "acdb");
  CHECK(ids_sorted("name desc", list) == "bcda");
  CHECK(ids_sorted("name desc,createdDateTime", list) == "bdca");
  CHECK(ids_sorted("updatedDateTime", list) == "abcd");
  CHECK(ids_sorted("expirationDateTime desc", list) == "abcd");
}
