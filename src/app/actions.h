// Everything that can change the state: user intents, replies from the server and the browser, the passing of time.
#pragma once
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "api/http.h"
#include "app/i18n.h"
#include "app/route.h"
#include "app/state.h"
#include "store/favorites_store.h"
#include "store/list_snapshot_store.h"
#include "store/views_store.h"

namespace leads {

namespace act {
// Start-up and session
// The app is ready: sign in, load favorites, then the list. Opened by URL, the page's query (the provider's answer,
// if any) and the sign-in round trip sessionStorage held come along (read and removed there).
struct Start {
  std::string launch_query = {};
  std::string pending_sign_in = {};
};
struct TokenGiven {
  std::string token;
};                      // a token from the host or configuration
struct SignInAgain {};  // after a 401
struct HostMessageArrived {
  std::string json;
};                        // from the portal's window, origin already checked
struct HostUntrusted {};  // framed by a site that is not in the configuration
struct TokenExpiring {
  std::string token;
};  // a minute before the token's exp
// OpenID Connect (update_sign_in.cpp)
struct SignIn {};            // the sign-in screen's button: to the provider's page
struct SignInOnThisPage {};  // the popup was blocked: the same by a redirect (the open form is lost)
struct SignInPrepared {
  SignInTrip trip;
  PkceMaterial material;
};  // the browser's randomness and digest for one sign-in
struct SignInPopupOpened {
  bool opened;
};  // false: the browser blocked it
struct SignInPopupAnswered {
  std::string query;
};  // the provider's answer, handed over by the page that loaded in the popup
struct SignInPopupClosed {};
struct RenewTokens {
  std::uint64_t renewal;
};  // the renewal timer fired
struct SignOut {};
struct SignInNews {
  std::string json;
};  // another tab's message (BroadcastChannel)
// Server and browser replies
struct HttpDone {
  std::uint64_t request_id;
  HttpResponse response;
};
struct FavoritesArrived {
  FavoritesLoaded loaded;
};
struct FavoriteSaved {
  std::string id;
  bool favorite;
  bool kept;
  std::string problem = {};
};  // problem: i18n key
struct FavoritesNewsArrived {
  FavoritesNews news;
};                             // another tab's change, or the store closed under us
struct RetryFavoriteSaves {};  // the timer to write again what the full storage refused
// The lead list kept between visits (update_snapshot.cpp)
// The owner's record is there, its rows not yet read: it holds changes up to `newest_change` (0: it does not say).
struct ListSnapshotFound {
  std::string owner;
  TimeMs newest_change = 0;
};
struct ListSnapshotRead {
  leads::ListSnapshotRead read;
};
// A deadline of the read numbered `read` (ListSnapshotState::reads) passed: the storage's answer, or once the record
// was found (`rows`), its rows.
struct ListSnapshotOverdue {
  int read = 0;
  bool rows = false;
};
struct ListSnapshotWritten {
  std::string owner;
  bool kept = false;
  std::string problem;
};
struct ListSnapshotsCleared {};
// Signing out waited long enough for the kept list's removal (a storage that hangs): it leaves for the provider.
struct SignOutRemovalOverdue {};
// The planned write of the list (keep_list_snapshot): encoding it holds the main thread for a while, so it waits
// until the list the user just got has been drawn.
struct WriteListSnapshot {};
// Loading and syncing
struct RetryLoad {};  // the user pressed Retry
struct RetryPage {
  std::uint64_t page = 0;
};                  // the backoff timer of an automatic retry of that page fired
struct Refresh {};  // the user pressed Refresh
struct Poll {
  bool from_timer = false;
};  // the poll timer fired, or the page regained focus
// The list
struct SelectTab {
  ListTab tab;
};
struct SetSearch {
  std::string text;
};
struct SetSort {
  SortColumn column;
  bool descending;
};
struct SetFilter {
  LeadFilter filter;
};
enum class MarkMode { Only, Toggle, Range };
struct MarkLead {
  std::string id;
  MarkMode mode;
};
struct ClearMarks {};
struct BulkFavorite {};
struct ExportCsv {};
// Favorites
struct ToggleFavorite {
  std::string id;
};
// The detail panel
struct SelectLead {
  std::string id;
};
struct StepLead {
  int delta;
};  // previous (-1) / next (+1) in the current list
struct CloseDetail {};
struct CopyText {
  std::string text;
};
struct OpenLink {
  std::string url;
};  // mailto: or tel:
// Forms and writes
struct OpenForm {
  Action action;  // the form of this lifecycle action
  std::string lead_id;
};
struct OpenBulkDecline {};
struct EditForm {
  FormValues values;
};
struct SubmitForm {};
struct CloseForm {};
struct RetrySave {};
struct ReloadAndReapply {};
struct RetryRecord {};  // the detail panel's Retry after its full record failed to arrive
// Panels, toasts, language, time
struct Navigate {
  Route route;
};  // a link, reload, back or forward
struct ToggleMetrics {};
struct ToggleFilters {};
struct ToggleShortcuts {};
struct DismissToast {
  std::uint64_t id;
};
struct UndoToast {
  std::uint64_t id;
};
struct SetLanguage {
  Language language;
};
struct Tick {
  TimeMs now;
};
// After a load, each column's sorted order is built in turn while the user reads, so a first click on a header
// does not have to sort 100,000 leads; stops when the leads change in between.
struct PrepareSorts {
  std::uint64_t data_version;
  int column;
};
// Alerts and the settings panel (update_alerts.cpp): one alternative of AppAction holding its own kinds.
namespace alert {
struct ToggleSettings {};  // the header's Settings button
struct TurnOn {};          // from the click: asks the browser's permission (user activation) if not yet given
struct TurnOff {};
struct SetKind {
  bool flame;  // the "new flame lead" switch, else the "new lead" one
  bool on;
};
struct PermissionKnown {
  NotifyPermission permission;
};  // the browser's answer to the request
struct SettingsRead {
  std::string user;
  std::string json;  // as kept for that user ("" when none)
  NotifyPermission permission;
};
struct PageVisibility {
  bool hidden;
};  // document.visibilityState changed
}  // namespace alert
struct Alert {
  std::variant<alert::ToggleSettings, alert::TurnOn, alert::TurnOff, alert::SetKind, alert::PermissionKnown,
               alert::SettingsRead, alert::PageVisibility>
      what;
};
// Remembered layout, saved views and the column chooser (update_views.cpp): one alternative holding its own kinds.
namespace views {
struct TogglePanel {};    // the toolbar's "Saved views"
struct ToggleColumns {};  // the toolbar's "Columns"
struct SaveCurrent {
  std::string name;
};  // the open tab and its query under this name
struct Apply {
  std::size_t index;
};
struct Rename {
  std::size_t index;
  std::string name;
};
struct Delete {
  std::size_t index;
};
struct ShowColumn {
  std::string id;
  bool visible;
};
struct MoveColumn {
  std::string id;
  int delta;  // -1 up, +1 down
};
struct ResetColumns {};
struct SetColumnWidth {
  std::string id;
  float width;  // CSS pixels, as the user dragged the table's header border
};
struct Read {
  ViewsRead read;
};
struct Written {
  std::string owner;
  bool kept = false;
  std::string problem;
};
struct WriteDue {};  // the write timer fired
}  // namespace views
struct Views {
  std::variant<views::TogglePanel, views::ToggleColumns, views::SaveCurrent, views::Apply, views::Rename, views::Delete,
               views::ShowColumn, views::MoveColumn, views::ResetColumns, views::SetColumnWidth, views::Read,
               views::Written, views::WriteDue>
      what;
};
}  // namespace act

using AppAction =
    std::variant<act::Start, act::TokenGiven, act::SignInAgain, act::HostMessageArrived, act::HostUntrusted,
                 act::TokenExpiring, act::SignIn, act::SignInOnThisPage, act::SignInPrepared, act::SignInPopupOpened,
                 act::SignInPopupAnswered, act::SignInPopupClosed, act::RenewTokens, act::SignOut, act::SignInNews,
                 act::HttpDone, act::FavoritesArrived, act::FavoriteSaved, act::FavoritesNewsArrived,
                 act::RetryFavoriteSaves, act::ListSnapshotFound, act::ListSnapshotRead, act::ListSnapshotOverdue,
                 act::ListSnapshotWritten, act::ListSnapshotsCleared, act::SignOutRemovalOverdue,
                 act::WriteListSnapshot, act::RetryLoad, act::RetryPage, act::Refresh, act::Poll, act::SelectTab,
                 act::SetSearch, act::SetSort, act::SetFilter, act::MarkLead, act::ClearMarks, act::BulkFavorite,
                 act::ExportCsv, act::ToggleFavorite, act::SelectLead, act::StepLead, act::CloseDetail, act::CopyText,
                 act::OpenLink, act::OpenForm, act::OpenBulkDecline, act::EditForm, act::SubmitForm, act::CloseForm,
                 act::RetrySave, act::ReloadAndReapply, act::Navigate, act::ToggleMetrics, act::ToggleFilters,
                 act::ToggleShortcuts, act::DismissToast, act::UndoToast, act::SetLanguage, act::Tick,
                 act::PrepareSorts, act::Alert, act::RetryRecord, act::Views>;

}  // namespace leads
