// What update() asks the platform to do; the platform feeds the results back as actions.
#pragma once
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "api/http.h"
#include "app/actions.h"
#include "app/i18n.h"
#include "domain/list_store.h"

namespace leads {

namespace fx {
struct SendHttp {
  std::uint64_t request_id;
  HttpRequest request;
};
struct LoadFavorites {};
struct SaveFavorite {
  std::string id;
  bool favorite;
};
struct SaveLanguage {
  Language language;
};
struct After {
  int delay_ms;
  AppAction action;
};  // a timer: dispatch `action` later
struct DownloadFile {
  std::string filename;
  std::string mime;
  std::string bytes;
};
struct CopyText {
  std::string text;
};
struct OpenUrl {
  std::string url;
};  // mailto: and tel: links
struct StartHost {
  std::vector<std::string> origins;
};  // listen to the portal, if its origin is one of these
struct PostToHost {
  std::string json;
};
// OpenID Connect: the browser's part (web/sign_in_bridge.js)
struct PrepareSignIn {
  SignInTrip trip;
};  // random verifier, state and nonce, the verifier's SHA-256: answered by act::SignInPrepared
struct KeepPendingSignIn {
  std::string json;
};  // sessionStorage, for the way back from a redirect
struct GoTo {
  std::string url;
};  // leave for the provider's page (location.assign)
struct ReplaceUrl {
  std::string url;
};                          // the provider's answer out of the address bar (history.replaceState)
struct OpenSignInPopup {};  // window.open, from the click: answered by act::SignInPopupOpened
struct NavigatePopup {
  std::string url;
};
struct TellOtherTabs {
  std::string json;
};
struct ListenToOtherTabs {};
// The lead list kept between visits (store/list_snapshot_store.h)
struct ReadListSnapshot {
  std::string owner;
};  // answered by act::ListSnapshotRead
struct AbandonListSnapshotRead {
  std::string owner;
};  // the app stopped waiting for that read (it loads the list instead): its answer, if it ever comes, is dropped
// `leads` is the app state's list, encoded in chunks when the effect runs: effects run right after the update that
// made them, before the list can change, and a copy of the encoding would double the heap's high-water.
struct WriteListSnapshot {
  std::string owner;
  const ListStore* leads = nullptr;
  const GramIndex* grams = nullptr;  // the search index of exactly `leads`, kept with them; null: folded on reading
  TimeMs synced_at = 0;
  TimeMs newest_change = 0;    // the newest change `leads` holds: the next visit asks for the ones after it at once
};                             // answered by act::ListSnapshotWritten
struct ClearListSnapshots {};  // answered by act::ListSnapshotsCleared
// Alerts (web/notify_bridge.js): the user's settings in the browser, the Notification API.
namespace notify {
struct ReadSettings {
  std::string user;
};  // answered by act::alert::SettingsRead
struct SaveSettings {
  std::string user;
  std::string json;
};
struct AskPermission {};  // answered by act::alert::PermissionKnown
struct Show {
  Notice notice;
};
}  // namespace notify
struct Notify {
  std::variant<notify::ReadSettings, notify::SaveSettings, notify::AskPermission, notify::Show> what;
};
// The user's remembered layout and saved views (store/views_store.h)
namespace views {
struct Read {
  std::string owner;
};  // answered by act::views::Read
struct Write {
  std::string owner;
  std::string text;
  std::string set_aside;  // an unreadable record this one replaces, kept beside it
};                        // answered by act::views::Written
}  // namespace views
struct Views {
  std::variant<views::Read, views::Write> what;
};
}  // namespace fx

using Effect =
    std::variant<fx::SendHttp, fx::LoadFavorites, fx::SaveFavorite, fx::SaveLanguage, fx::After, fx::DownloadFile,
                 fx::CopyText, fx::OpenUrl, fx::StartHost, fx::PostToHost, fx::PrepareSignIn, fx::KeepPendingSignIn,
                 fx::GoTo, fx::ReplaceUrl, fx::OpenSignInPopup, fx::NavigatePopup, fx::TellOtherTabs,
                 fx::ListenToOtherTabs, fx::ReadListSnapshot, fx::AbandonListSnapshotRead, fx::WriteListSnapshot,
                 fx::ClearListSnapshots, fx::Notify, fx::Views>;

}  // namespace leads
