// Quick picks for the estimated purchase date: the last day of this quarter, next quarter or this year.
#pragma once
#include <string>

#include "domain/timestamp.h"
#include "domain/user_dates.h"

namespace leads {

enum class QuickDate { EndOfThisQuarter, EndOfNextQuarter, EndOfThisYear };

CivilDate quick_day(QuickDate pick, TimeMs now);  // the UTC day
// "YYYY-MM-DD"
std::string quick_date(QuickDate pick, TimeMs now);
// As the form shows it in that style ("31.03.2031" / "Mar 31, 2031").
std::string quick_date(QuickDate pick, TimeMs now, DateStyle style);

}  // namespace leads
