// The lead table's queries: a folded index built once, then filter, search and sort per keystroke.
//
// [SECTION] index
// [SECTION] filter and search
// [SECTION] sort
// [SECTION] counts
#include "domain/lead_query.h"

#include <algorithm>
#include <cstring>
#include <iterator>

#include "domain/lead_display.h"
#include "domain/text_fold.h"

namespace leads {

// [SECTION] index --------------------------------------------------------------------------------

namespace {
// The first eight bytes of a string as a big-endian number: comparing two heads orders two strings as
// std::string::compare does, unless the heads are equal (then the whole strings decide).
std::uint64_t string_head(std::string_view text) {
  std::uint64_t head = 0;
  for (std::size_t i = 0; i < 8; ++i) head = head << 8 | (i < text.size() ? static_cast<unsigned char>(text[i]) : 0u);
  return head;
}

int compare_strings(std::uint64_t head_a, std::string_view a, std::uint64_t head_b, std::string_view b) {
  if (head_a != head_b) return head_a < head_b ? -1 : 1;
  const int raw = a.compare(b);
  return raw < 0 ? -1 : (raw > 0 ? 1 : 0);
}
}  // namespace

void LeadIndex::grow_to(std::size_t rows) {
  senders_.resize(rows);
  id_heads_.resize(rows);
  tabs_.resize(rows, Tab::None);
  folded_.resize(rows, false);
}

void LeadIndex::fold_row(std::size_t row, const LeadRow& lead, bool grams) {
  if (grams) grams_.set_row(row, lead.search_text());
  // Most leads share a sender (Microsoft): the same name is folded and kept once. An update leaves the old text
  // behind until the index is rebuilt.
  if (!last_sender_ || lead.sender_name() != *last_sender_) {
    last_sender_ = std::string(lead.sender_name());
    last_sender_span_ = texts_.add(fold_for_search(*last_sender_));
  }
  senders_[row] = last_sender_span_;
  std::array<char, 36> id_buffer;
  id_heads_[row] = string_head(lead.id_text(id_buffer));
  tabs_[row] = tab_of(lead.facts());
  folded_[row] = true;
}

void LeadIndex::rebuild(const ListStore& leads, GramIndex* kept) {
  *this = LeadIndex();
  const bool grams_kept = kept && kept->rows() == leads.size();
  if (grams_kept) grams_ = std::move(*kept);
  grow_to(leads.size());
  for (std::uint32_t row = 0; row < leads.size(); ++row) fold_row(row, leads.row(row), !grams_kept);
}

void LeadIndex::update(std::size_t row, const ListStore& leads) {
  if (row >= size()) {  // rows skipped over stay empty until updated
    skipped_ += row - size();
    // Room for as many rows as the store has room for (a load reserves it from the service's count): grown by
    // doubling, the arrays would hold up to twice the rows, and old and new copies at once, in a heap that never
    // shrinks.
    if (leads.capacity() > row && leads.capacity() > senders_.capacity()) {
      senders_.reserve(leads.capacity());
      id_heads_.reserve(leads.capacity());
      tabs_.reserve(leads.capacity());
      folded_.reserve(leads.capacity());
    }
    grow_to(row + 1);
  } else if (!folded_[row]) {
    --skipped_;
  }
  fold_row(row, leads.row(static_cast<std::uint32_t>(row)));
  note_changed(row);
}

void LeadIndex::forget_orders() {
  for (std::optional<ColumnOrder>& order : orders_) order.reset();
}

void LeadIndex::note_changed(std::size_t row) {
  for (std::optional<ColumnOrder>& order : orders_) {
    if (!order) continue;
    // Past an eighth of the leads, merging is no cheaper than sorting again.
    if (skipped_ > 0 || order->changed.size() >= order->rows.size() / 8 + 16) {
      order.reset();
      continue;
    }
    order->changed.push_back(static_cast<std::uint32_t>(row));
  }
}

std::string_view LeadIndex::folded_sender(std::size_t row) const {
  return row < size() ? texts_.view(senders_[row]) : std::string_view();
}

std::size_t LeadIndex::heap_bytes() const {
  std::size_t bytes = senders_.capacity() * sizeof(TextArena::Span) + id_heads_.capacity() * 8 +
                      tabs_.capacity() * sizeof(Tab) + folded_.capacity() / 8 + texts_.heap_bytes() +
                      grams_.heap_bytes();
  for (const std::optional<ColumnOrder>& order : orders_)
    if (order) bytes += order->rows.capacity() * sizeof(std::uint32_t) + order->run_starts.capacity() / 8;
  return bytes;
}

// [SECTION] filter and search --------------------------------------------------------------------

namespace {

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
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
  bool found_in(const LeadRow& lead) const {
    if (words.empty()) return true;
    return candidates.has(lead.row()) && (candidates.exact || contains_every_word(lead.search_text(), words));
  }
};

bool tab_holds(Tab lead_tab, bool favorite, ListTab tab) {
  switch (tab) {
    case ListTab::Marketplace: return lead_tab == Tab::Marketplace;
    case ListTab::Qualified: return lead_tab == Tab::Qualified;
    case ListTab::Favorites: return lead_tab != Tab::None && favorite;
  }
  return false;
}

// `filter.city` and `filter.sender` must already be folded.
bool matches_folded_filter(const LeadRow& row, const LeadFilter& filter, std::string_view folded_city,
                           std::string_view folded_sender, TimeMs now) {
  const LeadFacts& lead = row.facts();
  if (!filter.kinds.empty() &&
      std::find(filter.kinds.begin(), filter.kinds.end(), lead_kind(lead)) == filter.kinds.end())
    return false;
  if (filter.stage && stage_of(lead) != *filter.stage) return false;
  if (filter.outcome && outcome_of(lead) != *filter.outcome) return false;
  if (!filter.country.empty() && !equals_ignoring_ascii_case(row.country(), filter.country)) return false;
  if (!filter.city.empty() && folded_city != filter.city) return false;
  if (filter.flame && flame_state(lead, now) != *filter.flame) return false;
  if (filter.expiring_within_days) {
    const TimeMs left = time_left_to_answer(lead, now);
    if (left == kNoExpiry || left < 0 || left > static_cast<TimeMs>(*filter.expiring_within_days) * kDayMs)
      return false;
  }
  if (filter.min_value || filter.max_value) {
    if (!lead.has_value) return false;
    if (filter.min_value && lead.value < *filter.min_value) return false;
    if (filter.max_value && lead.value > *filter.max_value) return false;
  }
  if (!filter.sender.empty() && !folded_contains(folded_sender, filter.sender)) return false;
  return true;
}

}  // namespace

