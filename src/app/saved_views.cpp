// Saved views and the remembered layout: names, equality, and the versioned JSON record they are kept in.
//
// [SECTION] names
// [SECTION] equality
// [SECTION] encoding
// [SECTION] decoding
#include "app/saved_views.h"

#include "app/lead_columns.h"
#include "app/route.h"
#include "domain/referral.h"
#include "domain/referral_json.h"
#include "domain/text_fold.h"
#include "domain/utf8.h"

namespace leads {

// [SECTION] names --------------------------------------------------------------------------------

namespace {
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
}  // namespace

std::string trimmed_view_name(std::string_view name) {
  std::string out;
  bool pending_space = false;
  for (char c : name) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

std::string view_name_problem(const std::vector<SavedView>& views, std::string_view name,
                              std::optional<std::size_t> renaming) {
  const std::string trimmed = trimmed_view_name(name);
  if (trimmed.empty()) return "views.name_empty";
  if (text_length(trimmed) > kMaxViewNameLength) return "views.name_too_long";
  const std::string folded = fold_for_search(trimmed);
  for (std::size_t i = 0; i < views.size(); ++i)
    if (i != renaming && fold_for_search(views[i].name) == folded) return "views.name_taken";
  if (!renaming && views.size() >= kMaxSavedViews) return "views.too_many";
  return {};
}

// [SECTION] equality -----------------------------------------------------------------------------

bool same_query(const LeadQuery& a, const LeadQuery& b) {
  return a.tab == b.tab && a.filter == b.filter && a.search == b.search && a.sort == b.sort &&
         a.descending == b.descending;
}

bool RememberedLayout::operator==(const RememberedLayout& other) const {
  if (tab != other.tab || columns != other.columns) return false;
  for (std::size_t i = 0; i < queries.size(); ++i)
    if (!same_query(queries[i], other.queries[i])) return false;
  return true;
}

// [SECTION] encoding -----------------------------------------------------------------------------

namespace {

// Stable names in the record, whatever the enums' order becomes.
const char* const kKindNames[] = {"customer_inquiry", "marketing_qualified", "sales_qualified", "out_of_scope"};
const char* const kStageNames[] = {"received", "accepted", "archived", "unknown"};
const char* const kOutcomeNames[] = {"none", "won", "lost", "declined", "expired", "error"};
const char* const kFlameNames[] = {"none", "contact_now", "still_wanted"};
const char* const kSortNames[] = {"customer", "deal_name", "kind", "stage", "received", "time_left", "value", "city"};
const ListTab kTabs[] = {ListTab::Marketplace, ListTab::Qualified, ListTab::Favorites};

template <std::size_t N>
std::optional<int> index_of(const char* const (&names)[N], const Json& value) {
  if (!value.is_string()) return std::nullopt;
  const std::string& text = value.get_ref<const std::string&>();
  for (std::size_t i = 0; i < N; ++i)
    if (text == names[i]) return static_cast<int>(i);
  return std::nullopt;
}

Json query_json(const LeadQuery& query) {
  const LeadFilter& f = query.filter;
  Json filter = Json::object();
  if (!f.kinds.empty()) {
    Json kinds = Json::array();
    for (LeadKind kind : f.kinds) kinds.push_back(kKindNames[static_cast<int>(kind)]);
    filter["kinds"] = kinds;
  }
  if (f.stage) filter["stage"] = kStageNames[static_cast<int>(*f.stage)];
  if (f.outcome) filter["outcome"] = kOutcomeNames[static_cast<int>(*f.outcome)];
  if (!f.country.empty()) filter["country"] = f.country;
  if (!f.city.empty()) filter["city"] = f.city;
  if (f.flame) filter["flame"] = kFlameNames[static_cast<int>(*f.flame)];
  if (f.expiring_within_days) filter["expiringWithinDays"] = *f.expiring_within_days;
  if (f.min_value) filter["minValue"] = *f.min_value;
  if (f.max_value) filter["maxValue"] = *f.max_value;
  if (!f.sender.empty()) filter["sender"] = f.sender;
  return Json{{"tab", tab_slug(query.tab)},
              {"search", query.search},
              {"sort", kSortNames[static_cast<int>(query.sort)]},
              {"descending", query.descending},
              {"filter", filter}};
}

}  // namespace

const char* sort_name(SortColumn column) {
  return kSortNames[static_cast<int>(column)];
}

std::string encode_views(const ViewsRecord& record) {
  Json queries = Json::array();
  for (const LeadQuery& query : record.layout.queries) queries.push_back(query_json(query));
  Json columns = Json::array();
  for (const ColumnSetting& column : record.layout.columns.columns)
    columns.push_back({{"id", column.id}, {"visible", column.visible}, {"width", column.width}});
  Json views = Json::array();
  for (const SavedView& view : record.views) views.push_back({{"name", view.name}, {"query", query_json(view.query)}});
  const Json json = {{"schema", kViewsSchema},
                     {"layout", {{"tab", tab_slug(record.layout.tab)}, {"queries", queries}, {"columns", columns}}},
                     {"views", views}};
  return dump_json(json);
}

// [SECTION] decoding -----------------------------------------------------------------------------

namespace {

constexpr std::size_t kMaxRecordBytes = 1 << 20;  // 50 views are a few kilobytes: more is not ours
constexpr std::size_t kMaxTextLength = 200;       // as the route bounds a search

std::optional<ListTab> tab_from(const Json& value) {
  if (!value.is_string()) return std::nullopt;
  for (ListTab tab : kTabs)
    if (value.get_ref<const std::string&>() == tab_slug(tab)) return tab;
  return std::nullopt;
}

std::string text_from(const Json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return {};
  const std::string& text = it->get_ref<const std::string&>();
  return text.size() > kMaxTextLength ? std::string() : text;
}

std::optional<double> number_from(const Json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

// A part that cannot be read is left at its default: the rest of the query still applies.
LeadQuery query_from(const Json& json, ListTab fallback_tab) {
  LeadQuery query;
  query.tab = fallback_tab;
  if (!json.is_object()) return query;
  if (const auto it = json.find("tab"); it != json.end())
    if (const auto tab = tab_from(*it)) query.tab = *tab;
  query.search = text_from(json, "search");
  if (const auto it = json.find("sort"); it != json.end())
    if (const auto sort = index_of(kSortNames, *it)) query.sort = static_cast<SortColumn>(*sort);
  if (const auto it = json.find("descending"); it != json.end() && it->is_boolean()) query.descending = it->get<bool>();
  const auto filter_it = json.find("filter");
  if (filter_it == json.end() || !filter_it->is_object()) return query;
  const Json& filter = *filter_it;
  LeadFilter& f = query.filter;
  if (const auto it = filter.find("kinds"); it != filter.end() && it->is_array())
    for (const Json& kind : *it)
      if (const auto index = index_of(kKindNames, kind)) f.kinds.push_back(static_cast<LeadKind>(*index));
  if (const auto it = filter.find("stage"); it != filter.end())
    if (const auto index = index_of(kStageNames, *it)) f.stage = static_cast<Stage>(*index);
  if (const auto it = filter.find("outcome"); it != filter.end())
    if (const auto index = index_of(kOutcomeNames, *it)) f.outcome = static_cast<Outcome>(*index);
  if (const auto it = filter.find("flame"); it != filter.end())
    if (const auto index = index_of(kFlameNames, *it)) f.flame = static_cast<FlameState>(*index);
  f.country = text_from(filter, "country");
  f.city = text_from(filter, "city");
  f.sender = text_from(filter, "sender");
  if (const auto days = number_from(filter, "expiringWithinDays"); days && *days >= 0 && *days <= 365)
    f.expiring_within_days = static_cast<int>(*days);
  f.min_value = number_from(filter, "minValue");
  f.max_value = number_from(filter, "maxValue");
  return query;
}

ColumnLayout columns_from(const Json& json) {
  ColumnLayout layout;
  if (json.is_array())
    for (const Json& column : json) {
      if (!column.is_object()) continue;
      ColumnSetting setting;
      setting.id = text_from(column, "id");
      if (const auto it = column.find("visible"); it != column.end() && it->is_boolean()) setting.visible = *it;
      setting.width = static_cast<float>(number_from(column, "width").value_or(0));
      layout.columns.push_back(std::move(setting));
    }
  return normalized(layout.columns.empty() ? default_column_layout() : layout);
}

}  // namespace

DecodedViews decode_views(std::string_view text) {
  if (text.empty()) return {std::nullopt, "none"};
  if (text.size() > kMaxRecordBytes) return {std::nullopt, "corrupt"};
  const Json json = Json::parse(text.begin(), text.end(), nullptr, false);
  if (json.is_discarded() || !json.is_object()) return {std::nullopt, "corrupt"};
  const auto schema = json.find("schema");
  if (schema == json.end() || !schema->is_number_integer()) return {std::nullopt, "corrupt"};
  if (schema->get<long long>() < kViewsSchema) return {std::nullopt, "old_schema"};
  if (schema->get<long long>() > kViewsSchema) return {std::nullopt, "newer_schema"};

  ViewsRecord record;
  record.layout.columns = default_column_layout();
  for (std::size_t i = 0; i < 3; ++i) record.layout.queries[i].tab = kTabs[i];
  if (const auto layout = json.find("layout"); layout != json.end() && layout->is_object()) {
    if (const auto it = layout->find("tab"); it != layout->end())
      if (const auto tab = tab_from(*it)) record.layout.tab = *tab;
    if (const auto it = layout->find("queries"); it != layout->end() && it->is_array())
      for (std::size_t i = 0; i < 3 && i < it->size(); ++i) {
        record.layout.queries[i] = query_from((*it)[i], kTabs[i]);
        record.layout.queries[i].tab = kTabs[i];  // each slot is its own tab's
      }
    if (const auto it = layout->find("columns"); it != layout->end()) record.layout.columns = columns_from(*it);
  }
  if (const auto views = json.find("views"); views != json.end() && views->is_array())
    for (const Json& view : *views) {
      if (!view.is_object()) continue;
      const std::string name = trimmed_view_name(text_from(view, "name"));
      // A view is kept when its name would be accepted now (not empty, not too long, not a repeat, within bound).
      if (!view_name_problem(record.views, name).empty()) continue;
      const auto query = view.find("query");
      record.views.push_back({name, query_from(query == view.end() ? Json() : *query, ListTab::Marketplace)});
    }
  return {std::move(record), ""};
}

}  // namespace leads
