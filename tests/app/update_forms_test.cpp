// Tests of update() for the lead forms and their writes: opening by role and stage, validation as the user types,
// the PATCH with If-Match and a stable MS-RequestId, success, 412 conflicts, unclear failures, throttling, server
// refusals, 204 answers, and the bulk decline.
//
// [SECTION] fixtures
// [SECTION] opening and editing
// [SECTION] sending
// [SECTION] answers
// [SECTION] conflicts
// [SECTION] unclear failures and retries
// [SECTION] bulk decline
#include <doctest/doctest.h>

#include "app_test_support.h"
#include "domain/json_patch.h"

using namespace leads;
using namespace leads::test;

// [SECTION] fixtures -------------------------------------------------------------------------------

namespace {

FormValues good_accept_values(const AppState& state) {
  FormValues values = state.form.values;
  values.accept.deal_name = "Kurumsal e-posta geçişi";
  values.accept.deal_value = "1.250,50";
  values.accept.currency = "try";
  values.accept.closing_date = "2026-12-31";
  values.accept.notes = "50 posta kutusu";
  return values;
}

// A loaded app with lead "a" Received and an accept form on it, filled in and valid.
TestApp with_accept_form() {
  TestApp app;
  app.load({make_lead("a"), make_lead("b"), make_lead("c", "Active", "Accepted")});
  app.open_form(Action::Accept, "a");
  REQUIRE(app.state.form.action == Action::Accept);
  app.dispatch(act::EditForm{good_accept_values(app.state)});
  REQUIRE(app.state.form.errors.ok());
  return app;
}

// Submits the open form and returns the one request it sent.
fx::SendHttp submit(TestApp& app) {
  const auto requests = effects_of<fx::SendHttp>(app.dispatch(act::SubmitForm{}));
  REQUIRE(requests.size() == 1);
  return requests[0];
}

// The lead as the server leaves it after applying `patch`, with a new ETag.
Referral applied(const Referral& lead, const Json& patch, const std::string& etag) {
  Json document = referral_to_json(lead);
  REQUIRE_FALSE(apply_json_patch(patch, document));
  Referral out;
  REQUIRE_FALSE(referral_from_json(document, out));
  out.etag = etag;
  return out;
}

std::uint64_t write_for(const TestApp& app, const std::string& lead_id) {
  for (const auto& [id, pending] : app.state.pending)
    if (pending.purpose == RequestPurpose::Write && pending.lead_id == lead_id) return id;
  FAIL("no write in flight for " << lead_id);
  return 0;
}

}  // namespace

// [SECTION] opening and editing --------------------------------------------------------------------

TEST_CASE("a form the domain core refuses for the role or the stage does not open") {
  Referral expired = make_lead("old");
  expired.created_date_time = kNow - 20 * kDayMs;
  TestApp app;
  app.load({make_lead("a"), make_lead("c", "Active", "Accepted"), make_lead("z", "Closed", "Won"), expired});
  app.open_form(Action::Accept, "c");  // already accepted
  CHECK_FALSE(app.state.form.action);
  app.open_form(Action::Won, "a");  // not accepted yet
  CHECK_FALSE(app.state.form.action);
  app.open_form(Action::Edit, "z");  // archived
  CHECK_FALSE(app.state.form.action);
  app.open_form(Action::Decline, "old");  // past its 14 days
  CHECK_FALSE(app.state.form.action);
  app.open_form(Action::Accept, "missing");
  CHECK_FALSE(app.state.form.action);

  TestApp reader;
  reader.load({make_lead("a")}, {"Referrals user"});
  reader.open_form(Action::Accept, "a");
  CHECK_FALSE(reader.state.form.action);
}

