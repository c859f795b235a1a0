// Tests of the server's write rule: every refusal of a partner's PATCH, and what a successful one changes.
//
// [SECTION] fixtures
// [SECTION] role and shape
// [SECTION] values and limits
// [SECTION] lead state and transitions
// [SECTION] successful writes
// [SECTION] shared checks
#include "domain/partner_write.h"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "domain/classification.h"
#include "domain/clocks.h"
#include "domain/lifecycle.h"
#include "support/lead_builder.h"

using namespace leads;

// [SECTION] fixtures ----------------------------------------------------------------------------------

namespace {
const TimeMs kCreated = *parse_iso8601("2026-11-20T09:30:00Z");
const TimeMs kNow = kCreated + 2 * kHourMs;

Referral lead(const char* status = "New", const char* substatus = "Received") {
  Referral ref = test::a_lead()
                     .stage(status, substatus)
                     .received_at(kCreated)
                     .expires_at(kCreated + kExpiryWindowMs)
                     .etag("\"v1\"");
  ref.unknown = Json{{"futureProperty", {{"kept", true}}}};
  if (std::string(status) == "Active") {
    ref.name = "Kurumsal e-posta";
    ref.details.deal_value = 1000;
    ref.details.currency = "TRY";
    ref.details.closing_date_time = kCreated + 30 * kDayMs;
    ref.accepted_date_time = kCreated + kHourMs;
  }
  return ref;
}

Json op(const char* kind, const char* path, Json value) {
  return Json{{"op", kind}, {"path", path}, {"value", value}};
}
Json replace(const char* path, Json value) {
  return op("replace", path, std::move(value));
}
Json member(const char* first, const char* email, const char* phone = "") {
  return op("add", "/team/-",
            Json{{"firstName", first}, {"lastName", "Yılmaz"}, {"email", email}, {"phoneNumber", phone}});
}

Json accept_ops() {
  return Json::array({replace("/status", "Active"), replace("/substatus", "Accepted"), replace("/name", "Deal"),
                      replace("/details/dealValue", 1250.5), replace("/details/currency", "TRY"),
                      replace("/details/closingDateTime", "2026-12-31T00:00:00.0000000Z")});
}
Json with(Json patch, Json extra) {
  patch.push_back(std::move(extra));
  return patch;
}
Json close_ops(const char* substatus, const char* reason = nullptr) {
  Json patch = Json::array({replace("/status", "Closed"), replace("/substatus", substatus)});
  if (reason) patch.push_back(replace("/statusReason", reason));
  return patch;
}

// The refusal of a write: "ok" when accepted, else "<kind> <target>".
std::string outcome(const Referral& current, const Json& patch, Role role = Role::PartnerAdmin, TimeMs now = kNow) {
  const WriteResult result = apply_partner_patch(current, patch, role, now);
  if (result.updated) return result.error ? "both set" : "ok";
  if (!result.error) return "neither set";
  return std::string(result.error->kind == WriteErrorKind::Forbidden ? "forbidden " : "invalid ") +
         result.error->error.field;
}
}  // namespace

// [SECTION] role and shape ---------------------------------------------------------------------------

TEST_CASE("only the admin roles may write; others are forbidden before anything else is read") {
  CHECK(outcome(lead(), accept_ops(), Role::PartnerAdmin) == "ok");
  CHECK(outcome(lead(), accept_ops(), Role::ReferralsAdmin) == "ok");
  CHECK(outcome(lead(), accept_ops(), Role::ReferralsUser) == "forbidden ");
  CHECK(outcome(lead(), accept_ops(), Role::None) == "forbidden ");
  CHECK(outcome(lead(), Json("junk"), Role::ReferralsUser) == "forbidden ");
}

