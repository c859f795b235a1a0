// The fixed list of decline and lost reasons and their `statusReason` wire form ("code: notes").
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace leads {

enum class CloseReason : std::uint8_t {
  BudgetNotAdequate,
  CustomerDidNotRespond,
  CustomerChoseAnotherVendor,
  CustomerRequirementNotMet,
  NotACustomer,
  ProposedTimelineTooShort,
  AbuseSpamPhishing,
  Other
};

const std::vector<CloseReason>& all_close_reasons();                       // in the order the forms list them
const char* to_wire(CloseReason reason);                                   // "budgetNotAdequate"
const char* to_key(CloseReason reason);                                    // "reason.budget_not_adequate"
std::optional<CloseReason> close_reason_from_wire(std::string_view code);  // exact code only

// "budgetNotAdequate: notes", or just "budgetNotAdequate" when notes are empty.
std::string status_reason_text(CloseReason reason, const std::string& notes);

// The reverse: a leading known code (alone, or followed by ':') is the reason and the rest, trimmed, the notes;
// text with no known code is all notes.
struct ParsedStatusReason {
  std::optional<CloseReason> reason;
  std::string notes;
};
ParsedStatusReason parse_status_reason(const std::string& status_reason);

}  // namespace leads
