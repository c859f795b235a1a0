// Tests of dates as users type and read them: each language's form and ISO, impossible and leap days, the round
// trip, calendar arithmetic for the picker, and the accept/edit forms reading dates the user's way (patch in ISO).
#include "domain/user_dates.h"

#include <doctest/doctest.h>

#include "domain/form_table.h"
#include "domain/forms.h"
#include "support/accept_form.h"

using namespace leads;

namespace {
std::string parsed(const char* text, DateStyle style) {
  const auto date = parse_user_date(text, style);
  return date ? format_user_date(*date, DateStyle::Turkish) : "refused";
}
const TimeMs kNow = *parse_iso8601("2031-03-15T22:00:00Z");

std::string date_error(const AcceptForm& form) {
  const FormErrors errors = validate(form, kNow);
  const FieldError* error = errors.find("closing_date");
  return error ? error->message : "";
}
}  // namespace

TEST_CASE("Turkish dates: DD.MM.YYYY, D.M.YYYY and ISO") {
  CHECK(parsed("31.03.2031", DateStyle::Turkish) == "31.03.2031");
  CHECK(parsed("1.3.2031", DateStyle::Turkish) == "01.03.2031");
  CHECK(parsed(" 2031-03-31 ", DateStyle::Turkish) == "31.03.2031");
  for (const char* text : {"31.03.31", "31/03/2031", "Mar 31, 2031", "31.03.2031.", "031.03.2031", "31..2031", "",
                           "3l.03.2031", "-1.03.2031", "31.3.20310"}) {
    CAPTURE(text);
    CHECK(parsed(text, DateStyle::Turkish) == "refused");
  }
}

TEST_CASE("English dates: the month by name, and ISO; day-first dots are not English") {
  CHECK(parsed("Mar 31, 2031", DateStyle::English) == "31.03.2031");
  CHECK(parsed("march 31 2031", DateStyle::English) == "31.03.2031");
  CHECK(parsed("31 MAR 2031", DateStyle::English) == "31.03.2031");
  CHECK(parsed("2031-03-31", DateStyle::English) == "31.03.2031");
  for (const char* text : {"31.03.2031", "03/31/2031", "Mars 31, 2031", "Mar 31", "Mar 31, 31", "Mar, 2031"}) {
    CAPTURE(text);
    CHECK(parsed(text, DateStyle::English) == "refused");
  }
}

TEST_CASE("impossible dates are refused in every form; leap days follow the Gregorian rule") {
  for (DateStyle style : {DateStyle::Turkish, DateStyle::English}) {
    CHECK(parsed("2031-02-31", style) == "refused");
    CHECK(parsed("2030-02-29", style) == "refused");
    CHECK(parsed("2032-02-29", style) == "29.02.2032");
    CHECK(parsed("2100-02-29", style) == "refused");
    CHECK(parsed("2000-02-29", style) == "29.02.2000");
    CHECK(parsed("2031-13-01", style) == "refused");
    CHECK(parsed("0000-01-01", style) == "refused");
  }
  CHECK(parsed("31.02.2031", DateStyle::Turkish) == "refused");
  CHECK(parsed("29.02.2030", DateStyle::Turkish) == "refused");
  CHECK(parsed("29.02.2032", DateStyle::Turkish) == "29.02.2032");
  CHECK(parsed("31.04.2031", DateStyle::Turkish) == "refused");
  CHECK(parsed("Feb 29, 2030", DateStyle::English) == "refused");
  CHECK(parsed("Feb 29, 2032", DateStyle::English) == "29.02.2032");
}

TEST_CASE("every day of four years reads back from its own form in both styles") {
  for (CivilDate date{2030, 1, 1}; date.year < 2034; date = add_days(date, 1))
    for (DateStyle style : {DateStyle::Turkish, DateStyle::English}) {
      const std::string text = format_user_date(date, style);
      CAPTURE(text);
      const auto back = parse_user_date(text, style);
      REQUIRE(back);
      CHECK(*back == date);
    }
  CHECK(format_user_date({2031, 3, 1}, DateStyle::English) == "Mar 1, 2031");
  CHECK(format_user_date({2031, 3, 1}, DateStyle::Turkish) == "01.03.2031");
}

