// The partner's own response-time and outcome figures, computed from the leads in memory.
#include "domain/metrics.h"

#include <algorithm>
#include <map>

#include "domain/classification.h"

namespace leads {
namespace {

void add_amount(std::map<std::string, double>& totals, const LeadRow& lead) {
  if (lead.facts().has_value) totals[std::string(lead.currency())] += lead.facts().value;
}

std::vector<CurrencyAmount> to_amounts(const std::map<std::string, double>& totals) {
  std::vector<CurrencyAmount> out;
  for (const auto& [currency, amount] : totals) out.push_back({currency, amount});
  return out;
}

std::vector<std::pair<CloseReason, int>> ranked(const std::map<CloseReason, int>& counts) {
  std::vector<std::pair<CloseReason, int>> out;
  for (CloseReason reason : all_close_reasons()) {
    const auto found = counts.find(reason);
    if (found != counts.end()) out.emplace_back(reason, found->second);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

// The instant the partner answered, if it did and the time is known.
std::optional<TimeMs> answered_at(const LeadFacts& lead, Stage stage, Outcome outcome) {
  if (outcome == Outcome::Declined) return time_of(lead.closed);
  if (stage == Stage::Accepted || outcome == Outcome::Won || outcome == Outcome::Lost) return time_of(lead.accepted);
  return std::nullopt;
}

}  // namespace

std::optional<TimeMs> percentile(const std::vector<TimeMs>& sorted, int percent) {
  if (sorted.empty()) return std::nullopt;
  percent = std::clamp(percent, 0, 100);
  // rank = ceil(percent/100 * n), at least 1
  std::size_t rank = (static_cast<std::size_t>(percent) * sorted.size() + 99) / 100;
  if (rank < 1) rank = 1;
  return sorted[rank - 1];
}

LeadMetrics compute_metrics(const ListStore& leads) {
  LeadMetrics m;
  std::map<std::string, double> pipeline, won_value;
  std::map<CloseReason, int> decline_reasons, lost_reasons;
  for (std::uint32_t row = 0; row < leads.size(); ++row) {
    const LeadRow lead_row = leads.row(row);
    const LeadFacts& lead = lead_row.facts();
    if (tab_of(lead) == Tab::None) continue;
    ++m.received;
    const Stage stage = stage_of(lead);
    const Outcome outcome = outcome_of(lead);
    const bool accepted = stage == Stage::Accepted || outcome == Outcome::Won || outcome == Outcome::Lost;
    if (accepted) ++m.accepted;
    if (accepted || outcome == Outcome::Declined) ++m.responded;
    switch (outcome) {
      case Outcome::Declined:
        ++m.declined;
        ++decline_reasons[lead.close_reason];
        break;
      case Outcome::Expired: ++m.expired; break;
      case Outcome::Won:
        ++m.won;
        add_amount(won_value, lead_row);
        break;
      case Outcome::Lost:
        ++m.lost;
        ++lost_reasons[lead.close_reason];
        break;
      case Outcome::None:
      case Outcome::Error: break;
    }
    if (stage == Stage::Accepted) add_amount(pipeline, lead_row);
    const std::optional<TimeMs> answered = answered_at(lead, stage, outcome);
    // A response stamped before the lead was created is bad data, not a record-fast answer.
    if (answered && lead.created != kNoTime && *answered >= lead.created)
      m.response_times.push_back(*answered - lead.created);
  }
  std::sort(m.response_times.begin(), m.response_times.end());
  m.median_response = percentile(m.response_times, 50);
  m.p90_response = percentile(m.response_times, 90);
  const int decided = m.accepted + m.declined + m.expired;
  if (decided > 0) m.acceptance_rate = static_cast<double>(m.accepted) / decided;
  if (m.won + m.lost > 0) m.win_rate = static_cast<double>(m.won) / (m.won + m.lost);
  m.pipeline = to_amounts(pipeline);
  m.won_value = to_amounts(won_value);
  m.decline_reasons = ranked(decline_reasons);
  m.lost_reasons = ranked(lost_reasons);
  return m;
}

}  // namespace leads
