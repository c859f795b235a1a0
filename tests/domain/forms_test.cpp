// Tests of the lead forms: deal value input in Turkish and English, every validation rule at its boundary, the
// exact patches, prefilling, and that every form that validates produces a patch the server's rule accepts.
//
// [SECTION] fixtures
// [SECTION] deal value input
// [SECTION] accept and edit validation
// [SECTION] contacts and employees
// [SECTION] decline, won and lost validation
// [SECTION] patches
// [SECTION] prefilled forms
// [SECTION] forms and the server agree
#include "domain/forms.h"

#include <doctest/doctest.h>

#include "domain/clocks.h"
#include "domain/partner_write.h"
#include "support/accept_form.h"
#include "support/lead_builder.h"

using namespace leads;

// [SECTION] fixtures ----------------------------------------------------------------------------------

namespace {
const TimeMs kCreated = *parse_iso8601("2026-11-20T09:30:00Z");
const TimeMs kNow = *parse_iso8601("2026-11-21T23:59:59Z");  // late in the day: "today" is 2026-11-21

Referral lead(const char* status = "New", const char* substatus = "Received") {
  return test::a_lead().stage(status, substatus).received_at(kCreated);
}

Referral accepted_lead() {
  Referral ref = lead("Active", "Accepted");
  ref.name = "Kurumsal e-posta geçişi";
  ref.details.deal_value = 1250.5;
  ref.details.currency = "TRY";
  ref.details.closing_date_time = *parse_iso8601("2026-12-31T00:00:00Z");
  ref.details.notes = "50 posta kutusu";
  ref.external_reference_id = "CRM-1";
  ref.campaign_id = "CMP-1";
  return ref;
}

AcceptForm good_accept() {
  return test::a_filled_accept_form();
}

EditForm good_edit() {
  return edit_form_for(accepted_lead());
}

std::string repeat(const char* unit, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += unit;
  return s;
}

std::string error_key(const FormErrors& errors, std::string_view field) {
  const FieldError* error = errors.find(field);
  return error ? error->message : "none";
}
}  // namespace

// [SECTION] deal value input --------------------------------------------------------------------------

TEST_CASE("deal values typed the Turkish way are read") {
  CHECK(parse_deal_value("1.234,56") == doctest::Approx(1234.56));
  CHECK(parse_deal_value("1.234.567,8") == doctest::Approx(1234567.8));
  CHECK(parse_deal_value("12,5") == doctest::Approx(12.5));
  CHECK(parse_deal_value("25.000") == 25000);
  CHECK(parse_deal_value("1.234.567") == 1234567);
  CHECK(parse_deal_value("1 234,56") == doctest::Approx(1234.56));
  CHECK(parse_deal_value("1\xC2\xA0"
                         "234,56") == doctest::Approx(1234.56));  // no-break space
  CHECK(parse_deal_value("1\xE2\x80\xAF"
                         "234,56") == doctest::Approx(1234.56));  // narrow no-break space
  CHECK(parse_deal_value("0,75") == doctest::Approx(0.75));
}

TEST_CASE("deal values typed the English way are read") {
  CHECK(parse_deal_value("1234.56") == doctest::Approx(1234.56));
  CHECK(parse_deal_value("1,234.56") == doctest::Approx(1234.56));
  CHECK(parse_deal_value("1,234,567.8") == doctest::Approx(1234567.8));
  CHECK(parse_deal_value("25,000") == 25000);
  CHECK(parse_deal_value("12.5") == doctest::Approx(12.5));
  CHECK(parse_deal_value("0.125") == doctest::Approx(0.125));
  CHECK(parse_deal_value("1234.567") == doctest::Approx(1234.567));
  CHECK(parse_deal_value(".5") == doctest::Approx(0.5));
  CHECK(parse_deal_value("  42  ") == 42);
  CHECK(parse_deal_value("0") == 0);
}