TEST_CASE("a patch that is not an array of operations is refused") {
  CHECK(outcome(lead(), Json::object()) == "invalid ");
  CHECK(outcome(lead(), Json("[]")) == "invalid ");
  CHECK(outcome(lead(), Json()) == "invalid ");
  CHECK(outcome(lead(), Json::array({5})) == "invalid 0");
  CHECK(outcome(lead(), Json::array({replace("/name", "x"), Json::array()})) == "invalid 1");
  CHECK(outcome(lead(), Json::array({Json{{"path", "/name"}, {"value", "x"}}})) == "invalid 0");
  CHECK(outcome(lead(), Json::array({Json{{"op", "replace"}, {"value", "x"}}})) == "invalid 0");
  CHECK(outcome(lead(), Json::array({Json{{"op", "replace"}, {"path", "/name"}}})) == "invalid name");
}

TEST_CASE("operations other than replace and add are refused") {
  for (const char* kind : {"remove", "move", "copy", "test"}) {
    const WriteResult result =
        apply_partner_patch(lead(), Json::array({op(kind, "/name", "x")}), Role::PartnerAdmin, kNow);
    REQUIRE(result.error);
    CHECK(result.error->kind == WriteErrorKind::Invalid);
    CHECK(result.error->error.field == "name");
    CHECK(result.error->error.message.find("not supported") != std::string::npos);
  }
}

TEST_CASE("paths a partner may not write are refused, naming the path") {
  for (const char* path :
       {"/id", "/eTag", "/createdDateTime", "/expirationDateTime", "/acceptedDateTime", "/closedDateTime",
        "/customerProfile/name", "/details/customerRequestedContact", "/details/requirements", "/qualification",
        "/type", "/team", "/team/0", "/", "/details", "/name/x", "/unknownThing"}) {
    CAPTURE(path);
    const WriteResult result =
        apply_partner_patch(lead(), with(accept_ops(), op("replace", path, "x")), Role::PartnerAdmin, kNow);
    REQUIRE(result.error);
    CHECK(result.error->kind == WriteErrorKind::Invalid);
    CHECK(result.error->error.field == std::string(path).substr(1));
    CHECK(result.error->error.message.find("may not write") != std::string::npos);
  }
  CHECK(outcome(lead(), Json::array({op("replace", "", Json::object())})) == "invalid ");
}

TEST_CASE("team members are only added, at the end") {
  CHECK(outcome(lead("Active", "Accepted"), Json::array({op("replace", "/team/-", Json{{"firstName", "A"}})})) ==
        "invalid team/-");
  CHECK(outcome(lead("Active", "Accepted"), Json::array({op("add", "/team/0", Json{{"firstName", "A"}})})) ==
        "invalid team/0");
}

TEST_CASE("more than the operation limit is refused") {
  Json patch = Json::array();
  for (std::size_t i = 0; i <= kMaxPatchOperations; ++i) patch.push_back(replace("/details/notes", "x"));
  CHECK(outcome(lead("Active", "Accepted"), patch) == "invalid ");
  patch.erase(patch.begin());
  CHECK(outcome(lead("Active", "Accepted"), patch) == "ok");
}

// [SECTION] values and limits -------------------------------------------------------------------------

TEST_CASE("a negative, NaN, infinite or non-numeric deal value is refused") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  for (const Json& value :
       {Json(-0.01), Json(-1), Json(nan), Json(inf), Json(-inf), Json("abc"), Json("12abc"), Json("nan"), Json("inf"),
        Json("0x10"), Json(" 12"), Json("-5"), Json(), Json(true), Json::array({1}), Json("")}) {
    CAPTURE(dump_json(value));
    CHECK(outcome(lead(), with(accept_ops(), replace("/details/dealValue", value))) == "invalid details/dealValue");
  }
}

TEST_CASE("a zero deal value, an integer and a numeric string are accepted") {
  for (const Json& value : {Json(0), Json(0.0), Json(42), Json("1250.50"), Json("1e3")}) {
    CAPTURE(dump_json(value));
    CHECK(outcome(lead(), with(accept_ops(), replace("/details/dealValue", value))) == "ok");
  }
  auto result = apply_partner_patch(lead(), with(accept_ops(), replace("/details/dealValue", "1250.50")),
                                    Role::PartnerAdmin, kNow);
  REQUIRE(result.updated);
  CHECK(result.updated->details.deal_value == doctest::Approx(1250.5));
}

