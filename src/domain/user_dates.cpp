// Dates in the user's own form: typed text read strictly (no guessing of two-digit years or swapped fields).
#include "domain/user_dates.h"

#include <cstdio>
#include <vector>

namespace leads {

namespace {

const char* const kShortMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* const kLongMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                                   "july",    "august",   "september", "october", "november", "december"};

std::string_view trim_blanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// 1..max_digits ASCII digits (exactly `max_digits` when `exact`), else -1.
int read_number(std::string_view digits, std::size_t max_digits, bool exact) {
  if (digits.empty() || digits.size() > max_digits || (exact && digits.size() != max_digits)) return -1;
  int value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<CivilDate> checked(int year, int month, int day) {
  const CivilDate date{year, month, day};
  if (year < 0 || month < 0 || day < 0 || !is_valid_date(date)) return std::nullopt;
  return date;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i)
    if (i == text.size() || text[i] == separator) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  return parts;
}

std::optional<CivilDate> parse_iso(std::string_view text) {
  const auto parts = split(text, '-');
  if (parts.size() != 3) return std::nullopt;
  return checked(read_number(parts[0], 4, true), read_number(parts[1], 2, true), read_number(parts[2], 2, true));
}

std::optional<CivilDate> parse_dotted(std::string_view text) {
  const auto parts = split(text, '.');
  if (parts.size() != 3) return std::nullopt;
  return checked(read_number(parts[2], 4, true), read_number(parts[1], 2, false), read_number(parts[0], 2, false));
}

// 1..12 for "mar", "March", "MAR"; 0 for anything else.
int month_named(std::string_view word) {
  std::string lower(word);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  for (int i = 0; i < 12; ++i) {
    std::string short_name = kShortMonths[i];
    short_name[0] = static_cast<char>(short_name[0] - 'A' + 'a');
    if (lower == short_name || lower == kLongMonths[i]) return i + 1;
  }
  return 0;
}

// "Mar 31, 2031", "March 31 2031", "31 Mar 2031".
std::optional<CivilDate> parse_month_named(std::string_view text) {
  std::vector<std::string_view> words;
  for (std::string_view word : split(text, ' ')) {
    if (!word.empty() && word.back() == ',') word.remove_suffix(1);
    if (!word.empty()) words.push_back(word);
  }
  if (words.size() != 3) return std::nullopt;
  const int year = read_number(words[2], 4, true);
  if (const int month = month_named(words[0])) return checked(year, month, read_number(words[1], 2, false));
  if (const int month = month_named(words[1])) return checked(year, month, read_number(words[0], 2, false));
  return std::nullopt;
}

}  // namespace

std::optional<CivilDate> parse_user_date(std::string_view text, DateStyle style) {
  text = trim_blanks(text);
  if (auto iso = parse_iso(text)) return iso;
  return style == DateStyle::Turkish ? parse_dotted(text) : parse_month_named(text);
}

std::string format_user_date(CivilDate date, DateStyle style) {
  char buffer[32];
  if (style == DateStyle::Turkish)
    std::snprintf(buffer, sizeof buffer, "%02d.%02d.%04d", date.day, date.month, date.year);
  else
    std::snprintf(buffer, sizeof buffer, "%s %d, %04d", kShortMonths[date.month - 1], date.day, date.year);
  return buffer;
}

TimeMs midnight_utc(CivilDate date) {
  return days_from_civil(date) * kDayMs;
}

CivilDate utc_day_of(TimeMs time) {
  std::int64_t days = time / kDayMs;
  if (time % kDayMs < 0) --days;
  return civil_from_days(days);
}

CivilDate add_days(CivilDate date, int days) {
  return civil_from_days(days_from_civil(date) + days);
}

int days_in_month(int year, int month) {
  const CivilDate first{year, month, 1};
  const CivilDate next = month == 12 ? CivilDate{year + 1, 1, 1} : CivilDate{year, month + 1, 1};
  return static_cast<int>(days_from_civil(next) - days_from_civil(first));
}

CivilDate add_months(CivilDate date, int months) {
  int index = date.year * 12 + (date.month - 1) + months;
  const int year = index / 12, month = index % 12 + 1;
  const int last = days_in_month(year, month);
  return {year, month, date.day < last ? date.day : last};
}

int weekday_of(CivilDate date) {
  // 1970-01-01 was a Thursday (3 counting from Monday = 0).
  const std::int64_t days = days_from_civil(date);
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

bool operator==(const CivilDate& a, const CivilDate& b) {
  return a.year == b.year && a.month == b.month && a.day == b.day;
}

bool operator<(const CivilDate& a, const CivilDate& b) {
  return days_from_civil(a) < days_from_civil(b);
}

}  // namespace leads