TEST_CASE("an accept form opens prefilled from the lead, on its ETag, without showing errors yet") {
  Referral lead = make_lead("a");
  lead.details.notes = "needs 50 mailboxes";
  TestApp app;
  app.load({lead});
  app.open_form(Action::Accept, "a");
  CHECK(app.state.form.action == Action::Accept);
  CHECK(app.state.form.lead_id == "a");
  CHECK(app.state.form.base_etag == "\"a-v1\"");
  CHECK(app.state.form.values.accept.deal_name == "Deal a");
  CHECK(app.state.form.values.accept.notes == "needs 50 mailboxes");
  CHECK(app.state.form.phase == SavePhase::Editing);
  CHECK_FALSE(app.state.form.show_errors);
  CHECK(app.state.form.errors.find("deal_value") != nullptr);  // known, shown after the first attempt
  CHECK(app.state.selected_id == "a");
}

TEST_CASE("editing a form revalidates it") {
  TestApp app = with_accept_form();
  FormValues values = app.state.form.values;
  values.accept.deal_value = "-5";
  app.dispatch(act::EditForm{values});
  const FieldError* error = app.state.form.errors.find("deal_value");
  REQUIRE(error);
  CHECK(error->message == "form.negative");
  values.accept.deal_value = "5";
  app.dispatch(act::EditForm{values});
  CHECK(app.state.form.errors.ok());
}

TEST_CASE("closing an unsent form discards it") {
  TestApp app = with_accept_form();
  app.dispatch(act::CloseForm{});
  CHECK_FALSE(app.state.form.action);
}

// [SECTION] sending --------------------------------------------------------------------------------

TEST_CASE("submitting a form with errors sends nothing and shows the errors") {
  TestApp app;
  app.load({make_lead("a")});
  app.open_form(Action::Accept, "a");
  const auto effects = app.dispatch(act::SubmitForm{});
  CHECK(effects.empty());
  CHECK(app.state.pending.empty());
  CHECK(app.state.form.show_errors);
  CHECK(app.state.form.phase == SavePhase::Editing);
  CHECK(app.state.form.errors.find("deal_value") != nullptr);
  CHECK(app.state.form.errors.find("closing_date") != nullptr);
}

TEST_CASE("a valid accept sends exactly one PATCH with If-Match, MS-RequestId, Prefer and the accept patch") {
  TestApp app = with_accept_form();
  const fx::SendHttp sent = submit(app);
  const HttpRequest& request = sent.request;
  CHECK(request.method == "PATCH");
  CHECK(request.url == std::string(kBaseUrl) + "/v1.0/engagements/referrals/a");
  CHECK(header(request, "If-Match") == "\"a-v1\"");
  CHECK_FALSE(header(request, "MS-RequestId").empty());
  CHECK(header(request, "MS-RequestId") == app.state.form.request_id);
  CHECK(header(request, "Prefer") == "return=representation");
  CHECK(header(request, "Content-Type") == "application/json");
  CHECK(header(request, "Authorization") == "Bearer " + app.state.session.token);
  CHECK(Json::parse(request.body) == accept_patch(app.state.form.values.accept));
  CHECK(Json::parse(request.body) == app.state.form.patch);
  CHECK(app.state.form.phase == SavePhase::Saving);
  CHECK(app.pending_count(RequestPurpose::Write) == 1);
  // The save's answer is one the user waits for: drawn at once.
  CHECK(awaited_by_user(app.state, act::HttpDone{sent.request_id, HttpResponse{}}));

  // A second press, an edit or closing while saving changes nothing.
  CHECK(app.dispatch(act::SubmitForm{}).empty());
  FormValues other = app.state.form.values;
  other.accept.deal_name = "Other";
  app.dispatch(act::EditForm{other});
  CHECK(app.state.form.values.accept.deal_name == "Kurumsal e-posta geçişi");
  app.dispatch(act::CloseForm{});
  CHECK(app.state.form.action == Action::Accept);
  CHECK(app.pending_count(RequestPurpose::Write) == 1);
}

TEST_CASE("a decline sends the reason as statusReason") {
  TestApp app;
  app.load({make_lead("a")});
  app.open_form(Action::Decline, "a");
  CHECK(app.dispatch(act::SubmitForm{}).empty());
  REQUIRE(app.state.form.errors.find("reason"));
  FormValues values = app.state.form.values;
  values.decline.reason = CloseReason::BudgetNotAdequate;
  values.decline.notes = "  too small ";
  app.dispatch(act::EditForm{values});
  const fx::SendHttp sent = submit(app);
  CHECK(Json::parse(sent.request.body) == decline_patch(values.decline));
  CHECK(Json::parse(sent.request.body).dump().find("budgetNotAdequate: too small") != std::string::npos);
}

