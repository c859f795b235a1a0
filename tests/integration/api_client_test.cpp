// Integration: the client's API layer (src/api) over a native transport against a live server-mock — paging, OData,
// ETags, MS-RequestId replay, every error kind, injected faults and the response size cap.
//
// [SECTION] helpers
// [SECTION] the transport itself
// [SECTION] reading: paging, OData, one lead
// [SECTION] writing: accept, stale ETag, replay, illegal transition
// [SECTION] who may call
// [SECTION] faults
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "api/api_error.h"
#include "api/referrals_api.h"
#include "domain/forms.h"
#include "domain/odata.h"
#include "native_transport.h"
#include "test_support.h"

using namespace leads;
using namespace leads::testing;

namespace {

// [SECTION] helpers ------------------------------------------------------------------------------
// Each test re-seeds the shared server and talks to it only through the API layer plus the transport, except to set
// faults: that way a wrong URL, header or reading in src/api shows up here.

ApiConfig config_with(const std::string& token) {
  return ApiConfig{shared_server().process->base_url(), token, "integration-correlation"};
}
ApiConfig admin_config() {
  return config_with(admin_token());
}

// Sends through the Transport interface and checks the synchronous contract: one callback, before send returns.
HttpResponse call(const HttpRequest& request) {
  NativeTransport transport;
  int calls = 0;
  HttpResponse answer;
  transport.send(request, [&](HttpResponse response) {
    ++calls;
    answer = std::move(response);
  });
  REQUIRE(calls == 1);
  return answer;
}

std::string describe(const ApiError& error) {
  std::string text = std::string(error_key(error.kind)) + " status " + std::to_string(error.status) + " code '" +
                     error.code + "' target '" + error.target + "': " + error.message;
  if (error.retry_after_seconds) text += " (retry after " + std::to_string(*error.retry_after_seconds) + " s)";
  return text;
}

// The error of a result that must have failed; a success fails the test.
template <class T>
ApiError error_of(const std::variant<T, ApiError>& result) {
  const ApiError* error = std::get_if<ApiError>(&result);
  REQUIRE_MESSAGE(error != nullptr, "the call succeeded where it had to fail");
  return *error;
}

// The value of a result that must have succeeded; an error fails the test with its description.
template <class T>
T value_of(const std::variant<T, ApiError>& result) {
  if (const ApiError* error = std::get_if<ApiError>(&result)) FAIL("the call failed: " << describe(*error));
  return std::get<T>(result);
}

struct Listing {
  std::vector<Referral> items;
  std::vector<std::optional<std::int64_t>> counts;  // @odata.count of each page
  std::vector<std::string> next_links;
  std::size_t skipped = 0;
  std::optional<ApiError> error;
};

// Every page of a listing, following @odata.nextLink until it is absent.
Listing list_all(const ApiConfig& config, const ListOptions& options) {
  constexpr int kMaxPages = 1000;  // a server that never ends the chain must not hang the suite
  Listing listing;
  HttpRequest request = list_request(config, options);
  for (int page_number = 0; page_number < kMaxPages; ++page_number) {
    const ListPageResult result = read_list_page(call(request));
    if (const ApiError* error = std::get_if<ApiError>(&result)) {
      listing.error = *error;
      return listing;
    }
    const ListPage& page = std::get<ListPage>(result);
    listing.counts.push_back(page.count);
    listing.skipped += page.skipped_items;
    listing.items.insert(listing.items.end(), page.items.begin(), page.items.end());
    if (page.next_link.empty()) return listing;
    listing.next_links.push_back(page.next_link);
    request = next_page_request(config, page.next_link);
  }
  FAIL("the nextLink chain did not end within " << kMaxPages << " pages");
  return listing;
}

Referral get_lead(const ApiConfig& config, const std::string& id) {
  return value_of(read_referral(call(get_request(config, id))));
}

// The first lead (by the default order) matching a filter built with the domain's OData builders.
Referral first_where(const FilterPtr& filter) {
  REQUIRE(filter->kind != FilterNode::Kind::Invalid);
  ListOptions options;
  options.filter = to_odata(*filter);
  options.top = 1;
  const ListPage page = value_of(read_list_page(call(list_request(admin_config(), options))));
  REQUIRE_MESSAGE(!page.items.empty(), "no lead matches " << options.filter);
  return page.items.front();
}

void add_fault(const Json& rule) {
  auto client = shared_server().process->client();
  auto result = client->Post("/_mock/faults", mock_auth(), dump_json(Json::array({rule})), "application/json");
  REQUIRE(result);
  REQUIRE(result->status == 200);
}

TimeMs wall_now() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A filled accept form for `lead` that the domain core itself finds valid.
AcceptForm valid_accept_form(const Referral& lead) {
  AcceptForm form = accept_form_for(lead);
  form.deal_name = "Microsoft 365 E5 rollout";
  form.deal_value = "125.000,50";
  form.currency = "try";
  form.closing_date = format_date(wall_now() + 45 * kDayMs);
  form.notes = "Customer wants 250 seats.";
  form.crm_id = "CRM-2044";
  form.contacts = {ContactForm{"Ayşe", "Yılmaz", "ayse.yilmaz@contoso.com.tr", "+90 532 000 11 22"}};
  const FormErrors errors = validate(form, wall_now());
  std::string why;
  for (const FieldError& error : errors.errors) why += error.field + " " + error.message + "; ";
  REQUIRE_MESSAGE(errors.ok(), "the accept form is invalid: " << why);
  return form;
}

Json one_employee_patch(const std::string& email) {
  AddEmployeesForm form;
  form.employees = {ContactForm{"Mehmet", "Öztürk", email, "+90 533 444 55 66"}};
  REQUIRE(validate(form).ok());
  return add_employees_patch(form);
}

// A loopback port nothing listens on: bound, read, released.
int unused_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  const bool bound = bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                     getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  close(fd);
  REQUIRE(bound);
  return ntohs(address.sin_port);
}

}  // namespace

