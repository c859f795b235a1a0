// UTC instants as milliseconds since the Unix epoch, and their ISO-8601 wire form.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace leads {

using TimeMs = std::int64_t;  // milliseconds since 1970-01-01T00:00:00Z

constexpr TimeMs kSecondMs = 1000;
constexpr TimeMs kHourMs = 3600 * kSecondMs;
constexpr TimeMs kDayMs = 24 * kHourMs;

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

// Days since the epoch of a proleptic Gregorian date, and back (Hinnant's civil algorithms).
std::int64_t days_from_civil(CivilDate date);
CivilDate civil_from_days(std::int64_t days);
bool is_valid_date(CivilDate date);

// The instants the wire form can carry: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z. Anything outside would
// be written with a five-digit or zero year that no reader (ours included) reads back.
constexpr TimeMs kEarliestTimeMs = -62135596800000;  // 0001-01-01T00:00:00Z
constexpr TimeMs kLatestTimeMs = 253402300799999;    // 9999-12-31T23:59:59.999Z
constexpr bool is_representable(TimeMs time) {
  return time >= kEarliestTimeMs && time <= kLatestTimeMs;
}

// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fraction]]" with "Z" or "+HH:MM"/"-HH:MM";
// a time without a zone is read as UTC. Anything else, an impossible date, or an instant that is outside years
// 0001-9999 once the offset is applied ("9999-12-31T23:59:59-05:00") is nullopt.
std::optional<TimeMs> parse_iso8601(std::string_view text);

// "2026-11-20T09:30:00.0000000Z": the seven-digit form the API writes.
std::string format_iso8601(TimeMs time);
// "2026-11-20"
std::string format_date(TimeMs time);

}  // namespace leads