TEST_CASE("deal values that are not plain non-negative numbers are refused") {
  for (const char* typed : {"",     "   ",    "abc",    "-5",   "-1.234,56", "+5",        "1.2.3",    "1,23,456",
                            "12,",  "12.",    "1e5",    "inf",  "nan",       "1.234,5.6", "1,234,56", "12 34",
                            "₺100", "100 TL", "1.23,4", "0x10", ",",         "1..2",      "1 ,5"}) {
    CAPTURE(typed);
    CHECK_FALSE(parse_deal_value(typed));
  }
  CHECK_FALSE(parse_deal_value(std::string(65, '1')));
}

TEST_CASE("a formatted deal value reads back as exactly the same number") {
  for (double value : {0.0, 1.0, 1250.5, 25000.0, 1.234, 0.1, 1234.567, 99.99, 1e20, 123456789.125}) {
    CAPTURE(value);
    const std::string text = format_deal_value(value);
    REQUIRE(parse_deal_value(text));
    CHECK(*parse_deal_value(text) == value);
  }
  CHECK(format_deal_value(1250.5) == "1250.5");
  CHECK(format_deal_value(25000) == "25000");
  CHECK(format_deal_value(1.234) == "1.2340");
}

// [SECTION] accept and edit validation ----------------------------------------------------------------

TEST_CASE("a complete accept form validates") {
  CHECK(validate(good_accept(), kNow).ok());
}

TEST_CASE("accept requires a deal name, value, currency and closing date") {
  AcceptForm form;
  form.deal_name = "  ";
  const FormErrors errors = validate(form, kNow);
  CHECK(error_key(errors, "deal_name") == "form.required");
  CHECK(error_key(errors, "deal_value") == "form.required");
  CHECK(error_key(errors, "currency") == "form.required");
  CHECK(error_key(errors, "closing_date") == "form.required");
  CHECK(error_key(errors, "notes") == "none");  // strongly expected, not required
  CHECK(error_key(errors, "crm_id") == "none");
  CHECK(errors.errors.size() == 4);
}

TEST_CASE("accept refuses a negative or non-numeric deal value") {
  AcceptForm form = good_accept();
  form.deal_value = "-100";
  CHECK(error_key(validate(form, kNow), "deal_value") == "form.negative");
  form.deal_value = "-1.234,56";
  CHECK(error_key(validate(form, kNow), "deal_value") == "form.negative");
  form.deal_value = "yüz bin";
  CHECK(error_key(validate(form, kNow), "deal_value") == "form.not_a_number");
  form.deal_value = "0";
  CHECK(validate(form, kNow).ok());
}

TEST_CASE("the currency is upper-cased and must be a known code") {
  AcceptForm form = good_accept();
  form.currency = " try ";
  CHECK(validate(form, kNow).ok());
  for (const char* code : {"XYZ", "TL", "TRYY", "₺"}) {
    form.currency = code;
    CHECK(error_key(validate(form, kNow), "currency") == "form.unknown_currency");
  }
}

TEST_CASE("the closing date on accept may be today but not yesterday") {
  AcceptForm form = good_accept();
  form.closing_date = "2026-11-21";
  CHECK(validate(form, kNow).ok());
  CHECK(validate(form, *parse_iso8601("2026-11-21T00:00:00Z")).ok());
  form.closing_date = "2026-11-20";
  CHECK(error_key(validate(form, kNow), "closing_date") == "dates.in_past");
  CHECK(validate(form, *parse_iso8601("2026-11-20T23:59:59Z")).ok());
}

TEST_CASE("the closing date must be a real YYYY-MM-DD date") {
  AcceptForm form = good_accept();
  for (const char* date : {"2026-02-30", "31.12.2026", "2026-12-31T10:00:00Z", "2026-1-5", "yarın", "2026-13-01"}) {
    CAPTURE(date);
    form.closing_date = date;
    CHECK(error_key(validate(form, kNow), "closing_date") == "dates.not_a_date");
  }
}

