// The lead table's queries over the in-memory set: tab, filters, search, sort, and the counts beside the tabs.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "domain/classification.h"
#include "domain/clocks.h"
#include "domain/gram_index.h"
#include "domain/list_store.h"
#include "domain/referral.h"
#include "domain/text_arena.h"

namespace leads {

// The columns the list sorts by: each has one sort key (kSortKeys in lead_query.cpp) and one cached order.
enum class SortColumn { Customer, DealName, Kind, Stage, Received, TimeLeft, Value, City };
std::size_t sort_column_count();  // the sort keys' table's length

// Every part left empty (or nullopt) lets every lead through.
struct LeadFilter {
  std::vector<LeadKind> kinds;  // any of these
  std::optional<Stage> stage;
  std::optional<Outcome> outcome;
  std::string country;  // ISO code, compared ignoring ASCII case
  std::string city;     // folded equality: "istanbul" selects "İstanbul"
  std::optional<FlameState> flame;
  std::optional<int> expiring_within_days;     // Received leads whose expiry is now..now+days
  std::optional<double> min_value, max_value;  // leads without a deal value are left out when either is set
  std::string sender;                          // invitedBy organizationName, folded contains
};

enum class ListTab { Marketplace, Qualified, Favorites };

struct LeadQuery {
  ListTab tab = ListTab::Marketplace;
  LeadFilter filter;
  std::string search;  // words separated by spaces; a lead matches when it contains every word (folded)
  SortColumn sort = SortColumn::Received;
  bool descending = true;
};

// What a keystroke must not recompute for 100,000 leads: which rows hold which bytes (the store keeps the folded
// search texts), folded sender names in an arena, each row's tab and id head, and cached per-column orders.
class LeadIndex {
 public:
  // `kept`: the search bitmaps of exactly these rows (read back with a snapshot), taken instead of folding them.
  void rebuild(const ListStore& leads, GramIndex* kept = nullptr);
  // Refolds one row after it changed; `row == size()` appends.
  void update(std::size_t row, const ListStore& leads);
  std::size_t size() const { return folded_.size(); }
  // The sender's name folded (the customer, deal name and city are read folded from the store: folded_field).
  std::string_view folded_sender(std::size_t row) const;
  // What every scan reads, each in an array of its own so a scan of 100,000 rows reads little memory, in order.
  Tab tab(std::size_t row) const { return row < tabs_.size() ? tabs_[row] : Tab::None; }
  // Which rows' search texts hold which bytes and byte pairs: a search reads few texts, or none.
  const GramIndex& grams() const { return grams_; }
  // The id's first bytes: the sort's tie-break without reading the id.
  std::uint64_t id_head(std::size_t row) const { return row < id_heads_.size() ? id_heads_[row] : 0; }
  bool covers(std::size_t row) const { return row < folded_.size() && folded_[row]; }
  bool covers_all(std::size_t lead_count) const { return folded_.size() == lead_count && skipped_ == 0; }
  std::size_t heap_bytes() const;

  // Every row sorted by one column ascending (missing values last, ties by id), and where each run of equal values
  // starts, so a descending walk can reverse the runs and keep ties in id order. Built on first use after the
  // index changed; `leads` must be the store the index was built from.
  struct ColumnOrder {
    std::vector<std::uint32_t> rows;
    // By position in rows, whether a run of equal values starts there; runs end where the next starts or at
    // missing_from. A bit per position: a position each (4 bytes) was ~400 KB per column of distinct values at 100,000.
    std::vector<bool> run_starts;
    std::size_t missing_from = 0;
    // Rows updated or added since it was sorted: merged in where they now belong when it is next asked for (a
    // poll's few changes cost a pass over the order, not a sort of every lead).
    std::vector<std::uint32_t> changed;
  };
  const ColumnOrder& order_by(SortColumn column, const ListStore& leads) const;

 private:
  void grow_to(std::size_t rows);
  void fold_row(std::size_t row, const LeadRow& lead, bool grams = true);
  void forget_orders();
  void note_changed(std::size_t row);
  std::vector<TextArena::Span> senders_;  // in texts_
  GramIndex grams_;
  std::vector<std::uint64_t> id_heads_;
  std::vector<Tab> tabs_;
  std::vector<bool> folded_;                                // false for rows skipped over by update()
  TextArena texts_;                                         // folded sender names
  std::optional<std::string> last_sender_;                  // the sender name folded last, as sent
  TextArena::Span last_sender_span_;                        // and where its folded text is
  std::size_t skipped_ = 0;                                 // rows update() skipped over and has not folded since
  mutable std::vector<std::optional<ColumnOrder>> orders_;  // by SortColumn, as many as sort keys
};

// Row indices into `leads` that match, sorted by the query's column (missing values last in both directions),
// ties by id ascending so the order is stable. Favorites = any in-scope lead whose id is in `favorites`.
// A stale index (rows it does not cover) is rebuilt for the query rather than rows skipped.
std::vector<std::uint32_t> run_query(const ListStore& leads, const LeadIndex& index, const LeadQuery& query,
                                     const std::unordered_set<std::string>& favorites, TimeMs now);

// Whether `query` only narrows `wider`: same tab, filter and sort, and a search that extends the wider one (more
// letters or more words). Every lead `query` matches then matches `wider`, in the same order, so its rows are
// `wider`'s rows filtered again: a keystroke that extends the search need not scan and sort every lead again.
bool narrows(const LeadQuery& query, const LeadQuery& wider);

// The rows of a query that `query` narrows, kept in their order when they match `query`'s search.
std::vector<std::uint32_t> narrow_rows(const std::vector<std::uint32_t>& wider_rows, const ListStore& leads,
                                       const LeadIndex& index, const std::string& search);

bool operator==(const LeadFilter& a, const LeadFilter& b);
inline bool operator!=(const LeadFilter& a, const LeadFilter& b) {
  return !(a == b);
}

// Whether a lead belongs to a list tab (Favorites: any in-scope lead the user hearted).
bool in_list_tab(const Referral& lead, ListTab tab, const std::unordered_set<std::string>& favorites);
bool in_list_tab(const LeadRow& lead, ListTab tab, const std::unordered_set<std::string>& favorites);

// Whether any part of the filter is set (an empty filter lets every lead through).
bool is_active(const LeadFilter& filter);

// The parts of a filter that apply with its stage: the outcome only to Archived leads, the time left to answer only
// while Received leads can be listed. A part that does not apply is not offered, and must not narrow the list.
bool offers_outcome(const LeadFilter& filter);
bool offers_expiry(const LeadFilter& filter);
// Sets the stage and drops the parts that no longer apply.
void set_stage(LeadFilter& filter, std::optional<Stage> stage);

struct StageCounts {
  int received = 0, accepted = 0, archived = 0;
  int won = 0, lost = 0, declined = 0, expired = 0;  // parts of archived (an Error outcome is in archived only)
  int unknown = 0;                                   // a status the workspace cannot place
  int total() const { return received + accepted + archived + unknown; }
};
struct TabCounts {
  StageCounts marketplace, qualified, favorites;
};
TabCounts count_leads(const ListStore& leads, const std::unordered_set<std::string>& favorites);

// Rows of `leads` whose id is in `favorites` (one look-up per favorite, not one set look-up per row).
std::vector<bool> favorite_rows(const ListStore& leads, const std::unordered_set<std::string>& favorites);

}  // namespace leads
