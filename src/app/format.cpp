// Locale formatting written out by hand: the wasm build has no locale data, and the two languages are known.
#include "app/format.h"

#include <cmath>
#include <cstdio>

namespace leads {

std::string format_number(double value, int decimals, Language language) {
  const bool turkish = language == Language::Turkish;
  const char group = turkish ? '.' : ',';
  const char point = turkish ? ',' : '.';
  if (!std::isfinite(value)) return "-";
  char digits[64];
  std::snprintf(digits, sizeof digits, "%.*f", decimals, std::fabs(value));
  std::string text(digits);
  const auto dot = text.find('.');
  std::string whole = text.substr(0, dot);
  std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += group;
    grouped += whole[i];
  }
  std::string out = (value < 0 && std::fabs(value) >= 0.5 * std::pow(10.0, -decimals) ? "-" : "") + grouped;
  if (!fraction.empty()) out += point + fraction;
  return out;
}

std::string format_money(double value, const std::string& currency, Language language) {
  const std::string number = format_number(value, 2, language);
  const char* symbol = currency == "TRY"   ? "₺"
                       : currency == "USD" ? "$"
                       : currency == "EUR" ? "€"
                       : currency == "GBP" ? "£"
                                           : nullptr;
  if (language == Language::Turkish) return number + " " + (symbol ? symbol : currency);
  if (symbol) return symbol + number;
  return number + " " + currency;
}

namespace {
CivilDate date_of(TimeMs time, int* minutes_of_day) {
  std::int64_t days = time / kDayMs;
  TimeMs rest = time % kDayMs;
  if (rest < 0) {
    rest += kDayMs;
    --days;
  }
  if (minutes_of_day) *minutes_of_day = static_cast<int>(rest / 60000);
  return civil_from_days(days);
}
}  // namespace

DateStyle date_style_of(Language language) {
  return language == Language::Turkish ? DateStyle::Turkish : DateStyle::English;
}

std::string format_day(TimeMs time, Language language) {
  return format_user_date(date_of(time, nullptr), date_style_of(language));
}

std::string format_day_time(TimeMs time, Language language) {
  int minutes = 0;
  date_of(time, &minutes);
  char clock[8];
  std::snprintf(clock, sizeof clock, "%02d:%02d", minutes / 60, minutes % 60);
  return format_day(time, language) + " " + clock;
}

std::string format_duration(TimeMs duration, Language language) {
  const bool turkish = language == Language::Turkish;
  const char* day_unit = turkish ? "g" : "d";
  const char* hour_unit = turkish ? "sa" : "h";
  const char* minute_unit = turkish ? "dk" : "m";
  if (duration < 0) duration = 0;
  const std::int64_t minutes = duration / 60000;
  const std::int64_t days = minutes / (24 * 60);
  const std::int64_t hours = minutes / 60 % 24;
  char buffer[48];
  if (days > 0)
    std::snprintf(buffer, sizeof buffer, "%lld %s %lld %s", static_cast<long long>(days), day_unit,
                  static_cast<long long>(hours), hour_unit);
  else if (hours > 0)
    std::snprintf(buffer, sizeof buffer, "%lld %s %lld %s", static_cast<long long>(hours), hour_unit,
                  static_cast<long long>(minutes % 60), minute_unit);
  else
    std::snprintf(buffer, sizeof buffer, "%lld %s", static_cast<long long>(minutes), minute_unit);
  return buffer;
}

}  // namespace leads
