// Tests of views that stay in update(): the signed-in user's record read once and applied, an explicit route winning
// over it, writes debounced by a timer, an unreadable record set aside rather than written over, saved views saved,
// applied, renamed and deleted, and a write the storage refused said once.
#include <doctest/doctest.h>

#include "app/saved_views.h"
#include "app_test_support.h"

using namespace leads;
using namespace leads::test;

namespace {

const std::string kOwner = "-/user-1";  // make_token's oid, no tenant

template <class T>
std::vector<T> views_effects(const std::vector<Effect>& effects) {
  std::vector<T> out;
  for (const fx::Views& e : effects_of<fx::Views>(effects))
    if (const T* what = std::get_if<T>(&e.what)) out.push_back(*what);
  return out;
}

std::string remembered_text() {
  ViewsRecord record;
  for (int i = 0; i < 3; ++i) record.layout.queries[i].tab = static_cast<ListTab>(i);
  record.layout.tab = ListTab::Qualified;
  record.layout.queries[0].search = "anadolu";
  record.layout.queries[1].filter.stage = Stage::Accepted;
  record.layout.queries[1].sort = SortColumn::Customer;
  record.layout.queries[1].descending = false;
  record.layout.columns = default_column_layout();
  set_column_visible(record.layout.columns, "kind", false);
  record.views = {{"Accepted qualified", record.layout.queries[1]}};
  return encode_views(record);
}

// Fires the write timer the last effects armed, returning the write it asks for (if any).
std::vector<fx::views::Write> fire_write_timer(TestApp& app) {
  return views_effects<fx::views::Write>(app.dispatch(act::Views{act::views::WriteDue{}}));
}

}  // namespace

TEST_CASE("signing in reads the user's record once; it brings back the tab, each tab's query and the columns") {
  TestApp app;
  app.sign_in();
  const auto reads = views_effects<fx::views::Read>(app.last);
  REQUIRE(reads.size() == 1);
  CHECK(reads[0].owner == kOwner);
  CHECK_FALSE(app.state.remembered.loaded);
  app.dispatch(act::Views{act::views::Read{{kOwner, remembered_text(), ""}}});
  CHECK(app.state.remembered.loaded);
  CHECK(app.state.tab == ListTab::Qualified);
  CHECK(app.state.view(ListTab::Marketplace).query.search == "anadolu");
  CHECK(app.state.view(ListTab::Qualified).query.sort == SortColumn::Customer);
  CHECK(app.state.view(ListTab::Qualified).query.filter.stage == Stage::Accepted);
  CHECK(std::find(app.state.columns.columns.begin(), app.state.columns.columns.end(),
                  ColumnSetting{"kind", false, 150}) != app.state.columns.columns.end());
  REQUIRE(app.state.remembered.saved.size() == 1);
  // Nothing changed since the read: nothing to write.
  app.dispatch(act::Tick{kNow + 1000});
  CHECK(effects_of<fx::After>(app.last).empty());
  CHECK(views_effects<fx::views::Read>(app.last).empty());
}

TEST_CASE("a link given before the record arrived keeps its tab and its query; the other tabs come back") {
  TestApp app;
  Route link;
  link.tab = ListTab::Favorites;
  link.search = "gıda";
  app.dispatch(act::Navigate{link});
  app.sign_in();
  app.dispatch(act::Views{act::views::Read{{kOwner, remembered_text(), ""}}});
  CHECK(app.state.tab == ListTab::Favorites);
  CHECK(app.state.view(ListTab::Favorites).query.search == "gıda");
  CHECK(app.state.view(ListTab::Marketplace).query.search == "anadolu");
  CHECK(app.state.view(ListTab::Qualified).query.sort == SortColumn::Customer);
}

TEST_CASE("a link to a lead keeps the remembered tab from being applied") {
  TestApp app;
  Route link;
  link.lead_id = "r-9";
  app.dispatch(act::Navigate{link});
  app.sign_in();
  app.dispatch(act::Views{act::views::Read{{kOwner, remembered_text(), ""}}});
  CHECK(app.state.tab == ListTab::Marketplace);
  CHECK(app.state.view(ListTab::Qualified).query.sort == SortColumn::Customer);
}

TEST_CASE("changes are written once, after a timer, not at every keystroke") {
  TestApp app;
  app.sign_in();
  app.dispatch(act::Views{act::views::Read{{kOwner, "", "none"}}});
  CHECK(app.state.remembered.problem == "none");
  app.dispatch(act::SetSearch{"a"});
  const auto timers = effects_of<fx::After>(app.last);
  REQUIRE(timers.size() == 1);
  CHECK(timers[0].delay_ms >= 300);
  for (const char* typed : {"an", "ana", "anad"}) {
    app.dispatch(act::SetSearch{typed});
    CHECK(effects_of<fx::After>(app.last).empty());  // one timer runs already
  }
  const auto writes = fire_write_timer(app);
  REQUIRE(writes.size() == 1);
  CHECK(writes[0].owner == kOwner);
  CHECK(writes[0].set_aside.empty());
  const DecodedViews written = decode_views(writes[0].text);
  REQUIRE(written.record);
  CHECK(written.record->layout.queries[0].search == "anad");
  // Unchanged since: the timer writes nothing more.
  CHECK(fire_write_timer(app).empty());
}

