// Quick picks for the estimated purchase date: the last day of this quarter, next quarter or this year.
#pragma once
#include <string>

#include "domain/timestamp.h"

namespace leads {

enum class QuickDate { EndOfThisQuarter, EndOfNextQuarter, EndOfThisYear };

// "YYYY-MM-DD" in UTC, as the forms take it.
std::string quick_date(QuickDate pick, TimeMs now);

}  // namespace leads
