// Where each user's remembered layout and saved views are kept: IndexedDB in the browser (web/views_idb.js, beside
// the favorites), memory in tests. The store keeps text it is given; reading and checking it is the app's
// (app/saved_views.h).
#pragma once
#include <functional>
#include <map>
#include <string>

namespace leads {

struct ViewsRead {
  std::string owner;
  std::string text;     // as kept; empty when nothing is
  std::string problem;  // "none" when nothing is kept, "unavailable" when the store cannot be used
};

class ViewsStore {
 public:
  using WriteDone = std::function<void(bool kept, const std::string& problem)>;  // problem: i18n key
  virtual ~ViewsStore() = default;
  virtual void read(const std::string& owner, std::function<void(ViewsRead)> on_done) = 0;
  // Keeps `text` as the owner's record; a non-empty `set_aside` (an unreadable record it replaces) is kept too,
  // under the owner's name + "#unreadable", in the same transaction.
  virtual void write(const std::string& owner, const std::string& text, const std::string& set_aside,
                     WriteDone on_done) = 0;
};

class MemoryViewsStore : public ViewsStore {
 public:
  void read(const std::string& owner, std::function<void(ViewsRead)> on_done) override {
    auto it = kept.find(owner);
    if (it == kept.end()) return on_done(ViewsRead{owner, {}, "none"});
    on_done(ViewsRead{owner, it->second, {}});
  }
  void write(const std::string& owner, const std::string& text, const std::string& set_aside,
             WriteDone on_done) override {
    if (!refuse_with.empty()) return on_done(false, refuse_with);
    if (!set_aside.empty()) kept[owner + "#unreadable"] = set_aside;
    kept[owner] = text;
    on_done(true, {});
  }
  std::map<std::string, std::string> kept;  // by owner
  std::string refuse_with;                  // tests: every write fails with this problem
};

}  // namespace leads
