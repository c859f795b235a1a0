// The one state value of the app: changed only by update(), read by the views.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "api/api_error.h"
#include "api/jwt_claims.h"
#include "api/referrals_api.h"
#include "api/retry_policy.h"
#include "app/host_protocol.h"
#include "app/i18n.h"
#include "app/message.h"
#include "domain/form_table.h"
#include "domain/lead_query.h"
#include "domain/lifecycle.h"
#include "domain/metrics.h"
#include "domain/referral.h"
#include "domain/roles.h"

namespace leads {

enum class SignInPhase { Waiting, SignedIn, Unavailable, Expired };

struct Session {
  SignInPhase phase = SignInPhase::Waiting;
  std::string token;
  TokenClaims claims;
  Role role = Role::None;
  std::string problem;  // i18n key: why sign-in is unavailable
};

// Opened by URL, or inside a portal's iframe (trusted when the portal's origin is in the app's configuration).
enum class HostMode { Standalone, Embedded, Untrusted };

struct HostLink {
  HostMode mode = HostMode::Standalone;
  HostMessageReader reader;
  bool token_requested = false;  // one request for a new token, however many calls failed at once
  int refused = 0;               // host messages refused (wrong shape, replay…)
  std::string last_refusal;
};

enum class LoadPhase { Idle, Loading, Loaded, Failed };

// Progress of fetching the whole list, page after page.
// How one list page relates to the load. The first page tells @odata.count and the server's page size; the rest are
// then fetched several at a time by $skip ranges; a continuation follows an @odata.nextLink.
enum class PageRole { First, Range, LastRange, Continuation };

struct PageFetch {
  std::string url;  // retried as is
  PageRole role = PageRole::First;
  std::size_t size = 0;    // items a full page of this range holds
  std::int64_t skip = -1;  // the $skip it asks for, -1 for a next link (opaque): an oversized page can be split
  bool in_flight = false;
  bool awaiting_retry = false;  // its backoff timer is running: held out of the pipeline
  int attempts = 0;             // tries of this page that failed (RetryPolicy::max_attempts bounds them)
};

struct ListLoad {
  LoadPhase phase = LoadPhase::Idle;
  std::optional<std::int64_t> expected;  // @odata.count of the first page
  std::size_t received = 0;              // distinct leads so far
  std::size_t shown = 0;                 // leads the table and counts last included (first load)
  std::size_t skipped = 0;  // leads of the pages that the client could not read (the rest of each page is kept)
  std::string skip_reason;  // the first one's id and why, for the details
  std::vector<std::string> skipped_ids;  // their ids, when they could be read
  std::optional<ApiError> error;
  std::optional<TimeMs> last_refresh;        // server data as of this time (client clock)
  bool progressive = false;                  // first load: rows appear as pages arrive
  std::uint64_t next_page = 1;               // number of the next page planned
  std::map<std::uint64_t, PageFetch> pages;  // planned and not yet received, by number (lowest sent first)
  std::unordered_map<std::string, std::size_t> incoming_rows;  // a refresh's leads by id (pages may overlap)
  bool poll_armed = false;                                     // a poll timer is pending
};

enum class FavoritesPersistence { Unknown, Persistent, SessionOnly };

// One tab's own query (filters, search, sort) and its current rows, so switching tabs keeps each as it was.
struct TabView {
  LeadQuery query;
  std::vector<std::uint32_t> rows;  // indices into AppState::leads, in display order
  bool stale = true;                // rows must be recomputed before the next draw
  // What `rows` were computed from, so a query that only narrows it can filter them instead of starting over.
  LeadQuery rows_query;
  std::uint64_t rows_data_version = 0;
  TimeMs rows_now = 0;
};

// The form a user is filling in for one lead, and the state of saving it.
enum class SavePhase { Editing, Saving, Checking, Failed, Conflict };

struct LeadForm {
  std::optional<Action> action;  // the lifecycle action the form performs (its kind); none when no form is open
  std::string lead_id;
  std::string base_etag;  // the lead's version the user is editing (sent as If-Match)
  FormValues values;
  FormValues initial;        // as prefilled from the lead: what the user has not touched follows the server
  FormErrors errors;         // of the current values, recomputed on every edit
  bool show_errors = false;  // after the first attempt to save, errors show as the user types
  SavePhase phase = SavePhase::Editing;
  std::string request_id;  // MS-RequestId: the same for every retry of one change
  Json patch;              // what was sent, kept to check an unclear failure
  std::optional<ApiError> error;
  std::optional<Referral> theirs;          // on 412: the lead as someone else left it
  std::vector<std::string> their_changes;  // i18n keys of the fields they changed
  int attempts = 0;
  bool bulk = false;  // a bulk decline over `bulk_ids`
  std::vector<std::string> bulk_ids;
  std::vector<std::string> bulk_failed;  // ids whose write failed, sent again by Retry
  int bulk_pending = 0, bulk_done = 0;
};

struct Toast {
  std::uint64_t id = 0;
  Message message;  // translated when drawn, in the language of that moment
  bool error = false;
  std::optional<std::string> undo_favorite;  // the lead whose favorite toggle Undo reverts
};

enum class RequestPurpose { Config, DevToken, ListPage, Poll, Write, WriteCheck, ConflictFetch };

struct PendingRequest {
  RequestPurpose purpose;
  std::string lead_id;     // for writes and their checks
  std::uint64_t page = 0;  // for list pages: which one (ListLoad::pages)
};

struct AppState {
  ApiConfig api;
  std::shared_ptr<const Translations> texts;
  Language language = Language::English;
  Theme theme = Theme::Light;
  Session session;
  HostLink host;
  ListLoad load;
  std::vector<Referral> leads;
  std::vector<Referral> incoming;  // a refresh's pages, swapped in when complete
  std::unordered_map<std::string, std::uint32_t> row_of_id;
  std::uint64_t data_version = 1;  // bumped whenever leads or favorites change: older rows cannot be narrowed
  LeadIndex index;
  TabCounts counts;
  LeadMetrics metrics;
  std::unordered_set<std::string> unseen;  // arrived since the first load, not opened yet
  std::unordered_set<std::string> favorites;
  FavoritesPersistence favorites_persistence = FavoritesPersistence::Unknown;
  std::string favorites_problem;
  // Changes the browser's storage refused for lack of room (by id, as the heart now shows): kept in memory, told to
  // the user, written again by a timer until they fit.
  std::map<std::string, bool> favorites_unsaved;
  bool favorites_retry_armed = false;
  int favorites_retry_attempts = 0;
  int favorites_in_flight = 0;  // writes asked of the store and not yet answered
  ListTab tab = ListTab::Marketplace;
  std::array<TabView, 3> views;
  std::string selected_id;                  // the lead in the detail panel
  std::unordered_set<std::string> marked;   // multi-selection for bulk actions
  std::string mark_anchor;                  // where a shift-click range starts
  std::optional<std::string> pending_lead;  // a link to a lead that has not arrived yet
  bool show_metrics = false;
  bool show_filters = false;
  bool show_shortcuts = false;
  LeadForm form;
  std::vector<Toast> toasts;
  std::uint64_t next_toast_id = 1;
  TimeMs now = 0;
  std::uint64_t next_request_id = 1;
  std::map<std::uint64_t, PendingRequest> pending;  // what each request in flight is for
  // Spreads retries and polls so that clients hit by one outage do not return in lock-step; seeded by
  // initial_state from the platform's entropy, by tests with a fixed seed.
  RetryJitter jitter;
  RetryPolicy retry;

  TabView& view(ListTab which) { return views[static_cast<int>(which)]; }
  const TabView& view(ListTab which) const { return views[static_cast<int>(which)]; }
  const Referral* lead(const std::string& id) const {
    auto it = row_of_id.find(id);
    return it == row_of_id.end() ? nullptr : &leads[it->second];
  }
  const std::string& t(const std::string& key) const { return texts->text(language, key); }
};

AppState initial_state(const ApiConfig& api, std::shared_ptr<const Translations> texts, Language language, TimeMs now);

}  // namespace leads