TEST_CASE("a form whose lead moved on under it is refused at submit without sending") {
  TestApp app = with_accept_form();
  // A poll brings the lead back already accepted by a colleague.
  app.dispatch(act::Poll{true});
  Referral accepted = make_lead("a", "Active", "Accepted");
  accepted.updated_date_time = kNow;
  accepted.etag = "\"a-v2\"";
  app.answer(RequestPurpose::Poll, page_response({accepted}));
  const auto effects = app.dispatch(act::SubmitForm{});
  CHECK(effects_of<fx::SendHttp>(effects).empty());
  CHECK(app.state.form.phase == SavePhase::Failed);
  REQUIRE(app.state.form.error);
  CHECK(app.state.form.error->code == "refused.not_received");
  CHECK(app.state.form.values.accept.deal_name == "Kurumsal e-posta geçişi");
}

// [SECTION] answers --------------------------------------------------------------------------------

TEST_CASE("a 200 replaces the lead, closes the form and says so in a toast") {
  TestApp app = with_accept_form();
  submit(app);
  const Referral updated = applied(*app.state.record("a"), app.state.form.patch, "\"a-v2\"");
  const auto effects = app.answer(RequestPurpose::Write, lead_response(updated));
  CHECK_FALSE(app.state.form.action);
  CHECK(app.state.lead("a")->facts().status == Status::Active);
  CHECK(app.state.lead("a")->etag() == "\"a-v2\"");
  CHECK(app.state.lead("a")->name() == "Kurumsal e-posta geçişi");
  CHECK(app.state.counts.marketplace.accepted == 2);
  REQUIRE(app.state.toasts.size() == 1);
  CHECK(shown_text(app.state, app.state.toasts[0]) == "Accepted");
  CHECK_FALSE(app.state.toasts[0].error);
  const auto dismiss = timers_of<act::DismissToast>(effects);
  REQUIRE(dismiss.size() == 1);
  CHECK(std::get<act::DismissToast>(dismiss[0].action).id == app.state.toasts[0].id);
  app.dispatch(dismiss[0].action);
  CHECK(app.state.toasts.empty());
}

TEST_CASE("a 400 naming the deal name shows the server's refusal on the deal name field") {
  TestApp app = with_accept_form();
  submit(app);
  const auto effects = app.answer(RequestPurpose::Write, error_response(400, "invalidRequest", "name"));
  CHECK(effects_of<fx::SendHttp>(effects).empty());
  CHECK(app.state.form.phase == SavePhase::Editing);
  CHECK(app.state.form.show_errors);
  const FieldError* error = app.state.form.errors.find("deal_name");
  REQUIRE(error);
  CHECK(error->message == "form.server_refused");
  CHECK(app.state.form.values.accept.deal_name == "Kurumsal e-posta geçişi");
}

// The server records every non-5xx answer under its MS-RequestId and replays it for the same id (referrals-api.md,
// server-mock/referrals_api.cpp remember/replay). After a 400 the user corrects the form: that is a new change and
// needs a new id, or the corrected save is answered with the recorded 400 forever.
TEST_CASE("a corrected save after a 400 is sent with a new MS-RequestId") {
  TestApp app = with_accept_form();
  const std::string first_id = header(submit(app).request, "MS-RequestId");
  app.answer(RequestPurpose::Write, error_response(400, "invalidRequest", "name"));
  FormValues values = app.state.form.values;
  values.accept.deal_name = "Kurumsal e-posta geçişi (düzeltildi)";
  app.dispatch(act::EditForm{values});
  const fx::SendHttp again = submit(app);
  CHECK(Json::parse(again.request.body) == accept_patch(values.accept));
  CHECK(header(again.request, "MS-RequestId") != first_id);
}

