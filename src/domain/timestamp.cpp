// ISO-8601 parsing and formatting over a day count, with no dependency on the C library's time zone.
#include "domain/timestamp.h"

#include <cstdio>

namespace leads {

std::int64_t days_from_civil(CivilDate date) {
  const std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (date.month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + date.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

bool is_valid_date(CivilDate date) {
  if (date.year < 1 || date.year > 9999 || date.month < 1 || date.month > 12 || date.day < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
  const int last = kDays[date.month - 1] + (date.month == 2 && leap ? 1 : 0);
  return date.day <= last;
}

namespace {

// Reads exactly `count` digits at `pos`; false if any is not a digit.
bool read_digits(std::string_view text, std::size_t& pos, int count, int& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (int i = 0; i < count; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  pos += count;
  return true;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

std::optional<TimeMs> parse_iso8601(std::string_view text) {
  std::size_t pos = 0;
  CivilDate date;
  if (!read_digits(text, pos, 4, date.year) || !expect(text, pos, '-') || !read_digits(text, pos, 2, date.month) ||
      !expect(text, pos, '-') || !read_digits(text, pos, 2, date.day) || !is_valid_date(date))
    return std::nullopt;
  TimeMs result = days_from_civil(date) * kDayMs;
  if (pos == text.size()) return result;
  if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return std::nullopt;
  ++pos;
  int hour = 0, minute = 0, second = 0;
  if (!read_digits(text, pos, 2, hour) || !expect(text, pos, ':') || !read_digits(text, pos, 2, minute))
    return std::nullopt;
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    if (!read_digits(text, pos, 2, second)) return std::nullopt;
  }
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  int millis = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits < 3) millis = millis * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0 || digits > 9) return std::nullopt;
    for (int i = digits; i < 3; ++i) millis *= 10;
  }
  result += hour * kHourMs + minute * 60 * kSecondMs + second * kSecondMs + millis;
  if (pos == text.size()) return result;
  if (text[pos] == 'Z' || text[pos] == 'z')
    return pos + 1 == text.size() ? std::optional<TimeMs>(result) : std::nullopt;
  if (text[pos] != '+' && text[pos] != '-') return std::nullopt;
  const int sign = text[pos] == '+' ? 1 : -1;
  ++pos;
  int offset_hour = 0, offset_minute = 0;
  if (!read_digits(text, pos, 2, offset_hour) || !expect(text, pos, ':') || !read_digits(text, pos, 2, offset_minute) ||
      pos != text.size() || offset_hour > 23 || offset_minute > 59)
    return std::nullopt;
  result -= sign * (offset_hour * kHourMs + offset_minute * 60 * kSecondMs);
  // The date was valid as written, but the offset can carry it past year 9999 or before year 1.
  return is_representable(result) ? std::optional<TimeMs>(result) : std::nullopt;
}

std::string format_iso8601(TimeMs time) {
  std::int64_t days = time / kDayMs;
  TimeMs rest = time % kDayMs;
  if (rest < 0) {
    rest += kDayMs;
    --days;
  }
  const CivilDate date = civil_from_days(days);
  const int hour = static_cast<int>(rest / kHourMs), minute = static_cast<int>(rest / 60000 % 60);
  const int second = static_cast<int>(rest / 1000 % 60), milli = static_cast<int>(rest % 1000);
  if (date.year < 0 || date.year > 9999) {  // five digits or a sign: as printf spells it
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03d0000Z", date.year, date.month, date.day,
                  hour, minute, second, milli);
    return buffer;
  }
  // Digit by digit: servers write this for every time of every lead on every page (snprintf was a tenth of that).
  std::string text = "0000-00-00T00:00:00.0000000Z";
  const auto put = [&](std::size_t end, int value, int digits) {
    for (int i = 0; i < digits; ++i, value /= 10)
      text[end - static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
  };
  put(3, date.year, 4);
  put(6, date.month, 2);
  put(9, date.day, 2);
  put(12, hour, 2);
  put(15, minute, 2);
  put(18, second, 2);
  put(22, milli, 3);
  return text;
}

std::string format_date(TimeMs time) {
  std::int64_t days = time / kDayMs;
  if (time % kDayMs < 0) --days;
  const CivilDate date = civil_from_days(days);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

}  // namespace leads
