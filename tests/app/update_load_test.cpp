// Tests of update() for signing in, loading the list page by page, retrying reads, refreshing, polling and 401s.
//
// [SECTION] sign-in
// [SECTION] paging
// [SECTION] retries
// [SECTION] refresh
// [SECTION] polling
// [SECTION] expired session
#include <doctest/doctest.h>

#include "app_test_support.h"

using namespace leads;
using namespace leads::test;

namespace {

std::vector<Referral> leads_named(std::initializer_list<const char*> ids) {
  std::vector<Referral> out;
  for (const char* id : ids) out.push_back(make_lead(id));
  return out;
}

// The action a retry timer carries, as the platform would dispatch it when the timer fires.
AppAction fired(const fx::After& timer) {
  return timer.action;
}

// Signs in and leaves the first list request unanswered.
TestApp signed_in() {
  TestApp app;
  app.sign_in();
  return app;
}

}  // namespace

// [SECTION] sign-in --------------------------------------------------------------------------------

TEST_CASE("start loads the favorites and asks the dev sign-in for a token") {
  TestApp app;
  const auto effects = app.start();
  CHECK(effects_of<fx::LoadFavorites>(effects).size() == 1);
  int dev_token_requests = 0;
  for (const fx::SendHttp& sent : effects_of<fx::SendHttp>(effects)) {
    CHECK(sent.request.method == "GET");
    dev_token_requests += sent.request.url == std::string(kBaseUrl) + "/dev/token";
  }
  CHECK(dev_token_requests == 1);
  CHECK(app.pending_count(RequestPurpose::DevToken) == 1);
  CHECK(app.state.session.phase == SignInPhase::Waiting);
}

TEST_CASE("start with a token from the host does not ask the dev sign-in") {
  TestApp app;
  app.dispatch(act::TokenGiven{make_token()});
  const auto effects = app.dispatch(act::Start{});
  CHECK(effects_of<fx::LoadFavorites>(effects).size() == 1);
  CHECK(app.pending_count(RequestPurpose::DevToken) == 0);
}

TEST_CASE("the token signs in with the role of its claims and asks for the first page with $count and $top") {
  TestApp app;
  app.start();
  const auto effects =
      app.answer(RequestPurpose::DevToken, response(200, Json{{"token", make_token({"Referrals admin"})}}.dump()));
  CHECK(app.state.session.phase == SignInPhase::SignedIn);
  CHECK(app.state.session.role == Role::ReferralsAdmin);
  CHECK(app.state.session.claims.oid == "user-1");
  CHECK(app.state.load.phase == LoadPhase::Loading);
  const auto requests = effects_of<fx::SendHttp>(effects);
  REQUIRE(requests.size() == 1);
  const HttpRequest& request = requests[0].request;
  CHECK(request.method == "GET");
  CHECK(request.url.rfind(std::string(kBaseUrl) + "/v1.0/engagements/referrals?", 0) == 0);
  CHECK(request.url.find("$count=true") != std::string::npos);
  CHECK(request.url.find("$top=1000") != std::string::npos);
  CHECK(header(request, "Authorization") == "Bearer " + app.state.session.token);
  CHECK(app.pending_count(RequestPurpose::ListPage) == 1);
}

TEST_CASE("a dev sign-in that is unreachable or refused leaves the app unavailable with a reason") {
  TestApp app;
  app.start();
  app.answer(RequestPurpose::DevToken, network_failure());
  CHECK(app.state.session.phase == SignInPhase::Unavailable);
  CHECK(app.state.session.problem == "error.network");
  CHECK(app.state.pending.empty());

  TestApp refused;
  refused.start();
  refused.answer(RequestPurpose::DevToken, response(404, "not here"));
  CHECK(refused.state.session.phase == SignInPhase::Unavailable);
  CHECK(refused.state.session.problem == "signin.not_configured");
}

TEST_CASE("a reply nobody waits for changes nothing") {
  TestApp app = signed_in();
  const auto before = app.state.pending.size();
  const auto effects = app.dispatch(act::HttpDone{9999, page_response(leads_named({"x"}))});
  CHECK(effects.empty());
  CHECK(app.state.leads.empty());
  CHECK(app.state.pending.size() == before);
}

// [SECTION] paging ---------------------------------------------------------------------------------

TEST_CASE("without a count, pages with a next link are fetched in order and the first load shows rows as they arrive") {
  TestApp app = signed_in();
  const std::string page2 = std::string(kBaseUrl) + "/v1.0/engagements/referrals?$skiptoken=p2";
  const std::string page3 = std::string(kBaseUrl) + "/v1.0/engagements/referrals?$skiptoken=p3";

  auto effects = app.answer(RequestPurpose::ListPage, page_response(leads_named({"a", "b"}), page2));
  CHECK(app.state.load.phase == LoadPhase::Loading);
  CHECK(app.state.load.progressive);
  CHECK_FALSE(app.state.load.expected);
  CHECK(app.state.load.received == 2);
  CHECK(app.state.leads.size() == 2);  // shown before the rest arrives
  CHECK(app.state.lead("a").has_value());
  auto requests = effects_of<fx::SendHttp>(effects);
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].request.url == page2);
  CHECK(header(requests[0].request, "Authorization") == "Bearer " + app.state.session.token);
  CHECK(timers_of<act::Poll>(effects).empty());

  effects = app.answer(RequestPurpose::ListPage, page_response(leads_named({"c", "d"}), page3));
  CHECK(app.state.leads.size() == 4);
  requests = effects_of<fx::SendHttp>(effects);
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].request.url == page3);

  effects = app.answer(RequestPurpose::ListPage, page_response(leads_named({"e"})));
  CHECK(app.state.load.phase == LoadPhase::Loaded);
  CHECK(app.state.load.received == 5);
  CHECK(app.state.leads.size() == 5);
  CHECK(app.state.load.last_refresh == kNow);
  CHECK(effects_of<fx::SendHttp>(effects).empty());
  CHECK(app.state.unseen.empty());  // the first load is not "new" to the user
  app.draw();
  CHECK(app.state.view(ListTab::Marketplace).rows.size() == 5);
  CHECK(app.state.counts.marketplace.received == 5);
}

