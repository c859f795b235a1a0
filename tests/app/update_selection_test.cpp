// Tests of update() for the detail panel's lead, walking the list with the keyboard, multi-selection, and the small
// detail-panel effects (copy, mailto/tel links, language).
//
// [SECTION] fixtures
// [SECTION] walking the list
// [SECTION] marking leads
// [SECTION] detail panel effects
#include <doctest/doctest.h>

#include "app_test_support.h"

using namespace leads;
using namespace leads::test;

// [SECTION] fixtures -------------------------------------------------------------------------------

namespace {

// Five customer inquiries a (newest) … e (oldest), so the default sort (received, newest first) shows a b c d e,
// and their customers sort as b c e d a; plus one qualified lead q in the other tab.
TestApp five_leads() {
  const char* ids[] = {"a", "b", "c", "d", "e"};
  const char* customers[] = {"Zeta", "Alfa", "Beta", "Gamma", "Delta"};
  std::vector<Referral> leads;
  for (int i = 0; i < 5; ++i) {
    Referral lead = make_lead(ids[i]);
    lead.created_date_time = kNow - (i + 1) * kHourMs;
    lead.customer_profile.name = customers[i];
    leads.push_back(lead);
  }
  Referral qualified = make_lead("q");
  qualified.qualification = wire_enum(Qualification::SalesQualified);
  qualified.invite_context.invited_by.organization_id = "msft";
  qualified.invite_context.invited_by.organization_name = "Microsoft";
  leads.push_back(qualified);
  TestApp app;
  app.load(leads);
  REQUIRE(app.row_ids() == std::vector<std::string>{"a", "b", "c", "d", "e"});
  return app;
}

}  // namespace

// [SECTION] walking the list -----------------------------------------------------------------------

TEST_CASE("stepping with nothing selected starts at the first row going down and the last going up") {
  TestApp down = five_leads();
  down.dispatch(act::StepLead{+1});
  CHECK(down.state.selected_id == "a");
  TestApp up = five_leads();
  up.dispatch(act::StepLead{-1});
  CHECK(up.state.selected_id == "e");
}

TEST_CASE("stepping walks the rows in display order and stops at both ends") {
  TestApp app = five_leads();
  app.dispatch(act::SelectLead{"b"});
  app.dispatch(act::StepLead{+1});
  CHECK(app.state.selected_id == "c");
  app.dispatch(act::StepLead{+1});
  app.dispatch(act::StepLead{+1});
  CHECK(app.state.selected_id == "e");
  app.dispatch(act::StepLead{+1});
  CHECK(app.state.selected_id == "e");
  for (int i = 0; i < 6; ++i) app.dispatch(act::StepLead{-1});
  CHECK(app.state.selected_id == "a");
}

TEST_CASE("stepping follows the sort the user chose") {
  TestApp app = five_leads();
  app.dispatch(act::SetSort{SortColumn::Customer, false});
  app.draw();
  REQUIRE(app.row_ids() == std::vector<std::string>{"b", "c", "e", "d", "a"});
  app.dispatch(act::SelectLead{"c"});
  app.dispatch(act::StepLead{+1});
  CHECK(app.state.selected_id == "e");
}

TEST_CASE("stepping stays in the current tab's rows") {
  TestApp app = five_leads();
  app.dispatch(act::SelectTab{ListTab::Qualified});
  app.draw();
  REQUIRE(app.row_ids() == std::vector<std::string>{"q"});
  app.dispatch(act::SelectLead{"q"});
  app.dispatch(act::StepLead{+1});
  CHECK(app.state.selected_id == "q");
  app.dispatch(act::StepLead{-1});
  CHECK(app.state.selected_id == "q");
}

TEST_CASE("stepping from a lead the current search hides starts over in the shown rows") {
  TestApp app = five_leads();
  app.dispatch(act::SelectLead{"a"});
  app.dispatch(act::SetSearch{"gamma"});
  app.draw();
  REQUIRE(app.row_ids() == std::vector<std::string>{"d"});
  app.dispatch(act::StepLead{+1});
  CHECK(app.state.selected_id == "d");
}

