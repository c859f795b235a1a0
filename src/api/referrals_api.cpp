// Building the contract's requests and reading its responses, tolerant of bad rows and strict on bad documents.
#include "api/referrals_api.h"

#include <cctype>

#include "domain/encoding.h"
#include "domain/record_limits.h"
#include "domain/referral_json.h"
#include "domain/referral_page_reader.h"
#include "domain/referral_page_salvage.h"

namespace leads {

namespace {
constexpr const char* kReferralsPath = "/v1.0/engagements/referrals";
// The page limits are the domain's (record_limits.h): the server bounds what it stores by them, so that a page of
// 1,000 of the largest leads still fits (a page of 1,000 typical leads is ~3 MiB).
constexpr std::size_t kMaxListBytes = kListPageMaxBytes;

HeaderList common_headers(const ApiConfig& config) {
  HeaderList headers{{"Authorization", "Bearer " + config.token}, {"Accept", "application/json"}};
  if (!config.correlation_id.empty()) headers.emplace_back("MS-CorrelationId", config.correlation_id);
  return headers;
}

bool is_success(int status) {
  return status >= 200 && status < 300;
}
}  // namespace

std::string url_encode(const std::string& text) {
  return percent_encode(text, "/,");
}

namespace {
// A lead id as one path segment: unlike a query value, '/' must not pass through.
std::string path_segment(const std::string& id) {
  return percent_encode(id, ",");
}
}  // namespace

std::string list_path(const ListOptions& options) {
  std::string path = std::string(kReferralsPath) + "?$top=" + std::to_string(options.top);
  if (options.skip > 0) path += "&$skip=" + std::to_string(options.skip);
  if (options.count) path += "&$count=true";
  if (!options.filter.empty()) path += "&$filter=" + url_encode(options.filter);
  if (!options.orderby.empty()) path += "&$orderby=" + url_encode(options.orderby);
  if (!options.select.empty()) {
    std::string joined;
    for (const auto& field : options.select) joined += (joined.empty() ? "" : ",") + field;
    path += "&$select=" + url_encode(joined);
  }
  return path;
}

HttpRequest list_request(const ApiConfig& config, const ListOptions& options) {
  HttpRequest request;
  request.url = config.base_url + list_path(options);
  request.headers = common_headers(config);
  request.max_response_bytes = kMaxListBytes;
  return request;
}

HttpRequest next_page_request(const ApiConfig& config, const std::string& next_link) {
  HttpRequest request;
  request.url = next_link;
  request.headers = common_headers(config);
  request.max_response_bytes = kMaxListBytes;
  return request;
}

HttpRequest get_request(const ApiConfig& config, const std::string& id) {
  HttpRequest request;
  request.url = config.base_url + kReferralsPath + "/" + path_segment(id);
  request.headers = common_headers(config);
  return request;
}

HttpRequest patch_request(const ApiConfig& config, const std::string& id, const Json& patch, const std::string& etag,
                          const std::string& request_id) {
  HttpRequest request;
  request.method = "PATCH";
  request.url = config.base_url + kReferralsPath + "/" + path_segment(id);
  request.headers = common_headers(config);
  request.headers.emplace_back("Content-Type", "application/json");
  request.headers.emplace_back("Prefer", "return=representation");
  if (!etag.empty()) request.headers.emplace_back("If-Match", etag);
  if (!request_id.empty()) request.headers.emplace_back("MS-RequestId", request_id);
  request.body = dump_json(patch);
  return request;
}

namespace {
// The page's leads handed to `take` one by one, and what the page says besides into `info`. A page the fast reader
// declines after `take` saw some of its leads is read again the careful way: `restart` forgets those first.
std::optional<ApiError> read_page(const HttpResponse& response, ListPageInfo& info, const LeadSink& take,
                                  const std::function<void()>& restart) {
  if (!is_success(response.status)) return error_from_response(response);
  if (std::optional<PageFrame> fast =
          read_referral_page(response.body, JsonLimits{kMaxListBytes, kListPageMaxDepth}, take)) {
    info.count = fast->count;
    info.next_link = std::move(fast->next_link);
    return std::nullopt;
  }
  restart();
  // The careful way: each lead read on its own, so one lead too deep, too large or of the wrong shape is set aside
  // (and named) while every other lead of the page is kept.
  std::variant<SalvagedPage, FieldError> salvaged =
      salvage_referral_page(response.body, PageSalvageLimits{kMaxListBytes, {}});
  if (const FieldError* error = std::get_if<FieldError>(&salvaged))
    return bad_response(response, "list: " + error->message);
  SalvagedPage& read = std::get<SalvagedPage>(salvaged);
  for (const Referral& lead : read.items) take(lead);
  info.count = read.count;
  info.next_link = std::move(read.next_link);
  info.skipped_items = read.unreadable.size();
  for (const UnreadableLead& lead : read.unreadable) {
    if (info.first_skip_reason.empty()) info.first_skip_reason = (lead.id.empty() ? "" : lead.id + ": ") + lead.reason;
    if (!lead.id.empty()) info.skipped_ids.push_back(lead.id);
  }
  return std::nullopt;
}
}  // namespace

ListPageResult read_list_page(const HttpResponse& response) {
  ListPage page;
  const auto take = [&](const Referral& lead) { page.items.push_back(lead); };
  if (std::optional<ApiError> error = read_page(response, page, take, [&] { page.items.clear(); })) return *error;
  return page;
}

ListRowsResult read_list_rows(const HttpResponse& response) {
  ListRows page;
  const auto take = [&](const Referral& lead) {
    page.rows.upsert(lead);
    ++page.leads;
  };
  const auto restart = [&] {
    page.rows.clear();
    page.leads = 0;
  };
  if (std::optional<ApiError> error = read_page(response, page, take, restart)) return *error;
  return page;
}

ReferralResult read_referral(const HttpResponse& response) {
  if (!is_success(response.status)) return error_from_response(response);
  const ParsedJson parsed = parse_json_text(response.body);
  if (parsed.error) return bad_response(response, "referral: " + parsed.error->message);
  Referral referral;
  if (auto error = referral_from_json(parsed.value, referral))
    return bad_response(response, "referral: " + error->field + " " + error->message);
  if (referral.etag.empty())
    if (const std::string* etag = response.header("etag")) referral.etag = *etag;
  return referral;
}

}  // namespace leads