TEST_CASE("rows the client cannot read are counted as skipped, not shown, and do not stop the load") {
  TestApp app = signed_in();
  Json body{{"value", Json::array({referral_to_json(make_lead("a")), Json{{"id", 5}}})}};
  app.answer(RequestPurpose::ListPage, response(200, body.dump()));
  CHECK(app.state.load.phase == LoadPhase::Loaded);
  CHECK(app.state.leads.size() == 1);
  CHECK(app.state.load.skipped == 1);
  CHECK_FALSE(app.state.load.skip_reason.empty());
}

// [SECTION] retries --------------------------------------------------------------------------------

TEST_CASE("a 503 on a page is retried after jittered waits of 0.5–1 s, 1–2 s, 2–4 s, 4–8 s, then the load gives up") {
  TestApp app = signed_in();
  const std::string first_url = effects_of<fx::SendHttp>(app.last).at(0).request.url;
  const int backoffs[] = {1000, 2000, 4000, 8000};  // five attempts in all
  for (int backoff : backoffs) {
    CAPTURE(backoff);
    RetryJitter expected_jitter = app.state.jitter;  // the same seed: the wait is known in advance
    ApiError unavailable;
    unavailable.kind = ApiErrorKind::Unavailable;
    const int expected = retry_delay_ms(unavailable,
                                        backoff == 1000   ? 0
                                        : backoff == 2000 ? 1
                                        : backoff == 4000 ? 2
                                                          : 3,
                                        expected_jitter);
    const auto effects = app.answer(RequestPurpose::ListPage, error_response(503, "serviceNotAvailable"));
    const auto retries = timers_of<act::RetryPage>(effects);
    REQUIRE(retries.size() == 1);
    CHECK(retries[0].delay_ms == expected);
    CHECK(retries[0].delay_ms >= backoff / 2);
    CHECK(retries[0].delay_ms <= backoff);
    CHECK(effects_of<fx::SendHttp>(effects).empty());
    CHECK(app.state.load.phase == LoadPhase::Loading);
    CHECK(app.pending_count(RequestPurpose::ListPage) == 0);  // nothing else is sent while the timer runs
    const auto again = effects_of<fx::SendHttp>(app.dispatch(fired(retries[0])));
    REQUIRE(again.size() == 1);
    CHECK(again[0].request.url == first_url);  // the same page, as is
  }
  const auto effects = app.answer(RequestPurpose::ListPage, error_response(503, "serviceNotAvailable"));
  CHECK(effects.empty());
  CHECK(app.state.load.phase == LoadPhase::Failed);
  REQUIRE(app.state.load.error);
  CHECK(app.state.load.error->kind == ApiErrorKind::Unavailable);
}

TEST_CASE("a throttled page waits as long as Retry-After says") {
  TestApp app = signed_in();
  const auto effects =
      app.answer(RequestPurpose::ListPage, error_response(429, "tooManyRequests", {}, {{"retry-after", "7"}}));
  const auto retries = timers_of<act::RetryPage>(effects);
  REQUIRE(retries.size() == 1);
  CHECK(retries[0].delay_ms >= 7000);
  CHECK(retries[0].delay_ms <= 8750);
}

TEST_CASE("a 503 whose Retry-After is an HTTP date waits until that date") {
  TestApp app = signed_in();
  const auto effects = app.answer(
      RequestPurpose::ListPage,
      error_response(503, "serviceNotAvailable", {},
                     {{"retry-after", "Sat, 21 Nov 2026 12:00:20 GMT"}, {"date", "Sat, 21 Nov 2026 12:00:00 GMT"}}));
  const auto retries = timers_of<act::RetryPage>(effects);
  REQUIRE(retries.size() == 1);
  CHECK(retries[0].delay_ms >= 20000);
  CHECK(retries[0].delay_ms <= 25000);
}

TEST_CASE("a network failure on a page is retried within 0.5–1 s") {
  TestApp app = signed_in();
  const auto retries = timers_of<act::RetryPage>(app.answer(RequestPurpose::ListPage, network_failure()));
  REQUIRE(retries.size() == 1);
  CHECK(retries[0].delay_ms >= 500);
  CHECK(retries[0].delay_ms <= 1000);
}

TEST_CASE("two clients in the same 503 storm retry at different moments") {
  TestApp one = signed_in(), two = signed_in();
  two.state.jitter = RetryJitter(2);  // each client seeds its own
  int apart = 0;
  for (int attempt = 0; attempt < 4; ++attempt) {
    const auto a =
        timers_of<act::RetryPage>(one.answer(RequestPurpose::ListPage, error_response(503, "serviceNotAvailable")));
    const auto b =
        timers_of<act::RetryPage>(two.answer(RequestPurpose::ListPage, error_response(503, "serviceNotAvailable")));
    REQUIRE(a.size() == 1);
    REQUIRE(b.size() == 1);
    apart += std::abs(a[0].delay_ms - b[0].delay_ms) >= 50;
    one.dispatch(fired(a[0]));
    two.dispatch(fired(b[0]));
  }
  CHECK(apart >= 2);
}

TEST_CASE("each page has its own bounded tries: another page arriving does not give a failing page more") {
  TestApp app = signed_in();
  const std::string next = std::string(kBaseUrl) + "/v1.0/engagements/referrals?$skiptoken=p2";
  app.answer(RequestPurpose::ListPage, page_response(leads_named({"a", "b"}), next, 8));
  auto ids = app.pending_ids(RequestPurpose::ListPage);
  REQUIRE(ids.size() == 3);
  for (int attempt = 0; attempt < 4; ++attempt) {
    const auto retries =
        timers_of<act::RetryPage>(app.dispatch(act::HttpDone{ids[1], error_response(503, "serviceNotAvailable")}));
    REQUIRE(retries.size() == 1);
    if (attempt == 1)
      app.dispatch(act::HttpDone{ids[0], page_response(leads_named({"c", "d"}))});  // another page arrives
    const auto again = effects_of<fx::SendHttp>(app.dispatch(fired(retries[0])));
    REQUIRE(again.size() == 1);
    ids[1] = again[0].request_id;
  }
  CHECK(timers_of<act::RetryPage>(app.dispatch(act::HttpDone{ids[1], error_response(503, "serviceNotAvailable")}))
            .empty());
  CHECK(app.state.load.phase == LoadPhase::Failed);
}

