// The lead list kept between visits: read after signing in and shown at once, brought up to date with the changes
// since and the service's count, written after a load; anything wrong with it only means a full load.
#include <doctest/doctest.h>

#include "app_test_support.h"
#include "domain/list_store.h"

using namespace leads;
using namespace leads::test;

namespace {

const char* const kOwner = "-/user-1";  // the test token's oid, without a tenant

// Signed in with snapshots enabled: the app has asked for its snapshot and waits for it.
struct SnapshotApp : TestApp {
  fx::ReadListSnapshot asked;
  std::vector<Effect> signed_in;  // what signing in asked for: the read, and its deadline
  SnapshotApp() {
    state.snapshot.enabled = true;
    start();
    signed_in = answer(RequestPurpose::DevToken, response(200, Json{{"token", make_token()}}.dump()));
    const auto reads = effects_of<fx::ReadListSnapshot>(signed_in);
    REQUIRE(reads.size() == 1);
    asked = reads.front();
  }
  const std::vector<Effect>& snapshot_is(const std::vector<Referral>& leads, TimeMs synced_at) {
    return dispatch(act::ListSnapshotRead{{kOwner, ListStore::of(leads).to_bytes(), synced_at, {}, {}, {}}});
  }
  std::size_t count_of(const char* id) const { return state.leads.find(id) ? 1 : 0; }
};

HttpResponse count_response(std::int64_t count) {
  return response(200, Json{{"@odata.count", count}, {"value", Json::array()}}.dump());
}

// The lead `id` as the service returns it after a change a minute ago: a new version.
Referral changed_a_minute_ago(const std::string& id, const char* status = "Active",
                              const char* substatus = "Accepted") {
  Referral lead = make_lead(id, status, substatus);
  lead.updated_date_time = kNow - (60 * kSecondMs);
  lead.etag = "\"" + id + "-v2\"";
  return lead;
}

// The write that `effects` planned, once its timer fires: not at once, so the list is drawn first.
std::vector<Effect> planned_write(TestApp& app, const std::vector<Effect>& effects) {
  CHECK(effects_of<fx::WriteListSnapshot>(effects).empty());
  const auto timers = timers_of<act::WriteListSnapshot>(effects);
  if (timers.empty()) return {};
  CHECK(timers.size() == 1);
  CHECK(timers.front().delay_ms > 0);
  return app.dispatch(act::WriteListSnapshot{});
}

ListStore written_leads(TestApp& app, const std::vector<Effect>& planning) {
  const auto writes = effects_of<fx::WriteListSnapshot>(planned_write(app, planning));
  REQUIRE(writes.size() == 1);
  CHECK(writes.front().owner == kOwner);
  REQUIRE(writes.front().leads);
  auto leads = ListStore::from_bytes(writes.front().leads->to_bytes());
  REQUIRE(leads);
  return std::move(*leads);
}

}  // namespace

TEST_CASE("signed in, the app asks for the user's snapshot before any list request") {
  SnapshotApp app;
  CHECK(app.asked.owner == kOwner);
  CHECK(app.pending_count(RequestPurpose::ListPage) == 0);
  CHECK(app.state.load.phase == LoadPhase::Loading);
  CHECK(app.state.snapshot.phase == SnapshotPhase::Reading);
}

TEST_CASE("without a snapshot the list loads in full and is then written for the next visit") {
  SnapshotApp app;
  app.dispatch(act::ListSnapshotRead{{kOwner, {}, 0, "none", {}, {}}});
  CHECK(app.state.snapshot.problem == "none");
  const auto effects = app.answer(RequestPurpose::ListPage, page_response({make_lead("a"), make_lead("b")}, {}, 2));
  CHECK(app.state.load.phase == LoadPhase::Loaded);
  const ListStore written = written_leads(app, effects);
  REQUIRE(written.size() == 2);
  CHECK(written.find("a"));
  CHECK(written.find("b"));
  CHECK(app.state.snapshot.phase == SnapshotPhase::Current);
  // Committed: the next change is written again, but not before a while has passed.
  app.dispatch(act::ListSnapshotWritten{kOwner, true, {}});
  CHECK(app.state.snapshot.kept == 1);
}