TEST_CASE("stepping in an empty list does nothing") {
  TestApp app = five_leads();
  app.dispatch(act::SelectLead{"b"});
  app.dispatch(act::SetSearch{"nothing matches this"});
  app.draw();
  REQUIRE(app.row_ids().empty());
  app.dispatch(act::StepLead{+1});
  CHECK(app.state.selected_id == "b");
}

TEST_CASE("selecting an unknown lead keeps the current one, and closing the detail clears it") {
  TestApp app = five_leads();
  app.dispatch(act::SelectLead{"b"});
  app.dispatch(act::SelectLead{"missing"});
  CHECK(app.state.selected_id == "b");
  app.dispatch(act::CloseDetail{});
  CHECK(app.state.selected_id.empty());
}

TEST_CASE("an untouched form follows the selection away but a typed-in one stays") {
  TestApp app = five_leads();
  app.open_form(Action::Decline, "a");
  REQUIRE(app.state.form.action == Action::Decline);
  app.dispatch(act::StepLead{+1});
  CHECK(app.state.selected_id == "b");
  CHECK_FALSE(app.state.form.action);

  app.open_form(Action::Decline, "b");
  app.dispatch(act::SubmitForm{});  // refused for the missing reason: errors now show
  REQUIRE(app.state.form.show_errors);
  app.dispatch(act::StepLead{+1});
  CHECK(app.state.selected_id == "c");
  CHECK(app.state.form.action == Action::Decline);
  CHECK(app.state.form.lead_id == "b");
}

// [SECTION] marking leads --------------------------------------------------------------------------

TEST_CASE("marking only one lead replaces the marks and sets the anchor") {
  TestApp app = five_leads();
  app.dispatch(act::MarkLead{"a", act::MarkMode::Toggle});
  app.dispatch(act::MarkLead{"c", act::MarkMode::Only});
  CHECK(app.state.marked == std::unordered_set<std::string>{"c"});
  CHECK(app.state.mark_anchor == "c");
}

TEST_CASE("toggling a mark adds and removes it") {
  TestApp app = five_leads();
  app.dispatch(act::MarkLead{"a", act::MarkMode::Toggle});
  app.dispatch(act::MarkLead{"c", act::MarkMode::Toggle});
  CHECK(app.state.marked == std::unordered_set<std::string>{"a", "c"});
  app.dispatch(act::MarkLead{"a", act::MarkMode::Toggle});
  CHECK(app.state.marked == std::unordered_set<std::string>{"c"});
  app.dispatch(act::ClearMarks{});
  CHECK(app.state.marked.empty());
}

TEST_CASE("a range mark covers the rows between the anchor and the target, in either direction") {
  TestApp down = five_leads();
  down.dispatch(act::MarkLead{"b", act::MarkMode::Only});
  down.dispatch(act::MarkLead{"d", act::MarkMode::Range});
  CHECK(down.state.marked == std::unordered_set<std::string>{"b", "c", "d"});

  TestApp up = five_leads();
  up.dispatch(act::MarkLead{"d", act::MarkMode::Only});
  up.dispatch(act::MarkLead{"a", act::MarkMode::Range});
  CHECK(up.state.marked == std::unordered_set<std::string>{"a", "b", "c", "d"});
}

TEST_CASE("a range mark follows the display order, not the order the leads arrived in") {
  TestApp app = five_leads();
  app.dispatch(act::SetSort{SortColumn::Customer, false});
  app.draw();
  REQUIRE(app.row_ids() == std::vector<std::string>{"b", "c", "e", "d", "a"});
  app.dispatch(act::MarkLead{"c", act::MarkMode::Only});
  app.dispatch(act::MarkLead{"d", act::MarkMode::Range});
  CHECK(app.state.marked == std::unordered_set<std::string>{"c", "e", "d"});
}

TEST_CASE("a range mark without an anchor marks the target alone") {
  TestApp app = five_leads();
  app.dispatch(act::MarkLead{"c", act::MarkMode::Range});
  CHECK(app.state.marked == std::unordered_set<std::string>{"c"});
}

TEST_CASE("marking an unknown lead changes nothing") {
  TestApp app = five_leads();
  app.dispatch(act::MarkLead{"b", act::MarkMode::Only});
  app.dispatch(act::MarkLead{"missing", act::MarkMode::Only});
  app.dispatch(act::MarkLead{"missing", act::MarkMode::Range});
  CHECK(app.state.marked == std::unordered_set<std::string>{"b"});
  CHECK(app.state.mark_anchor == "b");
}

