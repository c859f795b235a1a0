// Bridging the favorites store to web/favorites_idb.js.
#include "platform/indexeddb_favorites.h"

#include <emscripten/emscripten.h>

#include "domain/referral_json.h"
#include "platform/js_bridge.h"

namespace leads {

void IndexedDbFavorites::load(std::function<void(FavoritesLoaded)> on_done) {
  on_loaded_ = std::move(on_done);
  leads_favorites_open();
}

void IndexedDbFavorites::put(const std::string& id, bool favorite, SaveDone on_done) {
  if (!loaded_) {
    before_load_.push_back(Waiting{id, favorite, std::move(on_done)});
    return;
  }
  if (!persistent_) {
    on_done(true, {});  // session only: the heart works, and the user was already told it will not be kept
    return;
  }
  on_saved_.emplace(id, std::move(on_done));
  leads_favorites_put(id.c_str(), favorite ? 1 : 0);
}

void IndexedDbFavorites::loaded(FavoritesLoaded result) {
  loaded_ = true;
  persistent_ = result.persistent;
  if (on_loaded_) on_loaded_(std::move(result));
  std::vector<Waiting> waiting = std::move(before_load_);
  before_load_.clear();
  for (Waiting& write : waiting) put(write.id, write.favorite, std::move(write.on_done));
}

void IndexedDbFavorites::saved(const std::string& id, bool kept, const std::string& problem) {
  auto it = on_saved_.find(id);
  if (it == on_saved_.end()) return;
  auto on_done = std::move(it->second);
  on_saved_.erase(it);
  on_done(kept, problem);
}

void IndexedDbFavorites::news(FavoritesNews news) {
  if (news.kind == FavoritesNews::Kind::Closed) persistent_ = false;
  if (on_news_) on_news_(std::move(news));
}

IndexedDbFavorites& indexeddb_favorites() {
  static IndexedDbFavorites instance;
  return instance;
}

}  // namespace leads

extern "C" EMSCRIPTEN_KEEPALIVE void leads_favorites_loaded(const char* json) {
  leads::FavoritesLoaded result;
  const leads::ParsedJson parsed = leads::parse_json_text(json ? json : "", leads::JsonLimits{64u << 20, 4});
  if (!parsed.error && parsed.value.is_object()) {
    const leads::Json& value = parsed.value;
    if (auto ids = value.find("ids"); ids != value.end() && ids->is_array())
      for (const leads::Json& id : *ids)
        if (id.is_string()) result.ids.push_back(id.get<std::string>());
    if (auto persistent = value.find("persistent"); persistent != value.end() && persistent->is_boolean())
      result.persistent = persistent->get<bool>();
    if (auto problem = value.find("problem"); problem != value.end() && problem->is_string())
      result.problem = problem->get<std::string>();
  } else {
    result.problem = "favorites.unavailable";
  }
  leads::indexeddb_favorites().loaded(std::move(result));
}

extern "C" EMSCRIPTEN_KEEPALIVE void leads_favorites_saved(const char* id, int /*favorite*/, int kept,
                                                           const char* problem) {
  leads::indexeddb_favorites().saved(id ? id : "", kept != 0, problem ? problem : "");
}

// Another tab committed a favorite change (BroadcastChannel).
extern "C" EMSCRIPTEN_KEEPALIVE void leads_favorites_changed(const char* id, int favorite) {
  leads::FavoritesNews news;
  news.kind = leads::FavoritesNews::Kind::ChangedElsewhere;
  news.id = id ? id : "";
  news.favorite = favorite != 0;
  leads::indexeddb_favorites().news(std::move(news));
}

// The database was closed under this tab: a newer version elsewhere, or the browser.
extern "C" EMSCRIPTEN_KEEPALIVE void leads_favorites_closed(const char* problem) {
  leads::FavoritesNews news;
  news.kind = leads::FavoritesNews::Kind::Closed;
  news.problem = problem ? problem : "favorites.unavailable";
  leads::indexeddb_favorites().news(std::move(news));
}
