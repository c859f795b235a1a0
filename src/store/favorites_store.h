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

class FavoritesStore {
 public:
  virtual ~FavoritesStore() = default;
  virtual void load(std::function<void(FavoritesLoaded)> on_done) = 0;
  // on_done(false) means the change was not kept (the heart still works for the session).
  virtual void put(const std::string& id, bool favorite, std::function<void(bool)> on_done) = 0;
};

// Holds favorites in memory: used by native tests and when IndexedDB is unavailable.
class MemoryFavoritesStore : public FavoritesStore {
 public:
  explicit MemoryFavoritesStore(std::string problem = {}) : problem_(std::move(problem)) {}
  void load(std::function<void(FavoritesLoaded)> on_done) override {
    on_done(FavoritesLoaded{{ids_.begin(), ids_.end()}, false, problem_});
  }
  void put(const std::string& id, bool favorite, std::function<void(bool)> on_done) override {
    if (favorite) ids_.insert(id);
    else ids_.erase(id);
    on_done(true);
  }

 private:
  std::string problem_;
  std::unordered_set<std::string> ids_;
};

}  // namespace leads
