// Tests of the saved views' rules and record: names (trimmed, bounded, unique ignoring Turkish case), the round trip
// through the encoding, old schema and corrupt bytes ignored, and the column layout's rules (never zero columns,
// unknown ids dropped) with the CSV following the visible columns in their order.
#include "app/saved_views.h"

#include <doctest/doctest.h>

#include "app/column_layout.h"
#include "app/csv_export.h"
#include "app/lead_columns.h"
#include "app_test_support.h"

using namespace leads;
using namespace leads::test;

namespace {

LeadQuery flame_in_istanbul() {
  LeadQuery query;
  query.tab = ListTab::Qualified;
  query.filter.city = "İstanbul";
  query.filter.flame = FlameState::ContactNow;
  query.filter.kinds = {LeadKind::SalesQualified, LeadKind::MarketingQualified};
  query.filter.stage = Stage::Archived;
  query.filter.outcome = Outcome::Won;
  query.filter.min_value = 1000;
  query.filter.expiring_within_days = 3;
  query.search = "bulut göç";
  query.sort = SortColumn::Value;
  query.descending = false;
  return query;
}

ViewsRecord sample_record() {
  ViewsRecord record;
  record.layout.tab = ListTab::Qualified;
  for (int i = 0; i < 3; ++i) record.layout.queries[i].tab = static_cast<ListTab>(i);
  record.layout.queries[1] = flame_in_istanbul();
  record.layout.columns = default_column_layout();
  set_column_visible(record.layout.columns, "kind", false);
  move_column(record.layout.columns, "value", -1);
  set_column_width(record.layout.columns, "lead", 333);
  record.views = {{"Flame leads in İstanbul", flame_in_istanbul()}, {"Won this quarter", LeadQuery{}}};
  return record;
}

std::vector<std::string> names_of(const std::vector<SavedView>& views) {
  std::vector<std::string> names;
  for (const SavedView& view : views) names.push_back(view.name);
  return names;
}

}  // namespace

TEST_CASE("saved views and the layout survive the round trip through the encoding") {
  const ViewsRecord record = sample_record();
  const DecodedViews decoded = decode_views(encode_views(record));
  REQUIRE(decoded.problem == "");
  REQUIRE(decoded.record);
  CHECK(decoded.record->layout == record.layout);
  CHECK(names_of(decoded.record->views) == names_of(record.views));
  CHECK(same_query(decoded.record->views[0].query, flame_in_istanbul()));
  CHECK(encode_views(*decoded.record) == encode_views(record));
}

TEST_CASE("a view's name is trimmed, not empty, at most 60 characters, and unique ignoring Turkish case") {
  std::vector<SavedView> views = {{"İstanbul flame", LeadQuery{}}};
  CHECK(trimmed_view_name("  Won   this\tquarter ") == "Won this quarter");
  CHECK(view_name_problem(views, "   ") == "views.name_empty");
  CHECK(view_name_problem(views, std::string(61, 'a')) == "views.name_too_long");
  CHECK(view_name_problem(views, std::string(60, 'a')) == "");
  // 60 Turkish letters are 120 bytes: the bound counts characters.
  std::string sixty_turkish;
  for (int i = 0; i < 60; ++i) sixty_turkish += "ş";
  CHECK(view_name_problem(views, sixty_turkish) == "");
  CHECK(view_name_problem(views, "istanbul FLAME") == "views.name_taken");
  CHECK(view_name_problem(views, " ISTANBUL flame ") == "views.name_taken");
  CHECK(view_name_problem(views, "istanbul flame", 0) == "");  // renaming a view to its own name in other case
  CHECK(view_name_problem(views, "Ankara") == "");
}

TEST_CASE("no more than 50 saved views") {
  std::vector<SavedView> views;
  for (int i = 0; i < 50; ++i) views.push_back({"view " + std::to_string(i), LeadQuery{}});
  CHECK(view_name_problem(views, "one more") == "views.too_many");
  CHECK(view_name_problem(views, "renamed", 3) == "");  // renaming adds none
}

