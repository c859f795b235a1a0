// Favorites in the browser's IndexedDB (web/favorites_idb.js), falling back to memory when it is unavailable.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "store/favorites_store.h"

namespace leads {

class IndexedDbFavorites : public FavoritesStore {
 public:
  void load(std::function<void(FavoritesLoaded)> on_done) override;
  void put(const std::string& id, bool favorite, SaveDone on_done) override;
  void watch(std::function<void(FavoritesNews)> on_news) override { on_news_ = std::move(on_news); }
  // Called from JS.
  void loaded(FavoritesLoaded result);
  void saved(const std::string& id, bool kept, const std::string& problem);
  void news(FavoritesNews news);

 private:
  struct Waiting {
    std::string id;
    bool favorite;
    SaveDone on_done;
  };
  std::function<void(FavoritesLoaded)> on_loaded_;
  std::function<void(FavoritesNews)> on_news_;
  std::multimap<std::string, SaveDone> on_saved_;  // by id; one id's writes commit in the order they were made
  std::vector<Waiting> before_load_;               // hearts clicked before the database answered: written once it has
  bool loaded_ = false, persistent_ = false;
};

IndexedDbFavorites& indexeddb_favorites();

}  // namespace leads
