// Quarter and year ends from a day count.
#include "app/quick_dates.h"

#include <cstdio>

namespace leads {

std::string quick_date(QuickDate pick, TimeMs now) {
  std::int64_t days = now / kDayMs;
  if (now % kDayMs < 0) --days;
  const CivilDate today = civil_from_days(days);
  int year = today.year;
  int quarter = (today.month - 1) / 3;  // 0..3
  if (pick == QuickDate::EndOfNextQuarter && ++quarter == 4) quarter = 0, ++year;
  const int month = pick == QuickDate::EndOfThisYear ? 12 : quarter * 3 + 3;
  // The day before the first day of the following month.
  const CivilDate next_month = month == 12 ? CivilDate{year + 1, 1, 1} : CivilDate{year, month + 1, 1};
  const CivilDate last = civil_from_days(days_from_civil(next_month) - 1);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", last.year, last.month, last.day);
  return buffer;
}

}  // namespace leads