TEST_CASE("a snapshot is shown at once, marked with its time, and only the changes since are asked for") {
  SnapshotApp app;
  const TimeMs as_of = kNow - kHourMs;
  const auto effects = app.snapshot_is({make_lead("a"), make_lead("b")}, as_of);
  CHECK(app.state.load.phase == LoadPhase::Loaded);
  CHECK(app.state.snapshot.phase == SnapshotPhase::Shown);
  CHECK(app.state.snapshot.as_of == as_of);
  app.draw();
  CHECK(app.row_ids().size() == 2);
  CHECK(app.pending_count(RequestPurpose::ListPage) == 0);
  bool delta = false, count = false;
  for (const fx::SendHttp& sent : effects_of<fx::SendHttp>(effects)) {
    delta = delta || sent.request.url.find("$filter=updatedDateTime%20gt%20") != std::string::npos;
    count = count || (sent.request.url.find("$count=true") != std::string::npos &&
                      sent.request.url.find("$top=1") != std::string::npos);
  }
  CHECK(delta);
  CHECK(count);
  CHECK(app.pending_count(RequestPurpose::Poll) == 1);
  CHECK(app.pending_count(RequestPurpose::ListCount) == 1);
}

TEST_CASE("the changes since the snapshot replace their leads, new ones join, and the result is written") {
  SnapshotApp app;
  app.snapshot_is({make_lead("a"), make_lead("b")}, kNow - kHourMs);
  // Expired meanwhile: the service says so in the delta.
  const Referral changed = changed_a_minute_ago("a", "Closed", "Expired");
  Referral fresh = make_lead("c");
  fresh.updated_date_time = kNow - (60 * kSecondMs);
  app.answer(RequestPurpose::Poll, page_response({changed, fresh}));
  CHECK(app.state.snapshot.phase == SnapshotPhase::Shown);  // the count is still on its way
  const auto effects = app.answer(RequestPurpose::ListCount, count_response(3));
  CHECK(app.state.snapshot.phase == SnapshotPhase::Current);
  CHECK(app.state.lead("a")->facts().substatus == Substatus::Expired);
  CHECK(app.count_of("c") == 1);
  CHECK(app.state.unseen.count("c") == 1);  // new since the last visit
  CHECK(written_leads(app, effects).size() == 3);
  CHECK(app.pending_count(RequestPurpose::ListPage) == 0);  // nothing went away: no full load
}

TEST_CASE("the same change applied twice leaves the list as applied once") {
  SnapshotApp app;
  app.snapshot_is({make_lead("a"), make_lead("b")}, kNow - kHourMs);
  const Referral changed = changed_a_minute_ago("a");
  app.answer(RequestPurpose::Poll, page_response({changed}));
  app.answer(RequestPurpose::ListCount, count_response(2));
  app.dispatch(act::Poll{false});
  app.answer(RequestPurpose::Poll, page_response({changed}));
  CHECK(app.state.leads.size() == 2);
  CHECK(app.state.lead("a")->facts().substatus == Substatus::Accepted);
}

TEST_CASE("a count below the snapshot's (a lead deleted or moved out of scope) loads the list in full behind it") {
  SnapshotApp app;
  app.snapshot_is({make_lead("a"), make_lead("b"), make_lead("gone")}, kNow - kHourMs);
  app.answer(RequestPurpose::Poll, page_response({}));
  app.answer(RequestPurpose::ListCount, count_response(2));
  CHECK(app.pending_count(RequestPurpose::ListPage) == 1);
  CHECK(app.count_of("gone") == 1);  // shown until the full list replaces it
  const auto effects = app.answer(RequestPurpose::ListPage, page_response({make_lead("a"), make_lead("b")}, {}, 2));
  CHECK(app.count_of("gone") == 0);
  CHECK(app.state.snapshot.phase == SnapshotPhase::Current);
  CHECK(written_leads(app, effects).size() == 2);
}