TEST_CASE("a 204 reads the lead back and then succeeds") {
  TestApp app = with_accept_form();
  submit(app);
  auto effects = app.answer(RequestPurpose::Write, response(204));
  CHECK(app.state.form.phase == SavePhase::Checking);
  const auto requests = effects_of<fx::SendHttp>(effects);
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].request.method == "GET");
  CHECK(requests[0].request.url == std::string(kBaseUrl) + "/v1.0/engagements/referrals/a");
  const Referral updated = applied(*app.state.record("a"), app.state.form.patch, "\"a-v2\"");
  app.answer(RequestPurpose::WriteCheck, lead_response(updated));
  CHECK_FALSE(app.state.form.action);
  CHECK(app.state.lead("a")->facts().status == Status::Active);
  REQUIRE(app.state.toasts.size() == 1);
  CHECK(shown_text(app.state, app.state.toasts[0]) == "Accepted");
}

TEST_CASE("a 403 on a write fails with the form kept") {
  TestApp app = with_accept_form();
  submit(app);
  const auto effects = app.answer(RequestPurpose::Write, error_response(403, "accessDenied"));
  CHECK(effects_of<fx::SendHttp>(effects).empty());
  CHECK(app.state.form.phase == SavePhase::Failed);
  REQUIRE(app.state.form.error);
  CHECK(app.state.form.error->kind == ApiErrorKind::Forbidden);
  CHECK(app.state.form.values.accept.currency == "try");
}

// [SECTION] conflicts ------------------------------------------------------------------------------

TEST_CASE("a 412 fetches the lead and shows what the other person changed") {
  TestApp app = with_accept_form();
  submit(app);
  const auto effects = app.answer(RequestPurpose::Write, error_response(412, "preconditionFailed"));
  CHECK(app.state.form.phase == SavePhase::Conflict);
  const auto requests = effects_of<fx::SendHttp>(effects);
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].request.method == "GET");
  CHECK(requests[0].request.url == std::string(kBaseUrl) + "/v1.0/engagements/referrals/a");
  CHECK(app.pending_count(RequestPurpose::ConflictFetch) == 1);

  Referral theirs = make_lead("a");
  theirs.name = "Their name";
  theirs.details.notes = "their notes";
  theirs.etag = "\"a-v2\"";
  app.answer(RequestPurpose::ConflictFetch, lead_response(theirs));
  CHECK(app.state.form.phase == SavePhase::Conflict);
  REQUIRE(app.state.form.theirs);
  CHECK(app.state.form.theirs->etag == "\"a-v2\"");
  const auto& changes = app.state.form.their_changes;
  CHECK(changes == std::vector<std::string>{"field.deal_name", "field.notes"});
}

TEST_CASE("reload and re-apply keeps the typed values, takes the new ETag and sends with a new request id") {
  TestApp app = with_accept_form();
  const FormValues typed = app.state.form.values;
  const std::string first_id = header(submit(app).request, "MS-RequestId");
  app.answer(RequestPurpose::Write, error_response(412, "preconditionFailed"));
  Referral theirs = make_lead("a");
  theirs.name = "Their name";
  theirs.etag = "\"a-v2\"";
  app.answer(RequestPurpose::ConflictFetch, lead_response(theirs));

  app.dispatch(act::ReloadAndReapply{});
  CHECK(app.state.form.phase == SavePhase::Editing);
  CHECK(app.state.form.base_etag == "\"a-v2\"");
  CHECK(app.state.form.values.accept.deal_name == typed.accept.deal_name);
  CHECK(app.state.form.values.accept.deal_value == typed.accept.deal_value);
  CHECK(app.state.form.their_changes.empty());
  CHECK(app.state.lead("a")->name() == "Their name");  // the list shows their version meanwhile

  const fx::SendHttp again = submit(app);
  CHECK(header(again.request, "If-Match") == "\"a-v2\"");
  CHECK_FALSE(header(again.request, "MS-RequestId").empty());
  CHECK(header(again.request, "MS-RequestId") != first_id);
  CHECK(Json::parse(again.request.body) == accept_patch(typed.accept));
}