TEST_CASE("an old schema, a newer one and corrupt bytes are ignored with the reason") {
  CHECK(decode_views("").problem == "none");
  CHECK(decode_views("{\"schema\":0,\"views\":[{\"name\":\"x\"}]}").problem == "old_schema");
  CHECK_FALSE(decode_views("{\"schema\":0}").record);
  CHECK(decode_views("{\"schema\":2}").problem == "newer_schema");
  CHECK(decode_views("{\"views\":[]}").problem == "corrupt");
  CHECK(decode_views("not json at all").problem == "corrupt");
  CHECK(decode_views(std::string("\x00\xff\xfe{", 4)).problem == "corrupt");
  CHECK(decode_views("[1,2,3]").problem == "corrupt");
  const std::string truncated = encode_views(sample_record());
  CHECK(decode_views(truncated.substr(0, truncated.size() / 2)).problem == "corrupt");
}

TEST_CASE("parts of a readable record that make no sense are dropped, the rest is kept") {
  const std::string text = R"({"schema":1,
    "layout":{"tab":"nowhere","queries":[{"sort":"bogus","search":7,"filter":{"stage":"limbo","city":"Ankara"}}],
              "columns":[{"id":"unknown"},{"id":"value","width":99999},{"id":"value"},{"id":"customer","visible":false},
                         {"id":"kind","visible":false}]},
    "views":[{"name":""},{"name":"Good","query":{"tab":"favorites"}},{"name":" good "},{"name":5},"junk"]})";
  const DecodedViews decoded = decode_views(text);
  REQUIRE(decoded.record);
  const RememberedLayout& layout = decoded.record->layout;
  CHECK(layout.tab == ListTab::Marketplace);
  CHECK(layout.queries[0].sort == SortColumn::Received);
  CHECK(layout.queries[0].search == "");
  CHECK_FALSE(layout.queries[0].filter.stage);
  CHECK(layout.queries[0].filter.city == "Ankara");
  const std::vector<std::string> ids = visible_column_ids(layout.columns);
  CHECK(ids.size() == lead_columns().count - 1);  // every column but the hidden kind
  CHECK(ids[0] == "value");                       // the stored order first, unknown and repeated ids dropped
  CHECK(ids[1] == "customer");                    // the column that opens a lead is never hidden
  CHECK(layout.columns.columns[0].width == kMaxColumnWidth);
  REQUIRE(decoded.record->views.size() == 1);
  CHECK(decoded.record->views[0].name == "Good");
  CHECK(decoded.record->views[0].query.tab == ListTab::Favorites);
}

TEST_CASE("the column layout never shows zero columns and keeps the column that opens a lead") {
  ColumnLayout layout = default_column_layout();
  for (const LeadColumn& column : lead_columns()) set_column_visible(layout, column.id, false);
  CHECK(visible_column_ids(layout) == std::vector<std::string>{"customer"});
  CHECK_FALSE(set_column_visible(layout, "customer", false));
  CHECK_FALSE(set_column_visible(layout, "no-such-column", true));
  CHECK(set_column_visible(layout, "stage", true));
  CHECK(visible_column_ids(layout) == std::vector<std::string>{"customer", "stage"});
  CHECK(normalized(ColumnLayout{}).columns.size() == lead_columns().count);
}

TEST_CASE("moving a column stops at either end") {
  ColumnLayout layout = default_column_layout();
  CHECK_FALSE(move_column(layout, "favorite", -1));
  CHECK_FALSE(move_column(layout, "id", +1));
  CHECK_FALSE(move_column(layout, "lead", 2));
  CHECK(move_column(layout, "lead", -1));
  CHECK(visible_column_ids(layout)[2] == "lead");
  CHECK(visible_column_ids(layout)[3] == "customer");
}

TEST_CASE("the CSV writes the visible columns in the user's order") {
  AppState state = initial_state(ApiConfig{kBaseUrl, "", ""}, test_texts(), Language::English, kNow);
  Referral lead = make_lead("r-1");
  lead.customer_profile.name = "Anadolu Gıda";
  lead.customer_profile.address.city = "İzmir";
  state.leads = ListStore::of({lead});
  for (const char* hidden : {"favorite", "lead", "kind", "received", "time_left", "value", "currency", "country"})
    REQUIRE(set_column_visible(state.columns, hidden, false));
  REQUIRE(move_column(state.columns, "city", -1));                      // past the hidden ones…
  for (int i = 0; i < 12; ++i) move_column(state.columns, "city", -1);  // …to the first place (then refused)
  const std::string csv = leads_csv(state, {0});
  CHECK(csv ==
        "\xEF\xBB\xBF"
        "City,Customer,Stage,Lead ID\r\nİzmir,Anadolu Gıda,Received,r-1\r\n");
}