// [SECTION] the transport itself -----------------------------------------------------------------

TEST_CASE("the native transport answers once, before send returns, with lower-cased header names") {
  reset_shared_server();
  const Referral lead = first_where(odata::eq("status", "Active"));
  const HttpResponse response = call(get_request(admin_config(), lead.id));
  CHECK(response.status == 200);
  CHECK(response.network_error.empty());
  CHECK(response.header("etag") != nullptr);
  CHECK(response.header("request-id") != nullptr);
  REQUIRE(response.header("ms-correlationid") != nullptr);
  CHECK(*response.header("ms-correlationid") == "integration-correlation");
  for (const auto& [name, value] : response.headers) {
    INFO("header " << name);
    CHECK(std::none_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; }));
  }
}

TEST_CASE("a refused connection is status 0 with a network error, not a timeout") {
  HttpRequest request = get_request(ApiConfig{"http://127.0.0.1:" + std::to_string(unused_port()), "t", ""}, "x");
  request.timeout_ms = 5000;
  const HttpResponse response = call(request);
  CHECK(response.status == 0);
  CHECK(!response.network_error.empty());
  CHECK(!response.timed_out);
  const ApiError error = error_from_response(response);
  CHECK(error.kind == ApiErrorKind::Network);
  CHECK(is_retryable(error));
}

TEST_CASE("a server slower than timeout_ms is status 0 with timed_out, given up before the server answers") {
  reset_shared_server();
  const Referral lead = first_where(odata::eq("status", "Active"));
  // The answer comes 8 s late; the client must give up long before (only a client that waited for it fails).
  constexpr int kLatencyMs = 8000;
  add_fault({{"method", "GET"}, {"pathPrefix", std::string(kBase) + "/" + lead.id}, {"latencyMs", kLatencyMs}});
  HttpRequest request = get_request(admin_config(), lead.id);
  request.timeout_ms = 300;
  const auto start = std::chrono::steady_clock::now();
  const HttpResponse response = call(request);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(response.status == 0);
  CHECK(response.timed_out);
  CHECK(!response.network_error.empty());
  CHECK(elapsed < std::chrono::milliseconds(kLatencyMs));
  CHECK(error_from_response(response).kind == ApiErrorKind::Network);
}