TEST_CASE("a retry in the middle of the list asks for that page again and the load completes") {
  TestApp app = signed_in();
  const std::string page2 = std::string(kBaseUrl) + "/v1.0/engagements/referrals?$skiptoken=p2";
  app.answer(RequestPurpose::ListPage, page_response(leads_named({"a"}), page2));
  const auto retries = timers_of<act::RetryPage>(app.answer(RequestPurpose::ListPage, network_failure()));
  REQUIRE(retries.size() == 1);
  auto requests = effects_of<fx::SendHttp>(app.dispatch(fired(retries[0])));
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].request.url == page2);
  app.answer(RequestPurpose::ListPage, page_response(leads_named({"b"})));
  CHECK(app.state.load.phase == LoadPhase::Loaded);
  CHECK(app.state.leads.size() == 2);
}

TEST_CASE("a malformed page fails at once without a retry") {
  TestApp app = signed_in();
  const auto effects = app.answer(RequestPurpose::ListPage, response(200, "{\"value\": 5}"));
  CHECK(effects.empty());
  CHECK(app.state.load.phase == LoadPhase::Failed);
  REQUIRE(app.state.load.error);
  CHECK(app.state.load.error->kind == ApiErrorKind::BadResponse);
}

TEST_CASE("a timer for a retry that is no longer wanted sends nothing") {
  TestApp app = signed_in();
  const std::string next = std::string(kBaseUrl) + "/v1.0/engagements/referrals?$skiptoken=p2";
  app.answer(RequestPurpose::ListPage, page_response(leads_named({"a", "b"}), next, 6));
  const auto ranges = app.pending_ids(RequestPurpose::ListPage);
  REQUIRE(ranges.size() == 2);
  const auto retries = timers_of<act::RetryPage>(app.dispatch(act::HttpDone{ranges[0], network_failure()}));
  REQUIRE(retries.size() == 1);
  app.dispatch(act::HttpDone{ranges[1], response(200, "broken")});  // not retryable: the load stops
  REQUIRE(app.state.load.phase == LoadPhase::Failed);
  CHECK(effects_of<fx::SendHttp>(app.dispatch(fired(retries[0]))).empty());
  CHECK(effects_of<fx::SendHttp>(app.dispatch(act::RetryPage{12345})).empty());
}

// [SECTION] parallel pages -------------------------------------------------------------------------

namespace {
std::string param_of(const std::string& url, const std::string& name) {
  const auto at = url.find(name + "=");
  if (at == std::string::npos) return {};
  const auto end = url.find('&', at);
  return url.substr(at + name.size() + 1, end == std::string::npos ? std::string::npos : end - at - name.size() - 1);
}

std::vector<std::string> urls_of(const std::vector<Effect>& effects) {
  std::vector<std::string> urls;
  for (const auto& send : effects_of<fx::SendHttp>(effects)) urls.push_back(send.request.url);
  return urls;
}
}  // namespace

TEST_CASE("the count reserves room for every lead at once, and an implausible count is not trusted with that") {
  const std::string next = std::string(kBaseUrl) + "/v1.0/engagements/referrals?$skiptoken=p2";
  TestApp app = signed_in();
  app.answer(RequestPurpose::ListPage, page_response(leads_named({"a", "b"}), next, 5000));
  CHECK(app.state.leads.capacity() >= 5000);
  TestApp bogus = signed_in();
  const auto urls =
      urls_of(bogus.answer(RequestPurpose::ListPage, page_response(leads_named({"a", "b"}), next, 1'000'000'000'000)));
  CHECK(bogus.state.leads.size() == 2);
  CHECK(bogus.state.leads.capacity() < 1000);  // grows as leads arrive instead
  // Nor with billions of planned ranges: the server's next link is followed, one page at a time.
  CHECK(bogus.state.load.pages.size() == 1);
  CHECK(urls == std::vector<std::string>{next});
}

TEST_CASE("once the first page tells the count, the rest is fetched four pages at a time by $skip") {
  TestApp app = signed_in();
  const std::string next = std::string(kBaseUrl) + "/v1.0/engagements/referrals?$skiptoken=p2";
  const std::string first = urls_of(app.last).at(0);
  CHECK(param_of(first, "$count") == "true");
  // 12 leads in pages of 2: five more ranges, four of them at once.
  const auto urls = urls_of(app.answer(RequestPurpose::ListPage, page_response(leads_named({"a", "b"}), next, 12)));
  REQUIRE(urls.size() == 4);
  for (std::size_t i = 0; i < urls.size(); ++i) {
    CAPTURE(urls[i]);
    CHECK(param_of(urls[i], "$skip") == std::to_string(2 * (i + 1)));
    CHECK(param_of(urls[i], "$top") == "2");                              // the server's own page size
    CHECK(param_of(urls[i], "$orderby") == param_of(first, "$orderby"));  // the same order, so ranges tile it
    CHECK(param_of(urls[i], "$count").empty());
  }
  CHECK(app.state.load.expected == 12);
  const auto ids = app.pending_ids(RequestPurpose::ListPage);
  REQUIRE(ids.size() == 4);
  // Out of order; the fifth range goes out as soon as one comes back.
  auto more = urls_of(app.dispatch(act::HttpDone{ids[2], page_response(leads_named({"g", "h"}), next)}));
  REQUIRE(more.size() == 1);
  CHECK(param_of(more[0], "$skip") == "10");
  CHECK(app.state.leads.size() == 4);  // shown as they arrive
  CHECK(app.state.load.received == 4);
  app.dispatch(act::HttpDone{ids[0], page_response(leads_named({"c", "d"}), next)});
  app.dispatch(act::HttpDone{ids[1], page_response(leads_named({"e", "f"}), next)});
  app.dispatch(act::HttpDone{ids[3], page_response(leads_named({"i", "j"}), next)});
  CHECK(app.state.load.phase == LoadPhase::Loading);
  const auto effects = app.answer(RequestPurpose::ListPage, page_response(leads_named({"k", "l"})));
  CHECK(app.state.load.phase == LoadPhase::Loaded);
  CHECK(app.state.leads.size() == 12);
  CHECK(app.state.load.received == 12);
  CHECK(effects_of<fx::SendHttp>(effects).empty());
  CHECK(timers_of<act::Poll>(effects).size() == 1);
  app.draw();
  CHECK(app.state.view(ListTab::Marketplace).rows.size() == 12);
  CHECK(app.state.counts.marketplace.received == 12);
}

