// Quarter and year ends from a day count.
#include "app/quick_dates.h"

#include <cstdio>

namespace leads {

CivilDate quick_day(QuickDate pick, TimeMs now) {
  const CivilDate today = utc_day_of(now);
  int year = today.year;
  int quarter = (today.month - 1) / 3;  // 0..3
  if (pick == QuickDate::EndOfNextQuarter && ++quarter == 4) quarter = 0, ++year;
  const int month = pick == QuickDate::EndOfThisYear ? 12 : quarter * 3 + 3;
  return {year, month, days_in_month(year, month)};
}

std::string quick_date(QuickDate pick, TimeMs now) {
  const CivilDate last = quick_day(pick, now);
  char buffer[32];  // room for any int, so the compiler sees no truncation
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", last.year, last.month, last.day);
  return buffer;
}

std::string quick_date(QuickDate pick, TimeMs now, DateStyle style) {
  return format_user_date(quick_day(pick, now), style);
}

}  // namespace leads
