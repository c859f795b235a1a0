// Runs update()'s effects on a transport, a favorites store and the platform's services, and feeds their results
// back as actions.
#pragma once
#include <functional>
#include <string>

#include "api/http.h"
#include "app/actions.h"
#include "app/effects.h"
#include "store/favorites_store.h"
#include "store/list_snapshot_store.h"
#include "store/views_store.h"

namespace leads {

// What only the platform can do: timers, files, the clipboard, links, preferences.
class PlatformServices {
 public:
  virtual ~PlatformServices() = default;
  virtual void after(int delay_ms, std::function<void()> callback) = 0;
  virtual void download(const std::string& filename, const std::string& mime, const std::string& bytes) = 0;
  virtual void copy_text(const std::string& text) = 0;
  virtual void open_url(const std::string& url) = 0;
  virtual void save_language(Language language) = 0;
  virtual void start_host(const std::vector<std::string>& origins) = 0;
  virtual void post_to_host(const std::string& json) = 0;
  // Signing in (web/sign_in_bridge.js): the browser's crypto, sessionStorage, navigation, the popup, other tabs.
  virtual std::string random_bytes(std::size_t count) = 0;  // crypto.getRandomValues; empty if unavailable
  virtual void sha256(const std::string& text, std::function<void(std::string digest)> done) = 0;  // empty: failed
  virtual void keep_pending_sign_in(const std::string& json) = 0;
  virtual void go_to(const std::string& url) = 0;
  virtual void replace_url(const std::string& url) = 0;
  virtual bool open_sign_in_popup() = 0;  // false: blocked
  virtual void navigate_popup(const std::string& url) = 0;
  virtual void tell_other_tabs(const std::string& json) = 0;
  virtual void listen_to_other_tabs() = 0;
  // Alerts (web/notify_bridge.js): the user's settings kept in the browser, Notification.permission and its request
  // ("granted", "denied", "default", "unsupported"), and a notification.
  virtual std::string read_alert_settings(const std::string& user) = 0;
  virtual void save_alert_settings(const std::string& user, const std::string& json) = 0;
  virtual std::string notify_permission() = 0;
  virtual void ask_notify_permission(std::function<void(std::string permission)> done) = 0;
  virtual void show_notification(const Notice& notice) = 0;
};

class EffectsRunner {
 public:
  using Dispatch = std::function<void(AppAction)>;

  // Without a snapshot store, every read finds none and every write is refused (the list loads in full each time).
  // Without a views store, the layout and saved views last for the session only.
  EffectsRunner(Transport& transport, FavoritesStore& favorites, PlatformServices& platform, Dispatch dispatch,
                ListSnapshotStore* snapshots = nullptr, ViewsStore* views = nullptr)
      : transport_(transport),
        favorites_(favorites),
        platform_(platform),
        dispatch_(std::move(dispatch)),
        snapshots_(snapshots),
        views_(views) {}

  void run(const Effect& effect);

 private:
  void run_notify(const fx::Notify& effect);
  void run_views(const fx::Views& effect);
  Transport& transport_;
  FavoritesStore& favorites_;
  PlatformServices& platform_;
  Dispatch dispatch_;
  ListSnapshotStore* snapshots_;
  ViewsStore* views_;
};

}  // namespace leads
