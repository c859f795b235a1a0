// Decline and lost reasons: the fixed list, their wire codes and the "code: notes" statusReason text.
#include "domain/close_reasons.h"

namespace leads {

const std::vector<CloseReason>& all_close_reasons() {
  static const std::vector<CloseReason> kAll = {CloseReason::BudgetNotAdequate,
                                                CloseReason::CustomerDidNotRespond,
                                                CloseReason::CustomerChoseAnotherVendor,
                                                CloseReason::CustomerRequirementNotMet,
                                                CloseReason::NotACustomer,
                                                CloseReason::ProposedTimelineTooShort,
                                                CloseReason::AbuseSpamPhishing,
                                                CloseReason::Other};
  return kAll;
}

const char* to_wire(CloseReason reason) {
  switch (reason) {
    case CloseReason::BudgetNotAdequate: return "budgetNotAdequate";
    case CloseReason::CustomerDidNotRespond: return "customerDidNotRespond";
    case CloseReason::CustomerChoseAnotherVendor: return "customerChoseAnotherVendor";
    case CloseReason::CustomerRequirementNotMet: return "customerRequirementNotMet";
    case CloseReason::NotACustomer: return "notACustomer";
    case CloseReason::ProposedTimelineTooShort: return "proposedTimelineTooShort";
    case CloseReason::AbuseSpamPhishing: return "abuseSpamPhishing";
    case CloseReason::Other: break;
  }
  return "other";
}

const char* to_key(CloseReason reason) {
  switch (reason) {
    case CloseReason::BudgetNotAdequate: return "reason.budget_not_adequate";
    case CloseReason::CustomerDidNotRespond: return "reason.customer_did_not_respond";
    case CloseReason::CustomerChoseAnotherVendor: return "reason.customer_chose_another_vendor";
    case CloseReason::CustomerRequirementNotMet: return "reason.customer_requirement_not_met";
    case CloseReason::NotACustomer: return "reason.not_a_customer";
    case CloseReason::ProposedTimelineTooShort: return "reason.proposed_timeline_too_short";
    case CloseReason::AbuseSpamPhishing: return "reason.abuse_spam_phishing";
    case CloseReason::Other: break;
  }
  return "reason.other";
}

std::optional<CloseReason> close_reason_from_wire(std::string_view code) {
  for (CloseReason reason : all_close_reasons())
    if (code == to_wire(reason)) return reason;
  return std::nullopt;
}

std::string status_reason_text(CloseReason reason, const std::string& notes) {
  std::string text = to_wire(reason);
  if (!notes.empty()) text += ": " + notes;
  return text;
}

namespace {
std::string_view trimmed(std::string_view text) {
  const char* blanks = " \t\r\n";
  const auto begin = text.find_first_not_of(blanks);
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(blanks) - begin + 1);
}
}  // namespace

ParsedStatusReason parse_status_reason(const std::string& status_reason) {
  const std::string_view text = trimmed(status_reason);
  const auto colon = text.find(':');
  const std::string_view head = trimmed(text.substr(0, colon));
  if (auto reason = close_reason_from_wire(head)) {
    const std::string_view rest = colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
    return {reason, std::string(trimmed(rest))};
  }
  return {std::nullopt, std::string(text)};
}

}  // namespace leads