TEST_CASE("a currency must be an upper-case ISO 4217 code from the list") {
  for (const char* code : {"TRY", "USD", "EUR", "GBP", "JPY"})
    CHECK(outcome(lead(), with(accept_ops(), replace("/details/currency", code))) == "ok");
  for (const Json& code : {Json("try"), Json("XYZ"), Json("TR"), Json("TRYY"), Json(""), Json("₺"), Json(949)}) {
    CAPTURE(dump_json(code));
    CHECK(outcome(lead(), with(accept_ops(), replace("/details/currency", code))) == "invalid details/currency");
  }
}

TEST_CASE("a closing date must be an ISO-8601 date") {
  CHECK(outcome(lead(), with(accept_ops(), replace("/details/closingDateTime", "2027-01-15"))) == "ok");
  for (const Json& date : {Json("tomorrow"), Json("2026-02-30"), Json(""), Json(), Json(20261231)})
    CHECK(outcome(lead(), with(accept_ops(), replace("/details/closingDateTime", date))) ==
          "invalid details/closingDateTime");
}

TEST_CASE("text fields must be strings and the deal name may not be blank") {
  CHECK(outcome(lead(), with(accept_ops(), replace("/name", 5))) == "invalid name");
  CHECK(outcome(lead(), with(accept_ops(), replace("/name", "   "))) == "invalid name");
  CHECK(outcome(lead(), with(accept_ops(), replace("/details/notes", Json()))) == "invalid details/notes");
  CHECK(outcome(lead(), with(accept_ops(), replace("/campaignId", false))) == "invalid campaignId");
  CHECK(outcome(lead(), with(accept_ops(), replace("/externalReferenceId", Json::object()))) ==
        "invalid externalReferenceId");
  CHECK(outcome(lead(), Json::array({replace("/status", 1)})) == "invalid status");
  CHECK(outcome(lead(), Json::array({replace("/status", "Closed"), replace("/substatus", Json())})) ==
        "invalid substatus");
  CHECK(outcome(lead(), with(close_ops("Declined"), replace("/statusReason", 5))) == "invalid statusReason");
}

TEST_CASE("each length limit holds at its boundary, counting characters rather than bytes") {
  const auto text = [](std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += "ş";  // two bytes each
    return s;
  };
  const struct {
    const char* path;
    std::size_t limit;
  } limits[] = {{"/name", kMaxNameLength},
                {"/details/notes", kMaxNotesLength},
                {"/externalReferenceId", kMaxIdLength},
                {"/campaignId", kMaxIdLength}};
  for (const auto& limit : limits) {
    CAPTURE(limit.path);
    CHECK(outcome(lead(), with(accept_ops(), replace(limit.path, text(limit.limit)))) == "ok");
    CHECK(outcome(lead(), with(accept_ops(), replace(limit.path, text(limit.limit + 1)))) ==
          "invalid " + std::string(limit.path).substr(1));
  }
  CHECK(outcome(lead(), close_ops("Declined", ("other: " + text(kMaxNotesLength)).c_str())) == "ok");
  CHECK(outcome(lead(), close_ops("Declined", ("other: " + text(kMaxNotesLength + 1)).c_str())) ==
        "invalid statusReason");
}