TEST_CASE("a conflict whose lead cannot be read fails with the form kept") {
  TestApp app = with_accept_form();
  submit(app);
  app.answer(RequestPurpose::Write, error_response(412, "preconditionFailed"));
  app.answer(RequestPurpose::ConflictFetch, network_failure());
  CHECK(app.state.form.phase == SavePhase::Failed);
  CHECK(app.state.form.action == Action::Accept);
  CHECK(app.state.form.values.accept.notes == "50 posta kutusu");
}

// [SECTION] unclear failures and retries -----------------------------------------------------------

TEST_CASE("a network failure on a write reads the lead back before saying anything") {
  TestApp app = with_accept_form();
  submit(app);
  const auto effects = app.answer(RequestPurpose::Write, network_failure());
  CHECK(app.state.form.phase == SavePhase::Checking);
  const auto requests = effects_of<fx::SendHttp>(effects);
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].request.method == "GET");
  CHECK(requests[0].request.url == std::string(kBaseUrl) + "/v1.0/engagements/referrals/a");
  CHECK(app.pending_count(RequestPurpose::WriteCheck) == 1);
}

TEST_CASE("a write check that finds the patch applied is a success") {
  TestApp app = with_accept_form();
  submit(app);
  app.answer(RequestPurpose::Write, network_failure());
  const Referral updated = applied(*app.state.record("a"), app.state.form.patch, "\"a-v2\"");
  app.answer(RequestPurpose::WriteCheck, lead_response(updated));
  CHECK_FALSE(app.state.form.action);
  CHECK(app.state.lead("a")->etag() == "\"a-v2\"");
  REQUIRE(app.state.toasts.size() == 1);
  CHECK(shown_text(app.state, app.state.toasts[0]) == "Accepted");
}

TEST_CASE("a write check that finds the lead unchanged fails and Retry resends the same MS-RequestId") {
  TestApp app = with_accept_form();
  const FormValues typed = app.state.form.values;
  const fx::SendHttp first = submit(app);
  app.answer(RequestPurpose::Write, network_failure());
  app.answer(RequestPurpose::WriteCheck, lead_response(*app.state.record("a")));
  CHECK(app.state.form.phase == SavePhase::Failed);
  CHECK(app.state.form.action == Action::Accept);
  CHECK(app.state.form.values.accept.deal_name == typed.accept.deal_name);
  CHECK(app.state.form.values.accept.closing_date == typed.accept.closing_date);
  REQUIRE(app.state.form.error);
  CHECK(app.state.form.error->kind == ApiErrorKind::Network);

  const auto requests = effects_of<fx::SendHttp>(app.dispatch(act::RetrySave{}));
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].request.method == "PATCH");
  CHECK(header(requests[0].request, "MS-RequestId") == header(first.request, "MS-RequestId"));
  CHECK(header(requests[0].request, "If-Match") == "\"a-v1\"");
  CHECK(requests[0].request.body == first.request.body);
  CHECK(app.state.form.phase == SavePhase::Saving);
}

TEST_CASE("a write check whose lead changed without our values is not taken for a success") {
  TestApp app = with_accept_form();
  submit(app);
  app.answer(RequestPurpose::Write, network_failure());
  Referral someone_else = make_lead("a");
  someone_else.details.notes = "edited elsewhere";
  someone_else.etag = "\"a-v2\"";
  app.answer(RequestPurpose::WriteCheck, lead_response(someone_else));
  CHECK(app.state.form.phase == SavePhase::Failed);
  CHECK(app.state.lead("a")->etag() == "\"a-v2\"");  // the fresh copy is kept
  CHECK(app.state.toasts.empty());
}

TEST_CASE("a write check that gets no answer fails with the form kept") {
  TestApp app = with_accept_form();
  submit(app);
  app.answer(RequestPurpose::Write, network_failure());
  app.answer(RequestPurpose::WriteCheck, network_failure());
  CHECK(app.state.form.phase == SavePhase::Failed);
  CHECK(app.state.form.values.accept.deal_value == "1.250,50");
}