TEST_CASE("accept and edit text fields hold at their length limits, counting characters") {
  AcceptForm form = good_accept();
  form.deal_name = repeat("ş", kMaxNameLength);
  form.notes = repeat("ğ", kMaxNotesLength);
  form.crm_id = repeat("x", kMaxIdLength);
  form.campaign_id = repeat("y", kMaxIdLength);
  CHECK(validate(form, kNow).ok());
  form.deal_name += "ş";
  form.notes += "ğ";
  form.crm_id += "x";
  form.campaign_id += "y";
  const FormErrors errors = validate(form, kNow);
  CHECK(error_key(errors, "deal_name") == "form.too_long");
  CHECK(error_key(errors, "notes") == "form.too_long");
  CHECK(error_key(errors, "crm_id") == "form.too_long");
  CHECK(error_key(errors, "campaign_id") == "form.too_long");

  EditForm edit = good_edit();
  edit.deal_name = repeat("a", kMaxNameLength + 1);
  edit.campaign_id = repeat("a", kMaxIdLength + 1);
  CHECK(error_key(validate(edit, kNow), "deal_name") == "form.too_long");
  CHECK(error_key(validate(edit, kNow), "campaign_id") == "form.too_long");
}

TEST_CASE("edit keeps the accept rules but allows a closing date in the past") {
  EditForm form = good_edit();
  CHECK(validate(form, kNow).ok());
  form.closing_date = "2026-01-01";
  CHECK(validate(form, kNow).ok());
  form.closing_date = "2026-02-30";
  CHECK(error_key(validate(form, kNow), "closing_date") == "dates.not_a_date");
  form.closing_date = "";
  CHECK(error_key(validate(form, kNow), "closing_date") == "form.required");
  form = good_edit();
  form.deal_name = "";
  form.deal_value = "-3";
  form.currency = "ABC";
  const FormErrors errors = validate(form, kNow);
  CHECK(error_key(errors, "deal_name") == "form.required");
  CHECK(error_key(errors, "deal_value") == "form.negative");
  CHECK(error_key(errors, "currency") == "form.unknown_currency");
}

// [SECTION] contacts and employees --------------------------------------------------------------------

TEST_CASE("blank contact rows are ignored, filled ones need a name and an email or phone") {
  AcceptForm form = good_accept();
  form.contacts = {{"", "", "", ""}, {"", "Yılmaz", "ayse@sahin.com.tr", ""}, {"Ali", "", "", "0532 555 01 01"}};
  CHECK(validate(form, kNow).ok());
  form.contacts = {{"", "", "", ""},
                   {"", "", "ayse@sahin.com.tr", ""},
                   {"Ali", "Can", "", ""},
                   {"Veli", "", "veli@", ""},
                   {"Can", "", "", "12 34"}};
  const FormErrors errors = validate(form, kNow);
  CHECK(error_key(errors, "contacts/1/first_name") == "form.name_required");
  CHECK(error_key(errors, "contacts/2/email") == "form.contact_required");
  CHECK(error_key(errors, "contacts/3/email") == "form.bad_email");
  CHECK(error_key(errors, "contacts/4/phone") == "form.bad_phone");
  CHECK(errors.errors.size() == 4);
}

TEST_CASE("contact fields hold at their length limit") {
  AddEmployeesForm form;
  form.employees = {{repeat("ç", kMaxMemberFieldLength), repeat("ö", kMaxMemberFieldLength), "a@b.co", ""}};
  CHECK(validate(form).ok());
  form.employees[0].last_name += "ö";
  CHECK(error_key(validate(form), "employees/0/last_name") == "form.too_long");
  form.employees[0] = {"A", "", "a@" + repeat("b", kMaxMemberFieldLength) + ".co", ""};
  CHECK(error_key(validate(form), "employees/0/email") == "form.too_long");
}

TEST_CASE("at most 20 contacts or employees at once") {
  AcceptForm accept = good_accept();
  AddEmployeesForm add;
  for (std::size_t i = 0; i < kMaxMembersPerWrite; ++i) {
    accept.contacts.push_back({"Ali", "", "ali@example.com", ""});
    add.employees.push_back({"Ali", "", "ali@example.com", ""});
  }
  accept.contacts.push_back({"", "", "", ""});  // a trailing blank row is not counted
  CHECK(validate(accept, kNow).ok());
  CHECK(validate(add).ok());
  accept.contacts.push_back({"Veli", "", "veli@example.com", ""});
  add.employees.push_back({"Veli", "", "veli@example.com", ""});
  CHECK(error_key(validate(accept, kNow), "contacts") == "form.too_many");
  CHECK(error_key(validate(add), "employees") == "form.too_many");
}