// [SECTION] detail panel effects -------------------------------------------------------------------

TEST_CASE("copying text puts it on the clipboard and says so") {
  TestApp app = five_leads();
  const auto effects = app.dispatch(act::CopyText{"ayse@example.com.tr"});
  const auto copies = effects_of<fx::CopyText>(effects);
  REQUIRE(copies.size() == 1);
  CHECK(copies[0].text == "ayse@example.com.tr");
  REQUIRE(app.state.toasts.size() == 1);
  CHECK(shown_text(app.state, app.state.toasts[0]) == "Copied ayse@example.com.tr");
}

TEST_CASE("only mailto and tel links and Partner Center's own pages are opened") {
  TestApp app = five_leads();
  CHECK(effects_of<fx::OpenUrl>(app.dispatch(act::OpenLink{"mailto:a@b.tr"})).size() == 1);
  CHECK(effects_of<fx::OpenUrl>(app.dispatch(act::OpenLink{"tel:+902121234567"})).size() == 1);
  CHECK(app.dispatch(act::OpenLink{"javascript:alert(1)"}).empty());
  CHECK(app.dispatch(act::OpenLink{"https://evil.test"}).empty());
  // The "Getting more leads" next steps: the business profile (as configured) and the CRM connectors' docs.
  for (std::string_view url : {kDefaultBusinessProfileUrl, kDynamicsConnectorUrl, kSalesforceConnectorUrl})
    CHECK(effects_of<fx::OpenUrl>(app.dispatch(act::OpenLink{std::string(url)})).size() == 1);
  app.state.business_profile_url = "https://partner.contoso.example/profile";
  CHECK(effects_of<fx::OpenUrl>(app.dispatch(act::OpenLink{"https://partner.contoso.example/profile"})).size() == 1);
  CHECK(app.dispatch(act::OpenLink{std::string(kDefaultBusinessProfileUrl)}).empty());
}

TEST_CASE("changing the language is remembered") {
  TestApp app = five_leads();
  const auto saved = effects_of<fx::SaveLanguage>(app.dispatch(act::SetLanguage{Language::Turkish}));
  REQUIRE(saved.size() == 1);
  CHECK(saved[0].language == Language::Turkish);
  CHECK(app.state.language == Language::Turkish);
}

TEST_CASE("no more than four toasts are shown, the oldest goes first") {
  TestApp app = five_leads();
  for (int i = 0; i < 6; ++i) app.dispatch(act::CopyText{std::to_string(i)});
  REQUIRE(app.state.toasts.size() == 4);
  CHECK(shown_text(app.state, app.state.toasts.front()) == "Copied 2");
  CHECK(shown_text(app.state, app.state.toasts.back()) == "Copied 5");
}

TEST_CASE("opening a lead fetches its full record once; a refresh that brings another version fetches it again") {
  TestApp app;
  app.load({make_lead("a"), make_lead("b")});
  app.dispatch(act::SelectLead{"a"});
  REQUIRE(app.pending_count(RequestPurpose::RecordFetch) == 1);
  CHECK(app.state.record_fetch.phase == RecordPhase::Loading);
  app.answer(RequestPurpose::RecordFetch, lead_response(make_lead("a")));
  CHECK(app.state.record_fetch.phase == RecordPhase::Ready);
  REQUIRE(app.state.record("a"));
  app.dispatch(act::SelectLead{"b"});
  app.answer(RequestPurpose::RecordFetch, lead_response(make_lead("b")));
  app.dispatch(act::SelectLead{"a"});  // back to "a": from the cache
  CHECK(app.pending_count(RequestPurpose::RecordFetch) == 0);

  // Refresh: "a" comes back in another version, "b" unchanged.
  app.dispatch(act::Refresh{});
  Referral newer = make_lead("a", "Closed", "Expired");
  newer.etag = "\"a-v2\"";
  app.answer(RequestPurpose::ListPage, page_response({newer, make_lead("b")}, {}, 2));
  CHECK_FALSE(app.state.record("a"));  // stale: dropped
  CHECK(app.state.record("b"));
  REQUIRE(app.pending_count(RequestPurpose::RecordFetch) == 1);  // the open detail asks for the new one
  app.answer(RequestPurpose::RecordFetch, lead_response(newer));
  CHECK(app.state.record("a")->etag == "\"a-v2\"");
}

