// Tests of the estimated purchase date quick picks: end of this quarter, next quarter (across the year end) and year.
#include "app/quick_dates.h"

#include <doctest/doctest.h>

using namespace leads;

namespace {
TimeMs at(const char* iso) {
  return *parse_iso8601(iso);
}
}  // namespace

TEST_CASE("the quick picks in each quarter") {
  struct Case {
    const char* now;
    const char* this_quarter;
    const char* next_quarter;
    const char* this_year;
  };
  const Case cases[] = {
      {"2026-02-10T12:00:00Z", "2026-03-31", "2026-06-30", "2026-12-31"},
      {"2026-05-15T12:00:00Z", "2026-06-30", "2026-09-30", "2026-12-31"},
      {"2026-08-01T00:00:00Z", "2026-09-30", "2026-12-31", "2026-12-31"},
      {"2026-11-21T12:00:00Z", "2026-12-31", "2027-03-31", "2026-12-31"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.now);
    CHECK(quick_date(QuickDate::EndOfThisQuarter, at(c.now)) == c.this_quarter);
    CHECK(quick_date(QuickDate::EndOfNextQuarter, at(c.now)) == c.next_quarter);
    CHECK(quick_date(QuickDate::EndOfThisYear, at(c.now)) == c.this_year);
  }
}

TEST_CASE("next quarter from the last day of the year is the end of March of the next year") {
  const TimeMs last_moment = at("2026-12-31T23:59:59.999Z");
  CHECK(quick_date(QuickDate::EndOfThisQuarter, last_moment) == "2026-12-31");
  CHECK(quick_date(QuickDate::EndOfNextQuarter, last_moment) == "2027-03-31");
  CHECK(quick_date(QuickDate::EndOfThisYear, last_moment) == "2026-12-31");
  CHECK(quick_date(QuickDate::EndOfThisQuarter, at("2027-01-01T00:00:00Z")) == "2027-03-31");
}

TEST_CASE("quarters change exactly at midnight UTC between their last and first days") {
  CHECK(quick_date(QuickDate::EndOfThisQuarter, at("2026-03-31T23:59:59.999Z")) == "2026-03-31");
  CHECK(quick_date(QuickDate::EndOfThisQuarter, at("2026-04-01T00:00:00Z")) == "2026-06-30");
  CHECK(quick_date(QuickDate::EndOfNextQuarter, at("2026-06-30T23:59:59Z")) == "2026-09-30");
  CHECK(quick_date(QuickDate::EndOfNextQuarter, at("2026-07-01T00:00:00Z")) == "2026-12-31");
  // A Turkish user at 01:30 on 1 April (UTC+3) is still in March in UTC, which is what the forms use.
  CHECK(quick_date(QuickDate::EndOfThisQuarter, at("2026-04-01T01:30:00+03:00")) == "2026-03-31");
}

TEST_CASE("quick picks work before 1970 too") {
  CHECK(quick_date(QuickDate::EndOfThisQuarter, at("1969-12-31T12:00:00Z")) == "1969-12-31");
  CHECK(quick_date(QuickDate::EndOfNextQuarter, at("1969-12-31T12:00:00Z")) == "1970-03-31");
}

TEST_CASE("a quick pick is a date the accept form takes") {
  const TimeMs now = at("2028-02-29T08:00:00Z");  // a leap day
  CHECK(quick_date(QuickDate::EndOfThisQuarter, now) == "2028-03-31");
  CHECK(parse_iso8601(quick_date(QuickDate::EndOfNextQuarter, now)).has_value());
}

TEST_CASE("the quick picks are written the way the form's language types dates") {
  const TimeMs now = at("2031-02-10T12:00:00Z");
  CHECK(quick_date(QuickDate::EndOfThisQuarter, now, DateStyle::Turkish) == "31.03.2031");
  CHECK(quick_date(QuickDate::EndOfThisQuarter, now, DateStyle::English) == "Mar 31, 2031");
  CHECK(quick_date(QuickDate::EndOfNextQuarter, at("2032-01-05T00:00:00Z"), DateStyle::Turkish) == "30.06.2032");
}