TEST_CASE("a snapshot that cannot be used means a full load, with no error shown") {
  SnapshotApp app;
  std::string problem;
  SUBCASE("corrupted") {
    app.dispatch(act::ListSnapshotRead{{kOwner, "LEADLIST garbage", kNow, {}, {}, {}}});
    problem = "unreadable";
  }
  SUBCASE("an old schema, as the browser's store reports it") {
    app.dispatch(act::ListSnapshotRead{{kOwner, {}, 0, "old_schema", {}, {}}});
    problem = "old_schema";
  }
  SUBCASE("IndexedDB unavailable") {
    app.dispatch(act::ListSnapshotRead{{kOwner, {}, 0, "unavailable", {}, {}}});
    problem = "unavailable";
  }
  CHECK(app.state.snapshot.problem == problem);
  CHECK(app.state.snapshot.phase == SnapshotPhase::Unused);
  CHECK(app.pending_count(RequestPurpose::ListPage) == 1);
  CHECK_FALSE(app.state.load.error);
  CHECK(app.state.toasts.empty());
  app.answer(RequestPurpose::ListPage, page_response({make_lead("a")}, {}, 1));
  CHECK(app.state.load.phase == LoadPhase::Loaded);
}

TEST_CASE("another user's snapshot answer is not shown") {
  SnapshotApp app;
  app.dispatch(act::ListSnapshotRead{{"-/someone-else", ListStore::of({make_lead("x")}).to_bytes(), kNow, {}, {}, {}}});
  CHECK(app.state.leads.empty());
  CHECK(app.state.snapshot.phase == SnapshotPhase::Reading);
}

TEST_CASE("a write the storage refuses is remembered quietly; the list stays as it is") {
  SnapshotApp app;
  app.dispatch(act::ListSnapshotRead{{kOwner, {}, 0, "none", {}, {}}});
  const std::vector<Effect> planning = app.answer(RequestPurpose::ListPage, page_response({make_lead("a")}, {}, 1));
  REQUIRE(effects_of<fx::WriteListSnapshot>(planned_write(app, planning)).size() == 1);
  CHECK(app.state.snapshot.writing);
  app.dispatch(act::ListSnapshotWritten{kOwner, false, "quota"});
  CHECK(app.state.snapshot.write_problem == "quota");
  CHECK_FALSE(app.state.snapshot.writing);
  CHECK(app.state.toasts.empty());
  CHECK(app.state.leads.size() == 1);
}

TEST_CASE("polls write the list again only when it changed and a while has passed") {
  SnapshotApp app;
  app.dispatch(act::ListSnapshotRead{{kOwner, {}, 0, "none", {}, {}}});
  planned_write(app, app.answer(RequestPurpose::ListPage, page_response({make_lead("a")}, {}, 1)));
  app.dispatch(act::ListSnapshotWritten{kOwner, true, {}});
  Referral changed = make_lead("a", "Active", "Accepted");
  changed.updated_date_time = kNow + (60 * kSecondMs);
  changed.etag = "\"a-v2\"";
  app.dispatch(act::Poll{false});
  CHECK(timers_of<act::WriteListSnapshot>(app.answer(RequestPurpose::Poll, page_response({changed}))).empty());
  app.state.now = kNow + 10 * (60 * kSecondMs);
  app.dispatch(act::Poll{false});
  changed.updated_date_time = kNow + 9 * (60 * kSecondMs);
  changed.etag = "\"a-v3\"";
  const std::vector<Effect> planning = app.answer(RequestPurpose::Poll, page_response({changed}));
  CHECK(effects_of<fx::WriteListSnapshot>(planned_write(app, planning)).size() == 1);
}

TEST_CASE("the snapshot keeps the search index with the rows; read back, it is used and finds the changed lead") {
  SnapshotApp app;
  app.dispatch(act::ListSnapshotRead{{kOwner, {}, 0, "none", {}, {}}});
  Referral renamed = make_lead("b");
  renamed.customer_profile.name = "Zeytinyağı Ltd";
  const auto effects = app.answer(RequestPurpose::ListPage, page_response({make_lead("a"), renamed}, {}, 2));
  const auto writes = effects_of<fx::WriteListSnapshot>(planned_write(app, effects));
  REQUIRE(writes.size() == 1);
  REQUIRE(writes.front().grams);  // the index of exactly the written rows
  CHECK(writes.front().grams->rows() == 2);
  const std::string kept = writes.front().leads->to_bytes(writes.front().grams);

  SnapshotApp next;  // the next visit
  next.dispatch(act::ListSnapshotRead{{kOwner, kept, kNow - kHourMs, {}, {}, {}}});
  REQUIRE(next.state.snapshot.phase == SnapshotPhase::Shown);
  CHECK(next.state.index.grams().rows() == 2);
  CHECK(next.state.index.covers_all(2));
  LeadQuery query;
  query.search = "zeytinyagi";
  const auto rows = run_query(next.state.leads, next.state.index, query, {}, kNow);
  REQUIRE(rows.size() == 1);
  CHECK(next.state.leads.row(rows.front()).id() == "b");
}