TEST_CASE("a 503 on a write is retried automatically with the same MS-RequestId, then checked") {
  TestApp app = with_accept_form();
  const std::string request_id = header(submit(app).request, "MS-RequestId");
  const int delays[] = {1000, 2000};
  for (int delay : delays) {
    CAPTURE(delay);
    const auto effects = app.answer(RequestPurpose::Write, error_response(503, "serviceNotAvailable"));
    const auto retries = timers_of<act::RetrySave>(effects);
    REQUIRE(retries.size() == 1);
    CHECK(retries[0].delay_ms >= delay / 2);  // jittered within [b/2, b]
    CHECK(retries[0].delay_ms <= delay);
    CHECK(effects_of<fx::SendHttp>(effects).empty());
    const auto requests = effects_of<fx::SendHttp>(app.dispatch(act::RetrySave{}));
    REQUIRE(requests.size() == 1);
    CHECK(header(requests[0].request, "MS-RequestId") == request_id);
    CHECK(header(requests[0].request, "If-Match") == "\"a-v1\"");
  }
  // Out of automatic retries: the write may still have landed, so look before failing.
  const auto effects = app.answer(RequestPurpose::Write, error_response(503, "serviceNotAvailable"));
  CHECK(timers_of<act::RetrySave>(effects).empty());
  CHECK(app.state.form.phase == SavePhase::Checking);
  CHECK(app.pending_count(RequestPurpose::WriteCheck) == 1);
}

TEST_CASE("a throttled write waits as long as Retry-After says") {
  TestApp app = with_accept_form();
  submit(app);
  const auto effects =
      app.answer(RequestPurpose::Write, error_response(429, "tooManyRequests", {}, {{"retry-after", "3"}}));
  const auto retries = timers_of<act::RetrySave>(effects);
  REQUIRE(retries.size() == 1);
  CHECK(retries[0].delay_ms >= 3000);  // and a little more, so clients told the same do not return at once
  CHECK(retries[0].delay_ms <= 3750);
}

// [SECTION] bulk decline ---------------------------------------------------------------------------

namespace {

// Leads a, b (Received) and c (Accepted) marked, and a bulk decline form over the declinable ones, filled in.
TestApp with_bulk_decline() {
  TestApp app;
  app.load({make_lead("a"), make_lead("b"), make_lead("c", "Active", "Accepted"), make_lead("d")});
  app.dispatch(act::MarkLead{"a", act::MarkMode::Toggle});
  app.dispatch(act::MarkLead{"b", act::MarkMode::Toggle});
  app.dispatch(act::MarkLead{"c", act::MarkMode::Toggle});
  app.dispatch(act::OpenBulkDecline{});
  REQUIRE(app.state.form.action == Action::Decline);
  FormValues values = app.state.form.values;
  values.decline.reason = CloseReason::NotACustomer;
  app.dispatch(act::EditForm{values});
  return app;
}

Referral declined(const std::string& id) {
  Referral lead = make_lead(id, "Closed", "Declined");
  lead.status_reason = "notACustomer";
  lead.etag = "\"" + id + "-v2\"";
  return lead;
}

}  // namespace

TEST_CASE("a bulk decline covers only the marked leads that may be declined") {
  TestApp app = with_bulk_decline();
  CHECK(app.state.form.bulk);
  CHECK(app.state.form.bulk_ids == std::vector<std::string>{"a", "b"});
}

TEST_CASE("a bulk decline with nothing declinable marked does not open") {
  TestApp app;
  app.load({make_lead("a"), make_lead("c", "Active", "Accepted")});
  app.dispatch(act::MarkLead{"c", act::MarkMode::Only});
  app.dispatch(act::OpenBulkDecline{});
  CHECK_FALSE(app.state.form.action);
}