TEST_CASE("calendar arithmetic: weekdays, month lengths, months that are shorter") {
  CHECK(weekday_of({2031, 3, 31}) == 0);  // a Monday
  CHECK(weekday_of({1970, 1, 1}) == 3);   // a Thursday
  CHECK(weekday_of({1969, 12, 28}) == 6);
  CHECK(days_in_month(2032, 2) == 29);
  CHECK(days_in_month(2031, 2) == 28);
  CHECK(days_in_month(2031, 12) == 31);
  CHECK(add_months({2031, 1, 31}, 1) == CivilDate{2031, 2, 28});
  CHECK(add_months({2031, 12, 15}, 1) == CivilDate{2032, 1, 15});
  CHECK(add_months({2031, 1, 15}, -1) == CivilDate{2030, 12, 15});
  CHECK(add_days({2031, 12, 31}, 1) == CivilDate{2032, 1, 1});
  CHECK(CivilDate{2031, 3, 30} < CivilDate{2031, 3, 31});
  CHECK(utc_day_of(*parse_iso8601("1969-12-31T23:00:00Z")) == CivilDate{1969, 12, 31});
  CHECK(midnight_utc({2031, 3, 31}) == *parse_iso8601("2031-03-31T00:00:00Z"));
}

TEST_CASE("the accept form reads a Turkish date and sends it as ISO midnight UTC") {
  AcceptForm form = test::a_filled_accept_form();
  form.date_style = DateStyle::Turkish;
  form.closing_date = "31.03.2031";
  CHECK(validate(form, kNow).ok());
  const Json patch = accept_patch(form);
  bool found = false;
  for (const Json& operation : patch)
    if (operation["path"] == "/details/closingDateTime") {
      CHECK(operation["value"] == "2031-03-31T00:00:00.0000000Z");
      found = true;
    }
  CHECK(found);
}

TEST_CASE("the accept form refuses a past day with its reason, an impossible one as not a date") {
  AcceptForm form = test::a_filled_accept_form();
  form.date_style = DateStyle::Turkish;
  form.closing_date = "15.03.2031";  // today (UTC) is still fine
  CHECK(date_error(form).empty());
  form.closing_date = "14.03.2031";
  CHECK(date_error(form) == "dates.in_past");
  form.closing_date = "31.02.2031";
  CHECK(date_error(form) == "dates.not_a_date");
  form.closing_date = "Mar 31, 2031";  // English in a Turkish form
  CHECK(date_error(form) == "dates.not_a_date");
  form.closing_date = "29.02.2032";
  CHECK(date_error(form).empty());
}

TEST_CASE("the edit form takes a past day (a deal may run late) but not an impossible one") {
  EditForm form;
  form.deal_name = "Geçiş";
  form.deal_value = "10";
  form.currency = "TRY";
  form.date_style = DateStyle::Turkish;
  form.closing_date = "01.01.2020";
  CHECK(validate(form, kNow).ok());
  form.closing_date = "29.02.2030";
  const FormErrors errors = validate(form, kNow);
  REQUIRE(errors.find("closing_date"));
  CHECK(errors.find("closing_date")->message == "dates.not_a_date");
}

TEST_CASE("switching the date style rewrites a readable date and keeps anything else as typed") {
  FormValues values;
  values.accept.closing_date = "2031-03-31";  // prefilled from the lead
  values.edit.closing_date = "31.3.2031";     // typed in Turkish: not readable as English
  use_date_style(values.edit, DateStyle::English);
  CHECK(values.edit.closing_date == "31.3.2031");
  values.edit.date_style = DateStyle::Turkish;
  use_date_style(values, DateStyle::Turkish);
  CHECK(values.accept.closing_date == "31.03.2031");
  CHECK(values.edit.closing_date == "31.03.2031");
  use_date_style(values, DateStyle::English);
  CHECK(values.accept.closing_date == "Mar 31, 2031");
  CHECK(values.edit.closing_date == "Mar 31, 2031");
  values.accept.closing_date = "31.02.2031";
  use_date_style(values, DateStyle::Turkish);
  CHECK(values.accept.closing_date == "31.02.2031");
  CHECK(values.accept.date_style == DateStyle::Turkish);
}