// A lead that arrived during the load pushes every older one a place down: ranges then repeat a lead, and the last
// one's next link holds the lead pushed past the count.
TEST_CASE("leads repeated across ranges are kept once and the last range follows its next link") {
  TestApp app = signed_in();
  const std::string next = std::string(kBaseUrl) + "/v1.0/engagements/referrals?$skiptoken=more";
  app.answer(RequestPurpose::ListPage, page_response(leads_named({"a", "b"}), next, 4));
  const auto urls = urls_of(app.last);
  REQUIRE(urls.size() == 1);  // the last range only
  auto followed = urls_of(app.answer(RequestPurpose::ListPage, page_response(leads_named({"b", "c"}), next)));
  REQUIRE(followed.size() == 1);
  CHECK(followed[0] == next);
  CHECK(app.state.load.phase == LoadPhase::Loading);
  app.answer(RequestPurpose::ListPage, page_response(leads_named({"d"})));
  CHECK(app.state.load.phase == LoadPhase::Loaded);
  CHECK(app.state.leads.size() == 4);
  CHECK(app.state.lead("b").has_value());
  CHECK(app.state.index.size() == 4);
}

TEST_CASE("a range that comes back short follows its next link so no lead is missed") {
  TestApp app = signed_in();
  const std::string next = std::string(kBaseUrl) + "/v1.0/engagements/referrals?$skiptoken=next";
  const std::string after_short = std::string(kBaseUrl) + "/v1.0/engagements/referrals?$skiptoken=short";
  app.answer(RequestPurpose::ListPage, page_response(leads_named({"a", "b"}), next, 6));
  const auto ids = app.pending_ids(RequestPurpose::ListPage);
  REQUIRE(ids.size() == 2);
  const auto followed = urls_of(app.dispatch(act::HttpDone{ids[0], page_response(leads_named({"c"}), after_short)}));
  REQUIRE(followed.size() == 1);
  CHECK(followed[0] == after_short);
  // A full middle range does not follow its link.
  app.dispatch(act::HttpDone{ids[1], page_response(leads_named({"e", "f"}))});
  app.answer(RequestPurpose::ListPage, page_response(leads_named({"d", "e"}), {}));
  CHECK(app.state.load.phase == LoadPhase::Loaded);
  CHECK(app.state.leads.size() == 6);
}

TEST_CASE("a range that keeps failing stops the load and the other ranges' replies are ignored") {
  TestApp app = signed_in();
  const std::string next = std::string(kBaseUrl) + "/v1.0/engagements/referrals?$skiptoken=p2";
  app.answer(RequestPurpose::ListPage, page_response(leads_named({"a", "b"}), next, 8));
  auto ids = app.pending_ids(RequestPurpose::ListPage);
  REQUIRE(ids.size() == 3);
  std::string failing_url;
  for (const auto& send : effects_of<fx::SendHttp>(app.last))
    if (send.request_id == ids[1]) failing_url = send.request.url;
  for (int attempt = 0; attempt < 4; ++attempt) {
    const auto retries =
        timers_of<act::RetryPage>(app.dispatch(act::HttpDone{ids[1], error_response(503, "serviceNotAvailable")}));
    REQUIRE(retries.size() == 1);
    const auto again = effects_of<fx::SendHttp>(app.dispatch(fired(retries[0])));
    REQUIRE(again.size() == 1);
    CHECK(again[0].request.url == failing_url);  // that range, as is
    ids[1] = again[0].request_id;
  }
  app.dispatch(act::HttpDone{ids[1], error_response(503, "serviceNotAvailable")});
  CHECK(app.state.load.phase == LoadPhase::Failed);
  CHECK(app.pending_count(RequestPurpose::ListPage) == 0);
  app.dispatch(act::HttpDone{ids[0], page_response(leads_named({"c", "d"}), next)});
  CHECK(app.state.leads.size() == 2);  // the late reply changed nothing
  CHECK(app.state.load.phase == LoadPhase::Failed);
}

TEST_CASE("a refresh fetched in ranges swaps in each lead once") {
  TestApp app;
  app.load(leads_named({"a", "b", "c"}));
  const std::string next = std::string(kBaseUrl) + "/v1.0/engagements/referrals?$skiptoken=p2";
  app.dispatch(act::Refresh{});
  app.answer(RequestPurpose::ListPage, page_response(leads_named({"n", "a"}), next, 4));
  CHECK(app.state.leads.size() == 3);                                                  // the old set until complete
  app.answer(RequestPurpose::ListPage, page_response(leads_named({"a", "b"}), next));  // "a" again: shifted by "n"
  app.answer(RequestPurpose::ListPage, page_response(leads_named({"c"})));
  CHECK(app.state.load.phase == LoadPhase::Loaded);
  CHECK(app.state.leads.size() == 4);
  CHECK(app.state.index.size() == 4);
  CHECK(app.state.unseen.count("n") == 1);
  CHECK(app.state.unseen.size() == 1);
}

TEST_CASE("retry after a failed load starts over from the first page") {
  TestApp app = signed_in();
  const std::string first_url = effects_of<fx::SendHttp>(app.last).at(0).request.url;
  app.answer(RequestPurpose::ListPage, response(200, "not json"));
  REQUIRE(app.state.load.phase == LoadPhase::Failed);
  const auto requests = effects_of<fx::SendHttp>(app.dispatch(act::RetryLoad{}));
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].request.url == first_url);
  CHECK(app.state.load.phase == LoadPhase::Loading);
  CHECK_FALSE(app.state.load.error);
  app.answer(RequestPurpose::ListPage, page_response(leads_named({"a", "b"})));
  CHECK(app.state.load.phase == LoadPhase::Loaded);
  CHECK(app.state.leads.size() == 2);
}