TEST_CASE("adding employees needs at least one filled row") {
  AddEmployeesForm form;
  CHECK(error_key(validate(form), "employees") == "form.required");
  form.employees = {{" ", "", "", ""}};
  CHECK(error_key(validate(form), "employees") == "form.required");
  form.employees = {{"", "", "", ""}, {"Ayşe", "", "", "not a phone"}};
  CHECK(error_key(validate(form), "employees/1/phone") == "form.bad_phone");
}

// [SECTION] decline, won and lost validation ----------------------------------------------------------

TEST_CASE("decline needs a reason; its notes are optional up to the limit") {
  DeclineForm form;
  CHECK(error_key(validate(form), "reason") == "form.required");
  form.reason = CloseReason::NotACustomer;
  CHECK(validate(form).ok());
  form.notes = repeat("ı", kMaxNotesLength);
  CHECK(validate(form).ok());
  form.notes += "ı";
  CHECK(error_key(validate(form), "notes") == "form.too_long");
}

TEST_CASE("lost needs a reason, won does not; both limit the notes") {
  LostForm lost;
  CHECK(error_key(validate(lost), "reason") == "form.required");
  lost.reason = CloseReason::CustomerChoseAnotherVendor;
  CHECK(validate(lost).ok());
  lost.notes = repeat("a", kMaxNotesLength + 1);
  CHECK(error_key(validate(lost), "notes") == "form.too_long");
  WonForm won;
  CHECK(validate(won).ok());
  won.notes = repeat("a", kMaxNotesLength);
  CHECK(validate(won).ok());
  won.notes += "a";
  CHECK(error_key(validate(won), "notes") == "form.too_long");
}

// [SECTION] patches -----------------------------------------------------------------------------------

TEST_CASE("the accept patch is the contract's exact list of operations") {
  AcceptForm form = good_accept();
  form.currency = "try";
  form.crm_id = " CRM-9 ";
  form.contacts = {{"", "", "", ""}, {" Ayşe ", "Yılmaz", "ayse@sahin.com.tr", ""}};
  const Json expected = Json::parse(R"([
    {"op":"replace","path":"/status","value":"Active"},
    {"op":"replace","path":"/substatus","value":"Accepted"},
    {"op":"replace","path":"/name","value":"Kurumsal e-posta geçişi"},
    {"op":"replace","path":"/details/dealValue","value":1250.5},
    {"op":"replace","path":"/details/currency","value":"TRY"},
    {"op":"replace","path":"/details/closingDateTime","value":"2026-12-31T00:00:00.0000000Z"},
    {"op":"replace","path":"/details/notes","value":"50 posta kutusu"},
    {"op":"replace","path":"/externalReferenceId","value":"CRM-9"},
    {"op":"replace","path":"/campaignId","value":""},
    {"op":"add","path":"/team/-","value":{"firstName":"Ayşe","lastName":"Yılmaz","email":"ayse@sahin.com.tr","phoneNumber":""}}
  ])");
  CHECK(accept_patch(form) == expected);
}

TEST_CASE("the decline, won and lost patches close with the right substatus and reason text") {
  CHECK(decline_patch(DeclineForm{CloseReason::BudgetNotAdequate, " Bütçe yok "}) == Json::parse(R"([
    {"op":"replace","path":"/status","value":"Closed"},
    {"op":"replace","path":"/substatus","value":"Declined"},
    {"op":"replace","path":"/statusReason","value":"budgetNotAdequate: Bütçe yok"}])"));
  CHECK(lost_patch(LostForm{CloseReason::Other, ""}) == Json::parse(R"([
    {"op":"replace","path":"/status","value":"Closed"},
    {"op":"replace","path":"/substatus","value":"Lost"},
    {"op":"replace","path":"/statusReason","value":"other"}])"));
  CHECK(won_patch(WonForm{""}) == Json::parse(R"([
    {"op":"replace","path":"/status","value":"Closed"},
    {"op":"replace","path":"/substatus","value":"Won"}])"));
  CHECK(won_patch(WonForm{"3 yıllık sözleşme"})[2] ==
        Json::parse(R"({"op":"replace","path":"/statusReason","value":"3 yıllık sözleşme"})"));
}

