// The list endpoint. Filtering and ordering are the domain's OData rules (domain/odata.h), never re-implemented here.
//
// The $skiptoken is base64url JSON holding the whole query, the offset and the id of the page's last lead: if the
// list shifted between pages (a lead inserted before the offset), paging resumes right after that lead instead.
#include "listing.h"

#include <algorithm>
#include <optional>
#include <set>

#include "domain/odata.h"
#include "domain/referral_fields.h"
#include "domain/referral_json.h"
#include "http_util.h"
#include "token.h"

namespace leads {

namespace {

constexpr const char* kDefaultOrder = "createdDateTime desc";

struct ListQuery {
  std::string filter;
  std::string orderby;
  std::string select;
  std::size_t top = 100;
  std::size_t skip = 0;
  bool count = false;
  std::string last_id;  // from a skiptoken only
};

struct QueryError {
  std::string target;
  std::string message;
};

std::optional<std::size_t> parse_count(const std::string& text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  std::size_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  return value;
}

std::string encode_skiptoken(const ListQuery& query, std::size_t offset, const std::string& last_id) {
  Json token = {{"f", query.filter}, {"o", query.orderby}, {"s", query.select}, {"t", query.top},
                {"k", offset},       {"c", query.count},   {"l", last_id}};
  return base64url_encode(dump_json(token));
}

std::optional<QueryError> decode_skiptoken(const std::string& text, ListQuery& query) {
  const QueryError bad{"$skiptoken", "the $skiptoken is not one this server issued"};
  const auto bytes = base64url_decode(text);
  if (!bytes) return bad;
  const ParsedJson parsed = parse_json_text(*bytes, JsonLimits{16384, 4});
  const Json& t = parsed.value;
  if (parsed.error || !t.is_object()) return bad;
  for (const char* key : {"f", "o", "s", "l"})
    if (!t.contains(key) || !t[key].is_string()) return bad;
  for (const char* key : {"t", "k"})
    if (!t.contains(key) || !t[key].is_number_unsigned()) return bad;
  if (!t.contains("c") || !t["c"].is_boolean()) return bad;
  query.filter = t["f"].get<std::string>();
  query.orderby = t["o"].get<std::string>();
  query.select = t["s"].get<std::string>();
  query.last_id = t["l"].get<std::string>();
  query.top = t["t"].get<std::size_t>();
  query.skip = t["k"].get<std::size_t>();
  query.count = t["c"].get<bool>();
  return std::nullopt;
}

std::optional<QueryError> read_query(const httplib::Request& req, std::size_t page_cap, ListQuery& query) {
  for (const auto& param : req.params) {
    static const std::set<std::string> kKnown = {"$filter", "$orderby", "$top",      "$skip",
                                                 "$count",  "$select",  "$skiptoken"};
    if (!param.first.empty() && param.first[0] == '$' && !kKnown.count(param.first))
      return QueryError{param.first, "the query option " + param.first + " is not supported"};
  }
  if (req.has_param("$skiptoken")) {
    if (auto error = decode_skiptoken(req.get_param_value("$skiptoken"), query)) return error;
  } else {
    query.filter = req.get_param_value("$filter");
    query.orderby = req.get_param_value("$orderby");
    query.select = req.get_param_value("$select");
    if (req.has_param("$top")) {
      auto top = parse_count(req.get_param_value("$top"));
      if (!top) return QueryError{"$top", "$top must be a non-negative integer"};
      query.top = *top;
    }
    if (req.has_param("$skip")) {
      auto skip = parse_count(req.get_param_value("$skip"));
      if (!skip) return QueryError{"$skip", "$skip must be a non-negative integer"};
      query.skip = *skip;
    }
    if (req.has_param("$count")) {
      const std::string count = req.get_param_value("$count");
      if (count != "true" && count != "false") return QueryError{"$count", "$count must be true or false"};
      query.count = count == "true";
    }
  }
  query.top = std::min(query.top, page_cap);
  return std::nullopt;
}

// $select names the Referral's properties by OData-style paths: "status", or "customerProfile/address/city" and
// "customerProfile/team/email" (a team's members each keep that field). Each segment must be a field of the wire
// table (domain/referral_fields.h) of the object the segment before it names.
std::vector<std::string> path_segments(const std::string& path) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  for (std::size_t end; (end = path.find('/', start)) != std::string::npos; start = end + 1)
    segments.push_back(path.substr(start, end - start));
  segments.push_back(path.substr(start));
  return segments;
}

bool is_wire_path(const std::string& path) {
  const WireObject* object = &referral_wire();
  const std::vector<std::string> segments = path_segments(path);
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (!object) return false;  // a segment below a field that holds no object
    const WireField* found =
        std::find_if(object->begin(), object->end(), [&](const WireField& field) { return field.name == segments[i]; });
    if (found == object->end()) return false;
    object = found->nested;
  }
  return true;
}

// "status,name" -> the names, each checked against the top-level properties.
std::optional<QueryError> read_select(const std::string& text, std::vector<std::string>& out) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    const std::string name = trim(text.substr(start, end - start));
    if (name == "*") {
      out.clear();
      return std::nullopt;
    }
    if (!is_wire_path(name))
      return QueryError{"$select",
                        "$select names an unknown property \"" + name + "\" at position " + std::to_string(start)};
    out.push_back(name);
    start = end + 1;
  }
  return std::nullopt;
}

