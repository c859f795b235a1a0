// Loading the whole list page by page, retrying reads with backoff, and polling for changes.
#include <algorithm>

#include "app/update_parts.h"
#include "domain/odata.h"

namespace leads::detail {

namespace {
constexpr int kMaxAutomaticRetries = 3;
constexpr int kPollIntervalMs = 30000;
constexpr int kPageSize = 1000;

HttpRequest page_request(const AppState& state) {
  return state.load.current_page.empty() ? HttpRequest{} : next_page_request(state.api, state.load.current_page);
}

// The newest change the server has told us about, in the server's own clock: polling asks for anything after it.
std::optional<TimeMs> newest_update(const std::vector<Referral>& leads) {
  std::optional<TimeMs> newest;
  for (const Referral& lead : leads) {
    const auto time = lead.updated_date_time ? lead.updated_date_time : lead.created_date_time;
    if (time && (!newest || *time > *newest)) newest = time;
  }
  return newest;
}

// One poll timer at a time, however many loads and polls asked for one.
void schedule_poll(AppState& state, std::vector<Effect>& effects) {
  if (state.load.poll_armed) return;
  state.load.poll_armed = true;
  effects.push_back(fx::After{kPollIntervalMs, act::Poll{true}});
}
}  // namespace

void start_list_load(AppState& state, std::vector<Effect>& effects) {
  if (state.session.phase != SignInPhase::SignedIn) return;
  state.load.phase = LoadPhase::Loading;
  state.load.error.reset();
  state.load.expected.reset();
  state.load.received = 0;
  state.load.skipped = 0;
  state.load.skip_reason.clear();
  state.load.attempt = 0;
  state.incoming.clear();
  // Until one load has completed, every lead is part of the first load: none is "new", rows show as pages arrive.
  state.load.progressive = !state.load.last_refresh;
  if (state.load.progressive) state.leads.clear();
  ListOptions options;
  options.orderby = "createdDateTime desc";
  options.top = kPageSize;
  HttpRequest request = list_request(state.api, options);
  state.load.current_page = request.url;
  effects.push_back(send(state, RequestPurpose::ListPage, request));
}

void retry_page(AppState& state, std::vector<Effect>& effects) {
  if (state.load.phase != LoadPhase::Loading || state.load.current_page.empty()) return;
  effects.push_back(send(state, RequestPurpose::ListPage, page_request(state)));
}

void on_list_page(AppState& state, const HttpResponse& response, std::vector<Effect>& effects) {
  ListPageResult result = read_list_page(response);
  if (auto* error = std::get_if<ApiError>(&result)) {
    if (is_retryable(*error) && state.load.attempt < kMaxAutomaticRetries) {
      effects.push_back(fx::After{retry_delay_ms(*error, state.load.attempt), act::RetryPage{}});
      ++state.load.attempt;
      return;
    }
    state.load.phase = LoadPhase::Failed;
    state.load.error = *error;
    state.incoming.clear();
    return;
  }
  state.load.attempt = 0;
  ListPage& page = std::get<ListPage>(result);
  if (page.count && !state.load.expected) state.load.expected = page.count;
  state.load.received += page.items.size();
  state.load.skipped += page.skipped_items;
  if (state.load.skip_reason.empty()) state.load.skip_reason = page.first_skip_reason;
  std::vector<Referral>& target = state.load.progressive ? state.leads : state.incoming;
  for (Referral& referral : page.items) target.push_back(std::move(referral));
  if (!page.next_link.empty()) {
    if (state.load.progressive) {
      reindex(state);  // show the first screenful while the rest loads
      open_pending_lead(state);
    }
    state.load.current_page = page.next_link;
    effects.push_back(send(state, RequestPurpose::ListPage, next_page_request(state.api, page.next_link)));
    return;
  }
  if (!state.load.progressive) {
    // Leads that arrived since the last load are new to the user until opened.
    std::unordered_set<std::string> known;
    for (const Referral& lead : state.leads) known.insert(lead.id);
    for (const Referral& lead : state.incoming)
      if (!known.count(lead.id)) state.unseen.insert(lead.id);
    state.leads = std::move(state.incoming);
  }
  state.incoming.clear();
  state.load.current_page.clear();
  state.load.phase = LoadPhase::Loaded;
  state.load.last_refresh = state.now;
  reindex(state);
  open_pending_lead(state);
  schedule_poll(state, effects);
}

void start_poll(AppState& state, bool from_timer, std::vector<Effect>& effects) {
  if (from_timer) state.load.poll_armed = false;
  // Only one load or poll at a time; a poll that finds the app busy simply waits for the next timer.
  if (state.session.phase != SignInPhase::SignedIn || state.load.phase == LoadPhase::Loading) return;
  for (const auto& [id, pending] : state.pending)
    if (pending.purpose == RequestPurpose::Poll) return;
  ListOptions options;
  options.top = kPageSize;
  if (auto newest = newest_update(state.leads))
    options.filter = to_odata(*odata::gt_time("updatedDateTime", *newest));
  effects.push_back(send(state, RequestPurpose::Poll, list_request(state.api, options)));
}

void on_poll(AppState& state, const HttpResponse& response, std::vector<Effect>& effects) {
  ListPageResult result = read_list_page(response);
  if (auto* error = std::get_if<ApiError>(&result)) {
    // A failed background check changes nothing the user relies on; the sync state says so.
    state.load.error = *error;
    state.load.phase = LoadPhase::Failed;
    if (is_retryable(*error)) schedule_poll(state, effects);
    return;
  }
  ListPage& page = std::get<ListPage>(result);
  if (!page.next_link.empty()) {  // more changed than one page: a full refresh is simpler and as cheap
    start_list_load(state, effects);
    return;
  }
  for (Referral& lead : page.items) {
    if (!state.row_of_id.count(lead.id)) state.unseen.insert(lead.id);
    replace_lead(state, std::move(lead));
  }
  state.load.phase = LoadPhase::Loaded;
  state.load.error.reset();
  state.load.last_refresh = state.now;
  schedule_poll(state, effects);
}

}  // namespace leads::detail