TEST_CASE("one write is planned at a time, and it keeps the list as it is when its moment comes") {
  SnapshotApp app;
  app.snapshot_is({make_lead("a"), make_lead("b")}, kNow - kHourMs);
  const Referral changed = changed_a_minute_ago("a");
  app.answer(RequestPurpose::Poll, page_response({changed}));
  const std::vector<Effect> planning = app.answer(RequestPurpose::ListCount, count_response(2));
  REQUIRE(timers_of<act::WriteListSnapshot>(planning).size() == 1);
  // A change before the write's moment plans no second write; the one planned keeps it.
  Referral fresh = make_lead("c");
  fresh.updated_date_time = kNow;
  app.dispatch(act::Poll{false});
  CHECK(timers_of<act::WriteListSnapshot>(app.answer(RequestPurpose::Poll, page_response({fresh}))).empty());
  const ListStore written = written_leads(app, planning);
  CHECK(written.size() == 3);
  CHECK(written.find("c"));
  // Fired again (a stray timer), it writes nothing more while the first write is under way.
  CHECK(effects_of<fx::WriteListSnapshot>(app.dispatch(act::WriteListSnapshot{})).empty());
}

namespace {
// The URL of the one request of `purpose` among `effects`.
std::string sent_url(const TestApp& app, const std::vector<Effect>& effects, RequestPurpose purpose) {
  std::string url;
  for (const fx::SendHttp& sent : effects_of<fx::SendHttp>(effects)) {
    auto it = app.state.pending.find(sent.request_id);
    if (it != app.state.pending.end() && it->second.purpose == purpose) url = sent.request.url;
  }
  return url;
}
const TimeMs kKeptNewest = kNow - kDayMs;  // make_lead's change time: the newest a kept list of them holds
}  // namespace

TEST_CASE("a record found has the changes since and the count asked for before its rows are read") {
  SnapshotApp control;  // without the early notice: both asked once the rows are shown
  const std::string later_url =
      sent_url(control, control.snapshot_is({make_lead("a"), make_lead("b")}, kNow - kHourMs), RequestPurpose::Poll);
  REQUIRE_FALSE(later_url.empty());

  SnapshotApp app;
  const std::vector<Effect> asked = app.dispatch(act::ListSnapshotFound{kOwner, kKeptNewest});
  CHECK(sent_url(app, asked, RequestPurpose::Poll) == later_url);  // the same changes since, only sooner
  CHECK(app.pending_count(RequestPurpose::ListCount) == 1);
  CHECK(app.state.snapshot.phase == SnapshotPhase::Reading);
  CHECK(app.state.snapshot.changes_asked_early);
  // Both answers come before the rows: they wait, and the list is not touched.
  const Referral changed = changed_a_minute_ago("a");
  Referral fresh = make_lead("c");
  fresh.updated_date_time = kNow - (60 * kSecondMs);
  app.answer(RequestPurpose::Poll, page_response({changed, fresh}));
  app.answer(RequestPurpose::ListCount, count_response(3));
  CHECK(app.state.leads.empty());
  CHECK(app.state.snapshot.phase == SnapshotPhase::Reading);
  CHECK(app.state.load.phase == LoadPhase::Loading);
  // The rows come: shown with the changes in, current, nothing asked twice.
  const std::vector<Effect> shown = app.snapshot_is({make_lead("a"), make_lead("b")}, kNow - kHourMs);
  CHECK(app.state.snapshot.phase == SnapshotPhase::Current);
  CHECK(app.state.lead("a")->facts().substatus == Substatus::Accepted);
  CHECK(app.count_of("c") == 1);
  CHECK(app.pending_count(RequestPurpose::Poll) == 0);
  CHECK(app.pending_count(RequestPurpose::ListCount) == 0);
  CHECK(app.pending_count(RequestPurpose::ListPage) == 0);
  CHECK(written_leads(app, shown).size() == 3);
}