TEST_CASE("a body exactly at max_response_bytes passes and one byte less is refused as status 0") {
  reset_shared_server();
  const Referral lead = first_where(odata::eq("status", "Active"));
  const HttpResponse full = call(get_request(admin_config(), lead.id));
  REQUIRE(full.status == 200);
  REQUIRE(full.body.size() > 100);

  HttpRequest at_cap = get_request(admin_config(), lead.id);
  at_cap.max_response_bytes = full.body.size();
  const HttpResponse fits = call(at_cap);
  CHECK(fits.status == 200);
  CHECK(fits.body == full.body);

  HttpRequest under_cap = at_cap;
  under_cap.max_response_bytes = full.body.size() - 1;
  const HttpResponse refused = call(under_cap);
  CHECK(refused.status == 0);
  CHECK(!refused.network_error.empty());
  CHECK(refused.body.empty());
  CHECK(error_of(read_referral(refused)).kind == ApiErrorKind::Network);
}

// [SECTION] reading: paging, OData, one lead -----------------------------------------------------

TEST_CASE(
    "listing with a small $top follows every nextLink and returns each lead exactly once, as many as "
    "@odata.count") {
  reset_shared_server(300);
  ListOptions options;
  options.top = 17;
  const Listing listing = list_all(admin_config(), options);
  if (listing.error) FAIL("listing failed: " << describe(*listing.error));
  CHECK(listing.skipped == 0);
  CHECK(listing.items.size() == 300);
  CHECK(listing.next_links.size() == (300 + 16) / 17 - 1);
  for (const std::string& link : listing.next_links) {
    INFO("nextLink " << link);
    CHECK(link.rfind(shared_server().process->base_url() + kBase, 0) == 0);
  }
  std::set<std::string> ids;
  for (const Referral& lead : listing.items) ids.insert(lead.id);
  CHECK(ids.size() == listing.items.size());
  REQUIRE(!listing.counts.empty());
  REQUIRE(listing.counts.front().has_value());
  CHECK(*listing.counts.front() == static_cast<std::int64_t>(listing.items.size()));
  for (const auto& count : listing.counts)
    if (count) CHECK(*count == *listing.counts.front());
}

TEST_CASE("a page size above the server's cap still lists every lead, because the client follows nextLink") {
  reset_shared_server(300);
  ListOptions options;  // top 1000, above the shared server's --page-cap 120
  const Listing listing = list_all(admin_config(), options);
  if (listing.error) FAIL("listing failed: " << describe(*listing.error));
  CHECK(listing.next_links.size() >= 2);
  std::set<std::string> ids;
  for (const Referral& lead : listing.items) ids.insert(lead.id);
  CHECK(ids.size() == 300);
  CHECK(listing.items.size() == 300);
}

TEST_CASE("$filter and $orderby built with the client's OData builders return exactly the matching leads, in order") {
  reset_shared_server(300);
  ListOptions everything;
  everything.top = 100;
  const Listing all = list_all(admin_config(), everything);
  if (all.error) FAIL("listing failed: " << describe(*all.error));
  REQUIRE(all.items.size() == 300);

  struct Query {
    FilterPtr filter;
    OrderBy order;
  };
  const std::vector<Query> queries = {
      {odata::all_of({odata::eq("status", "New"), odata::eq("customerProfile/address/country", "TR")}),
       OrderBy{{{OrderField::CreatedDateTime, true}}}},
      {odata::any_of({odata::eq("substatus", "Won"), odata::eq("substatus", "Lost")}),
       OrderBy{{{OrderField::DealValue, true}, {OrderField::Name, false}}}},
      {odata::all_of({odata::eq_bool("details/customerRequestedContact", true),
                      odata::negate(odata::eq("qualification", "Direct"))}),
       OrderBy{{{OrderField::Name, false}}}},
      {odata::ge_time("createdDateTime", wall_now() - 30 * kDayMs), OrderBy{{{OrderField::ExpirationDateTime, false}}}},
  };
  for (const Query& query : queries) {
    REQUIRE(query.filter->kind != FilterNode::Kind::Invalid);
    ListOptions options;
    options.filter = to_odata(*query.filter);
    options.orderby = to_odata(query.order);
    options.top = 9;
    INFO("$filter=" << options.filter << " $orderby=" << options.orderby);
    const Listing listing = list_all(admin_config(), options);
    if (listing.error) FAIL("listing failed: " << describe(*listing.error));

    std::set<std::string> expected;
    for (const Referral& lead : all.items)
      if (evaluate_filter(*query.filter, lead)) expected.insert(lead.id);
    std::set<std::string> got;
    for (const Referral& lead : listing.items) got.insert(lead.id);
    CHECK(!expected.empty());
    CHECK(expected.size() < all.items.size());
    CHECK(got == expected);
    CHECK(listing.items.size() == expected.size());
    REQUIRE(!listing.counts.empty());
    CHECK(listing.counts.front() == std::optional<std::int64_t>(static_cast<std::int64_t>(expected.size())));
    for (std::size_t i = 1; i < listing.items.size(); ++i) {
      INFO("positions " << i - 1 << " and " << i << ": " << listing.items[i - 1].id << ", " << listing.items[i].id);
      CHECK(order_before(query.order, listing.items[i - 1], listing.items[i]));
    }
  }
}