TEST_CASE("an added member needs a name and a plausible email or phone, each field within its limit") {
  const Referral accepted = lead("Active", "Accepted");
  CHECK(outcome(accepted, Json::array({member("Ayşe", "ayse@sahin.com.tr")})) == "ok");
  CHECK(outcome(accepted, Json::array({member("Ayşe", "", "+90 212 555 01 01")})) == "ok");
  CHECK(outcome(accepted, Json::array({op("add", "/team/-", Json{{"lastName", "Yılmaz"}, {"email", "a@b.co"}})})) ==
        "ok");
  CHECK(outcome(accepted, Json::array({op("add", "/team/-", Json{{"email", "a@b.co"}})})) ==
        "invalid team/-/firstName");
  CHECK(outcome(accepted, Json::array({member("Ayşe", "")})) == "invalid team/-/email");
  CHECK(outcome(accepted, Json::array({member("Ayşe", "not-an-email")})) == "invalid team/-/email");
  CHECK(outcome(accepted, Json::array({member("Ayşe", "", "call me")})) == "invalid team/-/phoneNumber");
  CHECK(outcome(accepted, Json::array({member("Ayşe", "ayse@sahin.com.tr", "12")})) == "invalid team/-/phoneNumber");
  CHECK(outcome(accepted, Json::array({op("add", "/team/-", "Ayşe")})) == "invalid team/-");
  CHECK(outcome(accepted, Json::array({op("add", "/team/-", Json{{"firstName", 5}, {"email", "a@b.co"}})})) ==
        "invalid team/-/firstName");
  const std::string long_name(kMaxMemberFieldLength + 1, 'a');
  CHECK(outcome(accepted, Json::array({member(std::string(kMaxMemberFieldLength, 'a').c_str(), "a@b.co")})) == "ok");
  CHECK(outcome(accepted, Json::array({member(long_name.c_str(), "a@b.co")})) == "invalid team/-/firstName");
  CHECK(outcome(accepted, Json::array({op("add", "/team/-",
                                          Json{{"firstName", "A"}, {"email", "a@b.co"}, {"title", long_name}})})) ==
        "invalid team/-/title");
}

TEST_CASE("at most 20 members are added per write") {
  Json patch = Json::array();
  for (std::size_t i = 0; i < kMaxMembersPerWrite; ++i) patch.push_back(member("Ali", "ali@example.com"));
  CHECK(outcome(lead("Active", "Accepted"), patch) == "ok");
  patch.push_back(member("Veli", "veli@example.com"));
  CHECK(outcome(lead("Active", "Accepted"), patch) == "invalid team");
}

TEST_CASE("a lead's team is capped in total") {
  Referral full = lead("Active", "Accepted");
  full.team.resize(kMaxTeamSize);
  CHECK(outcome(full, Json::array({member("Ali", "ali@example.com")})) == "invalid team");
  full.team.pop_back();
  CHECK(outcome(full, Json::array({member("Ali", "ali@example.com")})) == "ok");
}

// [SECTION] lead state and transitions ----------------------------------------------------------------

TEST_CASE("a closed lead accepts no change at all") {
  for (const char* sub : {"Won", "Lost", "Declined", "Expired", "Error"}) {
    CAPTURE(sub);
    CHECK(outcome(lead("Closed", sub), Json::array({replace("/details/notes", "late note")})) == "invalid status");
    CHECK(outcome(lead("Closed", sub), Json::array()) == "invalid status");
    CHECK(outcome(lead("Closed", sub), close_ops("Won")) == "invalid status");
  }
}

TEST_CASE("a lead in an unknown status or an impossible pair is not written") {
  CHECK(outcome(lead("Frozen", "Received"), accept_ops()) == "invalid status");
  CHECK(outcome(lead("None", ""), accept_ops()) == "invalid status");
  CHECK(outcome(lead("New", "Accepted"), accept_ops()) == "invalid status");
}

TEST_CASE("a new lead past its expiry is refused as expired, one second earlier it is not") {
  const TimeMs expiry = kCreated + kExpiryWindowMs;
  CHECK(outcome(lead(), accept_ops(), Role::PartnerAdmin, expiry - kSecondMs) == "ok");
  CHECK(outcome(lead(), close_ops("Declined", "other"), Role::PartnerAdmin, expiry - kSecondMs) == "ok");
  const WriteResult result = apply_partner_patch(lead(), accept_ops(), Role::PartnerAdmin, expiry);
  REQUIRE(result.error);
  CHECK(result.error->error.field == "status");
  CHECK(result.error->error.message.find("expired") != std::string::npos);
  CHECK(outcome(lead(), close_ops("Declined", "other"), Role::PartnerAdmin, expiry + kSecondMs) == "invalid status");
}