TEST_CASE("answers asked for early that come after the rows are applied as they come") {
  SnapshotApp app;
  app.dispatch(act::ListSnapshotFound{kOwner, kKeptNewest});
  app.snapshot_is({make_lead("a"), make_lead("b")}, kNow - kHourMs);
  CHECK(app.state.snapshot.phase == SnapshotPhase::Shown);
  CHECK(app.pending_count(RequestPurpose::Poll) == 1);  // the early ones, not asked again
  CHECK(app.pending_count(RequestPurpose::ListCount) == 1);
  const Referral changed = changed_a_minute_ago("b");
  app.answer(RequestPurpose::Poll, page_response({changed}));
  app.answer(RequestPurpose::ListCount, count_response(2));
  CHECK(app.state.snapshot.phase == SnapshotPhase::Current);
  CHECK(app.state.lead("b")->facts().substatus == Substatus::Accepted);
}

TEST_CASE("rows that cannot be read let the early answers go, come or to come, and the list loads in full") {
  SnapshotApp app;
  app.dispatch(act::ListSnapshotFound{kOwner, kKeptNewest});
  const std::uint64_t early_poll = app.pending_id(RequestPurpose::Poll);
  app.answer(RequestPurpose::ListCount, count_response(2));
  app.dispatch(act::ListSnapshotRead{{kOwner, "LEADLIST garbage", kNow, {}, {}, {}}});
  CHECK(app.state.snapshot.problem == "unreadable");
  CHECK(app.pending_count(RequestPurpose::ListPage) == 1);
  CHECK(app.pending_count(RequestPurpose::Poll) == 0);
  CHECK_FALSE(app.state.snapshot.server_count);
  // The early poll's answer, arriving now, neither ends the load nor adds its lead.
  app.dispatch(act::HttpDone{early_poll, page_response({make_lead("stray")})});
  CHECK(app.state.load.phase == LoadPhase::Loading);
  CHECK(app.count_of("stray") == 0);
  app.answer(RequestPurpose::ListPage, page_response({make_lead("a")}, {}, 1));
  CHECK(app.state.load.phase == LoadPhase::Loaded);
  CHECK(app.count_of("a") == 1);
  CHECK(app.count_of("stray") == 0);
}

TEST_CASE("rows whose newest change is not the one the record said are brought up to date from their own") {
  SnapshotApp app;
  app.dispatch(act::ListSnapshotFound{kOwner, kKeptNewest + kHourMs});
  const std::uint64_t early_poll = app.pending_id(RequestPurpose::Poll);
  app.snapshot_is({make_lead("a"), make_lead("b")}, kNow - kHourMs);
  CHECK(app.state.pending.count(early_poll) == 0);
  CHECK(app.pending_count(RequestPurpose::Poll) == 1);
  CHECK(app.pending_count(RequestPurpose::ListCount) == 1);
}

TEST_CASE("a record that does not say its newest change, or another owner's notice, asks nothing early") {
  SnapshotApp app;
  app.dispatch(act::ListSnapshotFound{kOwner, 0});
  app.dispatch(act::ListSnapshotFound{"-/someone-else", kKeptNewest});
  CHECK(app.pending_count(RequestPurpose::Poll) == 0);
  CHECK(app.pending_count(RequestPurpose::ListCount) == 0);
  CHECK_FALSE(app.state.snapshot.changes_asked_early);
}

TEST_CASE("a write keeps the newest change of the list it writes") {
  SnapshotApp app;
  app.dispatch(act::ListSnapshotRead{{kOwner, {}, 0, "none", {}, {}}});
  const std::vector<Effect> planning = app.answer(RequestPurpose::ListPage, page_response({make_lead("a")}, {}, 1));
  const auto writes = effects_of<fx::WriteListSnapshot>(planned_write(app, planning));
  REQUIRE(writes.size() == 1);
  CHECK(writes.front().newest_change == kKeptNewest);
}