// [SECTION] sort ---------------------------------------------------------------------------------

namespace {

// One row's sort key: a number or a folded text, or missing (always sorted last). The first bytes of the text and
// of the id (the tie-break) sit in the key itself, so most comparisons never reach the strings in memory; a number
// is kept as bits that compare in its order. 32 bytes in wasm: a sort of 100,000 rows holds 100,000 keys at once,
// and they set the heap's high-water at the end of a load (48 bytes each when the number had a field of its own).
struct SortKey {
  std::uint64_t head = 0;  // the text's first bytes, or the number's ordered bits
  std::uint64_t id_head = 0;
  std::string_view text;
  std::uint32_t row = 0;
  bool missing = false;
  bool by_text = false;
};

// A number's bits in an order unsigned comparison keeps: negative numbers below positive ones, -0 with +0.
std::uint64_t ordered_bits(double number) {
  if (number == 0) number = 0;
  std::uint64_t bits = 0;
  std::memcpy(&bits, &number, sizeof bits);
  return bits >> 63 ? ~bits : bits | std::uint64_t{1} << 63;
}

int stage_rank(const LeadFacts& lead) {
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
  return tab_holds(tab_of(lead), favorites.count(lead.id) > 0, tab);
}
bool in_list_tab(const LeadRow& lead, ListTab tab, const std::unordered_set<std::string>& favorites) {
  return tab_holds(tab_of(lead.facts()), tab == ListTab::Favorites && favorites.count(lead.id()) > 0, tab);
}

std::vector<bool> favorite_rows(const ListStore& leads, const std::unordered_set<std::string>& favorites) {
  std::vector<bool> rows(leads.size(), false);
  for (const std::string& id : favorites)
    if (const auto row = leads.find(id)) rows[*row] = true;
  return rows;
}

namespace {

// What one column sorts a lead by: a number, or a folded text from the index (an empty text counts as missing).
struct SortValue {
  bool missing = false;
  double number = 0;
  std::string_view text;
  bool by_text = false;
};
SortValue by_text(std::string_view text) {
  return SortValue{false, 0, text, true};
}
SortValue by_number(double number) {
  return SortValue{false, number, {}, false};
}
SortValue by_time(TimeMs time, bool missing) {
  return SortValue{missing, static_cast<double>(time), {}, false};
}

SortValue customer_key(const LeadRow& lead) {
  return by_text(folded_field(lead, SearchField::Customer));
}
SortValue deal_name_key(const LeadRow& lead) {
  return by_text(folded_field(lead, SearchField::DealName));
}
SortValue kind_key(const LeadRow& lead) {
  return by_number(static_cast<double>(lead_kind(lead.facts())));
}
SortValue stage_key(const LeadRow& lead) {
  return by_number(stage_rank(lead.facts()));
}
SortValue received_key(const LeadRow& lead) {
  const TimeMs created = lead.facts().created;
  return by_time(created == kNoTime ? 0 : created, created == kNoTime);
}
// The deadline orders leads as their time left does, at any moment: the order need not be rebuilt as time passes.
SortValue time_left_key(const LeadRow& lead) {
  const TimeMs deadline = answer_deadline(lead.facts());
  return by_time(deadline, deadline == kNoExpiry);
}
SortValue value_key(const LeadRow& lead) {
  const LeadFacts& facts = lead.facts();
  return SortValue{!facts.has_value, facts.has_value ? facts.value : 0, {}, false};
}
SortValue city_key(const LeadRow& lead) {
  return by_text(folded_field(lead, SearchField::City));
}

// One row per SortColumn, in its order (checked below); the column table in app/lead_columns names these.
struct SortKeyColumn {
  SortColumn column;
  SortValue (*value)(const LeadRow& lead);
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

SortKey sort_key(const LeadRow& lead, const LeadIndex& index, SortColumn column) {
  const SortValue value = kSortKeys[static_cast<std::size_t>(column)].value(lead);
  SortKey key;
  key.row = lead.row();
  key.missing = value.missing || (value.by_text && value.text.empty());
  key.text = value.text;
  key.by_text = value.by_text;
  key.head = key.by_text ? string_head(key.text) : ordered_bits(value.number);
  key.id_head = index.id_head(lead.row());
  return key;
}

// Two present values, ascending.
int compare_values(const SortKey& a, const SortKey& b) {
  return a.by_text ? compare_strings(a.head, a.text, b.head, b.text)
                   : (a.head < b.head ? -1 : (b.head < a.head ? 1 : 0));
}

}  // namespace

std::size_t sort_column_count() {
  return std::size(kSortKeys);
}

namespace {
// The order every column sorts by: present values ascending, missing ones last, ties by id.
struct SortsBefore {
  const ListStore& leads;
  bool operator()(const SortKey& a, const SortKey& b) const {
    if (a.row == b.row) return false;  // a sort compares its pivot with itself
    if (a.missing != b.missing) return b.missing;
    if (!a.missing)
      if (const int cmp = compare_values(a, b)) return cmp < 0;
    if (a.id_head != b.id_head) return a.id_head < b.id_head;
    std::array<char, 36> id_a, id_b;  // rare: the first eight bytes tie
    const int by_id = leads.row(a.row).id_text(id_a).compare(leads.row(b.row).id_text(id_b));
    if (by_id != 0) return by_id < 0;
    return a.row < b.row;
  }
};

// Appends the next key of a column's order, noting where a run of equal values or the missing ones begin.
struct OrderBuilder {
  LeadIndex::ColumnOrder order;
  std::optional<SortKey> last;
  bool missing_seen = false;
  explicit OrderBuilder(std::size_t rows) {
    order.rows.reserve(rows);
    order.run_starts.reserve(rows);
  }
  void add(const SortKey& key) {
    const std::size_t at = order.rows.size();
    order.rows.push_back(key.row);
    if (key.missing && !missing_seen) order.missing_from = at;
    missing_seen = missing_seen || key.missing;
    order.run_starts.push_back(!key.missing && (!last || compare_values(*last, key) != 0));
    last = key;
  }
  LeadIndex::ColumnOrder done() {
    if (!missing_seen) order.missing_from = order.rows.size();
    return std::move(order);
  }
};
}  // namespace

const LeadIndex::ColumnOrder& LeadIndex::order_by(SortColumn column, const ListStore& leads) const {
  orders_.resize(sort_column_count());  // a new or rebuilt index holds no order yet
  std::optional<ColumnOrder>& cached = orders_[static_cast<std::size_t>(column)];
  const SortsBefore before{leads};
  if (cached && !cached->changed.empty()) {
    // The changed rows leave their old places and are merged back in where their new values sort them.
    std::vector<bool> changed(leads.size(), false);
    std::vector<SortKey> moved;
    for (std::uint32_t row : cached->changed)
      if (row < leads.size() && !changed[row]) {
        changed[row] = true;
        moved.push_back(sort_key(leads.row(row), *this, column));
      }
    std::sort(moved.begin(), moved.end(), before);
    OrderBuilder merged(leads.size());
    auto next = moved.begin();
    bool whole = true;
    for (std::uint32_t row : cached->rows) {
      if (row >= leads.size()) {
        whole = false;
        break;
      }
      if (changed[row]) continue;
      const SortKey key = sort_key(leads.row(row), *this, column);
      for (; next != moved.end() && before(*next, key); ++next) merged.add(*next);
      merged.add(key);
    }
    for (; next != moved.end(); ++next) merged.add(*next);
    if (whole && merged.order.rows.size() == leads.size())
      cached = merged.done();
    else
      cached.reset();  // rows it never knew of (skipped, or a store it was not built from): sorted afresh
  }
  if (cached && cached->rows.size() == leads.size()) return *cached;
  std::vector<SortKey> keys;
  keys.reserve(leads.size());
  for (std::uint32_t row = 0; row < leads.size(); ++row) keys.push_back(sort_key(leads.row(row), *this, column));
  std::sort(keys.begin(), keys.end(), before);
  OrderBuilder built(keys.size());
  for (const SortKey& key : keys) built.add(key);
  cached = built.done();
  return *cached;
}

std::vector<std::uint32_t> run_query(const ListStore& leads, const LeadIndex& index, const LeadQuery& query,
                                     const std::unordered_set<std::string>& favorites, TimeMs now) {
  if (!index.covers_all(leads.size())) {  // a stale index: fold every lead here rather than skip any
    LeadIndex full;
    full.rebuild(leads);
    return run_query(leads, full, query, favorites, now);
  }
  const SearchWords words(query.search, index);
  const std::vector<bool> favorite =
      query.tab == ListTab::Favorites ? favorite_rows(leads, favorites) : std::vector<bool>();
  // Folded copies of the filter's texts once, not per lead.
  LeadFilter filter = query.filter;
  filter.city = fold_for_search(filter.city);
  filter.sender = fold_for_search(filter.sender);
  const bool filtering = is_active(filter);

  std::vector<std::uint32_t> rows;
  const auto take = [&](std::uint32_t row) {
    if (!tab_holds(index.tab(row), !favorite.empty() && favorite[row], query.tab)) return;
    const LeadRow lead = leads.row(row);
    if (filtering &&
        !matches_folded_filter(lead, filter, folded_field(lead, SearchField::City), index.folded_sender(row), now))
      return;
    if (words.found_in(lead)) rows.push_back(row);
  };
  // The column's order is kept across queries: a query walks it and keeps the rows that match, no sort.
  const LeadIndex::ColumnOrder& order = index.order_by(query.sort, leads);
  if (!query.descending) {
    for (std::uint32_t row : order.rows) take(row);
    return rows;
  }
  // Descending: the runs of equal values in reverse, each run still in id order; missing values stay last.
  for (std::size_t end = order.missing_from; end > 0;) {
    std::size_t start = end - 1;
    while (start > 0 && !order.run_starts[start]) --start;
    for (std::size_t i = start; i < end; ++i) take(order.rows[i]);
    end = start;
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

std::vector<std::uint32_t> narrow_rows(const std::vector<std::uint32_t>& wider_rows, const ListStore& leads,
                                       const LeadIndex& index, const std::string& search) {
  const SearchWords words(search, index);
  std::vector<std::uint32_t> rows;
  for (std::uint32_t row : wider_rows) {
    if (row >= leads.size()) continue;
    const LeadRow lead = leads.row(row);
    const bool match = index.covers(row) ? words.found_in(lead) : contains_every_word(lead.search_text(), words.words);
    if (match) rows.push_back(row);
  }
  return rows;
}

// [SECTION] counts -------------------------------------------------------------------------------

namespace {
void count_one(StageCounts& counts, const LeadFacts& lead) {
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

TabCounts count_leads(const ListStore& leads, const std::unordered_set<std::string>& favorites) {
  TabCounts counts;
  const std::vector<bool> favorite = favorite_rows(leads, favorites);
  for (std::uint32_t row = 0; row < leads.size(); ++row) {
    const LeadFacts& lead = leads.row(row).facts();
    const Tab tab = tab_of(lead);
    if (tab == Tab::None) continue;
    count_one(tab == Tab::Marketplace ? counts.marketplace : counts.qualified, lead);
    if (favorite[row]) count_one(counts.favorites, lead);
  }
  return counts;
}

}  // namespace leads