TEST_CASE("the add-employees patch appends each filled row to the team") {
  AddEmployeesForm form;
  form.employees = {{"Ali", "Can", "", "0532 555 01 01"}, {"", "", "", ""}, {"Ayşe", "", "a@b.co", ""}};
  const Json patch = add_employees_patch(form);
  REQUIRE(patch.size() == 2);
  CHECK(
      patch[0] ==
      Json::parse(
          R"({"op":"add","path":"/team/-","value":{"firstName":"Ali","lastName":"Can","email":"","phoneNumber":"0532 555 01 01"}})"));
  CHECK(patch[1]["value"]["firstName"] == "Ayşe");
}

TEST_CASE("the edit patch carries only the fields that changed") {
  const Referral current = accepted_lead();
  EditForm form = edit_form_for(current);
  CHECK(edit_patch(form, current) == Json::array());
  form.deal_value = "1.250,50";  // same number, typed differently
  form.currency = "try";
  form.deal_name = " Kurumsal e-posta geçişi ";
  CHECK(edit_patch(form, current) == Json::array());
  form.deal_value = "2.000";
  form.closing_date = "2027-01-15";
  form.crm_id = "CRM-2";
  CHECK(edit_patch(form, current) == Json::parse(R"([
    {"op":"replace","path":"/details/dealValue","value":2000.0},
    {"op":"replace","path":"/details/closingDateTime","value":"2027-01-15T00:00:00.0000000Z"},
    {"op":"replace","path":"/externalReferenceId","value":"CRM-2"}])"));
  form = edit_form_for(current);
  form.notes = "";
  form.campaign_id = "CMP-2";
  form.deal_name = "Yeni ad";
  form.currency = "EUR";
  CHECK(edit_patch(form, current) == Json::parse(R"([
    {"op":"replace","path":"/name","value":"Yeni ad"},
    {"op":"replace","path":"/details/currency","value":"EUR"},
    {"op":"replace","path":"/details/notes","value":""},
    {"op":"replace","path":"/campaignId","value":"CMP-2"}])"));
}

TEST_CASE("an edit of a lead whose closing date has a time of day does not touch the date when unchanged") {
  Referral current = accepted_lead();
  current.details.closing_date_time = *parse_iso8601("2026-12-31T15:45:00Z");
  CHECK(edit_patch(edit_form_for(current), current) == Json::array());
}

// [SECTION] prefilled forms ---------------------------------------------------------------------------

TEST_CASE("forms are prefilled from the lead") {
  const AcceptForm accept = accept_form_for(accepted_lead());
  CHECK(accept.deal_name == "Kurumsal e-posta geçişi");
  CHECK(accept.deal_value == "1250.5");
  CHECK(accept.currency == "TRY");
  CHECK(accept.closing_date == "2026-12-31");
  CHECK(accept.notes == "50 posta kutusu");
  CHECK(accept.crm_id == "CRM-1");
  CHECK(accept.campaign_id == "CMP-1");
  CHECK(accept.contacts.empty());
  const EditForm edit = edit_form_for(accepted_lead());
  CHECK(edit.deal_value == "1250.5");
  CHECK(edit.closing_date == "2026-12-31");
  const AcceptForm empty = accept_form_for(lead());
  CHECK(empty.deal_value.empty());
  CHECK(empty.closing_date.empty());
  CHECK_FALSE(validate(empty, kNow).ok());
}

// [SECTION] forms and the server agree ----------------------------------------------------------------

namespace {
void check_server_accepts(const Referral& current, const Json& patch) {
  const WriteResult result = apply_partner_patch(current, patch, Role::PartnerAdmin, kNow);
  if (result.error) FAIL_CHECK(result.error->error.field << ": " << result.error->error.message);
  CHECK(result.updated);
}
}  // namespace

