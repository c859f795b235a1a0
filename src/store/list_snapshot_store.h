// Where the lead list's snapshot is kept between visits: IndexedDB in the browser (web/list_snapshot_idb.js), memory
// in tests. The bytes are the list store's own encoding; the store only keeps them, one snapshot per owner (the
// signed-in user in their tenant), and a write keeps no other owner's.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "domain/list_store.h"
#include "domain/timestamp.h"

namespace leads {

struct ListSnapshotRead {
  std::string owner;
  std::string bytes;     // empty: nothing usable, `problem` says why ("none" when there simply is none)
  TimeMs synced_at = 0;  // the service's data was current as of this time (the server's clock)
  std::string problem;
  // Instead of `bytes`: the store already read chunk by chunk as they came (the browser). Shared, so that passing
  // the read along never copies it; the update that shows it moves it out.
  std::shared_ptr<ListStore> leads;
  std::shared_ptr<GramIndex> grams;  // with `leads`: the search index kept with them, if it could be used
  std::size_t bytes_copied = 0;      // chunk by chunk: how many of the record's bytes were copied in (the copying stops
                                     // at the first chunk the decoder refuses: a spoilt record is not copied whole)
};

// The bytes to keep, produced a chunk at a time when the store asks for them (within write()): the whole encoding is
// never held at once next to the list it encodes.
struct ListSnapshotBytes {
  std::size_t size = 0;
  std::function<void(const std::function<void(std::string_view chunk)>& sink)> produce;
  std::string joined() const {
    std::string bytes;
    bytes.reserve(size);
    produce([&](std::string_view chunk) { bytes.append(chunk); });
    return bytes;
  }
};

class ListSnapshotStore {
 public:
  using WriteDone = std::function<void(bool kept, const std::string& problem)>;
  virtual ~ListSnapshotStore() = default;
  using Found = std::function<void(TimeMs newest_change)>;
  // `on_found` first, once the owner's record is known to be there and of this schema, before its bytes are read
  // (with the newest change it holds, as written): the app asks the service for the changes since meanwhile.
  virtual void read(const std::string& owner, Found on_found, std::function<void(ListSnapshotRead)> on_done) = 0;
  // Keeps `bytes` as the owner's snapshot unless a snapshot synced later is already kept; drops other owners'.
  virtual void write(const std::string& owner, const ListSnapshotBytes& bytes, TimeMs synced_at, TimeMs newest_change,
                     WriteDone on_done) = 0;
  virtual void clear(std::function<void()> on_done) = 0;  // every owner's (signing out)
  // The app no longer waits for the owner's read under way: neither callback is called, and a later read need not
  // wait for it. A store that always answers at once has nothing to drop.
  virtual void abandon(const std::string& owner) { (void)owner; }
};

// Native tests, and the app when nothing else is given.
class MemoryListSnapshotStore : public ListSnapshotStore {
 public:
  void read(const std::string& owner, Found on_found, std::function<void(ListSnapshotRead)> on_done) override {
    auto it = kept_.find(owner);
    if (it == kept_.end()) return on_done(ListSnapshotRead{owner, {}, 0, "none", {}, {}});
    on_found(it->second.newest_change);
    on_done(ListSnapshotRead{owner, it->second.bytes, it->second.synced_at, {}, {}, {}});
  }
  void write(const std::string& owner, const ListSnapshotBytes& bytes, TimeMs synced_at, TimeMs newest_change,
             WriteDone on_done) override {
    auto it = kept_.find(owner);
    const bool newer_kept = it != kept_.end() && it->second.synced_at > synced_at;
    Kept keep = newer_kept ? it->second : Kept{bytes.joined(), synced_at, newest_change};
    kept_.clear();
    kept_[owner] = std::move(keep);
    on_done(true, {});
  }
  void clear(std::function<void()> on_done) override {
    kept_.clear();
    on_done();
  }
  bool holds(const std::string& owner) const { return kept_.count(owner) != 0; }

 private:
  struct Kept {
    std::string bytes;
    TimeMs synced_at = 0;
    TimeMs newest_change = 0;
  };
  std::map<std::string, Kept> kept_;
};

}  // namespace leads