TEST_CASE("status never moves backwards") {
  CHECK(outcome(lead("Active", "Accepted"),
                Json::array({replace("/status", "New"), replace("/substatus", "Received")})) == "invalid status");
  const WriteResult result = apply_partner_patch(
      lead("Active", "Accepted"), Json::array({replace("/status", "New"), replace("/substatus", "Pending")}),
      Role::PartnerAdmin, kNow);
  REQUIRE(result.error);
  CHECK(result.error->error.message.find("backwards") != std::string::npos);
}

TEST_CASE("a status and substatus pair outside the contract's table is refused") {
  CHECK(outcome(lead(), Json::array({replace("/status", "Active"), replace("/substatus", "Won")})) ==
        "invalid substatus");
  CHECK(outcome(lead(), Json::array({replace("/status", "Closed"), replace("/substatus", "Accepted")})) ==
        "invalid substatus");
  CHECK(outcome(lead(), Json::array({replace("/status", "Active")})) == "invalid substatus");  // Active/Received
  CHECK(outcome(lead("Active", "Accepted"), Json::array({replace("/status", "Closed")})) == "invalid substatus");
  CHECK(outcome(lead(), Json::array({replace("/status", "None")})) == "invalid status");
  CHECK(outcome(lead(), Json::array({replace("/status", "Frozen")})) == "invalid status");
  CHECK(outcome(lead(), Json::array({replace("/substatus", "Thawing")})) == "invalid substatus");
}

TEST_CASE("a new lead may only be accepted or declined") {
  CHECK(outcome(lead(), Json::array({replace("/name", "Only a rename")})) == "invalid status");
  CHECK(outcome(lead(), Json::array({replace("/substatus", "Pending")})) == "invalid status");
  CHECK(outcome(lead(), Json::array()) == "invalid status");
  CHECK(outcome(lead(), close_ops("Won")) == "invalid status");
  CHECK(outcome(lead(), close_ops("Lost", "other")) == "invalid status");
  CHECK(outcome(lead(), close_ops("Expired")) == "invalid status");
  CHECK(outcome(lead(), close_ops("Error")) == "invalid status");
  CHECK(outcome(lead("New", "Pending"), accept_ops()) == "ok");
}

TEST_CASE("an accepted lead may only be edited or closed as won or lost") {
  CHECK(outcome(lead("Active", "Accepted"), close_ops("Declined", "other")) == "invalid substatus");
  CHECK(outcome(lead("Active", "Accepted"), close_ops("Expired")) == "invalid substatus");
  CHECK(outcome(lead("Active", "Accepted"), close_ops("Error")) == "invalid substatus");
  CHECK(outcome(lead("Active", "Accepted"), close_ops("Won")) == "ok");
  CHECK(outcome(lead("Active", "Accepted"), close_ops("Lost", "customerChoseAnotherVendor: X")) == "ok");
}

TEST_CASE("the server takes exactly the transitions of the lifecycle table") {
  for (const char* from : {"New", "Active"}) {
    const Referral current = lead(from, std::string(from) == "New" ? "Received" : "Accepted");
    for (const char* status : {"New", "Active", "Closed"}) {
      for (const char* substatus : {"Pending", "Received", "Accepted", "Won", "Lost", "Declined", "Expired", "Error"}) {
        CAPTURE(from);
        CAPTURE(status);
        CAPTURE(substatus);
        // Everything any row needs, so only the move itself decides.
        Json patch = accept_ops();
        patch[0] = replace("/status", status);
        patch[1] = replace("/substatus", substatus);
        patch.push_back(replace("/statusReason", "other: because"));
        const bool in_table = transition_between(stage_of(current), status_from_wire(status).value,
                                                 substatus_from_wire(substatus).value) != nullptr;
        CHECK((outcome(current, patch) == "ok") == in_table);
      }
    }
  }
}