TEST_CASE("retry and refresh are ignored while a load is running") {
  TestApp app = signed_in();
  CHECK(app.dispatch(act::RetryLoad{}).empty());
  CHECK(app.dispatch(act::Refresh{}).empty());
  CHECK(app.pending_count(RequestPurpose::ListPage) == 1);
}

// A first load that broke half-way shows the first pages; when Retry completes it, the rest of the list is part of
// that first load, not leads that "arrived since", so nothing should carry the new-lead mark.
TEST_CASE("completing a first load that failed half-way marks no lead as new") {
  TestApp app = signed_in();
  const std::string page2 = std::string(kBaseUrl) + "/v1.0/engagements/referrals?$skiptoken=p2";
  app.answer(RequestPurpose::ListPage, page_response(leads_named({"a", "b"}), page2));
  app.answer(RequestPurpose::ListPage, response(200, "broken"));
  REQUIRE(app.state.load.phase == LoadPhase::Failed);
  app.dispatch(act::RetryLoad{});
  app.answer(RequestPurpose::ListPage, page_response(leads_named({"a", "b"}), page2));
  app.answer(RequestPurpose::ListPage, page_response(leads_named({"c", "d"})));
  REQUIRE(app.state.load.phase == LoadPhase::Loaded);
  CHECK(app.state.leads.size() == 4);
  CHECK(app.state.unseen.empty());
}

// [SECTION] refresh --------------------------------------------------------------------------------

TEST_CASE("a refresh keeps the old rows until the new set is complete and marks new leads unseen") {
  TestApp app;
  app.load(leads_named({"a", "b"}));
  const std::string page2 = std::string(kBaseUrl) + "/v1.0/engagements/referrals?$skiptoken=p2";

  auto requests = effects_of<fx::SendHttp>(app.dispatch(act::Refresh{}));
  REQUIRE(requests.size() == 1);
  CHECK(app.state.load.phase == LoadPhase::Loading);
  CHECK_FALSE(app.state.load.progressive);

  Referral changed_b = make_lead("b");
  changed_b.name = "Renamed";
  app.answer(RequestPurpose::ListPage, page_response({changed_b, make_lead("c")}, page2));
  CHECK(app.state.leads.size() == 2);  // still the old set
  CHECK(!app.state.lead("c").has_value());
  CHECK(app.state.lead("b")->name() == "Deal b");

  const auto effects = app.answer(RequestPurpose::ListPage, page_response({make_lead("d")}));
  CHECK(app.state.load.phase == LoadPhase::Loaded);
  CHECK(app.state.leads.size() == 3);
  CHECK(!app.state.lead("a").has_value());
  CHECK(app.state.lead("b")->name() == "Renamed");
  CHECK(app.state.unseen == std::unordered_set<std::string>{"c", "d"});
  CHECK(app.state.incoming.empty());
  app.draw();
  CHECK(app.state.view(ListTab::Marketplace).rows.size() == 3);
  CHECK(effects_of<fx::SendHttp>(effects).empty());
}

TEST_CASE("a refresh that fails keeps the rows the user had") {
  TestApp app;
  app.load(leads_named({"a", "b"}));
  app.dispatch(act::Refresh{});
  app.answer(RequestPurpose::ListPage, response(200, "broken"));
  CHECK(app.state.load.phase == LoadPhase::Failed);
  CHECK(app.state.leads.size() == 2);
  CHECK(app.state.lead("a").has_value());
}

TEST_CASE("opening a new lead clears its new mark") {
  TestApp app;
  app.load(leads_named({"a"}));
  app.dispatch(act::Refresh{});
  app.answer(RequestPurpose::ListPage, page_response(leads_named({"a", "n"})));
  REQUIRE(app.state.unseen.count("n"));
  app.dispatch(act::SelectLead{"n"});
  CHECK(app.state.selected_id == "n");
  CHECK_FALSE(app.state.unseen.count("n"));
}

// [SECTION] polling --------------------------------------------------------------------------------

TEST_CASE("a complete load arms one poll timer") {
  TestApp app = signed_in();
  const auto effects = app.answer(RequestPurpose::ListPage, page_response(leads_named({"a"})));
  const auto polls = timers_of<act::Poll>(effects);
  REQUIRE(polls.size() == 1);
  CHECK(std::get<act::Poll>(polls[0].action).from_timer);
  CHECK(polls[0].delay_ms > 0);
  CHECK(app.state.load.poll_armed);
}

TEST_CASE("after a load each column's order is prepared in turn, and the chain stops when the leads change") {
  TestApp app = signed_in();
  const auto effects = app.answer(RequestPurpose::ListPage, page_response(leads_named({"b", "a", "c"})));
  auto steps = timers_of<act::PrepareSorts>(effects);
  REQUIRE(steps.size() == 1);
  int prepared = 0;
  while (!steps.empty()) {
    const auto step = std::get<act::PrepareSorts>(steps[0].action);
    CHECK(step.column == prepared);
    CHECK(step.data_version == app.state.data_version);
    ++prepared;
    steps = timers_of<act::PrepareSorts>(app.dispatch(fired(steps[0])));
  }
  CHECK(prepared == static_cast<int>(sort_column_count()));  // every sort key's order, then no further timer
  // The prepared orders give the same table as a fresh query.
  for (const SortColumn column : {SortColumn::Customer, SortColumn::Value, SortColumn::Received}) {
    app.dispatch(act::SetSort{column, false});
    LeadIndex fresh;
    fresh.rebuild(app.state.leads);
    ensure_rows(app.state);
    CHECK(app.state.view(app.state.tab).rows ==
          run_query(app.state.leads, fresh, app.state.view(app.state.tab).query, app.state.favorites, app.state.now));
  }
  // A step whose leads have changed since does nothing.
  const std::uint64_t old_version = app.state.data_version;
  ++app.state.data_version;
  CHECK(timers_of<act::PrepareSorts>(app.dispatch(act::PrepareSorts{old_version, 0})).empty());
  const int past_last = static_cast<int>(sort_column_count());
  CHECK(timers_of<act::PrepareSorts>(app.dispatch(act::PrepareSorts{app.state.data_version, past_last})).empty());
}

