// What the workspace remembers per user (tenant/user) across reloads: the open tab, each tab's filters, sort and
// search, the columns, and the user's saved views (a name for a tab + query). Kept as one versioned JSON record; a
// record that cannot be read (corrupt, another schema) is ignored, reported, and set aside before anything is
// written in its place.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/column_layout.h"
#include "domain/lead_query.h"

namespace leads {

constexpr int kViewsSchema = 1;
constexpr std::size_t kMaxViewNameLength = 60;  // in characters (code points), after trimming
constexpr std::size_t kMaxSavedViews = 50;

struct SavedView {
  std::string name;
  LeadQuery query;  // its tab is the view's tab
};

// The state the user left: what a reload brings back.
struct RememberedLayout {
  ListTab tab = ListTab::Marketplace;
  std::array<LeadQuery, 3> queries;  // by ListTab
  ColumnLayout columns;
  bool operator==(const RememberedLayout& other) const;
  bool operator!=(const RememberedLayout& other) const { return !(*this == other); }
};

struct ViewsRecord {
  RememberedLayout layout;
  std::vector<SavedView> views;
};

bool same_query(const LeadQuery& a, const LeadQuery& b);
const char* sort_name(SortColumn column);  // as the record keeps it: "customer", "received"…

std::string encode_views(const ViewsRecord& record);

struct DecodedViews {
  std::optional<ViewsRecord> record;
  // "" when read; "none" (nothing kept), "corrupt" (not our JSON), "old_schema", "newer_schema"; the store may also
  // answer "too_large" (over 1 MB, not read) or "unavailable". Parts of a readable
  // record that make no sense (an unknown column, a stage that does not exist, a view without a name) are dropped.
  std::string problem;
};
DecodedViews decode_views(std::string_view text);

// A view's name as kept: surrounding white space removed, inner runs of white space made one space.
std::string trimmed_view_name(std::string_view name);

// Why `name` cannot name a view among `views` (i18n key), or "" when it can. `renaming`: the index of the view being
// renamed (its own name does not count as taken). Names compare ignoring case and Turkish letters (text_fold.h).
std::string view_name_problem(const std::vector<SavedView>& views, std::string_view name,
                              std::optional<std::size_t> renaming = std::nullopt);

}  // namespace leads