TEST_CASE("accepting needs a deal name, a deal value, a currency and a closing date") {
  const auto without = [](const char* path) {
    Json patch = Json::array();
    for (const Json& operation : accept_ops())
      if (operation["path"] != path) patch.push_back(operation);
    return patch;
  };
  CHECK(outcome(lead(), without("/name")) == "invalid name");
  CHECK(outcome(lead(), without("/details/dealValue")) == "invalid details/dealValue");
  CHECK(outcome(lead(), without("/details/currency")) == "invalid details/currency");
  CHECK(outcome(lead(), without("/details/closingDateTime")) == "invalid details/closingDateTime");
  // Fields the lead already carries count.
  Referral prefilled = lead();
  prefilled.name = "From Microsoft";
  CHECK(outcome(prefilled, without("/name")) == "ok");
}

TEST_CASE("declining needs a statusReason starting with a known reason code") {
  CHECK(outcome(lead(), close_ops("Declined")) == "invalid statusReason");
  CHECK(outcome(lead(), close_ops("Declined", "")) == "invalid statusReason");
  CHECK(outcome(lead(), close_ops("Declined", "too busy")) == "invalid statusReason");
  CHECK(outcome(lead(), close_ops("Declined", "tooBusy: sorry")) == "invalid statusReason");
  CHECK(outcome(lead(), close_ops("Declined", "budgetNotAdequate")) == "ok");
  CHECK(outcome(lead(), close_ops("Declined", "abuseSpamPhishing: spam")) == "ok");
}

TEST_CASE("losing expects a reason code, winning does not") {
  CHECK(outcome(lead("Active", "Accepted"), close_ops("Lost")) == "invalid statusReason");
  CHECK(outcome(lead("Active", "Accepted"), close_ops("Lost", "we lost")) == "invalid statusReason");
  CHECK(outcome(lead("Active", "Accepted"), close_ops("Won", "Signed for three years")) == "ok");
}

// [SECTION] successful writes -------------------------------------------------------------------------

TEST_CASE("accepting sets the fields, acceptedDateTime and updatedDateTime, and keeps the eTag and unknown fields") {
  const WriteResult result = apply_partner_patch(
      lead(),
      with(with(accept_ops(), replace("/details/notes", "Needs 50 mailboxes")), member("Ayşe", "ayse@x.com.tr")),
      Role::ReferralsAdmin, kNow);
  REQUIRE(result.updated);
  CHECK_FALSE(result.error);
  const Referral& updated = *result.updated;
  CHECK(updated.status == Status::Active);
  CHECK(updated.status.wire == "Active");
  CHECK(updated.substatus == Substatus::Accepted);
  CHECK(updated.name == "Deal");
  CHECK(updated.details.deal_value == doctest::Approx(1250.5));
  CHECK(updated.details.currency == "TRY");
  CHECK(updated.details.closing_date_time == parse_iso8601("2026-12-31"));
  CHECK(updated.details.notes == "Needs 50 mailboxes");
  REQUIRE(updated.team.size() == 1);
  CHECK(updated.team[0].first_name == "Ayşe");
  CHECK(updated.accepted_date_time == kNow);
  CHECK(updated.updated_date_time == kNow);
  CHECK_FALSE(updated.closed_date_time);
  CHECK(updated.etag == "\"v1\"");
  CHECK(updated.unknown["futureProperty"]["kept"] == true);
  CHECK(updated.expiration_date_time == kCreated + kExpiryWindowMs);
}

TEST_CASE("declining sets closedDateTime and the reason") {
  const WriteResult result =
      apply_partner_patch(lead(), close_ops("Declined", "notACustomer: wrong number"), Role::PartnerAdmin, kNow);
  REQUIRE(result.updated);
  CHECK(result.updated->status == Status::Closed);
  CHECK(result.updated->substatus == Substatus::Declined);
  CHECK(result.updated->status_reason == "notACustomer: wrong number");
  CHECK(result.updated->closed_date_time == kNow);
  CHECK(result.updated->updated_date_time == kNow);
  CHECK_FALSE(result.updated->accepted_date_time);
}

