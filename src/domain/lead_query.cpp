// The lead table's queries: a folded index built once, then filter, search and sort per keystroke.
//
// [SECTION] index
// [SECTION] filter and search
// [SECTION] sort
// [SECTION] counts
#include "domain/lead_query.h"

#include <algorithm>
#include <deque>

#include "domain/text_fold.h"

namespace leads {

// [SECTION] index --------------------------------------------------------------------------------

namespace {
constexpr char kFieldSeparator = '\x1f';

void add_field(std::string& out, const std::string& text) {
  if (text.empty()) return;
  out += text;
  out += kFieldSeparator;
}

// "+90 (212) 555-0101" is also searchable as "902125550101".
std::string digits_of(const std::string& phone) {
  std::string digits;
  for (char c : phone)
    if (c >= '0' && c <= '9') digits += c;
  return digits;
}

void add_member(std::string& out, const Member& member) {
  add_field(out, member.first_name + " " + member.last_name);
  add_field(out, member.email);
  add_field(out, member.phone_number);
  const std::string digits = digits_of(member.phone_number);
  if (digits != member.phone_number) add_field(out, digits);
}
}  // namespace

std::string search_text(const Referral& lead) {
  std::string out;
  add_field(out, lead.customer_profile.name);
  add_field(out, lead.name);
  for (const Member& member : lead.customer_profile.team) add_member(out, member);
  add_field(out, lead.customer_profile.address.city);
  add_field(out, lead.details.notes);
  add_field(out, lead.invite_context.notes);
  return out;
}

LeadIndex::Row LeadIndex::fold_row(const Referral& lead) {
  Row row;
  row.search = fold_for_search(search_text(lead));
  row.customer = fold_for_search(lead.customer_profile.name);
  row.deal_name = fold_for_search(lead.name);
  row.city = fold_for_search(lead.customer_profile.address.city);
  row.sender = fold_for_search(lead.invite_context.invited_by.organization_name);
  return row;
}

void LeadIndex::rebuild(const std::vector<Referral>& leads) {
  rows_.clear();
  rows_.reserve(leads.size());
  for (const Referral& lead : leads) rows_.push_back(fold_row(lead));
}

void LeadIndex::update(std::size_t row, const Referral& lead) {
  if (row < rows_.size()) {
    rows_[row] = fold_row(lead);
  } else {
    rows_.resize(row);  // rows skipped over stay empty until updated
    rows_.push_back(fold_row(lead));
  }
}

const LeadIndex::Row& LeadIndex::row(std::size_t index) const {
  static const Row kEmpty;
  return index < rows_.size() ? rows_[index] : kEmpty;
}
const std::string& LeadIndex::folded(std::size_t r) const { return row(r).search; }
const std::string& LeadIndex::folded_customer(std::size_t r) const { return row(r).customer; }
const std::string& LeadIndex::folded_deal_name(std::size_t r) const { return row(r).deal_name; }
const std::string& LeadIndex::folded_city(std::size_t r) const { return row(r).city; }
const std::string& LeadIndex::folded_sender(std::size_t r) const { return row(r).sender; }

// [SECTION] filter and search --------------------------------------------------------------------

namespace {

bool equals_ignoring_ascii_case(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::vector<std::string> search_words(const std::string& search) {
  std::vector<std::string> words;
  const std::string folded = fold_for_search(search);
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    if (end > start) words.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

bool contains_every_word(const std::string& folded, const std::vector<std::string>& words) {
  for (const std::string& word : words)
    if (!folded_contains(folded, word)) return false;
  return true;
}

// `filter.city` and `filter.sender` must already be folded.
bool matches_folded_filter(const Referral& lead, const LeadFilter& filter, const std::string& folded_city,
                           const std::string& folded_sender, TimeMs now) {
  if (!filter.kinds.empty() && std::find(filter.kinds.begin(), filter.kinds.end(), lead_kind(lead)) == filter.kinds.end())
    return false;
  if (filter.stage && stage_of(lead) != *filter.stage) return false;
  if (filter.outcome && outcome_of(lead) != *filter.outcome) return false;
  if (!filter.country.empty() && !equals_ignoring_ascii_case(lead.customer_profile.address.country, filter.country))
    return false;
  if (!filter.city.empty() && folded_city != filter.city) return false;
  if (filter.flame && flame_state(lead, now) != *filter.flame) return false;
  if (filter.expiring_within_days) {
    if (stage_of(lead) != Stage::Received) return false;
    const TimeMs left = expiry_time_left(lead, now);
    if (left == kNoExpiry || left < 0 || left > static_cast<TimeMs>(*filter.expiring_within_days) * kDayMs)
      return false;
  }
  if (filter.min_value || filter.max_value) {
    if (!lead.details.deal_value) return false;
    if (filter.min_value && *lead.details.deal_value < *filter.min_value) return false;
    if (filter.max_value && *lead.details.deal_value > *filter.max_value) return false;
  }
  if (!filter.sender.empty() && !folded_contains(folded_sender, filter.sender)) return false;
  return true;
}

}  // namespace

bool matches_filter(const Referral& lead, const LeadFilter& filter, const std::string& folded_city,
                    const std::string& folded_sender, TimeMs now) {
  LeadFilter folded = filter;
  folded.city = fold_for_search(filter.city);
  folded.sender = fold_for_search(filter.sender);
  return matches_folded_filter(lead, folded, folded_city, folded_sender, now);
}

// [SECTION] sort ---------------------------------------------------------------------------------

namespace {

// One row's sort key: a number or a folded text, or missing (always sorted last).
struct SortKey {
  std::uint32_t row = 0;
  bool missing = false;
  double number = 0;
  const std::string* text = nullptr;
};

int stage_rank(const Referral& lead) {
  // Archived leads order by outcome within the stage, so Won sits apart from Expired.
  return static_cast<int>(stage_of(lead)) * 8 + static_cast<int>(outcome_of(lead));
}

}  // namespace

bool is_active(const LeadFilter& filter) {
  return !filter.kinds.empty() || filter.stage || filter.outcome || !filter.country.empty() || !filter.city.empty() ||
         filter.flame || filter.expiring_within_days || filter.min_value || filter.max_value || !filter.sender.empty();
}

bool in_list_tab(const Referral& lead, ListTab tab, const std::unordered_set<std::string>& favorites) {
  const Tab lead_tab = tab_of(lead);
  switch (tab) {
    case ListTab::Marketplace: return lead_tab == Tab::Marketplace;
    case ListTab::Qualified: return lead_tab == Tab::Qualified;
    case ListTab::Favorites: return lead_tab != Tab::None && favorites.count(lead.id) > 0;
  }
  return false;
}

std::vector<std::uint32_t> run_query(const std::vector<Referral>& leads, const LeadIndex& index, const LeadQuery& query,
                                     const std::unordered_set<std::string>& favorites, TimeMs now) {
  const std::vector<std::string> words = search_words(query.search);
  // Folded copies of the filter's texts once, not per lead.
  LeadFilter filter = query.filter;
  filter.city = fold_for_search(filter.city);
  filter.sender = fold_for_search(filter.sender);
  std::deque<LeadIndex> stale;  // rows the index does not cover, folded here so nothing is skipped

  std::vector<SortKey> keys;
  for (std::size_t i = 0; i < leads.size(); ++i) {
    const Referral& lead = leads[i];
    if (!in_list_tab(lead, query.tab, favorites)) continue;
    const LeadIndex* source = &index;
    std::size_t source_row = i;
    if (i >= index.size()) {
      stale.emplace_back();
      stale.back().update(0, lead);
      source = &stale.back();
      source_row = 0;
    }
    if (!matches_folded_filter(lead, filter, source->folded_city(source_row), source->folded_sender(source_row), now))
      continue;
    if (!contains_every_word(source->folded(source_row), words)) continue;

    SortKey key;
    key.row = static_cast<std::uint32_t>(i);
    switch (query.sort) {
      case SortColumn::Customer: key.text = &source->folded_customer(source_row); break;
      case SortColumn::DealName: key.text = &source->folded_deal_name(source_row); break;
      case SortColumn::City: key.text = &source->folded_city(source_row); break;
      case SortColumn::Kind: key.number = static_cast<double>(lead_kind(lead)); break;
      case SortColumn::Stage: key.number = stage_rank(lead); break;
      case SortColumn::Received:
        key.missing = !lead.created_date_time;
        key.number = static_cast<double>(lead.created_date_time.value_or(0));
        break;
      case SortColumn::TimeLeft: {
        // Only a Received lead has a clock running; the others have no time left to show.
        const TimeMs left = stage_of(lead) == Stage::Received ? expiry_time_left(lead, now) : kNoExpiry;
        key.missing = left == kNoExpiry;
        key.number = static_cast<double>(left);
        break;
      }
      case SortColumn::Value:
        key.missing = !lead.details.deal_value;
        key.number = lead.details.deal_value.value_or(0);
        break;
    }
    if (key.text && key.text->empty()) key.missing = true;
    keys.push_back(key);
  }

  const bool descending = query.descending;
  std::sort(keys.begin(), keys.end(), [&](const SortKey& a, const SortKey& b) {
    if (a.missing != b.missing) return b.missing;
    if (!a.missing) {
      int cmp = 0;
      if (a.text) {
        const int raw = a.text->compare(*b.text);
        cmp = raw < 0 ? -1 : (raw > 0 ? 1 : 0);
      } else {
        cmp = a.number < b.number ? -1 : (b.number < a.number ? 1 : 0);
      }
      if (cmp != 0) return descending ? cmp > 0 : cmp < 0;
    }
    const std::string& id_a = leads[a.row].id;
    const std::string& id_b = leads[b.row].id;
    if (id_a != id_b) return id_a < id_b;
    return a.row < b.row;
  });

  std::vector<std::uint32_t> rows;
  rows.reserve(keys.size());
  for (const SortKey& key : keys) rows.push_back(key.row);
  return rows;
}

bool operator==(const LeadFilter& a, const LeadFilter& b) {
  return a.kinds == b.kinds && a.stage == b.stage && a.outcome == b.outcome && a.country == b.country &&
         a.city == b.city && a.flame == b.flame && a.expiring_within_days == b.expiring_within_days &&
         a.min_value == b.min_value && a.max_value == b.max_value && a.sender == b.sender;
}

bool narrows(const LeadQuery& query, const LeadQuery& wider) {
  if (query.tab != wider.tab || query.sort != wider.sort || query.descending != wider.descending ||
      query.filter != wider.filter)
    return false;
  const std::string folded = fold_for_search(query.search), folded_wider = fold_for_search(wider.search);
  return folded.compare(0, folded_wider.size(), folded_wider) == 0;
}

std::vector<std::uint32_t> narrow_rows(const std::vector<std::uint32_t>& wider_rows, const std::vector<Referral>& leads,
                                       const LeadIndex& index, const std::string& search) {
  const std::vector<std::string> words = search_words(search);
  std::vector<std::uint32_t> rows;
  for (std::uint32_t row : wider_rows) {
    if (row >= leads.size()) continue;
    const bool match = row < index.size() ? contains_every_word(index.folded(row), words)
                                          : contains_every_word(fold_for_search(search_text(leads[row])), words);
    if (match) rows.push_back(row);
  }
  return rows;
}

// [SECTION] counts -------------------------------------------------------------------------------

namespace {
void count_one(StageCounts& counts, const Referral& lead) {
  switch (stage_of(lead)) {
    case Stage::Received: ++counts.received; break;
    case Stage::Accepted: ++counts.accepted; break;
    case Stage::Archived:
      ++counts.archived;
      switch (outcome_of(lead)) {
        case Outcome::Won: ++counts.won; break;
        case Outcome::Lost: ++counts.lost; break;
        case Outcome::Declined: ++counts.declined; break;
        case Outcome::Expired: ++counts.expired; break;
        case Outcome::None:
        case Outcome::Error: break;
      }
      break;
    case Stage::Unknown: ++counts.unknown; break;
  }
}
}  // namespace

TabCounts count_leads(const std::vector<Referral>& leads, const std::unordered_set<std::string>& favorites) {
  TabCounts counts;
  for (const Referral& lead : leads) {
    const Tab tab = tab_of(lead);
    if (tab == Tab::None) continue;
    count_one(tab == Tab::Marketplace ? counts.marketplace : counts.qualified, lead);
    if (favorites.count(lead.id) > 0) count_one(counts.favorites, lead);
  }
  return counts;
}

}  // namespace leads