TEST_CASE("a poll asks for leads updated after the newest known one") {
  TestApp app;
  Referral older = make_lead("a");
  Referral newest = make_lead("b");
  newest.updated_date_time = *parse_iso8601("2026-11-21T10:15:00Z");
  app.load({older, newest});
  const auto requests = effects_of<fx::SendHttp>(app.dispatch(act::Poll{true}));
  REQUIRE(requests.size() == 1);
  const std::string& url = requests[0].request.url;
  CHECK(url.find("$filter=updatedDateTime%20gt%20") != std::string::npos);
  CHECK(url.find("2026-11-21T10%3A15%3A00") != std::string::npos);
  CHECK(app.pending_count(RequestPurpose::Poll) == 1);
}

TEST_CASE("a poll merges changed leads and adds new ones as unseen") {
  TestApp app;
  app.load(leads_named({"a", "b"}));
  app.dispatch(act::Poll{true});
  Referral changed = make_lead("a", "Active", "Accepted");
  changed.updated_date_time = kNow;
  changed.etag = "\"a-v2\"";  // every change is a new version
  Referral fresh = make_lead("n");
  fresh.updated_date_time = kNow;
  app.answer(RequestPurpose::Poll, page_response({changed, fresh}));
  CHECK(app.state.leads.size() == 3);
  CHECK(app.state.lead("a")->facts().status == Status::Active);
  CHECK(app.state.unseen == std::unordered_set<std::string>{"n"});
  CHECK(app.state.load.phase == LoadPhase::Loaded);
  CHECK(app.state.counts.marketplace.accepted == 1);
  CHECK(app.state.counts.marketplace.received == 2);
  app.draw();
  CHECK(app.state.view(ListTab::Marketplace).rows.size() == 3);
}

TEST_CASE("the figures are computed while their panel is shown, and when it opens after the leads changed") {
  TestApp app;
  app.load(leads_named({"a", "b"}));
  CHECK(app.state.metrics.received == 0);  // hidden: not computed on load
  app.dispatch(act::ToggleMetrics{});
  CHECK(app.state.metrics.received == 2);
  const auto poll_new_lead = [&](const std::string& id) {
    app.dispatch(act::Poll{true});
    Referral fresh = make_lead(id);
    fresh.updated_date_time = kNow;
    app.answer(RequestPurpose::Poll, page_response({fresh}));
  };
  poll_new_lead("n1");
  CHECK(app.state.metrics.received == 3);  // shown: follows each change
  app.dispatch(act::ToggleMetrics{});
  poll_new_lead("n2");
  CHECK(app.state.leads.size() == 4);
  CHECK(app.state.metrics.received == 3);  // hidden again: left as it was
  app.dispatch(act::ToggleMetrics{});
  CHECK(app.state.metrics.received == 4);  // opened: the leads held now
}

TEST_CASE("a poll that brings back leads in the versions held changes nothing") {
  TestApp app;
  app.load(leads_named({"a", "b"}));
  app.draw();
  const std::uint64_t version = app.state.data_version;
  app.dispatch(act::Poll{true});
  app.answer(RequestPurpose::Poll, page_response({make_lead("b")}));
  CHECK(app.state.data_version == version);  // no recount, no re-sorted view, nothing to write
  CHECK_FALSE(app.state.view(ListTab::Marketplace).stale);
  CHECK(app.state.load.phase == LoadPhase::Loaded);
  CHECK(app.state.unseen.empty());
}

TEST_CASE("only one poll timer is armed at a time and only one poll is in flight") {
  TestApp app;
  app.load(leads_named({"a"}));
  REQUIRE(app.state.load.poll_armed);

  // The page regains focus while the timer is pending: poll now, but do not arm a second timer.
  app.dispatch(act::Poll{false});
  CHECK(effects_of<fx::SendHttp>(app.dispatch(act::Poll{false})).empty());  // one poll in flight is enough
  auto effects = app.answer(RequestPurpose::Poll, page_response({}));
  CHECK(timers_of<act::Poll>(effects).empty());

  // The timer fires: poll, and arm the next one when the answer comes.
  effects = app.dispatch(act::Poll{true});
  CHECK(effects_of<fx::SendHttp>(effects).size() == 1);
  CHECK(timers_of<act::Poll>(effects).empty());
  effects = app.answer(RequestPurpose::Poll, page_response({}));
  CHECK(timers_of<act::Poll>(effects).size() == 1);
}

TEST_CASE("a poll during a load sends nothing") {
  TestApp app = signed_in();
  CHECK(effects_of<fx::SendHttp>(app.dispatch(act::Poll{true})).empty());
  CHECK(app.pending_count(RequestPurpose::Poll) == 0);
}

TEST_CASE("a poll that finds more than one page of changes reloads the whole list") {
  TestApp app;
  app.load(leads_named({"a"}));
  app.dispatch(act::Poll{true});
  const auto effects =
      app.answer(RequestPurpose::Poll, page_response(leads_named({"n"}), std::string(kBaseUrl) + "/next"));
  CHECK(app.state.load.phase == LoadPhase::Loading);
  CHECK(app.pending_count(RequestPurpose::ListPage) == 1);
  CHECK(effects_of<fx::SendHttp>(effects).size() == 1);
}

TEST_CASE("a poll whose changes fill a few pages follows their next links instead of reloading everything") {
  TestApp app;
  std::vector<Referral> many;
  for (int i = 0; i < 40; ++i) many.push_back(make_lead(("lead-" + std::to_string(i)).c_str()));
  app.load(many);
  app.dispatch(act::Poll{true});
  Referral changed = make_lead("lead-3", "Active", "Accepted");
  changed.etag = "\"lead-3-v2\"";
  const auto first = app.answer(RequestPurpose::Poll, page_response({changed}, std::string(kBaseUrl) + "/next"));
  REQUIRE(effects_of<fx::SendHttp>(first).size() == 1);
  CHECK(effects_of<fx::SendHttp>(first)[0].request.url == std::string(kBaseUrl) + "/next");
  CHECK(app.pending_count(RequestPurpose::ListPage) == 0);
  CHECK(app.state.lead("lead-3")->facts().substatus == Substatus::Accepted);  // applied as it came
  app.answer(RequestPurpose::Poll, page_response(leads_named({"new-1"})));
  CHECK(app.state.leads.size() == 41);
  CHECK(app.state.load.phase == LoadPhase::Loaded);
  CHECK(app.state.load.delta_received == 0);
  CHECK(app.pending_count(RequestPurpose::ListPage) == 0);
}