TEST_CASE("editing an accepted lead keeps its status and acceptance time") {
  const Referral current = lead("Active", "Accepted");
  const WriteResult result =
      apply_partner_patch(current,
                          Json::array({replace("/details/dealValue", 2000), replace("/externalReferenceId", "CRM-7"),
                                       member("Ali", "", "05325550101")}),
                          Role::PartnerAdmin, kNow);
  REQUIRE(result.updated);
  CHECK(result.updated->status == Status::Active);
  CHECK(result.updated->substatus == Substatus::Accepted);
  CHECK(result.updated->details.deal_value == 2000);
  CHECK(result.updated->external_reference_id == "CRM-7");
  CHECK(result.updated->team.size() == 1);
  CHECK(result.updated->accepted_date_time == current.accepted_date_time);
  CHECK(result.updated->updated_date_time == kNow);
  // Re-stating the same status is harmless.
  CHECK(outcome(current, Json::array({replace("/status", "Active"), replace("/substatus", "Accepted")})) == "ok");
}

TEST_CASE("winning and losing close the lead at now") {
  for (const char* sub : {"Won", "Lost"}) {
    const WriteResult result =
        apply_partner_patch(lead("Active", "Accepted"), close_ops(sub, "other: done"), Role::PartnerAdmin, kNow);
    REQUIRE(result.updated);
    CHECK(result.updated->status == Status::Closed);
    CHECK(result.updated->substatus.wire == sub);
    CHECK(result.updated->closed_date_time == kNow);
  }
}

TEST_CASE("add also sets a writable scalar field") {
  const WriteResult result = apply_partner_patch(
      lead("Active", "Accepted"), Json::array({op("add", "/campaignId", "CMP-1")}), Role::PartnerAdmin, kNow);
  REQUIRE(result.updated);
  CHECK(result.updated->campaign_id == "CMP-1");
}

// [SECTION] shared checks -----------------------------------------------------------------------------

TEST_CASE("text length counts code points") {
  CHECK(text_length("") == 0);
  CHECK(text_length("abc") == 3);
  CHECK(text_length("şğı") == 3);
  CHECK(text_length("İstanbul") == 8);
}

TEST_CASE("the currency list knows the common codes and nothing else") {
  for (const char* code : {"AED", "CHF", "EUR", "GBP", "TRY", "USD", "ZWG"}) CHECK(is_known_currency(code));
  for (const char* code : {"", "A", "AAA", "usd", "US", "USDX", "XXX", "ZZZ"}) CHECK_FALSE(is_known_currency(code));
}

TEST_CASE("plausible emails and phones") {
  for (const char* email : {"a@b.co", "ayse.yilmaz+leads@sahin.com.tr", "x@ş.com.tr"}) CHECK(is_plausible_email(email));
  for (const char* email : {"", "a", "a@", "@b.co", "a@b", "a@b.c", "a@@b.co", "a@b@c.co", "a b@c.co", "a@b..co",
                            "a@.co", "a@-b.co", "<a@b.co>"})
    CHECK_FALSE(is_plausible_email(email));
  for (const char* phone : {"+90 212 555 01 01", "0532-555-0101", "(0212) 555 0101", "5555555", "123456789012345"})
    CHECK(is_plausible_phone(phone));
  for (const char* phone : {"", "123456", "1234567890123456", "555 0101 x12", "90+212555", "phone"})
    CHECK_FALSE(is_plausible_phone(phone));
}

// [SECTION] hidden characters and out-of-range dates (issue 12) ---------------------------------------

