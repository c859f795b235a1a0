// The lead table's queries: a folded index built once, then filter, search and sort per keystroke.
//
// [SECTION] index
// [SECTION] filter and search
// [SECTION] sort
// [SECTION] counts
#include "domain/lead_query.h"

#include <algorithm>
#include <iterator>

#include "domain/lead_display.h"
#include "domain/text_fold.h"

namespace leads {

// [SECTION] index --------------------------------------------------------------------------------

namespace {
constexpr char kFieldSeparator = '\x1f';

// The first eight bytes of a string as a big-endian number: comparing two heads orders two strings as
// std::string::compare does, unless the heads are equal (then the whole strings decide).
std::uint64_t string_head(const std::string& text) {
  std::uint64_t head = 0;
  for (std::size_t i = 0; i < 8; ++i) head = head << 8 | (i < text.size() ? static_cast<unsigned char>(text[i]) : 0u);
  return head;
}

int compare_strings(std::uint64_t head_a, const std::string& a, std::uint64_t head_b, const std::string& b) {
  if (head_a != head_b) return head_a < head_b ? -1 : 1;
  const int raw = a.compare(b);
  return raw < 0 ? -1 : (raw > 0 ? 1 : 0);
}

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
  // Short fields first: a search that matches stops reading at the first match, and names and cities match most.
  add_field(out, lead.customer_profile.name);
  add_field(out, lead.name);
  add_field(out, lead.customer_profile.address.city);
  for (const Member& member : lead.customer_profile.team) add_member(out, member);
  add_field(out, lead.details.notes);
  add_field(out, lead.invite_context.notes);
  return out;
}

void LeadIndex::grow_to(std::size_t rows) {
  sort_texts_.resize(rows);
  search_.resize(rows);
  id_heads_.resize(rows);
  tabs_.resize(rows, Tab::None);
  folded_.resize(rows, false);
}

void LeadIndex::fold_row(std::size_t row, const Referral& lead) {
  const std::string search = fold_for_search(search_text(lead));
  search_[row] = texts_.add(search);  // an update leaves the old text behind until the next rebuild
  grams_.set_row(row, search);
  SortTexts& texts = sort_texts_[row];
  texts.customer = fold_for_search(lead.customer_profile.name);
  texts.deal_name = fold_for_search(lead.name);
  texts.city = fold_for_search(lead.customer_profile.address.city);
  texts.sender = fold_for_search(lead.invite_context.invited_by.organization_name);
  id_heads_[row] = string_head(lead.id);
  tabs_[row] = tab_of(lead);
  folded_[row] = true;
}

void LeadIndex::rebuild(const std::vector<Referral>& leads) {
  *this = LeadIndex();
  grow_to(leads.size());
  for (std::size_t row = 0; row < leads.size(); ++row) fold_row(row, leads[row]);
}

void LeadIndex::update(std::size_t row, const Referral& lead) {
  if (row >= size()) {  // rows skipped over stay empty until updated
    skipped_ += row - size();
    grow_to(row + 1);
  } else if (!folded_[row]) {
    --skipped_;
  }
  fold_row(row, lead);
  forget_orders();
}

void LeadIndex::forget_orders() {
  for (std::optional<ColumnOrder>& order : orders_) order.reset();
}

namespace {
const std::string kNoText;
}
std::string_view LeadIndex::folded(std::size_t row) const {
  return row < size() ? texts_.view(search_[row]) : "";
}
const std::string& LeadIndex::folded_customer(std::size_t row) const {
  return row < size() ? sort_texts_[row].customer : kNoText;
}
const std::string& LeadIndex::folded_deal_name(std::size_t row) const {
  return row < size() ? sort_texts_[row].deal_name : kNoText;
}
const std::string& LeadIndex::folded_city(std::size_t row) const {
  return row < size() ? sort_texts_[row].city : kNoText;
}
const std::string& LeadIndex::folded_sender(std::size_t row) const {
  return row < size() ? sort_texts_[row].sender : kNoText;
}

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

bool contains_every_word(std::string_view folded, const std::vector<std::string>& words) {
  for (const std::string& word : words)
    if (!folded_contains(folded, word)) return false;
  return true;
}

// The words of a search, folded, and the rows that may hold them all: most rows are ruled out, and often the
// rest are known to match, without reading any text.
struct SearchWords {
  std::vector<std::string> words;
  GramIndex::Candidates candidates;
  SearchWords(const std::string& search, const LeadIndex& index)
      : words(search_words(search)),
        candidates(words.empty() ? GramIndex::Candidates{} : index.grams().candidates(words)) {}
  bool found_in(const LeadIndex& index, std::size_t row) const {
    if (words.empty()) return true;
    return candidates.has(row) && (candidates.exact || contains_every_word(index.folded(row), words));
  }
};

bool tab_holds(Tab lead_tab, const std::string& id, ListTab tab, const std::unordered_set<std::string>& favorites) {
  switch (tab) {
    case ListTab::Marketplace: return lead_tab == Tab::Marketplace;
    case ListTab::Qualified: return lead_tab == Tab::Qualified;
    case ListTab::Favorites: return lead_tab != Tab::None && favorites.count(id) > 0;
  }
  return false;
}

// `filter.city` and `filter.sender` must already be folded.
bool matches_folded_filter(const Referral& lead, const LeadFilter& filter, const std::string& folded_city,
                           const std::string& folded_sender, TimeMs now) {
  if (!filter.kinds.empty() &&
      std::find(filter.kinds.begin(), filter.kinds.end(), lead_kind(lead)) == filter.kinds.end())
    return false;
  if (filter.stage && stage_of(lead) != *filter.stage) return false;
  if (filter.outcome && outcome_of(lead) != *filter.outcome) return false;
  if (!filter.country.empty() && !equals_ignoring_ascii_case(lead.customer_profile.address.country, filter.country))
    return false;
  if (!filter.city.empty() && folded_city != filter.city) return false;
  if (filter.flame && flame_state(lead, now) != *filter.flame) return false;
  if (filter.expiring_within_days) {
    const TimeMs left = time_left_to_answer(lead, now);
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

// [SECTION] sort ---------------------------------------------------------------------------------

namespace {

// One row's sort key: a number or a folded text, or missing (always sorted last). The first bytes of the text and
// of the id (the tie-break) sit in the key itself, so most comparisons never reach the strings in memory.
struct SortKey {
  std::uint32_t row = 0;
  bool missing = false;
  double number = 0;
  const std::string* text = nullptr;
  std::uint64_t text_head = 0, id_head = 0;
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

bool offers_outcome(const LeadFilter& filter) {
  return filter.stage == Stage::Archived;
}

bool offers_expiry(const LeadFilter& filter) {
  return !filter.stage || filter.stage == Stage::Received;
}

void set_stage(LeadFilter& filter, std::optional<Stage> stage) {
  filter.stage = stage;
  if (!offers_outcome(filter)) filter.outcome.reset();
  if (!offers_expiry(filter)) filter.expiring_within_days.reset();
}

bool in_list_tab(const Referral& lead, ListTab tab, const std::unordered_set<std::string>& favorites) {
  return tab_holds(tab_of(lead), lead.id, tab, favorites);
}

namespace {

// What one column sorts a lead by: a number, or a folded text from the index (an empty text counts as missing).
struct SortValue {
  bool missing = false;
  double number = 0;
  const std::string* text = nullptr;
};
SortValue by_text(const std::string& text) {
  return SortValue{false, 0, &text};
}
SortValue by_number(double number) {
  return SortValue{false, number, nullptr};
}
SortValue by_time(TimeMs time, bool missing) {
  return SortValue{missing, static_cast<double>(time), nullptr};
}

SortValue customer_key(const Referral&, const LeadIndex& index, std::uint32_t row) {
  return by_text(index.folded_customer(row));
}
SortValue deal_name_key(const Referral&, const LeadIndex& index, std::uint32_t row) {
  return by_text(index.folded_deal_name(row));
}
SortValue kind_key(const Referral& lead, const LeadIndex&, std::uint32_t) {
  return by_number(static_cast<double>(lead_kind(lead)));
}
SortValue stage_key(const Referral& lead, const LeadIndex&, std::uint32_t) {
  return by_number(stage_rank(lead));
}
SortValue received_key(const Referral& lead, const LeadIndex&, std::uint32_t) {
  return by_time(lead.created_date_time.value_or(0), !lead.created_date_time);
}
// The deadline orders leads as their time left does, at any moment: the order need not be rebuilt as time passes.
SortValue time_left_key(const Referral& lead, const LeadIndex&, std::uint32_t) {
  const TimeMs deadline = answer_deadline(lead);
  return by_time(deadline, deadline == kNoExpiry);
}
SortValue value_key(const Referral& lead, const LeadIndex&, std::uint32_t) {
  return SortValue{!lead.details.deal_value, lead.details.deal_value.value_or(0), nullptr};
}
SortValue city_key(const Referral&, const LeadIndex& index, std::uint32_t row) {
  return by_text(index.folded_city(row));
}

// One row per SortColumn, in its order (checked below); the column table in app/lead_columns names these.
struct SortKeyColumn {
  SortColumn column;
  SortValue (*value)(const Referral& lead, const LeadIndex& index, std::uint32_t row);
};
constexpr SortKeyColumn kSortKeys[] = {
    {SortColumn::Customer, customer_key}, {SortColumn::DealName, deal_name_key}, {SortColumn::Kind, kind_key},
    {SortColumn::Stage, stage_key},       {SortColumn::Received, received_key},  {SortColumn::TimeLeft, time_left_key},
    {SortColumn::Value, value_key},       {SortColumn::City, city_key},
};

constexpr bool rows_follow_enum_order() {
  for (std::size_t i = 0; i < std::size(kSortKeys); ++i)
    if (static_cast<std::size_t>(kSortKeys[i].column) != i) return false;
  return true;
}
static_assert(rows_follow_enum_order(), "kSortKeys holds one row per SortColumn, in the enum's order");

SortKey sort_key(const Referral& lead, const LeadIndex& index, std::uint32_t row, SortColumn column) {
  const SortValue value = kSortKeys[static_cast<std::size_t>(column)].value(lead, index, row);
  SortKey key;
  key.row = row;
  key.missing = value.missing || (value.text && value.text->empty());
  key.number = value.number;
  key.text = value.text;
  if (key.text) key.text_head = string_head(*key.text);
  key.id_head = index.id_head(row);
  return key;
}

// Two present values, ascending.
int compare_values(const SortKey& a, const SortKey& b) {
  return a.text ? compare_strings(a.text_head, *a.text, b.text_head, *b.text)
                : (a.number < b.number ? -1 : (b.number < a.number ? 1 : 0));
}

}  // namespace

std::size_t sort_column_count() {
  return std::size(kSortKeys);
}

const LeadIndex::ColumnOrder& LeadIndex::order_by(SortColumn column, const std::vector<Referral>& leads) const {
  orders_.resize(sort_column_count());  // a new or rebuilt index holds no order yet
  std::optional<ColumnOrder>& cached = orders_[static_cast<std::size_t>(column)];
  if (cached && cached->rows.size() == leads.size()) return *cached;
  std::vector<SortKey> keys;
  keys.reserve(leads.size());
  for (std::uint32_t row = 0; row < leads.size(); ++row) keys.push_back(sort_key(leads[row], *this, row, column));
  std::sort(keys.begin(), keys.end(), [&](const SortKey& a, const SortKey& b) {
    if (a.missing != b.missing) return b.missing;
    if (!a.missing)
      if (const int cmp = compare_values(a, b)) return cmp < 0;
    const int by_id = compare_strings(a.id_head, leads[a.row].id, b.id_head, leads[b.row].id);
    if (by_id != 0) return by_id < 0;
    return a.row < b.row;
  });
  ColumnOrder order;
  order.rows.reserve(keys.size());
  order.missing_from = keys.size();
  for (std::size_t i = 0; i < keys.size(); ++i) {
    order.rows.push_back(keys[i].row);
    if (keys[i].missing) {
      if (order.missing_from == keys.size()) order.missing_from = i;
    } else if (i == 0 || compare_values(keys[i - 1], keys[i]) != 0) {
      order.run_starts.push_back(static_cast<std::uint32_t>(i));
    }
  }
  cached = std::move(order);
  return *cached;
}

std::vector<std::uint32_t> run_query(const std::vector<Referral>& leads, const LeadIndex& index, const LeadQuery& query,
                                     const std::unordered_set<std::string>& favorites, TimeMs now) {
  if (!index.covers_all(leads.size())) {  // a stale index: fold every lead here rather than skip any
    LeadIndex full;
    full.rebuild(leads);
    return run_query(leads, full, query, favorites, now);
  }
  const SearchWords words(query.search, index);
  // Folded copies of the filter's texts once, not per lead.
  LeadFilter filter = query.filter;
  filter.city = fold_for_search(filter.city);
  filter.sender = fold_for_search(filter.sender);
  const bool filtering = is_active(filter);

  std::vector<std::uint32_t> rows;
  const auto take = [&](std::uint32_t row) {
    const Referral& lead = leads[row];
    if (!tab_holds(index.tab(row), lead.id, query.tab, favorites)) return;
    if (filtering && !matches_folded_filter(lead, filter, index.folded_city(row), index.folded_sender(row), now))
      return;
    if (words.found_in(index, row)) rows.push_back(row);
  };
  // The column's order is kept across queries: a query walks it and keeps the rows that match, no sort.
  const LeadIndex::ColumnOrder& order = index.order_by(query.sort, leads);
  if (!query.descending) {
    for (std::uint32_t row : order.rows) take(row);
    return rows;
  }
  // Descending: the runs of equal values in reverse, each run still in id order; missing values stay last.
  for (std::size_t run = order.run_starts.size(); run-- > 0;) {
    const std::size_t end = run + 1 < order.run_starts.size() ? order.run_starts[run + 1] : order.missing_from;
    for (std::size_t i = order.run_starts[run]; i < end; ++i) take(order.rows[i]);
  }
  for (std::size_t i = order.missing_from; i < order.rows.size(); ++i) take(order.rows[i]);
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
  const SearchWords words(search, index);
  std::vector<std::uint32_t> rows;
  for (std::uint32_t row : wider_rows) {
    if (row >= leads.size()) continue;
    const bool match = index.covers(row) ? words.found_in(index, row)
                                         : contains_every_word(fold_for_search(search_text(leads[row])), words.words);
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
