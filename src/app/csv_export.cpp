// Writing the lead list as CSV: the visible columns that export, in the user's order, a header line, then one line per
// lead.
#include "app/csv_export.h"

#include "app/column_layout.h"
#include "app/lead_columns.h"

namespace leads {

std::string csv_field(const std::string& text, char separator) {
  std::string value = text;
  // A spreadsheet reads a cell starting with these as a formula (TAB and CR too, once it trims them).
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' || value[0] == '\t' ||
                         value[0] == '\r'))
    value = "'" + value;
  if (value.find_first_of(std::string("\"\r\n") + separator) == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

char csv_separator(Language language) {
  return language == Language::Turkish ? ';' : ',';
}

std::string leads_csv(const AppState& state, const std::vector<std::uint32_t>& rows) {
  const char separator = csv_separator(state.language);
  std::string out = "\xEF\xBB\xBF";  // the BOM tells Excel the file is UTF-8
  // The user's visible columns, in their order (the column chooser): the file is the list as they see it.
  const std::vector<const LeadColumn*> columns = csv_columns(state.columns);
  const auto write_line = [&](auto text_of) {
    bool first = true;
    for (const LeadColumn* column : columns) {
      if (!first) out += separator;
      out += csv_field(text_of(*column), separator);
      first = false;
    }
    out += "\r\n";
  };
  write_line([&](const LeadColumn& column) { return state.t(column.header_key); });
  for (std::uint32_t row : rows) {
    if (row >= state.leads.size()) continue;
    const LeadRow lead = state.leads.row(row);
    write_line([&](const LeadColumn& column) { return column.csv(state, lead); });
  }
  return out;
}

}  // namespace leads