std::string position_message(const char* option, const ODataError& error) {
  return std::string(option) + " is invalid at position " + std::to_string(error.position) + ": " + error.message;
}

}  // namespace

std::string absolute_base(const httplib::Request&, const ServerContext& context) {
  return context.origin;  // configured, never the request's Host
}

void list_referrals(const httplib::Request& req, httplib::Response& res, ServerContext& context) {
  ListQuery query;
  if (auto error = read_query(req, context.options.page_cap, query)) {
    send_error(res, 400, "invalidRequest", error->message, error->target);
    return;
  }
  FilterPtr filter;
  if (!trim(query.filter).empty()) {
    FilterParse parsed = parse_filter(query.filter);
    if (parsed.error || !parsed.tree) {
      send_error(res, 400, "invalidRequest", position_message("$filter", parsed.error.value_or(ODataError{})),
                 "$filter");
      return;
    }
    filter = parsed.tree;
  }
  const std::string orderby = trim(query.orderby).empty() ? kDefaultOrder : query.orderby;
  OrderByParse order = parse_orderby(orderby);
  if (order.error) {
    send_error(res, 400, "invalidRequest", position_message("$orderby", *order.error), "$orderby");
    return;
  }
  std::vector<std::string> select;
  if (!trim(query.select).empty())
    if (auto error = read_select(query.select, select)) {
      send_error(res, 400, "invalidRequest", error->message, error->target);
      return;
    }

  context.store.expire_due(context.clock.now());
  auto before = [&](const ReferralPtr& a, const ReferralPtr& b) { return order_before(order.order, *a, *b); };
  // The leads the filter selects, in the store's order, and the version they are of.
  auto select_leads = [&](std::uint64_t& version) {
    std::vector<ReferralPtr> items = context.store.snapshot(&version);
    if (filter)
      items.erase(std::remove_if(items.begin(), items.end(),
                                 [&](const ReferralPtr& item) { return !evaluate_filter(*filter, *item); }),
                  items.end());
    return items;
  };
  std::uint64_t version = context.store.version();
  ListingCache::Items listed = context.listings.find(version, query.filter, orderby);
  std::optional<std::vector<ReferralPtr>> selected;
  if (!listed && query.skip == 0 && query.last_id.empty()) {
    // A first page of a long list (a count, the newest few) orders only what it sends, and the lead after it for the
    // nextLink: a full sort of 100,000 leads is most of such a request's time. Later pages order everything, once.
    selected = select_leads(version);
    const std::size_t first_page = query.top + 1;
    if (first_page * 8 < selected->size()) {
      std::partial_sort(selected->begin(), selected->begin() + static_cast<std::ptrdiff_t>(first_page), selected->end(),
                        before);
      listed = std::make_shared<const std::vector<ReferralPtr>>(std::move(*selected));
    }
  }
  if (!listed)  // a listing several requests ask for at once (a client's parallel pages) is built by one of them
    listed = context.listings.find_or_build(version, query.filter, orderby, [&] {
      std::uint64_t built_version = version;  // newer if the store changed since: still what the asker may see
      std::vector<ReferralPtr> items = selected ? std::move(*selected) : select_leads(built_version);
      std::sort(items.begin(), items.end(), before);
      return std::make_shared<const std::vector<ReferralPtr>>(std::move(items));
    });
  const std::vector<ReferralPtr>& items = *listed;
  std::size_t offset = std::min(query.skip, items.size());
  std::size_t end = std::min(items.size(), offset + query.top);
  if (!query.last_id.empty() && offset > 0 && items[offset - 1]->id != query.last_id) {
    // The list moved since the previous page: continue after the lead that page ended with.
    auto it = std::find_if(items.begin(), items.end(), [&](const ReferralPtr& r) { return r->id == query.last_id; });
    if (it != items.end()) offset = static_cast<std::size_t>(it - items.begin()) + 1;
    end = std::min(items.size(), offset + query.top);
  }

  WireSelection kept;  // everything, unless $select names fields
  if (!select.empty()) {
    kept = WireSelection::only();
    kept.keep({"id"});
    for (const std::string& path : select) kept.keep(path_segments(path));
  }
  // The page's JSON is written as text, lead by lead (a JSON value per property was most of a page's time).
  const std::string base = absolute_base(req, context);
  std::string body;
  body.reserve((end - offset) * (select.empty() ? 2048 : 1024) + 1024);
  body += "{\"@odata.context\":";
  append_json_string(body, base + "/v1.0/$metadata#engagements/referrals");
  if (query.count) body += ",\"@odata.count\":" + std::to_string(items.size());
  if (end < items.size() && end > offset) {
    body += ",\"@odata.nextLink\":";
    append_json_string(body, base + kReferralsBase + "?$skiptoken=" + encode_skiptoken(query, end, items[end - 1]->id));
  }
  body += ",\"value\":[";
  for (std::size_t i = offset; i < end; ++i) {
    if (i > offset) body += ',';
    append_referral_json(body, *items[i], kept);
  }
  body += "]}";
  send_json_text(res, 200, body);
}

}  // namespace leads
