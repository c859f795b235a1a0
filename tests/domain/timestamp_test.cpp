// Tests of ISO-8601 parsing and formatting.
#include "domain/timestamp.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>

using namespace leads;

TEST_CASE("the API's seven-digit timestamps round-trip") {
  auto time = parse_iso8601("2026-11-20T09:30:00.0000000Z");
  REQUIRE(time);
  CHECK(format_iso8601(*time) == "2026-11-20T09:30:00.0000000Z");
  CHECK(format_date(*time) == "2026-11-20");
}

TEST_CASE("offsets are turned into UTC and bare dates are midnight UTC") {
  CHECK(parse_iso8601("2026-11-20T12:30:00+03:00") == parse_iso8601("2026-11-20T09:30:00Z"));
  CHECK(parse_iso8601("2026-11-20") == parse_iso8601("2026-11-20T00:00:00Z"));
  CHECK(*parse_iso8601("1970-01-01T00:00:01.5Z") == 1500);
}

TEST_CASE("impossible or malformed timestamps are refused") {
  CHECK_FALSE(parse_iso8601("2026-02-29"));
  CHECK(parse_iso8601("2028-02-29"));
  CHECK_FALSE(parse_iso8601("2026-13-01"));
  CHECK_FALSE(parse_iso8601("2026-11-20T24:00:00Z"));
  CHECK_FALSE(parse_iso8601("2026-11-20T09:30:00Zjunk"));
  CHECK_FALSE(parse_iso8601("20261120"));
  CHECK_FALSE(parse_iso8601(""));
  CHECK_FALSE(parse_iso8601("2026-11-20T09:30:00."));
}

TEST_CASE("days before the epoch format correctly") {
  CHECK(format_iso8601(-1) == "1969-12-31T23:59:59.9990000Z");
}

TEST_CASE("an offset that carries a valid date outside years 0001-9999 is refused, and the edges still read") {
  CHECK_FALSE(parse_iso8601("9999-12-31T23:59:59-05:00"));  // would be 10000-01-01T04:59:59Z
  CHECK_FALSE(parse_iso8601("0001-01-01T00:00:00+00:01"));  // would be year 0
  CHECK(parse_iso8601("9999-12-31T23:59:59.999Z") == kLatestTimeMs);
  CHECK(parse_iso8601("0001-01-01T00:00:00Z") == kEarliestTimeMs);
  CHECK(parse_iso8601("9999-12-31T18:59:59-05:00") == parse_iso8601("9999-12-31T23:59:59Z"));
  // Whatever parses formats back to text that parses to the same instant.
  for (const char* text : {"9999-12-31T23:59:59.999Z", "0001-01-01T00:00:00Z", "0001-01-01T05:00:00+05:00"}) {
    const auto time = parse_iso8601(text);
    REQUIRE(time);
    CHECK(parse_iso8601(format_iso8601(*time)) == time);
  }
}

TEST_CASE("times are written as printf would write them, across the years and at their edges") {
  const auto printed = [](TimeMs time) {
    const auto date = parse_iso8601(format_date(time));
    REQUIRE(date);
    const TimeMs rest = time - *date;
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02d.%03d0000Z", format_date(time).c_str(),
                  static_cast<int>(rest / 3600000), static_cast<int>(rest / 60000 % 60),
                  static_cast<int>(rest / 1000 % 60), static_cast<int>(rest % 1000));
    return std::string(buffer);
  };
  std::uint64_t state = 12345;
  for (int i = 0; i < 2000; ++i) {
    state = state * 6364136223846793005u + 1442695040888963407u;
    const TimeMs time =
        kEarliestTimeMs +
        static_cast<TimeMs>((state >> 11) % static_cast<std::uint64_t>(kLatestTimeMs - kEarliestTimeMs));
    CAPTURE(time);
    CHECK(format_iso8601(time) == printed(time));
  }
  for (const TimeMs time : {kEarliestTimeMs, kLatestTimeMs, TimeMs{0}, TimeMs{-1}, TimeMs{999}})
    CHECK(format_iso8601(time) == printed(time));
}
