// Tests of the API layer: request building, list pages, error classification, token claims.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <tuple>

#include "api/api_error.h"
#include "api/jwt_claims.h"
#include "api/referrals_api.h"
#include "api/retry_policy.h"

using namespace leads;

namespace {
HttpResponse response(int status, std::string body, HeaderList headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}
}  // namespace

TEST_CASE("a list request carries the token, the query options and encodes the filter") {
  ListOptions options;
  options.filter = "status eq 'New'";
  options.orderby = "createdDateTime desc";
  options.top = 500;
  const HttpRequest request = list_request(ApiConfig{"http://h", "T", "corr"}, options);
  CHECK(request.url ==
        "http://h/v1.0/engagements/"
        "referrals?$top=500&$count=true&$filter=status%20eq%20%27New%27&$orderby=createdDateTime%20desc");
  CHECK(request.headers[0] == std::make_pair(std::string("Authorization"), std::string("Bearer T")));
  CHECK(request.headers.back().first == "MS-CorrelationId");
}

TEST_CASE("a write sends If-Match and the same MS-RequestId it was given") {
  const HttpRequest request = patch_request(ApiConfig{"", "T", ""}, "r 1", Json::array(), "\"e1\"", "req-9");
  CHECK(request.method == "PATCH");
  CHECK(request.url == "/v1.0/engagements/referrals/r%201");
  CHECK(get_request(ApiConfig{}, "a/b").url == "/v1.0/engagements/referrals/a%2Fb");
  bool if_match = false, request_id = false;
  for (const auto& [name, value] : request.headers) {
    if_match |= name == "If-Match" && value == "\"e1\"";
    request_id |= name == "MS-RequestId" && value == "req-9";
  }
  CHECK(if_match);
  CHECK(request_id);
}

TEST_CASE("a list page keeps good rows, counts unreadable ones, and reads count and next link") {
  auto result = read_list_page(response(200, R"({"@odata.count": 3, "@odata.nextLink": "http://h/next",
    "value": [{"id":"a","status":"New"}, {"id": 5, "status":"New"}, {"id":"c","status":"Closed"}]})"));
  REQUIRE(std::holds_alternative<ListPage>(result));
  const ListPage& page = std::get<ListPage>(result);
  CHECK(page.items.size() == 2);
  CHECK(page.skipped_items == 1);
  CHECK(page.first_skip_reason.find("id") == 0);
  CHECK(page.count == 3);
  CHECK(page.next_link == "http://h/next");
}

TEST_CASE("a page read as rows holds exactly the list fields of the leads read, the fast way or the careful way") {
  const std::string good_a = R"({"id":"a","name":"Deal A","status":"New","substatus":"Received","eTag":"\"1\"",
    "customerProfile":{"name":"Müşteri","address":{"city":"İzmir","country":"TR"},
    "team":[{"firstName":"Ayşe","lastName":"Kaya","email":"ayse@ornek.com.tr"}]},
    "details":{"dealValue":12.5,"currency":"TRY"},"createdDateTime":"2026-11-20T10:00:00Z"})";
  const std::string good_b = R"({"id":"b","status":"Sleeping","createdDateTime":"2026-11-21T10:00:00Z"})";
  const std::string again_a = R"({"id":"a","name":"Deal A, renamed","status":"Active","eTag":"\"2\""})";
  const std::string unreadable = R"({"id":"c","status":"New","createdDateTime":"not a date"})";
  // The fast reader takes all of the first page; on the second it has taken "a" and "b" before it declines the
  // date, and the careful reading starts again from nothing.
  for (const auto& [items, leads, skipped] : {std::tuple{good_a + "," + good_b + "," + again_a, 3u, 0u},
                                              std::tuple{good_a + "," + good_b + "," + unreadable, 2u, 1u}}) {
    const HttpResponse page =
        response(200, R"({"@odata.count":9,"@odata.nextLink":"http://h/n","value":[)" + items + "]}");
    const ListPageResult full = read_list_page(page);
    const ListRowsResult rows = read_list_rows(page);
    REQUIRE(std::holds_alternative<ListPage>(full));
    REQUIRE(std::holds_alternative<ListRows>(rows));
    const ListPage& expected = std::get<ListPage>(full);
    const ListRows& got = std::get<ListRows>(rows);
    CHECK(got.leads == leads);
    CHECK(got.leads == expected.items.size());
    CHECK(got.skipped_items == skipped);
    CHECK(got.count == 9);
    CHECK(got.next_link == "http://h/n");
    const ListStore reference = ListStore::of(expected.items);
    REQUIRE(got.rows.size() == reference.size());
    CHECK(got.rows.to_bytes() == reference.to_bytes());  // every column of every row, in the same order
  }
  CHECK(std::get<ListRows>(read_list_rows(response(200, R"({"value":[)" + good_a + "," + again_a + "]}")))
            .rows.row(0)
            .name() == "Deal A, renamed");  // a repeated id: the last one read
  for (const char* body : {"not json", "{\"value\": [1, 2", ""})
    CHECK(std::holds_alternative<ApiError>(read_list_rows(response(200, body))));
  CHECK(std::get<ApiError>(read_list_rows(response(503, ""))).kind == ApiErrorKind::Unavailable);
}

