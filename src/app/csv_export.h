// The current view as CSV that Excel opens correctly with Turkish letters: UTF-8 with a BOM, the visible columns in
// the order shown (AppState::columns).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "app/state.h"

namespace leads {

// Every row given (no cap), in order; headers and values in the user's language, as the table shows them.
std::string leads_csv(const AppState& state, const std::vector<std::uint32_t>& rows);

// Excel splits columns on the system's list separator: ';' where the decimal mark is ',' (Turkish), else ','.
char csv_separator(Language language);

// One CSV field: quoted when it holds the separator, a quote or a line break; a leading = + - @ is neutralised so a
// spreadsheet never runs it as a formula.
std::string csv_field(const std::string& text, char separator);

}  // namespace leads