TEST_CASE("a failed poll keeps the rows and polls again later when the failure is passing") {
  TestApp app;
  app.load(leads_named({"a"}));
  app.dispatch(act::Poll{true});
  const auto effects = app.answer(RequestPurpose::Poll, error_response(503, "serviceNotAvailable"));
  CHECK(app.state.leads.size() == 1);
  CHECK(app.state.load.error);
  CHECK(timers_of<act::Poll>(effects).size() == 1);
}

// [SECTION] expired session ------------------------------------------------------------------------

TEST_CASE("a 401 on a page expires the session and signing in again reloads") {
  TestApp app = signed_in();
  app.answer(RequestPurpose::ListPage, error_response(401, "unauthenticated"));
  CHECK(app.state.session.phase == SignInPhase::Expired);
  CHECK(app.state.session.problem == "error.unauthenticated");
  CHECK(app.state.load.phase == LoadPhase::Failed);

  const auto requests = effects_of<fx::SendHttp>(app.dispatch(act::SignInAgain{}));
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].request.url == std::string(kBaseUrl) + "/dev/token");
  const std::string new_token = make_token({"MPN partner admin"}, "user-2");
  app.answer(RequestPurpose::DevToken, response(200, Json{{"token", new_token}}.dump()));
  CHECK(app.state.session.phase == SignInPhase::SignedIn);
  CHECK(app.state.api.token == new_token);
  REQUIRE(app.pending_count(RequestPurpose::ListPage) == 1);
}

TEST_CASE("a 401 on a poll expires the session and signing in again keeps the loaded rows") {
  TestApp app;
  app.load(leads_named({"a"}));
  app.dispatch(act::Poll{true});
  app.answer(RequestPurpose::Poll, error_response(401, "unauthenticated"));
  CHECK(app.state.session.phase == SignInPhase::Expired);
  CHECK(app.state.leads.size() == 1);
  CHECK(effects_of<fx::SendHttp>(app.dispatch(act::Poll{true})).empty());  // nothing is sent while expired
  app.dispatch(act::SignInAgain{});
  app.answer(RequestPurpose::DevToken, response(200, Json{{"token", make_token()}}.dump()));
  CHECK(app.state.session.phase == SignInPhase::SignedIn);
  CHECK(app.state.leads.size() == 1);
  CHECK(app.state.lead("a").has_value());
}

TEST_CASE("a 401 on a write expires the session") {
  TestApp app;
  app.load(leads_named({"a"}));
  app.open_form(Action::Decline, "a");
  FormValues values = app.state.form.values;
  values.decline.reason = CloseReason::NotACustomer;
  app.dispatch(act::EditForm{values});
  app.dispatch(act::SubmitForm{});
  app.answer(RequestPurpose::Write, error_response(401, "unauthenticated"));
  CHECK(app.state.session.phase == SignInPhase::Expired);
  CHECK(app.state.form.action == Action::Decline);  // the typed form survives
  CHECK(app.state.form.values.decline.reason == CloseReason::NotACustomer);
  CHECK(effects_of<fx::SendHttp>(app.dispatch(act::SignInAgain{})).size() == 1);
  CHECK(app.pending_count(RequestPurpose::DevToken) == 1);
}

// A keystroke that extends the search filters the rows already shown (see narrows()); leads or favorites that
// changed in between must still be found, so a data change always starts the query over.
TEST_CASE("a lead that arrives between two keystrokes is found by the longer search") {
  TestApp app;
  app.load(leads_named({"a", "b"}));
  app.dispatch(act::SetSearch{"dea"});
  app.draw();
  CHECK(app.row_ids().size() == 2);
  app.dispatch(act::Poll{true});
  Referral fresh = make_lead("qz");
  fresh.updated_date_time = kNow;
  app.answer(RequestPurpose::Poll, page_response({fresh}));
  app.dispatch(act::SetSearch{"deal"});
  app.draw();
  CHECK(app.row_ids().size() == 3);
  app.dispatch(act::SetSearch{"deal qz"});
  app.draw();
  CHECK(app.row_ids() == std::vector<std::string>{"qz"});
}

TEST_CASE("a favorite added between two keystrokes is found by the longer search in the Favorites tab") {
  TestApp app;
  app.load(leads_named({"a", "b"}));
  app.dispatch(act::ToggleFavorite{"a"});
  app.dispatch(act::SelectTab{ListTab::Favorites});
  app.dispatch(act::SetSearch{"d"});
  app.draw();
  CHECK(app.row_ids() == std::vector<std::string>{"a"});
  app.dispatch(act::ToggleFavorite{"b"});
  app.dispatch(act::SetSearch{"de"});
  app.draw();
  CHECK(app.row_ids().size() == 2);
}

TEST_CASE("deleting a letter widens the search again") {
  TestApp app;
  app.load(leads_named({"qa", "qb"}));
  app.dispatch(act::SetSearch{"deal qa"});
  app.draw();
  CHECK(app.row_ids() == std::vector<std::string>{"qa"});
  app.dispatch(act::SetSearch{"deal "});
  app.draw();
  CHECK(app.row_ids().size() == 2);
}

