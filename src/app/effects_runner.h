// Runs update()'s effects on a transport, a favorites store and the platform's services, and feeds their results
// back as actions.
#pragma once
#include <functional>
#include <string>

#include "api/http.h"
#include "app/actions.h"
#include "app/effects.h"
#include "store/favorites_store.h"

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
};

class EffectsRunner {
 public:
  using Dispatch = std::function<void(AppAction)>;

  EffectsRunner(Transport& transport, FavoritesStore& favorites, PlatformServices& platform, Dispatch dispatch)
      : transport_(transport), favorites_(favorites), platform_(platform), dispatch_(std::move(dispatch)) {}

  void run(const Effect& effect);

 private:
  Transport& transport_;
  FavoritesStore& favorites_;
  PlatformServices& platform_;
  Dispatch dispatch_;
};

}  // namespace leads
