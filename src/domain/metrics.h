// The "getting more leads" figures: how fast and how often the partner answers, and what it wins.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/close_reasons.h"
#include "domain/list_store.h"
#include "domain/referral.h"

namespace leads {

struct CurrencyAmount {
  std::string currency;  // ISO 4217 as the lead carries it ("" when the lead has none)
  double amount = 0;
};

// Over in-scope leads only (customer inquiries and Microsoft's qualified leads).
struct LeadMetrics {
  int received = 0;   // every in-scope lead
  int responded = 0;  // accepted or declined by the partner
  int accepted = 0;   // ever accepted: Accepted now, or Won or Lost since
  int declined = 0, expired = 0, won = 0, lost = 0;
  // Response time = created -> accepted (acceptedDateTime) or declined (closedDateTime). Percentiles by nearest
  // rank: the smallest time with at least p% of the times at or below it (the lower middle for an even count).
  std::optional<TimeMs> median_response, p90_response;
  double acceptance_rate = 0;             // accepted / (accepted + declined + expired); 0 when nothing was decided
  double win_rate = 0;                    // won / (won + lost); 0 when nothing closed
  std::vector<CurrencyAmount> pipeline;   // per currency, sorted by code: deal values of open accepted leads
  std::vector<CurrencyAmount> won_value;  // per currency: deal values of won leads
  std::vector<TimeMs> response_times;     // ascending, for the histogram
  // Most frequent first (ties in the forms' order); a statusReason with no known code counts as Other.
  std::vector<std::pair<CloseReason, int>> decline_reasons, lost_reasons;
};

LeadMetrics compute_metrics(const ListStore& leads);

// Nearest-rank percentile of ascending `sorted` times (percent in 0..100); nullopt when empty.
std::optional<TimeMs> percentile(const std::vector<TimeMs>& sorted, int percent);

}  // namespace leads