TEST_CASE("an unreadable record is ignored, reported, and set aside by the next write rather than written over") {
  for (const std::string& stored : {std::string("{\"schema\":0,\"views\":[]}"), std::string("garbage{")}) {
    TestApp app;
    app.sign_in();
    app.dispatch(act::Views{act::views::Read{{kOwner, stored, ""}}});
    CHECK(app.state.remembered.loaded);
    CHECK((app.state.remembered.problem == "old_schema" || app.state.remembered.problem == "corrupt"));
    CHECK(app.state.tab == ListTab::Marketplace);
    CHECK(effects_of<fx::After>(app.last).empty());  // not written over merely because it was read
    app.dispatch(act::SetSort{SortColumn::City, false});
    const auto writes = fire_write_timer(app);
    REQUIRE(writes.size() == 1);
    CHECK(writes[0].set_aside == stored);
    app.dispatch(act::Views{act::views::Written{kOwner, true, ""}});
    CHECK(app.state.remembered.set_aside.empty());
  }
}

TEST_CASE("saving, applying, renaming and deleting a view") {
  TestApp app;
  app.sign_in();
  app.dispatch(act::Views{act::views::Read{{kOwner, "", "none"}}});
  app.dispatch(act::SelectTab{ListTab::Qualified});
  LeadFilter filter;
  filter.flame = FlameState::ContactNow;
  filter.city = "İstanbul";
  app.dispatch(act::SetFilter{filter});
  app.dispatch(act::Views{act::views::SaveCurrent{"  Flame leads in İstanbul "}});
  REQUIRE(app.state.remembered.saved.size() == 1);
  CHECK(app.state.remembered.saved[0].name == "Flame leads in İstanbul");
  CHECK(app.state.remembered.saved[0].query.tab == ListTab::Qualified);
  app.dispatch(act::Views{act::views::SaveCurrent{"FLAME LEADS IN ISTANBUL"}});
  CHECK(app.state.remembered.message == "views.name_taken");
  CHECK(app.state.remembered.saved.size() == 1);
  app.dispatch(act::Views{act::views::SaveCurrent{""}});
  CHECK(app.state.remembered.message == "views.name_empty");

  // Elsewhere, then back through the saved view.
  app.dispatch(act::SetFilter{LeadFilter{}});
  app.dispatch(act::SelectTab{ListTab::Marketplace});
  app.dispatch(act::Views{act::views::Apply{0}});
  CHECK(app.state.tab == ListTab::Qualified);
  CHECK(app.state.view(ListTab::Qualified).query.filter == filter);

  app.dispatch(act::Views{act::views::Rename{0, "Hot İstanbul"}});
  CHECK(app.state.remembered.message == "");
  CHECK(app.state.remembered.saved[0].name == "Hot İstanbul");
  app.dispatch(act::Views{act::views::Rename{0, std::string(61, 'x')}});
  CHECK(app.state.remembered.message == "views.name_too_long");
  CHECK(app.state.remembered.saved[0].name == "Hot İstanbul");
  const auto writes = fire_write_timer(app);
  REQUIRE(writes.size() == 1);
  CHECK(decode_views(writes[0].text).record->views[0].name == "Hot İstanbul");

  app.dispatch(act::Views{act::views::Delete{0}});
  CHECK(app.state.remembered.saved.empty());
  app.dispatch(act::Views{act::views::Delete{5}});  // out of range: nothing
  const auto after_delete = fire_write_timer(app);
  REQUIRE(after_delete.size() == 1);
  CHECK(decode_views(after_delete[0].text).record->views.empty());
}

TEST_CASE("a write the storage refused is said once, and the views stay in memory") {
  TestApp app;
  app.sign_in();
  app.dispatch(act::Views{act::views::Read{{kOwner, "", "unavailable"}}});
  app.dispatch(act::Views{act::views::SaveCurrent{"Mine"}});
  fire_write_timer(app);
  app.dispatch(act::Views{act::views::Written{kOwner, false, "views.quota"}});
  REQUIRE(app.state.toasts.size() == 1);
  CHECK(app.state.toasts[0].error);
  CHECK(app.state.remembered.write_problem == "views.quota");
  app.dispatch(act::Views{act::views::Written{kOwner, false, "views.quota"}});
  CHECK(app.state.toasts.size() == 1);
  CHECK(app.state.remembered.saved.size() == 1);
}

TEST_CASE("column chooser actions change the state's layout, which is written like the rest") {
  TestApp app;
  app.sign_in();
  app.dispatch(act::Views{act::views::Read{{kOwner, "", "none"}}});
  const auto revision = app.state.columns.revision;
  app.dispatch(act::Views{act::views::ShowColumn{"kind", false}});
  app.dispatch(act::Views{act::views::MoveColumn{"value", -1}});
  app.dispatch(act::Views{act::views::SetColumnWidth{"lead", 300}});
  CHECK(app.state.columns.revision == revision + 2);  // a width keeps the table, order and visibility do not
  const auto writes = fire_write_timer(app);
  REQUIRE(writes.size() == 1);
  const auto layout = decode_views(writes[0].text).record->layout.columns;
  CHECK(layout == app.state.columns);
  app.dispatch(act::Views{act::views::ResetColumns{}});
  CHECK(app.state.columns == default_column_layout());
}

TEST_CASE("without a views store everything works in memory for the session") {
  MemoryViewsStore store;
  store.refuse_with = "views.unavailable";
  bool kept = true;
  store.write("o", "t", "", [&](bool k, const std::string&) { kept = k; });
  CHECK_FALSE(kept);
  store.refuse_with.clear();
  store.write("o", "new", "old", [&](bool k, const std::string&) { kept = k; });
  CHECK(kept);
  CHECK(store.kept.at("o#unreadable") == "old");
  ViewsRead read;
  store.read("o", [&](ViewsRead r) { read = r; });
  CHECK(read.text == "new");
}
