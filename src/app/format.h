// Numbers, money and dates written the way each language expects (Turkish: 1.234,56 ₺ and 24.11.2026).
#pragma once
#include <string>

#include "app/i18n.h"
#include "domain/timestamp.h"
#include "domain/user_dates.h"

namespace leads {

std::string format_number(double value, int decimals, Language language);
std::string format_money(double value, const std::string& currency, Language language);
// How dates are typed and shown in `language` (the forms read typed dates in it, domain/user_dates.h).
DateStyle date_style_of(Language language);
std::string format_day(TimeMs time, Language language);       // 24.11.2026 / Nov 24, 2026
std::string format_day_time(TimeMs time, Language language);  // 24.11.2026 14:05 / Nov 24, 2026 14:05
// "3 d 4 h", "5 h 12 m", "12 m" (translated units); negative durations as "0 m".
std::string format_duration(TimeMs duration, Language language);

}  // namespace leads
