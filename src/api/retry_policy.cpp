// Backoff with jitter, attempt bounds and the reading of HTTP dates.
#include "api/retry_policy.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace leads {

double RetryJitter::next_unit() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * (1.0 / 9007199254740992.0);  // 53 bits
}

int retry_delay_ms(const ApiError& error, int retry, RetryJitter& jitter, const RetryPolicy& policy) {
  if (error.retry_after_seconds) {
    const long long asked = std::min<long long>(policy.retry_after_max_ms, *error.retry_after_seconds * 1000LL);
    const long long spread = std::clamp<long long>(asked / 4, 500, 5000);
    return static_cast<int>(asked + static_cast<long long>(jitter.next_unit() * static_cast<double>(spread)));
  }
  const int shift = std::clamp(retry, 0, 20);
  const long long backoff = std::min<long long>(policy.cap_ms, static_cast<long long>(policy.base_ms) << shift);
  return static_cast<int>(backoff / 2 +
                          static_cast<long long>(jitter.next_unit() * static_cast<double>(backoff / 2 + 1)));
}

bool may_retry(const ApiError& error, int attempts_made, const RetryPolicy& policy) {
  return is_retryable(error) && attempts_made < policy.max_attempts;
}

std::optional<TimeMs> parse_http_date(std::string_view text) {
  // Split into words at spaces, commas and dashes; then find the day, month, year and time wherever the form puts them.
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (c == ' ' || c == ',' || c == '-' || c == '\t') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(word);
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  static const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  int day = -1, month = -1, year = -1, hour = -1, minute = -1, second = -1;
  auto all_digits = [](const std::string& w) {
    return !w.empty() &&
           std::all_of(w.begin(), w.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  };
  for (const std::string& w : words) {
    if (w.size() == 8 && w[2] == ':' && w[5] == ':' && all_digits(w.substr(0, 2)) && all_digits(w.substr(3, 2)) &&
        all_digits(w.substr(6, 2)) && hour < 0) {
      hour = std::stoi(w.substr(0, 2));
      minute = std::stoi(w.substr(3, 2));
      second = std::stoi(w.substr(6, 2));
    } else if (all_digits(w) && w.size() <= 2 && day < 0) {
      day = std::stoi(w);
    } else if (all_digits(w) && (w.size() == 4 || w.size() == 2) && year < 0) {
      year = std::stoi(w);
      if (w.size() == 2) year += year < 70 ? 2000 : 1900;  // RFC 850's two-digit years
    } else if (w == "GMT" || w == "UTC") {
    } else {
      bool known = false;
      for (int m = 0; m < 12; ++m)
        if (w == kMonths[m]) {
          if (month >= 0) return std::nullopt;
          month = m + 1;
          known = true;
        }
      for (const char* name : kDays)
        if (w.compare(0, 3, name) == 0) known = true;  // "Sun" or "Sunday": the weekday is not checked
      if (!known) return std::nullopt;
    }
  }
  if (day < 1 || month < 1 || year < 1 || hour < 0 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  const CivilDate date{year, month, day};
  if (!is_valid_date(date)) return std::nullopt;
  return days_from_civil(date) * kDayMs + hour * kHourMs + minute * 60 * kSecondMs + std::min(second, 59) * kSecondMs;
}

}  // namespace leads