TEST_CASE("a bulk decline sends one PATCH per lead, each with its own ETag and request id") {
  TestApp app = with_bulk_decline();
  const auto requests = effects_of<fx::SendHttp>(app.dispatch(act::SubmitForm{}));
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].request.url == std::string(kBaseUrl) + "/v1.0/engagements/referrals/a");
  CHECK(requests[1].request.url == std::string(kBaseUrl) + "/v1.0/engagements/referrals/b");
  CHECK(header(requests[0].request, "If-Match") == "\"a-v1\"");
  CHECK(header(requests[1].request, "If-Match") == "\"b-v1\"");
  const std::string id_a = header(requests[0].request, "MS-RequestId");
  const std::string id_b = header(requests[1].request, "MS-RequestId");
  CHECK_FALSE(id_a.empty());
  CHECK_FALSE(id_b.empty());
  CHECK(id_a != id_b);
  for (const auto& sent : requests) {
    CHECK(sent.request.method == "PATCH");
    CHECK(Json::parse(sent.request.body) == decline_patch(app.state.form.values.decline));
  }
  CHECK(app.state.form.phase == SavePhase::Saving);
}

TEST_CASE("a bulk decline that all succeeds closes the form and counts the declined leads") {
  TestApp app = with_bulk_decline();
  app.dispatch(act::SubmitForm{});
  app.dispatch(act::HttpDone{write_for(app, "a"), lead_response(declined("a"))});
  CHECK(app.state.form.action == Action::Decline);  // still waiting for b
  app.dispatch(act::HttpDone{write_for(app, "b"), lead_response(declined("b"))});
  CHECK_FALSE(app.state.form.action);
  CHECK(app.state.lead("a")->facts().substatus == Substatus::Declined);
  CHECK(app.state.lead("b")->facts().substatus == Substatus::Declined);
  CHECK(app.state.marked == std::unordered_set<std::string>{"c"});
  REQUIRE(app.state.toasts.size() == 1);
  CHECK(shown_text(app.state, app.state.toasts[0]) == "Declined 2 leads");
}

TEST_CASE("a bulk decline that partly fails keeps the form with the failed leads, and Retry sends only those") {
  TestApp app = with_bulk_decline();
  const auto first = effects_of<fx::SendHttp>(app.dispatch(act::SubmitForm{}));
  REQUIRE(first.size() == 2);
  const std::string b_request_id = header(first[1].request, "MS-RequestId");
  app.dispatch(act::HttpDone{write_for(app, "a"), lead_response(declined("a"))});
  app.dispatch(act::HttpDone{write_for(app, "b"), error_response(500, "generalException")});
  CHECK(app.state.form.action == Action::Decline);
  CHECK(app.state.form.phase == SavePhase::Failed);
  CHECK(app.state.form.bulk_failed == std::vector<std::string>{"b"});
  CHECK(app.state.form.values.decline.reason == CloseReason::NotACustomer);
  CHECK(app.state.lead("a")->facts().substatus == Substatus::Declined);

  const auto retried = effects_of<fx::SendHttp>(app.dispatch(act::RetrySave{}));
  REQUIRE(retried.size() == 1);
  CHECK(retried[0].request.url == std::string(kBaseUrl) + "/v1.0/engagements/referrals/b");
  CHECK(header(retried[0].request, "MS-RequestId") == b_request_id);  // the same change, not applied twice
  app.dispatch(act::HttpDone{write_for(app, "b"), lead_response(declined("b"))});
  CHECK_FALSE(app.state.form.action);
  REQUIRE(app.state.toasts.size() == 1);
  CHECK(shown_text(app.state, app.state.toasts[0]) == "Declined 2 leads");
}

// The contract lets a server answer a PATCH with 204 (referrals-api.md); the single-lead path reads the lead back,
// but the bulk path reads the empty body as a referral and counts a done decline as failed, so Retry would resend
// it (and the server would replay the 204) for ever.
TEST_CASE("a bulk decline answered 204 counts as declined") {
  TestApp app = with_bulk_decline();
  app.dispatch(act::SubmitForm{});
  app.dispatch(act::HttpDone{write_for(app, "a"), response(204)});
  app.dispatch(act::HttpDone{write_for(app, "b"), lead_response(declined("b"))});
  CHECK(app.state.form.bulk_failed.empty());
  CHECK_FALSE(app.state.form.action);
}
