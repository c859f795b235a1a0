// Loading the whole list page by page, retrying reads with backoff, and polling for changes.
#include <algorithm>

#include "app/update_parts.h"
#include "domain/odata.h"
#include "domain/record_limits.h"

namespace leads::detail {

namespace {
constexpr int kPollIntervalMs = 30000;                          // give or take a tenth, drawn from the jitter
constexpr int kPageSize = static_cast<int>(kListPageMaxItems);  // the page the server keeps readable
// After a load: wait this long, then build one column's sorted order every step (one at a time, so input between
// them is answered).
constexpr int kPrepareSortsAfterMs = 300, kPrepareSortsStepMs = 20;
// Ranges planned at most from one count (2,000,000 leads in pages of 1,000): past that, a count is not believed
// and the next links are followed page by page (a bogus count must not plan billions of requests).
constexpr std::int64_t kMaxPlannedRanges = 2000;
// A count above this (a bogus one, or a partner far beyond the expected size) is not trusted with one allocation.
constexpr std::int64_t kMaxReservedLeads = 200000;
// Pages in flight at once once the count is known: enough to overlap the server's work with parsing, few enough
// not to look like a burst to a throttling server.
constexpr std::size_t kParallelPages = 4;

// One poll timer at a time, however many loads and polls asked for one.
void schedule_poll(AppState& state, std::vector<Effect>& effects) {
  if (state.load.poll_armed) return;
  state.load.poll_armed = true;
  const int spread = static_cast<int>(state.jitter.next_unit() * (kPollIntervalMs / 5));
  effects.push_back(fx::After{kPollIntervalMs - kPollIntervalMs / 10 + spread, act::Poll{true}});
}

// A page that comes back larger than the client reads (one lead of tens of MB) is asked for again in halves, down
// to single leads: only the lead that is too large is lost (and counted), never the page around it.
bool split_oversized_page(AppState& state, std::uint64_t number, const HttpResponse& response);

ListOptions list_order() {
  ListOptions options;
  options.select = list_wire_paths();  // the list fields only: a lead's full record is fetched when opened
  options.orderby = "createdDateTime desc";
  options.top = kPageSize;
  return options;
}

void plan_page(AppState& state, PageFetch fetch) {
  state.load.pages[state.load.next_page++] = std::move(fetch);
}

void send_page(AppState& state, std::uint64_t number, std::vector<Effect>& effects) {
  PageFetch& fetch = state.load.pages.at(number);
  fetch.in_flight = true;
  fx::SendHttp request = send(state, RequestPurpose::ListPage, next_page_request(state.api, fetch.url));
  state.pending[request.request_id].page = number;
  effects.push_back(std::move(request));
}

// Keeps up to kParallelPages in flight, lowest page first (a retry waiting on its timer holds its place).
void fill_pipeline(AppState& state, std::vector<Effect>& effects) {
  std::size_t busy = 0;
  for (const auto& [number, fetch] : state.load.pages) busy += fetch.in_flight;
  for (auto& [number, fetch] : state.load.pages) {
    if (busy >= kParallelPages) break;
    if (fetch.in_flight || fetch.awaiting_retry) continue;
    send_page(state, number, effects);
    ++busy;
  }
}

// After the first page: the rest as $skip ranges of the server's own page size, fetched in parallel. Leads only
// arrive at the top of this order (newest first), so a range can only repeat a lead, never miss one, except past
// the last range: that one follows its nextLink.
void plan_ranges(AppState& state, std::size_t page_size, std::int64_t count) {
  ListOptions options = list_order();
  options.top = static_cast<int>(page_size);
  options.count = false;
  for (std::int64_t skip = static_cast<std::int64_t>(page_size); skip < count;
       skip += static_cast<std::int64_t>(page_size)) {
    options.skip = static_cast<int>(skip);
    const bool last = skip + static_cast<std::int64_t>(page_size) >= count;
    PageFetch range{list_request(state.api, options).url, last ? PageRole::LastRange : PageRole::Range, page_size};
    range.skip = skip;
    plan_page(state, std::move(range));
  }
}

void refresh_shown(AppState& state);

bool split_oversized_page(AppState& state, std::uint64_t number, const HttpResponse& response) {
  auto it = state.load.pages.find(number);
  if (!response.oversized || it == state.load.pages.end() || it->second.skip < 0) return false;
  const PageFetch fetch = it->second;
  state.load.pages.erase(it);
  if (fetch.size <= 1) {  // one lead alone is too large: set aside, as an unreadable lead on a page is
    ++state.load.skipped;
    if (state.load.skip_reason.empty())
      state.load.skip_reason =
          "a lead larger than " + std::to_string(next_page_request(state.api, "").max_response_bytes) + " bytes";
    return true;
  }
  ListOptions options = list_order();
  const std::size_t first_half = fetch.size / 2;
  auto plan_part = [&](std::int64_t skip, std::size_t size, PageRole role) {
    options.skip = static_cast<int>(skip);
    options.top = static_cast<int>(size);
    options.count = role == PageRole::First;
    PageFetch part{list_request(state.api, options).url, role, size};
    part.skip = skip;
    plan_page(state, std::move(part));
  };
  if (fetch.role == PageRole::First) {
    plan_part(0, first_half, PageRole::First);  // its count then plans ranges of that size for the rest
    return true;
  }
  plan_part(fetch.skip, first_half, PageRole::Range);
  plan_part(fetch.skip + static_cast<std::int64_t>(first_half), fetch.size - first_half, fetch.role);
  return true;
}

// A page's leads join the list; a lead seen on an earlier page (ranges may overlap) replaces its row.
void take_leads(AppState& state, const ListStore& page) {
  if (!state.load.progressive) {
    for (std::uint32_t row = 0; row < page.size(); ++row) state.incoming.upsert(page.row(row));
    state.load.received = state.incoming.size();
    return;
  }
  for (std::uint32_t row = 0; row < page.size(); ++row)
    state.index.update(state.leads.upsert(page.row(row)), state.leads);  // only this lead is indexed, not the list
  state.load.received = state.leads.size();
  ++state.data_version;  // a search must not narrow rows computed before these leads arrived
  // The table, counts and figures follow at 1x, 2x, 4x… the leads they last showed, not on every page: each
  // refresh scans every lead so far, and once per page would make a 100-page load quadratic.
  if (state.leads.size() >= 2 * state.load.shown) refresh_shown(state);
}

void refresh_shown(AppState& state) {
  state.load.shown = state.leads.size();
  refresh_counts(state);
}

void finish_load(AppState& state, std::vector<Effect>& effects) {
  if (!state.load.progressive) {
    // Leads that arrived since the last load are new to the user until opened.
    for (std::uint32_t row = 0; row < state.incoming.size(); ++row) {
      std::string id = state.incoming.row(row).id();
      if (!state.leads.find(id)) state.unseen.insert(std::move(id));
    }
    state.leads = std::move(state.incoming);
    reindex(state);
  } else {
    refresh_shown(state);
  }
  state.incoming.clear();
  state.load.phase = LoadPhase::Loaded;
  state.load.last_refresh = state.now;
  open_pending_lead(state);
  schedule_poll(state, effects);
  effects.push_back(fx::After{kPrepareSortsAfterMs, act::PrepareSorts{state.data_version, 0}});
  list_loaded_in_full(state, effects);
}

void fail_load(AppState& state, const ApiError& error) {
  state.load.phase = LoadPhase::Failed;
  state.load.error = error;
  state.load.pages.clear();
  state.incoming.clear();
  if (state.load.progressive) refresh_shown(state);  // what did arrive stays visible
  // The other pages' replies are no longer awaited.
  for (auto it = state.pending.begin(); it != state.pending.end();)
    it = it->second.purpose == RequestPurpose::ListPage ? state.pending.erase(it) : std::next(it);
}
}  // namespace

// The newest change the server has told us about, in the server's own clock: polling asks for anything after it.
std::optional<TimeMs> newest_update(const ListStore& leads) {
  std::optional<TimeMs> newest;
  for (std::uint32_t row = 0; row < leads.size(); ++row) {
    const LeadFacts& lead = leads.row(row).facts();
    const auto time = time_of(lead.updated != kNoTime ? lead.updated : lead.created);
    if (time && (!newest || *time > *newest)) newest = time;
  }
  return newest;
}

void start_list_load(AppState& state, std::vector<Effect>& effects) {
  if (state.session.phase != SignInPhase::SignedIn) return;
  if (read_list_snapshot(state, effects)) return;  // shown at once if there is one, then brought up to date
  state.load.phase = LoadPhase::Loading;
  state.load.error.reset();
  state.load.expected.reset();
  state.load.received = 0;
  state.load.skipped = 0;
  state.load.skip_reason.clear();
  state.load.skipped_ids.clear();
  state.load.pages.clear();
  state.load.shown = 0;
  state.load.retry_waits.clear();
  state.incoming.clear();
  // Until one load has completed, every lead is part of the first load: none is "new", rows show as pages arrive.
  state.load.progressive = !state.load.last_refresh;
  if (state.load.progressive) {
    state.leads.clear();
    reindex(state);
  }
  PageFetch first{list_request(state.api, list_order()).url, PageRole::First, kPageSize};
  first.skip = 0;
  plan_page(state, std::move(first));
  fill_pipeline(state, effects);
}

void retry_page(AppState& state, std::uint64_t page, std::vector<Effect>& effects) {
  if (state.load.phase != LoadPhase::Loading) return;
  auto it = state.load.pages.find(page);
  if (it == state.load.pages.end() || !it->second.awaiting_retry) return;
  it->second.awaiting_retry = false;
  send_page(state, page, effects);
}

void on_list_page(AppState& state, const PendingRequest& request, const HttpResponse& response,
                  std::vector<Effect>& effects) {
  auto planned = state.load.pages.find(request.page);
  if (state.load.phase != LoadPhase::Loading || planned == state.load.pages.end()) return;
  if (split_oversized_page(state, request.page, response)) {
    if (state.load.pages.empty())
      finish_load(state, effects);
    else
      fill_pipeline(state, effects);
    return;
  }
  ListRowsResult result = read_list_rows(response);
  if (auto* error = std::get_if<ApiError>(&result)) {
    // Each page has its own bounded tries, with a jittered wait: one page's success does not give another page
    // that keeps failing more tries, and two clients in the same outage do not retry in step.
    PageFetch& fetch = planned->second;
    if (may_retry(*error, ++fetch.attempts, state.retry)) {
      fetch.in_flight = false;
      fetch.awaiting_retry = true;
      const int wait = retry_delay_ms(*error, fetch.attempts - 1, state.jitter, state.retry);
      if (state.load.retry_waits.size() < 8) state.load.retry_waits.push_back(wait);
      effects.push_back(fx::After{wait, act::RetryPage{request.page}});
      return;
    }
    fail_load(state, *error);
    return;
  }
  const PageFetch fetch = planned->second;
  state.load.pages.erase(planned);
  ListRows& page = std::get<ListRows>(result);
  const std::size_t arrived = page.leads + page.skipped_items;
  state.load.skipped += page.skipped_items;
  if (state.load.skip_reason.empty()) state.load.skip_reason = page.first_skip_reason;
  state.load.skipped_ids.insert(state.load.skipped_ids.end(), page.skipped_ids.begin(), page.skipped_ids.end());
  if (fetch.role == PageRole::First && page.count && *page.count > 0 && *page.count <= kMaxReservedLeads) {
    // Room for every lead at once: growing by doubling would move all the leads so far, again and again.
    const auto count = static_cast<std::size_t>(*page.count);
    (state.load.progressive ? state.leads : state.incoming).reserve(count);
  }
  take_leads(state, page.rows);
  if (fetch.role == PageRole::First) {
    if (page.count) state.load.expected = page.count;
    if (!page.next_link.empty()) {
      const bool ranges_plausible =
          page.count && arrived > 0 && *page.count / static_cast<std::int64_t>(arrived) <= kMaxPlannedRanges;
      if (ranges_plausible)
        plan_ranges(state, arrived, *page.count);
      else
        plan_page(state, PageFetch{page.next_link, PageRole::Continuation, arrived});
    }
  } else if (!page.next_link.empty() && (fetch.role != PageRole::Range || arrived < fetch.size)) {
    // Past the last range, after a short page, or along a chain of next links: follow the server's link.
    plan_page(state, PageFetch{page.next_link, PageRole::Continuation, arrived});
  }
  if (state.load.pages.empty()) {
    finish_load(state, effects);
    return;
  }
  if (state.load.progressive) open_pending_lead(state);  // the first screenful shows while the rest loads
  fill_pipeline(state, effects);
}

void prepare_sorts(AppState& state, const act::PrepareSorts& step, std::vector<Effect>& effects) {
  const int sort_columns = static_cast<int>(sort_column_count());
  if (step.data_version != state.data_version || step.column < 0 || step.column >= sort_columns) return;
  state.index.order_by(static_cast<SortColumn>(step.column), state.leads);
  if (step.column + 1 < sort_columns)
    effects.push_back(fx::After{kPrepareSortsStepMs, act::PrepareSorts{step.data_version, step.column + 1}});
}

void start_poll(AppState& state, bool from_timer, std::vector<Effect>& effects) {
  if (from_timer) state.load.poll_armed = false;
  // Only one load or poll at a time; a poll that finds the app busy simply waits for the next timer.
  if (state.session.phase != SignInPhase::SignedIn || state.load.phase == LoadPhase::Loading) return;
  for (const auto& [id, pending] : state.pending)
    if (pending.purpose == RequestPurpose::Poll) return;
  ask_changes_since(state, newest_update(state.leads), effects);
}

void ask_changes_since(AppState& state, std::optional<TimeMs> newest, std::vector<Effect>& effects) {
  ListOptions options;
  options.top = kPageSize;
  options.select = list_wire_paths();
  // After the newest change held: `ge` would not miss another lead changed in that same millisecond, but every
  // poll would bring back the whole batch stamped then (the service expires leads in batches, one stamp each).
  if (newest) options.filter = to_odata(*odata::gt_time("updatedDateTime", *newest));
  effects.push_back(send(state, RequestPurpose::Poll, list_request(state.api, options)));
}

void on_poll(AppState& state, const HttpResponse& response, std::vector<Effect>& effects) {
  if (state.snapshot.phase == SnapshotPhase::Reading) {  // asked before the kept rows came: applied once they are shown
    state.snapshot.early_changes = response;
    return;
  }
  ListRowsResult result = read_list_rows(response);
  if (auto* error = std::get_if<ApiError>(&result)) {
    // A failed background check changes nothing the user relies on; the sync state says so.
    state.load.error = *error;
    state.load.phase = LoadPhase::Failed;
    if (is_retryable(*error)) schedule_poll(state, effects);
    return;
  }
  ListRows& page = std::get<ListRows>(result);
  // More changed than one page: the next pages follow, unless so much changed that reloading is as cheap.
  const bool more = !page.next_link.empty();
  if (more && state.load.delta_received + page.leads > state.leads.size() / 10) {
    state.load.delta_received = 0;
    start_list_load(state, effects);
    return;
  }
  // A changed lead that cannot be read is said once, however many polls bring it back.
  for (const std::string& id : page.skipped_ids)
    if (std::find(state.load.skipped_ids.begin(), state.load.skipped_ids.end(), id) == state.load.skipped_ids.end()) {
      state.load.skipped_ids.push_back(id);
      ++state.load.skipped;
      if (state.load.skip_reason.empty()) state.load.skip_reason = page.first_skip_reason;
    }
  for (std::uint32_t row = 0; row < page.rows.size(); ++row) {
    std::array<char, 36> buffer;
    const std::string_view id = page.rows.row(row).id_text(buffer);
    if (!state.leads.find(id)) state.unseen.emplace(id);
  }
  replace_rows(state, page.rows);  // list fields only ($select)
  if (more) {
    state.load.delta_received += page.leads;
    effects.push_back(send(state, RequestPurpose::Poll, next_page_request(state.api, page.next_link)));
    return;
  }
  state.load.delta_received = 0;
  state.load.phase = LoadPhase::Loaded;
  state.load.error.reset();
  state.load.last_refresh = state.now;
  schedule_poll(state, effects);
  after_list_delta(state, effects);
}

}  // namespace leads::detail