TEST_CASE("a malformed or wrongly shaped list is a bad response, not a crash") {
  for (const char* body : {"not json", "{\"value\": 5}", "[]", "", "{\"value\": [1, 2"}) {
    auto result = read_list_page(response(200, body));
    REQUIRE(std::holds_alternative<ApiError>(result));
    CHECK(std::get<ApiError>(result).kind == ApiErrorKind::BadResponse);
  }
}

TEST_CASE("every HTTP error class maps to its kind, with the contract's code, target and Retry-After") {
  CHECK(error_from_response(response(0, "")).kind == ApiErrorKind::Network);
  CHECK(error_from_response(response(401, "")).kind == ApiErrorKind::Unauthenticated);
  CHECK(error_from_response(response(403, "")).kind == ApiErrorKind::Forbidden);
  CHECK(error_from_response(response(404, "")).kind == ApiErrorKind::NotFound);
  CHECK(error_from_response(response(409, "")).kind == ApiErrorKind::Conflict);
  CHECK(error_from_response(response(412, "")).kind == ApiErrorKind::PreconditionFailed);
  CHECK(error_from_response(response(500, "<html>")).kind == ApiErrorKind::Unavailable);
  const ApiError invalid = error_from_response(
      response(400, R"({"error":{"code":"invalidRequest","message":"deal name required","target":"name"}})"));
  CHECK(invalid.kind == ApiErrorKind::Invalid);
  CHECK(invalid.code == "invalidRequest");
  CHECK(invalid.target == "name");
  const ApiError throttled = error_from_response(response(429, "", {{"retry-after", "7"}}));
  CHECK(throttled.kind == ApiErrorKind::TooManyRequests);
  CHECK(throttled.retry_after_seconds == 7);
  CHECK(is_retryable(throttled));
  CHECK_FALSE(is_retryable(invalid));
  CHECK_FALSE(error_from_response(response(503, "", {{"retry-after", "soon"}})).retry_after_seconds);
}

TEST_CASE("retries back off 1 s, 2 s, 4 s, 8 s with equal jitter: each wait within [b/2, b], never above the cap") {
  ApiError error;
  error.kind = ApiErrorKind::Unavailable;
  RetryJitter jitter(7);
  for (int round = 0; round < 200; ++round) {
    const int retry = round % 12;
    const int backoff = std::min(8000, 1000 << std::min(retry, 10));
    const int delay = retry_delay_ms(error, retry, jitter);
    CAPTURE(retry);
    CHECK(delay >= backoff / 2);
    CHECK(delay <= backoff);
  }
}

TEST_CASE("two clients with their own seeds do not retry in lock-step; one seed always gives the same waits") {
  ApiError error;
  error.kind = ApiErrorKind::Unavailable;
  RetryJitter a(1), b(2), a_again(1);
  int apart = 0;
  for (int retry = 0; retry < 4; ++retry) {
    const int da = retry_delay_ms(error, retry, a), db = retry_delay_ms(error, retry, b);
    CHECK(retry_delay_ms(error, retry, a_again) == da);  // deterministic under test
    apart += std::abs(da - db) >= 50;
  }
  CHECK(apart >= 2);
}

