// Requests of the referrals API and the reading of their answers (no I/O here: a Transport carries them).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "api/api_error.h"
#include "api/http.h"
#include "domain/list_store.h"
#include "domain/referral.h"

namespace leads {

struct ApiConfig {
  std::string base_url;  // e.g. "http://127.0.0.1:8080" (empty: same origin)
  std::string token;
  std::string correlation_id;
};

struct ListOptions {
  std::string filter;   // OData $filter text, empty for none
  std::string orderby;  // OData $orderby text
  int top = 1000;
  int skip = 0;  // $skip: lets a client fetch pages in parallel once it knows @odata.count
  bool count = true;
  std::vector<std::string> select;  // properties, nested ones as paths ("customerProfile/name"); empty: all
};

// What a list page says besides its leads.
struct ListPageInfo {
  std::optional<std::int64_t> count;  // @odata.count: all matching leads, not this page
  std::string next_link;              // empty on the last page
  std::size_t skipped_items = 0;      // items the client could not read (kept out, never crash)
  std::string first_skip_reason;
  std::vector<std::string> skipped_ids;  // ids of those items, when they could be read
};

struct ListPage : ListPageInfo {
  std::vector<Referral> items;
};

// A page as the workspace keeps it: each lead's list fields in a store of the page's own (no Referral per lead).
struct ListRows : ListPageInfo {
  ListStore rows;
  std::size_t leads = 0;  // the leads read, a repeated id counted each time (rows holds it once, the last one)
};

std::string url_encode(const std::string& text);
std::string list_path(const ListOptions& options);  // "/v1.0/engagements/referrals?…"

HttpRequest list_request(const ApiConfig& config, const ListOptions& options);
HttpRequest next_page_request(const ApiConfig& config, const std::string& next_link);
HttpRequest get_request(const ApiConfig& config, const std::string& id);
// A write: always If-Match when the ETag is known; the same request id for every retry of one logical change.
HttpRequest patch_request(const ApiConfig& config, const std::string& id, const Json& patch, const std::string& etag,
                          const std::string& request_id);

using ListPageResult = std::variant<ListPage, ApiError>;
using ListRowsResult = std::variant<ListRows, ApiError>;
using ReferralResult = std::variant<Referral, ApiError>;

// Most pages are read straight through; one with anything unusual is read lead by lead, which keeps every readable
// lead and names the others (skipped_items), or says what is wrong with the page.
ListPageResult read_list_page(const HttpResponse& response);
ListRowsResult read_list_rows(const HttpResponse& response);
ReferralResult read_referral(const HttpResponse& response);

}  // namespace leads