TEST_CASE("names, ids and notes refuse control characters and bidirectional overrides") {
  const Referral accepted = lead("Active", "Accepted");
  const std::string nul("Deal\0name", 9);
  CHECK(outcome(accepted, Json::array({replace("/name", nul)})) == "invalid name");
  CHECK(outcome(accepted, Json::array({replace("/name", "Invoice \u202Egnp.exe")})) == "invalid name");
  CHECK(outcome(accepted, Json::array({replace("/name", "A\u2066B\u2069")})) == "invalid name");
  CHECK(outcome(accepted, Json::array({replace("/externalReferenceId", "CRM\x01")})) == "invalid externalReferenceId");
  CHECK(outcome(accepted, Json::array({replace("/details/notes", "line one\nline two\ttab")})) == "ok");
  CHECK(outcome(accepted, Json::array({replace("/details/notes", "hidden \u202Atext")})) == "invalid details/notes");
  CHECK(outcome(accepted, Json::array({replace("/details/notes", std::string("nul\0", 4))})) ==
        "invalid details/notes");
  CHECK(outcome(accepted, close_ops("Lost", "other: \u2067x")) == "invalid statusReason");
  // Right-to-left text itself is fine: Arabic and Hebrew names, and the ordinary marks U+200E/U+200F.
  CHECK(outcome(accepted, Json::array({replace("/name", "\u0634\u0631\u0643\u0629 \u200F\u05E9\u05DC\u05D5\u05DD")})) ==
        "ok");
}

TEST_CASE("an added member with a control character or a bidirectional override is refused naming the field") {
  const Referral accepted = lead("Active", "Accepted");
  CHECK(outcome(accepted, Json::array({member("Ay\u202E\u015Fe", "ayse@sahin.com.tr")})) == "invalid team/-/firstName");
  CHECK(outcome(accepted, Json::array({op("add", "/team/-",
                                          Json{{"firstName", std::string("Ali\0x", 5)}, {"email", "a@b.co"}})})) ==
        "invalid team/-/firstName");
  CHECK(outcome(accepted,
                Json::array({op("add", "/team/-",
                                Json{{"firstName", "Ali"}, {"lastName", "\u2068Veli"}, {"email", "a@b.co"}})})) ==
        "invalid team/-/lastName");
  CHECK(
      outcome(accepted, Json::array({op("add", "/team/-",
                                        Json{{"firstName", "Ali"}, {"email", "a@b.co"}, {"title", "CTO\x1b[31m"}})})) ==
      "invalid team/-/title");
}

TEST_CASE("a closing date whose offset carries it past year 9999 is refused naming the field") {
  CHECK(outcome(lead(), with(Json::array({replace("/status", "Active"), replace("/substatus", "Accepted"),
                                          replace("/name", "Deal"), replace("/details/dealValue", 1),
                                          replace("/details/currency", "TRY")}),
                             replace("/details/closingDateTime", "9999-12-31T23:59:59-05:00"))) ==
        "invalid details/closingDateTime");
  CHECK(outcome(lead("Active", "Accepted"),
                Json::array({replace("/details/closingDateTime", "9999-12-31T18:59:59-05:00")})) == "ok");
}

TEST_CASE("is_safe_text refuses C0, DEL, C1, bidi controls and broken UTF-8; notes may break lines") {
  CHECK(is_safe_text("Ayşe Şahin — İstanbul"));
  CHECK(is_safe_text(""));
  CHECK_FALSE(is_safe_text(std::string("a\0b", 3)));
  CHECK_FALSE(is_safe_text("a\tb"));
  CHECK(is_safe_text("a\tb\r\nc", true));
  CHECK_FALSE(is_safe_text("a\x7f"));
  CHECK_FALSE(is_safe_text("a\u0085b"));  // NEL, a C1 control
  for (const char* bidi : {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"}) {
    CAPTURE(bidi);
    CHECK_FALSE(is_safe_text(std::string("x") + bidi + "y", true));
  }
  CHECK(is_safe_text("\u2029\u2070\u00A0"));  // neighbours of the refused ranges
  CHECK_FALSE(is_safe_text("\xC0\xAE"));      // overlong '.'
  CHECK_FALSE(is_safe_text("\xE2\x80"));      // cut short
  CHECK_FALSE(is_safe_text("\xED\xA0\x80"));  // a surrogate
  CHECK(is_safe_text("\xF0\x9F\x94\xA5"));    // 🔥
}