TEST_CASE("a bounded number of attempts per operation, and only for what may be retried") {
  ApiError unavailable;
  unavailable.kind = ApiErrorKind::Unavailable;
  ApiError invalid;
  invalid.kind = ApiErrorKind::Invalid;
  const RetryPolicy policy;
  CHECK(may_retry(unavailable, 1, policy));
  CHECK(may_retry(unavailable, policy.max_attempts - 1, policy));
  CHECK_FALSE(may_retry(unavailable, policy.max_attempts, policy));
  CHECK_FALSE(may_retry(invalid, 1, policy));
}

TEST_CASE("Retry-After in seconds is waited for, spread a little so clients told the same do not return at once") {
  ApiError error;
  error.kind = ApiErrorKind::TooManyRequests;
  error.retry_after_seconds = 7;
  RetryJitter jitter(3);
  for (int i = 0; i < 50; ++i) {
    const int delay = retry_delay_ms(error, i % 4, jitter);
    CHECK(delay >= 7000);
    CHECK(delay <= 7000 + 1750);
  }
  error.retry_after_seconds = 3600;  // not believed past a minute
  const int delay = retry_delay_ms(error, 0, jitter);
  CHECK(delay >= 60000);
  CHECK(delay <= 65000);
}

TEST_CASE("HTTP dates are read in all three forms HTTP allows") {
  const TimeMs expected = *parse_iso8601("1994-11-06T08:49:37Z");
  CHECK(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == expected);
  CHECK(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT") == expected);
  CHECK(parse_http_date("Sun Nov  6 08:49:37 1994") == expected);
  CHECK(parse_http_date("Tue, 01 Dec 2026 23:10:05 GMT") == *parse_iso8601("2026-12-01T23:10:05Z"));
  CHECK_FALSE(parse_http_date("soon"));
  CHECK_FALSE(parse_http_date("120"));
  CHECK_FALSE(parse_http_date("Sun, 31 Feb 2026 08:49:37 GMT"));
  CHECK_FALSE(parse_http_date("Sun, 06 Nov 1994 25:49:37 GMT"));
  CHECK_FALSE(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT"));
}

TEST_CASE("Retry-After as an HTTP date is honoured: measured from the server's Date, else from the answer's arrival") {
  const HttpResponse with_date =
      response(503, "", {{"retry-after", "Tue, 01 Dec 2026 23:10:05 GMT"}, {"date", "Tue, 01 Dec 2026 23:09:55 GMT"}});
  CHECK(error_from_response(with_date).retry_after_seconds == std::optional<int>(10));
  HttpResponse arrived = response(503, "", {{"retry-after", "Tue, 01 Dec 2026 23:10:05 GMT"}});
  arrived.received_at_ms = *parse_iso8601("2026-12-01T23:10:01.500Z");
  CHECK(error_from_response(arrived).retry_after_seconds == std::optional<int>(4));  // rounded up
  arrived.received_at_ms = *parse_iso8601("2026-12-01T23:11:00Z");
  CHECK(error_from_response(arrived).retry_after_seconds == std::optional<int>(0));  // already past: now
  ApiError error = error_from_response(with_date);
  RetryJitter jitter(5);
  CHECK(retry_delay_ms(error, 0, jitter) >= 10000);
  // With no reference at all the date cannot be measured: the usual backoff applies.
  CHECK_FALSE(
      error_from_response(response(503, "", {{"retry-after", "Tue, 01 Dec 2026 23:10:05 GMT"}})).retry_after_seconds);
}

TEST_CASE("token claims are read from the payload; a malformed token gives nothing") {
  // {"name":"Deniz Aydın","roles":["Referrals admin"],"exp":2000000000}
  const std::string payload =
      "eyJuYW1lIjoiRGVuaXogQXlkxLFuIiwicm9sZXMiOlsiUmVmZXJyYWxzIGFkbWluIl0sImV4cCI6MjAwMDAwMDAwMH0";
  auto claims = read_token_claims("h." + payload + ".s");
  REQUIRE(claims);
  CHECK(claims->name == "Deniz Aydın");
  CHECK(claims->roles == std::vector<std::string>{"Referrals admin"});
  CHECK(claims->expires_at == 2000000000000LL);
  CHECK_FALSE(read_token_claims("no-dots"));
  CHECK_FALSE(read_token_claims("a.!!!.c"));
  CHECK_FALSE(read_token_claims("a.bm90IGpzb24.c"));  // "not json"
}