TEST_CASE("an unsupported $filter is Invalid naming $filter, never ignored") {
  reset_shared_server();
  ListOptions options;
  options.filter = "organizationName eq 'Contoso'";
  const Listing listing = list_all(admin_config(), options);
  REQUIRE(listing.error.has_value());
  INFO(describe(*listing.error));
  CHECK(listing.error->kind == ApiErrorKind::Invalid);
  CHECK(listing.error->code == "invalidRequest");
  CHECK(listing.error->target == "$filter");
  CHECK(!is_retryable(*listing.error));
}

TEST_CASE("a filter value with quotes, &, +, #, commas and Turkish letters reaches the server intact") {
  reset_shared_server();
  const std::string name = "Çelik & Oğulları + O'Brien #1, Ltd. Şti. 50%";
  auto client = shared_server().process->client();
  const Json injected = inject_lead(
      *client, {{"name", "Encoding check"},
                {"customerProfile", {{"name", name}, {"address", {{"city", "İzmir"}, {"country", "TR"}}}}}});
  REQUIRE(injected.is_object());
  REQUIRE(injected.contains("id"));
  ListOptions options;
  options.filter = to_odata(*odata::eq("customerProfile/name", name));
  INFO("$filter=" << options.filter);
  const Listing listing = list_all(admin_config(), options);
  if (listing.error) FAIL("listing failed: " << describe(*listing.error));
  REQUIRE(listing.items.size() == 1);
  CHECK(listing.items.front().id == injected["id"].get<std::string>());
  CHECK(listing.items.front().customer_profile.name == name);
}

TEST_CASE("getting one lead returns it with its eTag equal to the ETag header") {
  reset_shared_server();
  const Referral listed = first_where(odata::eq("substatus", "Received"));
  const HttpResponse response = call(get_request(admin_config(), listed.id));
  const Referral lead = value_of(read_referral(response));
  CHECK(lead.id == listed.id);
  CHECK(lead.name == listed.name);
  CHECK(!lead.etag.empty());
  CHECK(lead.etag == listed.etag);
  REQUIRE(response.header("etag") != nullptr);
  CHECK(*response.header("etag") == lead.etag);
}

TEST_CASE("getting an unknown id is NotFound with itemNotFound") {
  reset_shared_server();
  const ApiError error = error_of(read_referral(call(get_request(admin_config(), "no-such-lead-42"))));
  INFO(describe(error));
  CHECK(error.kind == ApiErrorKind::NotFound);
  CHECK(error.status == 404);
  CHECK(error.code == "itemNotFound");
  CHECK(!is_retryable(error));
}

// [SECTION] writing: accept, stale ETag, replay, illegal transition ------------------------------