// A storage that does not answer: IndexedDB can hang (a browser's fault, a disk busy with another tab's write).
TEST_CASE("a storage that never answers: past its deadline the list loads in full, and a late answer is let go") {
  SnapshotApp app;
  const auto deadlines = timers_of<act::ListSnapshotOverdue>(app.signed_in);
  REQUIRE(deadlines.size() == 1);
  CHECK(deadlines.front().delay_ms >= 2000);  // well past a storage's answer, which takes milliseconds
  const auto effects = app.dispatch(deadlines.front().action);
  CHECK(app.state.snapshot.phase == SnapshotPhase::Unused);
  CHECK(app.state.snapshot.problem == "timeout");
  const auto dropped = effects_of<fx::AbandonListSnapshotRead>(effects);
  REQUIRE(dropped.size() == 1);
  CHECK(dropped.front().owner == kOwner);
  CHECK(app.pending_count(RequestPurpose::ListPage) == 1);
  CHECK_FALSE(app.state.load.error);  // nothing the user need see
  app.answer(RequestPurpose::ListPage, page_response({make_lead("a"), make_lead("b")}, {}, 2));
  CHECK(app.state.snapshot.phase == SnapshotPhase::Current);
  // The storage answers after all, with an older list: the service's list stays.
  app.dispatch(act::ListSnapshotFound{kOwner, kKeptNewest});
  app.snapshot_is({make_lead("old")}, kNow - kHourMs);
  CHECK(app.state.leads.size() == 2);
  CHECK(app.count_of("old") == 0);
  CHECK(app.state.snapshot.phase == SnapshotPhase::Current);
  CHECK(app.pending_count(RequestPurpose::Poll) == 0);
}

TEST_CASE("a record found has a longer deadline for its rows; rows that never come load the list in full") {
  SnapshotApp app;
  const auto answer_deadline = timers_of<act::ListSnapshotOverdue>(app.signed_in);
  REQUIRE(answer_deadline.size() == 1);
  const auto found = app.dispatch(act::ListSnapshotFound{kOwner, kKeptNewest});
  const auto rows_deadline = timers_of<act::ListSnapshotOverdue>(found);
  REQUIRE(rows_deadline.size() == 1);
  CHECK(rows_deadline.front().delay_ms > answer_deadline.front().delay_ms);
  CHECK(timers_of<act::ListSnapshotOverdue>(app.dispatch(act::ListSnapshotFound{kOwner, kKeptNewest})).empty());
  // The storage answered in time: its first deadline changes nothing.
  CHECK(effects_of<fx::AbandonListSnapshotRead>(app.dispatch(answer_deadline.front().action)).empty());
  CHECK(app.state.snapshot.phase == SnapshotPhase::Reading);
  CHECK(app.pending_count(RequestPurpose::ListPage) == 0);
  // The rows do not come: the changes asked for early are let go with the read.
  CHECK(app.pending_count(RequestPurpose::Poll) == 1);
  const auto effects = app.dispatch(rows_deadline.front().action);
  CHECK(effects_of<fx::AbandonListSnapshotRead>(effects).size() == 1);
  CHECK(app.state.snapshot.phase == SnapshotPhase::Unused);
  CHECK(app.pending_count(RequestPurpose::Poll) == 0);
  CHECK(app.pending_count(RequestPurpose::ListPage) == 1);
}

TEST_CASE("a read that came in time is not touched by its deadlines") {
  SnapshotApp app;
  const auto found = app.dispatch(act::ListSnapshotFound{kOwner, 0});  // a record that does not say its newest change
  app.snapshot_is({make_lead("a"), make_lead("b")}, kNow - kHourMs);
  REQUIRE(app.state.snapshot.phase == SnapshotPhase::Shown);
  std::vector<fx::After> deadlines = timers_of<act::ListSnapshotOverdue>(app.signed_in);
  for (const fx::After& rows : timers_of<act::ListSnapshotOverdue>(found)) deadlines.push_back(rows);
  REQUIRE(deadlines.size() == 2);  // the storage's answer, then the found record's rows
  for (const fx::After& deadline : deadlines)
    CHECK(effects_of<fx::AbandonListSnapshotRead>(app.dispatch(deadline.action)).empty());
  CHECK(app.state.snapshot.phase == SnapshotPhase::Shown);
  CHECK(app.state.leads.size() == 2);
  CHECK(app.pending_count(RequestPurpose::ListPage) == 0);
}
