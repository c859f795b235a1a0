// Where the user's favorites are kept: IndexedDB in the browser, memory in tests and as the fallback.
#pragma once
#include <functional>
#include <string>
#include <unordered_set>
#include <vector>

namespace leads {

struct FavoritesLoaded {
  std::vector<std::string> ids;
  bool persistent = false;  // false: kept for this session only
  std::string problem;      // why they will not be kept, when not persistent
};

// What happened to the store after it was loaded, outside this tab's own writes.
struct FavoritesNews {
  enum class Kind { ChangedElsewhere, Closed };
  Kind kind = Kind::ChangedElsewhere;
  std::string id;         // ChangedElsewhere: another tab committed this favorite…
  bool favorite = false;  // …as this
  std::string problem;    // Closed: why no write will be kept from now on (i18n key)
};

class FavoritesStore {
 public:
  // kept: the change has committed; otherwise `problem` says why not (i18n key, e.g. "favorites.quota").
  using SaveDone = std::function<void(bool kept, const std::string& problem)>;
  virtual ~FavoritesStore() = default;
  virtual void load(std::function<void(FavoritesLoaded)> on_done) = 0;
  virtual void put(const std::string& id, bool favorite, SaveDone on_done) = 0;
  // Other tabs' changes and the store closing; a store without either never calls it.
  virtual void watch(std::function<void(FavoritesNews)> on_news) { (void)on_news; }
};

// Holds favorites in memory: used by native tests and when IndexedDB is unavailable.
class MemoryFavoritesStore : public FavoritesStore {
 public:
  explicit MemoryFavoritesStore(std::string problem = {}) : problem_(std::move(problem)) {}
  void load(std::function<void(FavoritesLoaded)> on_done) override {
    on_done(FavoritesLoaded{{ids_.begin(), ids_.end()}, false, problem_});
  }
  void put(const std::string& id, bool favorite, SaveDone on_done) override {
    if (favorite)
      ids_.insert(id);
    else
      ids_.erase(id);
    on_done(true, {});
  }

 private:
  std::string problem_;
  std::unordered_set<std::string> ids_;
};

}  // namespace leads