// Refreshing the table on every page would scan every lead so far once per page (quadratic over a 100-page load).
TEST_CASE("during the first load the table and counts follow at 1x, 2x, 4x the leads they last showed") {
  TestApp app = signed_in();
  const std::string next = std::string(kBaseUrl) + "/v1.0/engagements/referrals?$skiptoken=p2";
  app.answer(RequestPurpose::ListPage, page_response(leads_named({"a", "b"}), next, 12));
  app.draw();
  CHECK(app.row_ids().size() == 2);
  const auto ids = app.pending_ids(RequestPurpose::ListPage);
  REQUIRE(ids.size() == 4);
  app.dispatch(act::HttpDone{ids[0], page_response(leads_named({"c", "d"}), next)});
  app.draw();
  CHECK(app.row_ids().size() == 4);  // twice what was shown
  CHECK(app.state.counts.marketplace.received == 4);
  app.dispatch(act::HttpDone{ids[1], page_response(leads_named({"e", "f"}), next)});
  app.draw();
  CHECK(app.row_ids().size() == 4);  // 6 < 8: not yet
  CHECK(app.state.load.received == 6);
  CHECK(app.state.lead("f").has_value());  // held, and a link to it opens it
  app.dispatch(act::HttpDone{ids[2], page_response(leads_named({"g", "h"}), next)});
  app.draw();
  CHECK(app.row_ids().size() == 8);
  app.dispatch(act::HttpDone{ids[3], page_response(leads_named({"i", "j"}), next)});
  app.answer(RequestPurpose::ListPage, page_response(leads_named({"k", "l"})));
  REQUIRE(app.state.load.phase == LoadPhase::Loaded);
  app.draw();
  CHECK(app.row_ids().size() == 12);  // all of them once complete
  CHECK(app.state.counts.marketplace.received == 12);
}

TEST_CASE("a first load that fails half-way shows every lead that did arrive") {
  TestApp app = signed_in();
  const std::string next = std::string(kBaseUrl) + "/v1.0/engagements/referrals?$skiptoken=p2";
  app.answer(RequestPurpose::ListPage, page_response(leads_named({"a", "b"}), next, 8));
  const auto ids = app.pending_ids(RequestPurpose::ListPage);
  REQUIRE(ids.size() == 3);
  app.dispatch(act::HttpDone{ids[0], page_response(leads_named({"c", "d"}), next)});
  app.dispatch(act::HttpDone{ids[1], page_response(leads_named({"e"}), {})});
  app.dispatch(act::HttpDone{ids[2], response(200, "broken")});
  REQUIRE(app.state.load.phase == LoadPhase::Failed);
  app.draw();
  CHECK(app.row_ids().size() == 5);
  CHECK(app.state.counts.marketplace.received == 5);
}

TEST_CASE("a fresh token for a working session is used from then on without loading the list again") {
  TestApp app;
  app.load(leads_named({"a", "b"}));
  const std::string fresh = make_token({"Referrals admin"});
  const auto effects = app.dispatch(act::TokenGiven{fresh});
  CHECK(effects_of<fx::SendHttp>(effects).empty());
  CHECK(app.state.load.phase == LoadPhase::Loaded);
  CHECK(app.state.leads.size() == 2);
  const auto polls = effects_of<fx::SendHttp>(app.dispatch(act::Poll{true}));
  REQUIRE(polls.size() == 1);
  CHECK(header(polls[0].request, "Authorization") == "Bearer " + fresh);
}

TEST_CASE("a fresh token during the first load lets the load carry on with it") {
  TestApp app = signed_in();
  const std::string next = std::string(kBaseUrl) + "/v1.0/engagements/referrals?$skiptoken=p2";
  app.answer(RequestPurpose::ListPage, page_response(leads_named({"a"}), next));
  const std::string fresh = make_token({"Referrals admin"});
  CHECK(effects_of<fx::SendHttp>(app.dispatch(act::TokenGiven{fresh})).empty());
  app.answer(RequestPurpose::ListPage, page_response(leads_named({"b"})));
  CHECK(app.state.load.phase == LoadPhase::Loaded);
  CHECK(app.state.leads.size() == 2);
}

// [SECTION] oversized pages --------------------------------------------------------------------------

namespace {
HttpResponse cut_off() {
  HttpResponse r;
  r.network_error = "response larger than 33554432 bytes";
  r.oversized = true;
  return r;
}

std::string sent_url(TestApp& app, std::uint64_t id) {
  for (const auto& send : effects_of<fx::SendHttp>(app.last))
    if (send.request_id == id) return send.request.url;
  return {};
}
}  // namespace

TEST_CASE(
    "a page larger than the client reads is asked for in halves; a single lead too large is counted, the rest load") {
  TestApp app = signed_in();
  app.answer(RequestPurpose::ListPage, cut_off());
  const std::uint64_t first = app.pending_id(RequestPurpose::ListPage);
  const std::string half = sent_url(app, first);
  CHECK(half.find("$top=500") != std::string::npos);
  CHECK(half.find("$count=true") != std::string::npos);
  CHECK(app.state.load.phase == LoadPhase::Loading);
  const std::string next = std::string(kBaseUrl) + "/v1.0/engagements/referrals?$skiptoken=p2";
  app.answer(RequestPurpose::ListPage, page_response(leads_named({"a", "b"}), next, 4));
  const std::uint64_t range = app.pending_id(RequestPurpose::ListPage);
  CHECK(sent_url(app, range).find("$skip=2") != std::string::npos);
  app.dispatch(act::HttpDone{range, cut_off()});  // the range of two: asked again as two pages of one
  auto ids = app.pending_ids(RequestPurpose::ListPage);
  REQUIRE(ids.size() == 2);
  CHECK(sent_url(app, ids[0]).find("$top=1") != std::string::npos);
  CHECK(sent_url(app, ids[1]).find("$skip=3") != std::string::npos);
  app.dispatch(act::HttpDone{ids[0], page_response(leads_named({"c"}))});
  app.dispatch(act::HttpDone{ids[1], cut_off()});  // one lead alone is too large: set aside
  CHECK(app.state.load.phase == LoadPhase::Loaded);
  CHECK(app.state.leads.size() == 3);
  CHECK(app.state.load.skipped == 1);
  CHECK(app.state.load.skip_reason.find("larger than") != std::string::npos);
}

TEST_CASE("one lead unreadable on a page is counted and named; the page's other leads load") {
  TestApp app = signed_in();
  Json body = Json::parse(page_response(leads_named({"a", "b"}), {}, 3).body);
  Json bad = referral_to_json(make_lead("bad"));
  bad["details"] = Json{{"dealValue", Json::object()}};
  body["value"].push_back(bad);
  app.answer(RequestPurpose::ListPage, response(200, body.dump()));
  CHECK(app.state.load.phase == LoadPhase::Loaded);
  CHECK(app.state.leads.size() == 2);
  CHECK(app.state.load.skipped == 1);
  CHECK(app.state.load.skipped_ids == std::vector<std::string>{"bad"});
}
