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
#include "app/alerts.h"
#include "app/host_protocol.h"
#include "app/i18n.h"
#include "app/message.h"
#include "app/oidc_client.h"
#include "app/saved_views.h"
#include "domain/form_table.h"
#include "domain/lead_query.h"
#include "domain/lifecycle.h"
#include "domain/list_store.h"
#include "domain/metrics.h"
#include "domain/partner_links.h"
#include "domain/record_cache.h"
#include "domain/referral.h"
#include "domain/roles.h"

namespace leads {

// Expired: the session ended with the workspace still on screen (a 401, a renewal refused); SignedOut: the
// standalone app's sign-in screen.
enum class SignInPhase { Waiting, SignedIn, Unavailable, Expired, SignedOut };

enum class PopupPhase { Closed, Open, Blocked };

// The standalone app's OpenID Connect sign-in (app/oidc_client.h; with the dev sign-in or in a portal's frame it is
// not enabled). Every token is held here, in memory only: a reload signs in again, silently while the provider's
// session lasts.
struct OidcSession {
  bool enabled = false;
  SignInConfig config;
  ProviderMetadata provider;                    // from discovery; its authorization_endpoint is empty until then
  std::optional<SignInTrip> after_discovery;    // a sign-in asked for before the provider was known
  std::string launch_query;                     // this page load's "?…": maybe the provider's answer, read once
  std::optional<PendingSignIn> launch_pending;  // the round trip sessionStorage held at start (removed there)
  std::optional<PendingSignIn> exchanging;      // the round trip whose code is being exchanged
  bool exchanging_in_popup = false;
  std::optional<PendingSignIn> popup_pending;  // a popup's round trip: in memory, the popup hands its answer back
  PopupPhase popup = PopupPhase::Closed;
  bool redirecting = false;  // on the way to the provider's page
  bool signing_out = false;  // on the way to the provider's sign-out
  std::string leave_for;     // the provider's sign-out, once the kept list is removed
  IdTokenClaims id_claims;
  std::string refresh_token;  // replaced at every renewal (rotation)
  TimeMs expires_at = 0;      // the access token's, by the client's clock
  std::uint64_t renewal = 0;  // the scheduled renewal's number: a timer of an older one does nothing
  bool renewing = false;      // a refresh request in flight
  int renewals = 0;           // tokens renewed this page load (published for the tests)
};

struct Session {
  SignInPhase phase = SignInPhase::Waiting;
  std::string token;
  TokenClaims claims;      // of the access token: the API's view
  Role role = Role::None;  // from the access token's roles: what the actions allow
  // Who the header names: the ID token's claims with OpenID Connect, else the access token's.
  std::string user_name;
  Role user_role = Role::None;
  std::string problem;         // i18n key: why sign-in is unavailable, or failed
  std::string problem_detail;  // filled into the text's {0}: the provider's error code, the failed check
  OidcSession oidc;
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
  bool poll_armed = false;                   // a poll timer is pending
  std::size_t delta_received = 0;            // changes a poll's earlier pages brought (its next pages follow)
  std::vector<int> retry_waits;  // the jittered waits this load scheduled, first few only (published for tests)
};

enum class FavoritesPersistence { Unknown, Persistent, SessionOnly };

// The lead list kept between visits (update_snapshot.cpp): read once after signing in and shown at once, brought up
// to date by asking only for what changed, written again after a load or a sync. A snapshot that cannot be used is
// never an error the user sees: the list then loads in full, as without one.
enum class SnapshotPhase { Unused, Reading, Shown, Current };
struct ListSnapshotState {
  bool enabled = false;  // the platform keeps snapshots (the browser does; native tests opt in)
  std::string owner;     // "tenant/user" of the session: whose snapshot is read and written
  SnapshotPhase phase = SnapshotPhase::Unused;
  bool tried = false;  // this session read (or could not read) its snapshot: not again
  bool found = false;  // Reading: the storage answered that the record is there (act::ListSnapshotFound)
  TimeMs as_of = 0;    // Shown: the time the shown list was current (client clock when it was written)
  // Reading: the changes since the record's newest were asked for while its rows were read (act::ListSnapshotFound),
  // and their answer, if it came first, waits here for the rows to be shown.
  TimeMs early_since = 0;
  std::optional<HttpResponse> early_changes;
  bool changes_asked_early = false;          // this visit asked for them so (published for tests and support)
  bool delta_done = false;                   // Shown: the changes since were applied…
  std::optional<std::int64_t> server_count;  // …and the service's count of leads arrived
  bool writing = false;
  bool write_planned = false;         // a write waits for its moment (act::WriteListSnapshot)
  std::uint64_t written_version = 0;  // data_version of the last write asked for
  TimeMs written_at = 0;
  std::string problem;           // why the snapshot was not shown ("none", "old_schema"…), published for support
  std::size_t bytes_copied = 0;  // of the last record read chunk by chunk: the bytes copied in before it was shown or
                                 // refused (published: a spoilt record must not be copied in whole)
  std::string write_problem;     // why the last write was not kept ("quota"…)
  int reads = 0, writes = 0, kept = 0;
};

// What the workspace remembers per user (app/saved_views.h, update_views.cpp): read once signed in, written a little
// after it changes (never per keystroke). When the browser cannot keep it, it works in memory for the session.
struct ViewsMemory {
  std::string owner;         // "tenant/user" whose record this is ("" before signing in)
  bool loaded = false;       // the owner's record was read, or could not be
  bool route_given = false;  // a link named a place before the record arrived: its tab and query win
  std::vector<SavedView> saved;
  std::string problem;        // why the kept record was not used: "none", "corrupt", "old_schema", "unavailable"…
  std::string set_aside;      // an unreadable record, kept aside by the next write rather than written over
  std::string message;        // i18n key: the panel's last refusal ("views.name_taken"…), "" when none
  std::string write_problem;  // why the last write was not kept (i18n key), "" when kept
  RememberedLayout written;   // what the last write held (or what was read)
  bool dirty = false;         // saved views changed since the last write
  bool write_armed = false;   // the write timer runs
  int writes = 0, kept = 0;
  bool show_panel = false;    // the saved views panel
  bool show_columns = false;  // the column chooser
};

// One tab's own query (filters, search, sort) and its current rows, so switching tabs keeps each as it was.
struct TabView {
  LeadQuery query;
  std::vector<std::uint32_t> rows;  // rows of AppState::leads, in display order
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

enum class RequestPurpose {
  Config,
  DevToken,
  Discovery,
  TokenExchange,
  TokenRefresh,
  ListPage,
  Poll,
  ListCount,
  Write,
  WriteCheck,
  ConflictFetch,
  RecordFetch
};

// The selected lead's full record: the list holds only list fields, the rest is fetched when the lead is opened.
enum class RecordPhase { Idle, Loading, Ready, Missing, Failed };
struct RecordFetch {
  std::string lead_id;  // the lead fetched (or to fetch): the selected one
  RecordPhase phase = RecordPhase::Idle;
  std::optional<ApiError> error;  // Failed: why (Retry fetches again)
};

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
  ListSnapshotState snapshot;
  ListStore leads;      // the list fields of every lead (domain/list_store.h)
  ListStore incoming;   // a refresh's pages, swapped in when complete
  RecordCache records;  // full records of the leads opened last
  RecordFetch record_fetch;
  std::uint64_t data_version = 1;  // bumped whenever leads or favorites change: older rows cannot be narrowed
  LeadIndex index;
  TabCounts counts;
  LeadMetrics metrics;                     // computed while the figures panel is shown (refresh_counts in update.cpp)
  bool metrics_stale = true;               // the leads changed while the panel was hidden: computed again when it opens
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
  ColumnLayout columns = default_column_layout();  // the lead list's columns (app/column_layout.h)
  ViewsMemory remembered;
  std::string selected_id;                  // the lead in the detail panel
  std::unordered_set<std::string> marked;   // multi-selection for bulk actions
  std::string mark_anchor;                  // where a shift-click range starts
  std::optional<std::string> pending_lead;  // a link to a lead that has not arrived yet
  bool show_metrics = false;
  std::string business_profile_url{kDefaultBusinessProfileUrl};  // from /app-config.json: a "Getting more leads" link
  bool show_filters = false;
  bool show_shortcuts = false;
  bool show_settings = false;  // the settings panel (alerts)
  Alerts alerts;               // background alerts: settings, permission, visibility (app/alerts.h)
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
  std::optional<LeadRow> lead(const std::string& id) const {
    const std::optional<std::uint32_t> row = leads.find(id);
    return row ? std::optional<LeadRow>(leads.row(*row)) : std::nullopt;
  }
  const Referral* record(const std::string& id) const { return records.find(id); }
  const std::string& t(const std::string& key) const { return texts->text(language, key); }
};

AppState initial_state(const ApiConfig& api, std::shared_ptr<const Translations> texts, Language language, TimeMs now);

}  // namespace leads
