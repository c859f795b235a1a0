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
  void put(const std::string& id, bool favorite, std::function<void(bool)> on_done) override;
  // Called from JS.
  void loaded(FavoritesLoaded result);
  void saved(const std::string& id, bool kept);

 private:
  std::function<void(FavoritesLoaded)> on_loaded_;
  std::multimap<std::string, std::function<void(bool)>> on_saved_;
  bool persistent_ = false;
};

IndexedDbFavorites& indexeddb_favorites();

}  // namespace leads
