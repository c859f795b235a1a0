// Writing the lead table as CSV.
#include "app/csv_export.h"

#include "app/format.h"
#include "domain/classification.h"
#include "domain/clocks.h"

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
  const std::string between(1, separator);
  const char* headers[] = {"column.favorite", "column.customer", "column.lead",      "column.kind",
                           "column.stage",    "column.received", "column.time_left", "column.value",
                           "column.currency", "column.city",     "column.country",   "column.id"};
  std::string out = "\xEF\xBB\xBF";  // the BOM tells Excel the file is UTF-8
  bool first = true;
  for (const char* header : headers) {
    out += (first ? "" : between) + csv_field(state.t(header), separator);
    first = false;
  }
  out += "\r\n";
  for (std::uint32_t row : rows) {
    if (row >= state.leads.size()) continue;
    const Referral& lead = state.leads[row];
    const Stage stage = stage_of(lead);
    std::string stage_text = state.t(to_key(stage));
    if (stage == Stage::Archived) stage_text += " · " + state.t(to_key(outcome_of(lead)));
    std::string time_left;
    if (stage == Stage::Received) {
      const TimeMs left = expiry_time_left(lead, state.now);
      if (left != kNoExpiry) time_left = format_duration(left, state.language);
    }
    const std::string fields[] = {
        state.favorites.count(lead.id) ? state.t("csv.yes") : "",
        lead.customer_profile.name,
        lead.name,
        state.t(to_key(lead_kind(lead))),
        stage_text,
        lead.created_date_time ? format_day(*lead.created_date_time, state.language) : "",
        time_left,
        lead.details.deal_value ? format_number(*lead.details.deal_value, 2, state.language) : "",
        lead.details.currency,
        lead.customer_profile.address.city,
        lead.customer_profile.address.country,
        lead.id,
    };
    first = true;
    for (const std::string& field : fields) {
      out += (first ? "" : between) + csv_field(field, separator);
      first = false;
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace leads
