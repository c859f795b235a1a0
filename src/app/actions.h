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

namespace leads {

namespace act {
// Start-up and session
struct Start {};  // the app is ready: sign in, load favorites, then the list
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
}  // namespace act

using AppAction =
    std::variant<act::Start, act::TokenGiven, act::SignInAgain, act::HostMessageArrived, act::HostUntrusted,
                 act::TokenExpiring, act::HttpDone, act::FavoritesArrived, act::FavoriteSaved,
                 act::FavoritesNewsArrived, act::RetryFavoriteSaves, act::RetryLoad, act::RetryPage, act::Refresh,
                 act::Poll, act::SelectTab, act::SetSearch, act::SetSort, act::SetFilter, act::MarkLead,
                 act::ClearMarks, act::BulkFavorite, act::ExportCsv, act::ToggleFavorite, act::SelectLead,
                 act::StepLead, act::CloseDetail, act::CopyText, act::OpenLink, act::OpenForm, act::OpenBulkDecline,
                 act::EditForm, act::SubmitForm, act::CloseForm, act::RetrySave, act::ReloadAndReapply, act::Navigate,
                 act::ToggleMetrics, act::ToggleFilters, act::ToggleShortcuts, act::DismissToast, act::UndoToast,
                 act::SetLanguage, act::Tick, act::PrepareSorts>;

}  // namespace leads