TEST_CASE("accepting a received lead from the accept form with If-Match answers 200 with the updated lead") {
  reset_shared_server();
  const Referral lead = first_where(odata::eq("substatus", "Received"));
  const AcceptForm form = valid_accept_form(lead);
  const HttpResponse response =
      call(patch_request(admin_config(), lead.id, accept_patch(form), lead.etag, "accept-request-1"));
  CHECK(response.status == 200);
  const Referral updated = value_of(read_referral(response));
  CHECK(updated.id == lead.id);
  CHECK(updated.status == Status::Active);
  CHECK(updated.substatus == Substatus::Accepted);
  CHECK(updated.name == "Microsoft 365 E5 rollout");
  CHECK(updated.details.deal_value == std::optional<double>(125000.5));
  CHECK(updated.details.currency == "TRY");
  CHECK(updated.external_reference_id == "CRM-2044");
  REQUIRE(updated.details.closing_date_time.has_value());
  CHECK(format_date(*updated.details.closing_date_time) == form.closing_date);
  CHECK(updated.accepted_date_time.has_value());
  CHECK(updated.team.size() == lead.team.size() + 1);
  CHECK(!updated.etag.empty());
  CHECK(updated.etag != lead.etag);
  REQUIRE(response.header("etag") != nullptr);
  CHECK(*response.header("etag") == updated.etag);
  const Referral read_back = get_lead(admin_config(), lead.id);
  CHECK(read_back.etag == updated.etag);
  CHECK(read_back.substatus == Substatus::Accepted);
}

TEST_CASE("a second write with the ETag from before the first is PreconditionFailed and changes nothing") {
  reset_shared_server();
  const Referral lead = first_where(odata::eq("substatus", "Received"));
  const Referral accepted = value_of(read_referral(
      call(patch_request(admin_config(), lead.id, accept_patch(valid_accept_form(lead)), lead.etag, "stale-1"))));
  const Json edit = Json::array({{{"op", "replace"}, {"path", "/details/notes"}, {"value", "Written over."}}});
  const ApiError error =
      error_of(read_referral(call(patch_request(admin_config(), lead.id, edit, lead.etag, "stale-2"))));
  INFO(describe(error));
  CHECK(error.kind == ApiErrorKind::PreconditionFailed);
  CHECK(error.status == 412);
  CHECK(error.code == "preconditionFailed");
  CHECK(!is_retryable(error));
  const Referral after = get_lead(admin_config(), lead.id);
  CHECK(after.etag == accepted.etag);
  CHECK(after.details.notes == "Customer wants 250 seats.");
}

TEST_CASE("the same MS-RequestId sent twice applies the change once and answers the same both times") {
  reset_shared_server();
  const Referral lead = first_where(odata::eq("substatus", "Accepted"));
  const Json patch = one_employee_patch("mehmet.ozturk@partner.com.tr");
  const HttpRequest request = patch_request(admin_config(), lead.id, patch, "", "add-employee-once");
  const HttpResponse first = call(request);
  const HttpResponse second = call(request);
  const Referral first_result = value_of(read_referral(first));
  const Referral second_result = value_of(read_referral(second));
  CHECK(first_result.team.size() == lead.team.size() + 1);
  CHECK(second_result.etag == first_result.etag);
  CHECK(second_result.team.size() == first_result.team.size());
  const Referral after = get_lead(admin_config(), lead.id);
  CHECK(after.team.size() == lead.team.size() + 1);
  CHECK(after.etag == first_result.etag);
  CHECK(after.updated_date_time == first_result.updated_date_time);

  // A new id is a new logical change: it is applied again (so the check above could fail).
  const Referral again =
      value_of(read_referral(call(patch_request(admin_config(), lead.id, patch, "", "add-employee-twice"))));
  CHECK(again.team.size() == lead.team.size() + 2);
}

TEST_CASE("an illegal transition is Invalid with target status, and the lead stays as it was") {
  reset_shared_server();
  const Referral lead = first_where(odata::eq("substatus", "Accepted"));
  const Json back_to_new = Json::array({{{"op", "replace"}, {"path", "/status"}, {"value", "New"}},
                                        {{"op", "replace"}, {"path", "/substatus"}, {"value", "Received"}}});
  const ApiError error =
      error_of(read_referral(call(patch_request(admin_config(), lead.id, back_to_new, lead.etag, "backwards"))));
  INFO(describe(error));
  CHECK(error.kind == ApiErrorKind::Invalid);
  CHECK(error.status == 400);
  CHECK(error.code == "invalidRequest");
  CHECK(error.target == "status");
  CHECK(!is_retryable(error));
  const Referral after = get_lead(admin_config(), lead.id);
  CHECK(after.substatus == Substatus::Accepted);
  CHECK(after.etag == lead.etag);
}

