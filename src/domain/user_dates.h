// Calendar dates as a user reads and types them: Turkish "31.03.2031" (also "1.3.2031"), English "Mar 31, 2031",
// and ISO "2031-03-31" in both. The wire keeps ISO; only what the user sees and types follows the language.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "domain/timestamp.h"

namespace leads {

// The domain cannot see the app's Language; the app maps its language onto one of these.
// English shows the month by name ("Mar 31, 2031"), as the rest of the UI already did: numeric forms are read
// month-first in the US and day-first nearly everywhere else, so "03/04/2031" would mean two dates to two readers.
enum class DateStyle { English, Turkish };

// Accepts the style's own form and ISO "YYYY-MM-DD" (blanks around are ignored). English also takes the full month
// name and "31 Mar 2031"; case does not matter. Impossible dates (31.02.2031, 29.02.2030) and years outside
// 0001-9999 are nullopt.
std::optional<CivilDate> parse_user_date(std::string_view text, DateStyle style);

// "31.03.2031" / "Mar 31, 2031".
std::string format_user_date(CivilDate date, DateStyle style);

// Midnight UTC of that day, the instant the forms send; and the UTC day an instant falls on.
TimeMs midnight_utc(CivilDate date);
CivilDate utc_day_of(TimeMs time);

// Calendar arithmetic for the date picker.
CivilDate add_days(CivilDate date, int days);
CivilDate add_months(CivilDate date, int months);  // the day is kept, or the month's last day (Jan 31 + 1 = Feb 28)
int days_in_month(int year, int month);
int weekday_of(CivilDate date);  // 0 = Monday … 6 = Sunday (ISO 8601 order)
bool operator==(const CivilDate& a, const CivilDate& b);
bool operator<(const CivilDate& a, const CivilDate& b);

}  // namespace leads
