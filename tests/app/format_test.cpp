// Tests of per-language formatting and the translation tables.
#include "app/format.h"

#include <doctest/doctest.h>

#include "app/i18n.h"

using namespace leads;

TEST_CASE("money is written the Turkish and the English way") {
  CHECK(format_money(1234.56, "TRY", Language::Turkish) == "1.234,56 ₺");
  CHECK(format_money(1234.56, "USD", Language::English) == "$1,234.56");
  CHECK(format_money(1234567.5, "EUR", Language::Turkish) == "1.234.567,50 €");
  CHECK(format_money(12, "CHF", Language::English) == "12.00 CHF");
  CHECK(format_money(5, "TRY", Language::English) == "₺5.00");
  CHECK(format_number(-0.001, 2, Language::English) == "0.00");
}

TEST_CASE("dates are written 24.11.2026 in Turkish and Nov 24, 2026 in English") {
  const TimeMs time = *parse_iso8601("2026-11-24T14:05:00Z");
  CHECK(format_day(time, Language::Turkish) == "24.11.2026");
  CHECK(format_day(time, Language::English) == "Nov 24, 2026");
  CHECK(format_day_time(time, Language::Turkish) == "24.11.2026 14:05");
}

TEST_CASE("durations use translated units and never go negative") {
  CHECK(format_duration(3 * kDayMs + 4 * kHourMs, Language::English) == "3 d 4 h");
  CHECK(format_duration(5 * kHourMs + 12 * 60000, Language::Turkish) == "5 sa 12 dk");
  CHECK(format_duration(-5, Language::English) == "0 m");
}

TEST_CASE("a missing translation falls back to English, then to the key") {
  Translations texts;
  REQUIRE(texts.load(Language::English, R"({"a": "Apple", "b": "Banana"})"));
  REQUIRE(texts.load(Language::Turkish, R"({"a": "Elma"})"));
  CHECK(texts.text(Language::Turkish, "a") == "Elma");
  CHECK(texts.text(Language::Turkish, "b") == "Banana");
  CHECK(texts.text(Language::Turkish, "zzz") == "zzz");
  CHECK_FALSE(texts.load(Language::Turkish, R"({"a": 5})"));
  CHECK(texts.text(Language::Turkish, "a") == "Elma");
  REQUIRE(texts.load(Language::Turkish, R"({"b": "Muz"})"));  // a second file adds to the first
  CHECK(texts.text(Language::Turkish, "a") == "Elma");
  CHECK(texts.text(Language::Turkish, "b") == "Muz");
  CHECK(fill("{0} of {1}", {"3", "9"}) == "3 of 9");
  CHECK(fill("{5} stays", {"x"}) == "{5} stays");
}
