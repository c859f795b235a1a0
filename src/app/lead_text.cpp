// Turning the domain's presentation rules (domain/lead_display) into translated, formatted text.
#include "app/lead_text.h"

#include "app/format.h"
#include "domain/lead_display.h"

namespace leads {

std::string stage_text(const AppState& state, const LeadRow& lead) {
  const StageLabel label = stage_label(lead.facts(), lead.status_wire(), lead.substatus_wire());
  std::string text = state.t(label.stage_key);
  if (label.outcome_key) text += " · " + state.t(label.outcome_key);
  if (!label.unplaced.empty()) text += " (" + label.unplaced + ")";
  return text;
}

std::string time_left_text(const AppState& state, const LeadRow& lead) {
  const TimeMs left = time_left_to_answer(lead.facts(), state.now);
  return left == kNoExpiry ? std::string() : format_duration(left, state.language);
}

}  // namespace leads
