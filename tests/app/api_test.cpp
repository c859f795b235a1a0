// Tests of the API layer: request building, list pages, error classification, token claims.
#include <doctest/doctest.h>

#include "api/api_error.h"
#include "api/jwt_claims.h"
#include "api/referrals_api.h"

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
  CHECK(request.url == "http://h/v1.0/engagements/referrals?$top=500&$count=true&$filter=status%20eq%20%27New%27&$orderby=createdDateTime%20desc");
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

TEST_CASE("retries wait for Retry-After when given, else back off 1 s, 2 s, 4 s up to 32 s") {
  ApiError error;
  CHECK(retry_delay_ms(error, 0) == 1000);
  CHECK(retry_delay_ms(error, 2) == 4000);
  CHECK(retry_delay_ms(error, 9) == 32000);
  error.retry_after_seconds = 7;
  CHECK(retry_delay_ms(error, 3) == 7000);
  error.retry_after_seconds = 3600;
  CHECK(retry_delay_ms(error, 0) == 60000);
}

TEST_CASE("token claims are read from the payload; a malformed token gives nothing") {
  // {"name":"Deniz Aydın","roles":["Referrals admin"],"exp":2000000000}
  const std::string payload = "eyJuYW1lIjoiRGVuaXogQXlkxLFuIiwicm9sZXMiOlsiUmVmZXJyYWxzIGFkbWluIl0sImV4cCI6MjAwMDAwMDAwMH0";
  auto claims = read_token_claims("h." + payload + ".s");
  REQUIRE(claims);
  CHECK(claims->name == "Deniz Aydın");
  CHECK(claims->roles == std::vector<std::string>{"Referrals admin"});
  CHECK(claims->expires_at == 2000000000000LL);
  CHECK_FALSE(read_token_claims("no-dots"));
  CHECK_FALSE(read_token_claims("a.!!!.c"));
  CHECK_FALSE(read_token_claims("a.bm90IGpzb24.c"));  // "not json"
}
