// Bridging the views store to web/views_idb.js.
#include "platform/indexeddb_views.h"

#include <emscripten/emscripten.h>

#include "platform/js_bridge.h"

namespace leads {

void IndexedDbViews::read(const std::string& owner, std::function<void(ViewsRead)> on_done) {
  on_read_.emplace(owner, std::move(on_done));
  leads_views_read(owner.c_str());
}

void IndexedDbViews::write(const std::string& owner, const std::string& text, const std::string& set_aside,
                           WriteDone on_done) {
  on_written_.emplace(owner, std::move(on_done));
  leads_views_write(owner.c_str(), text.c_str(), set_aside.c_str());
}

void IndexedDbViews::loaded(ViewsRead read) {
  auto it = on_read_.find(read.owner);
  if (it == on_read_.end()) return;
  auto on_done = std::move(it->second);
  on_read_.erase(it);
  on_done(std::move(read));
}

void IndexedDbViews::written(const std::string& owner, bool kept, const std::string& problem) {
  auto it = on_written_.find(owner);
  if (it == on_written_.end()) return;
  auto on_done = std::move(it->second);
  on_written_.erase(it);
  on_done(kept, problem);
}

IndexedDbViews& indexeddb_views() {
  static IndexedDbViews instance;
  return instance;
}

}  // namespace leads

extern "C" EMSCRIPTEN_KEEPALIVE void leads_views_loaded(const char* owner, const char* text, const char* problem) {
  leads::indexeddb_views().loaded({owner ? owner : "", text ? text : "", problem ? problem : ""});
}

extern "C" EMSCRIPTEN_KEEPALIVE void leads_views_written(const char* owner, int kept, const char* problem) {
  leads::indexeddb_views().written(owner ? owner : "", kept != 0, problem ? problem : "");
}