// [SECTION] who may call -------------------------------------------------------------------------

TEST_CASE("a read-only Referrals user may list but a write is Forbidden and changes nothing") {
  reset_shared_server();
  const ApiConfig reader = config_with(token_for("Referrals user"));
  ListOptions options;
  options.top = 5;
  const ListPage page = value_of(read_list_page(call(list_request(reader, options))));
  REQUIRE(!page.items.empty());

  const Referral lead = first_where(odata::eq("substatus", "Received"));
  const ApiError error = error_of(read_referral(
      call(patch_request(reader, lead.id, accept_patch(valid_accept_form(lead)), lead.etag, "reader-accept"))));
  INFO(describe(error));
  CHECK(error.kind == ApiErrorKind::Forbidden);
  CHECK(error.status == 403);
  CHECK(error.code == "accessDenied");
  CHECK(!is_retryable(error));
  CHECK(get_lead(admin_config(), lead.id).etag == lead.etag);
}

TEST_CASE("a missing, garbage, wrongly signed or expired token is Unauthenticated") {
  reset_shared_server();
  const std::vector<std::pair<const char*, std::string>> tokens = {
      {"missing", ""},
      {"garbage", "not.a.token"},
      {"signed by unknown keys", foreign_token()},
      {"expired", token_for("Referrals admin", -60)},
  };
  for (const auto& [what, token] : tokens) {
    INFO("token " << what);
    ListOptions options;
    options.top = 1;
    const ApiError error = error_of(read_list_page(call(list_request(config_with(token), options))));
    INFO(describe(error));
    CHECK(error.kind == ApiErrorKind::Unauthenticated);
    CHECK(error.status == 401);
    CHECK(error.code == "unauthenticated");
  }
}

// [SECTION] faults -------------------------------------------------------------------------------

TEST_CASE("a 503 with Retry-After is Unavailable, retryable, with retry_after_seconds; the retry succeeds") {
  reset_shared_server();
  add_fault({{"method", "GET"}, {"pathPrefix", kBase}, {"status", 503}, {"headers", {{"Retry-After", "7"}}}});
  ListOptions options;
  options.top = 5;
  const HttpRequest request = list_request(admin_config(), options);
  const ApiError error = error_of(read_list_page(call(request)));
  INFO(describe(error));
  CHECK(error.kind == ApiErrorKind::Unavailable);
  CHECK(error.status == 503);
  CHECK(error.code == "serviceNotAvailable");
  CHECK(error.retry_after_seconds == std::optional<int>(7));
  CHECK(is_retryable(error));
  CHECK(value_of(read_list_page(call(request))).items.size() == 5);
}

TEST_CASE("a 429 is TooManyRequests, retryable, with retry_after_seconds") {
  reset_shared_server();
  const Referral lead = first_where(odata::eq("status", "Active"));
  add_fault({{"method", "GET"}, {"pathPrefix", kBase}, {"status", 429}, {"headers", {{"Retry-After", "2"}}}});
  const ApiError error = error_of(read_referral(call(get_request(admin_config(), lead.id))));
  INFO(describe(error));
  CHECK(error.kind == ApiErrorKind::TooManyRequests);
  CHECK(error.status == 429);
  CHECK(error.code == "tooManyRequests");
  CHECK(error.retry_after_seconds == std::optional<int>(2));
  CHECK(is_retryable(error));
}

TEST_CASE("a 2xx whose body is not JSON is BadResponse, for a list and for one lead") {
  reset_shared_server();
  const Referral lead = first_where(odata::eq("status", "Active"));
  add_fault({{"method", "GET"}, {"pathPrefix", kBase}, {"times", 2}, {"body", "not-json"}});
  ListOptions options;
  options.top = 5;
  const ApiError list_error = error_of(read_list_page(call(list_request(admin_config(), options))));
  INFO(describe(list_error));
  CHECK(list_error.kind == ApiErrorKind::BadResponse);
  CHECK(list_error.status == 200);
  const ApiError get_error = error_of(read_referral(call(get_request(admin_config(), lead.id))));
  INFO(describe(get_error));
  CHECK(get_error.kind == ApiErrorKind::BadResponse);
  CHECK(get_error.status == 200);
}

