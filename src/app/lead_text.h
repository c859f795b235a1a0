// A lead's shown texts in the user's language, written once for the lead table, the detail panel and the CSV.
#pragma once
#include <string>

#include "app/state.h"

namespace leads {

// "Received", "Archived · Won", "Unknown stage (Open/Waiting)".
std::string stage_text(const AppState& state, const LeadRow& lead);
// "3 d 4 h" while a Received lead's clock runs; empty for every other lead.
std::string time_left_text(const AppState& state, const LeadRow& lead);

}  // namespace leads
