// The domain core's share of the browser figures, natively: reading a list page, folding the search index and the
// table's queries at 100,000 seeded leads. Reports figures (median of several runs); asserts nothing.
// Usage: core_bench [leads] [runs]
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "api/referrals_api.h"
#include "domain/lead_query.h"
#include "domain/referral_json.h"
#include "seed.h"

namespace {

using namespace leads;

// Bytes the allocator has handed out and not taken back: from its heap and, natively, the large blocks it maps
// apart (glibc maps a block of 128 KB or more on its own, and those are not in uordblks).
std::size_t heap_in_use() {
#if defined(__EMSCRIPTEN__)
  const struct mallinfo info = mallinfo();
#else
  const struct mallinfo2 info = mallinfo2();
#endif
  return static_cast<std::size_t>(info.uordblks) + static_cast<std::size_t>(info.hblkhd);
}

double median_ms(int runs, const std::function<void()>& work) {
  std::vector<double> times;
  for (int run = 0; run < runs; ++run) {
    const auto start = std::chrono::steady_clock::now();
    work();
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

std::string page_body(const std::vector<Referral>& leads, std::size_t first, std::size_t count, std::size_t total) {
  Json items = Json::array();
  for (std::size_t i = first; i < std::min(leads.size(), first + count); ++i)
    items.push_back(referral_to_json(leads[i]));
  return dump_json(Json{{"value", items}, {"@odata.count", total}});
}

// The raw size of a lead's list fields, as scripts/bench counts it from the wire (tests/bench/run.mjs,
// listFieldBytes): the UTF-8 bytes of each text field as the lead's JSON spells it, 8 for a value, 1 for the flame.
std::size_t raw_list_field_bytes(const std::vector<Referral>& leads) {
  static const char* const kTextFields[] = {"/id",
                                            "/name",
                                            "/customerProfile/name",
                                            "/customerProfile/address/city",
                                            "/customerProfile/address/country",
                                            "/status",
                                            "/substatus",
                                            "/qualification",
                                            "/type",
                                            "/direction",
                                            "/createdDateTime",
                                            "/expirationDateTime",
                                            "/details/currency",
                                            "/inviteContext/invitedBy/organizationId"};
  std::size_t bytes = 0;
  for (const Referral& lead : leads) {
    const Json json = referral_to_json(lead);
    for (const char* field : kTextFields) {
      const Json::json_pointer pointer(field);
      if (json.contains(pointer) && json.at(pointer).is_string())
        bytes += json.at(pointer).get_ref<const std::string&>().size();
    }
    const Json::json_pointer value("/details/dealValue");
    if (json.contains(value) && json.at(value).is_number()) bytes += 8;
    bytes += 1;
  }
  return bytes;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100000;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  const TimeMs now = 1'790'000'000'000;
  const std::size_t heap_before = heap_in_use();
  std::vector<Referral> leads = seed_referrals(7, n, now);
  leads.shrink_to_fit();
  const std::size_t heap_leads = heap_in_use();
  // In the order the app holds them: the list is fetched newest first.
  std::stable_sort(leads.begin(), leads.end(), [](const Referral& a, const Referral& b) {
    return a.created_date_time.value_or(0) > b.created_date_time.value_or(0);
  });

  HttpResponse response;
  response.status = 200;
  response.body = page_body(leads, 0, 1000, n);
  std::size_t items = 0;
  const double page_ms = median_ms(runs, [&] {
    const ListPageResult page = read_list_page(response);
    items = std::get<ListPage>(page).items.size();
  });
  std::printf("read one list page (%zu leads, %.2f MB): %.2f ms, %.1f MB/s\n", items, response.body.size() / 1e6,
              page_ms, response.body.size() / 1e3 / page_ms);

  // The page the workspace asks for: the list fields only ($select), written as server-mock writes them, read into
  // the page's rows as the workspace reads it.
  WireSelection list_fields = WireSelection::only();
  list_fields.keep({"id"});
  for (const std::string& path : list_wire_paths()) {
    std::vector<std::string> segments;
    for (std::size_t from = 0, slash; from <= path.size(); from = slash + 1) {
      slash = std::min(path.find('/', from), path.size());
      segments.push_back(path.substr(from, slash - from));
    }
    list_fields.keep(segments);
  }
  HttpResponse list_page;
  list_page.status = 200;
  list_page.body = "{\"@odata.count\":" + std::to_string(n) + ",\"value\":[";
  for (std::size_t i = 0; i < std::min<std::size_t>(1000, leads.size()); ++i) {
    if (i > 0) list_page.body += ',';
    append_referral_json(list_page.body, leads[i], list_fields);
  }
  list_page.body += "]}";
  std::size_t rows = 0;
  const double rows_ms = median_ms(runs, [&] {
    const ListRowsResult page = read_list_rows(list_page);
    rows = std::get<ListRows>(page).rows.size();
  });
  std::printf("read one list page as the workspace asks for it (%zu leads, list fields, %.2f MB) into rows: %.2f ms\n",
              rows, list_page.body.size() / 1e6, rows_ms);

  // The same page with one lead of a wrong type: the fast reader declines it and the page is read lead by lead.
  // "before" is the way such a page was read until then (the whole page's DOM, then each item), kept here to compare.
  HttpResponse one_bad = response;
  const std::string bad_from = "\"dealValue\":";
  one_bad.body.replace(one_bad.body.find(bad_from, one_bad.body.size() / 2), bad_from.size(),
                       "\"dealValue\":{},\"x\":");
  std::size_t kept = 0, skipped = 0;
  const double salvage_ms = median_ms(runs, [&] {
    const ListPageResult page = read_list_page(one_bad);
    kept = std::get<ListPage>(page).items.size();
    skipped = std::get<ListPage>(page).skipped_items;
  });
  const double dom_ms = median_ms(runs, [&] {
    const ParsedJson parsed = parse_json_text(one_bad.body, JsonLimits{32u << 20, 32});
    std::size_t read = 0;
    for (const Json& item : parsed.value.at("value")) {
      Referral lead;
      read += !referral_from_json(item, lead);
    }
    kept = read;
  });
  std::printf(
      "read a page with one unreadable lead (%zu kept, %zu set aside): %.2f ms lead by lead, %.2f ms "
      "through the page's DOM (before)\n",
      kept, skipped, salvage_ms, dom_ms);

  // The list store as the app holds it (list fields only), then the full records are dropped.
  const std::size_t raw_bytes = raw_list_field_bytes(leads);
  ListStore store;
  const std::size_t heap_no_store = heap_in_use();  // the pages above still held: counted from here
  const double store_ms = median_ms(runs, [&] { store = ListStore::of(leads); });
  const std::size_t heap_store = heap_in_use();
  std::printf("put %zu leads in the list store: %.1f ms (%.2f us per lead)\n", n, store_ms, store_ms * 1e3 / n);
  const Referral first_lead = leads[0];
  leads.clear();
  leads.shrink_to_fit();
  const std::size_t heap_store_only = heap_in_use();
  LeadIndex index;
  const double fold_ms = median_ms(runs, [&] { index.rebuild(store); });
  std::printf("fold the search index of %zu leads: %.1f ms (%.2f us per lead)\n", n, fold_ms, fold_ms * 1e3 / n);
  const std::size_t heap_index = heap_in_use();
  std::printf(
      "heap held per lead: the full records %.0f B (before), the list store %.0f B (%.0f B by its own count), "
      "the search index %.0f B\n",
      static_cast<double>(heap_leads - heap_before) / n, static_cast<double>(heap_store - heap_no_store) / n,
      static_cast<double>(store.heap_bytes()) / n, static_cast<double>(heap_index - heap_store_only) / n);
  std::printf(
      "the list store alone against the raw list fields: %.0f B per lead = %.2fx the raw list fields (%.0f B)\n",
      static_cast<double>(heap_store - heap_no_store) / n,
      static_cast<double>(heap_store - heap_no_store) / static_cast<double>(raw_bytes),
      static_cast<double>(raw_bytes) / n);

  const std::unordered_set<std::string> favorites;
  const auto query_ms = [&](const char* label, LeadQuery query) {
    std::size_t rows = 0;
    const double ms = median_ms(runs, [&] { rows = run_query(store, index, query, favorites, now).size(); });
    std::printf("%-34s %8.2f ms  (%zu rows)\n", label, ms, rows);
  };
  query_ms("Marketplace, newest first:", LeadQuery{});
  LeadQuery by_value;
  by_value.sort = SortColumn::Value;
  by_value.descending = false;
  query_ms("sort by Est. value, ascending:", by_value);
  by_value.descending = true;
  query_ms("sort by Est. value, descending:", by_value);
  LeadQuery by_customer;
  by_customer.sort = SortColumn::Customer;
  query_ms("sort by Customer:", by_customer);
  // The first sort by a column builds its order (kept until the leads change); later sorts walk it.
  for (SortColumn column : {SortColumn::Value, SortColumn::Customer}) {
    LeadQuery query;
    query.sort = column;
    const double ms = median_ms(runs, [&] {
      index.update(store.upsert(first_lead), store);  // a changed lead: the kept orders are dropped
      run_query(store, index, query, favorites, now);
    });
    std::printf("%-34s %8.2f ms\n",
                column == SortColumn::Value ? "first sort by Est. value:" : "first sort by Customer:", ms);
  }
  // Whole words and the prefixes typed on the way to them (three letters is the costliest: pairs do not decide).
  for (const char* search : {"i", "ist", "İstanbul", "ış", "şahin", "con", "contoso", "azure"}) {
    LeadQuery query;
    query.search = search;
    query_ms((std::string("search \"") + search + "\":").c_str(), query);
  }
  return 0;
}