TEST_CASE("the reply to an opened lead's record is one the user awaits; list pages, polls and other actions are not") {
  TestApp app;
  app.load({make_lead("a"), make_lead("b")});
  app.dispatch(act::SelectLead{"a"});
  const std::uint64_t record = app.pending_id(RequestPurpose::RecordFetch);
  CHECK(awaited_by_user(app.state, act::HttpDone{record, lead_response(make_lead("a"))}));
  app.answer(RequestPurpose::RecordFetch, lead_response(make_lead("a")));
  CHECK_FALSE(awaited_by_user(app.state, act::HttpDone{record, lead_response(make_lead("a"))}));  // answered: gone

  app.dispatch(act::Refresh{});
  const std::uint64_t page = app.pending_id(RequestPurpose::ListPage);
  CHECK_FALSE(awaited_by_user(app.state, act::HttpDone{page, page_response({make_lead("a")}, {}, 1)}));
  CHECK_FALSE(awaited_by_user(app.state, act::SelectLead{"b"}));
}

TEST_CASE("a fetched record of the row's own version leaves the list as it is; another version replaces the row") {
  TestApp app;
  app.load({make_lead("a"), make_lead("b")});
  const std::uint64_t loaded_version = app.state.data_version;
  app.dispatch(act::SelectLead{"a"});
  app.answer(RequestPurpose::RecordFetch, lead_response(make_lead("a")));
  REQUIRE(app.state.record("a"));
  CHECK(app.state.data_version == loaded_version);  // nothing recounted, no view re-sorted, no snapshot to write

  Referral moved_on = make_lead("b", "Active", "Accepted");
  moved_on.name = "Deal b, renamed";
  moved_on.etag = "\"b-v2\"";
  app.dispatch(act::SelectLead{"b"});
  app.answer(RequestPurpose::RecordFetch, lead_response(moved_on));
  CHECK(app.state.data_version > loaded_version);
  const std::optional<std::uint32_t> row = app.state.leads.find("b");
  REQUIRE(row);
  CHECK(app.state.leads.row(*row).name() == "Deal b, renamed");
  CHECK(app.state.leads.row(*row).etag() == "\"b-v2\"");
}

TEST_CASE("a record that is gone (404) or unreadable says so; Retry fetches it again") {
  TestApp app;
  app.load({make_lead("a")});
  app.dispatch(act::SelectLead{"a"});
  app.answer(RequestPurpose::RecordFetch, error_response(404, "itemNotFound"));
  CHECK(app.state.record_fetch.phase == RecordPhase::Missing);
  app.dispatch(act::RetryRecord{});  // nothing to retry for a lead that no longer exists
  CHECK(app.pending_count(RequestPurpose::RecordFetch) == 0);

  TestApp flaky;
  flaky.load({make_lead("a")});
  flaky.dispatch(act::SelectLead{"a"});
  flaky.answer(RequestPurpose::RecordFetch, network_failure());
  CHECK(flaky.state.record_fetch.phase == RecordPhase::Failed);
  REQUIRE(flaky.state.record_fetch.error);
  CHECK(flaky.pending_count(RequestPurpose::RecordFetch) == 0);
  flaky.dispatch(act::RetryRecord{});
  REQUIRE(flaky.pending_count(RequestPurpose::RecordFetch) == 1);
  flaky.answer(RequestPurpose::RecordFetch, lead_response(make_lead("a")));
  CHECK(flaky.state.record_fetch.phase == RecordPhase::Ready);
}

TEST_CASE("the record cache keeps the 16 leads opened last") {
  RecordCache cache;
  for (int i = 0; i < 20; ++i) cache.put(make_lead("l" + std::to_string(i)));
  CHECK(cache.size() == RecordCache::kCapacity);
  CHECK_FALSE(cache.find("l3"));
  CHECK(cache.find("l4"));
  cache.put(make_lead("l4"));  // used again: the newest
  cache.put(make_lead("x"));
  CHECK(cache.find("l4"));
  CHECK_FALSE(cache.find("l5"));  // the oldest went
}