TEST_CASE("a dropped connection is Network with status 0, and retryable") {
  reset_shared_server();
  add_fault({{"method", "GET"}, {"pathPrefix", kBase}, {"body", "drop"}});
  ListOptions options;
  options.top = 5;
  const HttpResponse response = call(list_request(admin_config(), options));
  CHECK(response.status == 0);
  CHECK(!response.network_error.empty());
  CHECK(!response.timed_out);
  const ApiError error = error_of(read_list_page(response));
  INFO(describe(error));
  CHECK(error.kind == ApiErrorKind::Network);
  CHECK(is_retryable(error));
}

TEST_CASE(
    "a crash after commit on PATCH is Network, a GET then shows the change applied, and the retry with the same "
    "MS-RequestId does not apply it twice") {
  reset_shared_server();
  const Referral lead = first_where(odata::eq("substatus", "Received"));
  add_fault({{"method", "PATCH"}, {"pathPrefix", kBase}, {"body", "crash-after-commit"}});
  const HttpRequest accept =
      patch_request(admin_config(), lead.id, accept_patch(valid_accept_form(lead)), lead.etag, "crash-accept");
  const ApiError error = error_of(read_referral(call(accept)));
  INFO(describe(error));
  CHECK(error.kind == ApiErrorKind::Network);
  CHECK(error.status == 0);
  CHECK(is_retryable(error));

  // The answer was lost but the write was not: this is why the client reads the lead after an unclear failure.
  const Referral after = get_lead(admin_config(), lead.id);
  CHECK(after.substatus == Substatus::Accepted);
  CHECK(after.etag != lead.etag);
  CHECK(after.team.size() == lead.team.size() + 1);

  const Referral retried = value_of(read_referral(call(accept)));
  CHECK(retried.substatus == Substatus::Accepted);
  CHECK(retried.etag == after.etag);
  CHECK(get_lead(admin_config(), lead.id).team.size() == lead.team.size() + 1);
}

TEST_CASE("an oversized list page against a small max_response_bytes is status 0, read as Network") {
  reset_shared_server();
  add_fault({{"method", "GET"}, {"pathPrefix", kBase}, {"body", "oversized"}});
  ListOptions options;
  options.top = 5;
  HttpRequest request = list_request(admin_config(), options);
  request.max_response_bytes = 1u << 20;
  const auto start = std::chrono::steady_clock::now();
  const HttpResponse response = call(request);
  CHECK(response.status == 0);
  CHECK(!response.network_error.empty());
  CHECK(response.body.empty());
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
  const ApiError error = error_of(read_list_page(response));
  INFO(describe(error));
  CHECK(error.kind == ApiErrorKind::Network);
  // The fault was used up: the same request now fits.
  CHECK(value_of(read_list_page(call(request))).items.size() == 5);
}

// Known mismatch, left failing on purpose: src/api/referrals_api.cpp caps list pages at kMaxListBytes = 64 MiB
// inclusive, and server-mock's "oversized" fault streams a page of exactly 64 MiB, so with the client's own defaults
// the page fits: read_list_page returns an empty last page (no items, no nextLink) and the workspace would show an
// empty list as if that were all. Either the client's cap must be below what it treats as "too big" or the fault
// must exceed 64 MiB; until one of them changes this fails.
TEST_CASE("the client's own list cap refuses the mock's oversized page rather than reading it as an empty last page") {
  reset_shared_server();
  add_fault({{"method", "GET"}, {"pathPrefix", kBase}, {"body", "oversized"}});
  ListOptions options;
  options.top = 5;
  const HttpRequest request = list_request(admin_config(), options);
  const HttpResponse response = call(request);
  INFO("status " << response.status << ", " << response.body.size() << " bytes, cap " << request.max_response_bytes);
  CHECK(response.status == 0);
  const ListPageResult page = read_list_page(response);
  CHECK(std::holds_alternative<ApiError>(page));
}