TEST_CASE("every form that validates produces a patch the server accepts") {
  AcceptForm accept = good_accept();
  accept.crm_id = repeat("x", kMaxIdLength);
  accept.deal_name = repeat("ş", kMaxNameLength);
  accept.notes = repeat("ğ", kMaxNotesLength);
  for (std::size_t i = 0; i < kMaxMembersPerWrite; ++i)
    accept.contacts.push_back({repeat("ç", kMaxMemberFieldLength), "", "", " +90 (212) 555-01-01 "});
  REQUIRE(validate(accept, kNow).ok());
  check_server_accepts(lead(), accept_patch(accept));
  accept.closing_date = "2026-11-21";  // today
  accept.deal_value = "0";
  REQUIRE(validate(accept, kNow).ok());
  check_server_accepts(lead(), accept_patch(accept));

  EditForm edit = good_edit();
  edit.closing_date = "2020-01-01";
  edit.deal_value = "1.000.000,99";
  edit.currency = "usd";
  REQUIRE(validate(edit, kNow).ok());
  check_server_accepts(accepted_lead(), edit_patch(edit, accepted_lead()));
  check_server_accepts(accepted_lead(), edit_patch(good_edit(), accepted_lead()));  // nothing changed

  for (CloseReason reason : all_close_reasons()) {
    DeclineForm decline{reason, repeat("ı", kMaxNotesLength)};
    REQUIRE(validate(decline).ok());
    check_server_accepts(lead(), decline_patch(decline));
    LostForm lost{reason, ""};
    REQUIRE(validate(lost).ok());
    check_server_accepts(accepted_lead(), lost_patch(lost));
  }

  AddEmployeesForm add;
  add.employees = {{"Ayşe", "", " ayse@sahin.com.tr ", ""}, {"", "Can", "", "05325550101"}};
  REQUIRE(validate(add).ok());
  check_server_accepts(accepted_lead(), add_employees_patch(add));

  for (const char* notes : {"", "Signed", "budgetNotAdequate: but we won anyway"}) {
    WonForm won{repeat("a", kMaxNotesLength)};
    if (*notes) won.notes = notes;
    REQUIRE(validate(won).ok());
    check_server_accepts(accepted_lead(), won_patch(won));
  }
}

TEST_CASE("what the form refuses for length, the server refuses too") {
  AcceptForm accept = good_accept();
  accept.deal_name = repeat("ş", kMaxNameLength + 1);
  REQUIRE_FALSE(validate(accept, kNow).ok());
  const WriteResult result = apply_partner_patch(lead(), accept_patch(accept), Role::PartnerAdmin, kNow);
  REQUIRE(result.error);
  CHECK(result.error->error.field == "name");
}

// [SECTION] hidden characters (issue 12) ---------------------------------------------------------------

TEST_CASE("a form refuses control characters and bidirectional overrides in names, ids, notes and contacts") {
  AcceptForm form = good_accept();
  form.deal_name = "Fatura \u202Efdp.exe";
  CHECK(error_key(validate(form, kNow), "deal_name") == "form.bad_characters");
  form = good_accept();
  form.crm_id = std::string("CRM\0", 4) + "1";
  CHECK(error_key(validate(form, kNow), "crm_id") == "form.bad_characters");
  form = good_accept();
  form.notes = "first line\nsecond line";
  CHECK(validate(form, kNow).ok());
  form.notes = "a \u2066hidden\u2069 part";
  CHECK(error_key(validate(form, kNow), "notes") == "form.bad_characters");
  form = good_accept();
  form.contacts = {{"Ay\u202Dşe", "Şahin", "ayse@sahin.com.tr", ""}};
  CHECK(error_key(validate(form, kNow), "contacts/0/first_name") == "form.bad_characters");
  AddEmployeesForm add;
  add.employees = {{"Ali", std::string("Ve\0li", 5), "ali@example.com", ""}};
  CHECK(error_key(validate(add), "employees/0/last_name") == "form.bad_characters");
  DeclineForm decline{CloseReason::Other, "spam \u202B"};
  CHECK(error_key(validate(decline), "notes") == "form.bad_characters");
}
