// The lead list's snapshot in the browser's IndexedDB (web/list_snapshot_idb.js).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "store/list_snapshot_store.h"

namespace leads {

class IndexedDbListSnapshot : public ListSnapshotStore {
 public:
  void read(const std::string& owner, std::function<void(ListSnapshotRead)> on_done) override;
  void write(const std::string& owner, const ListSnapshotBytes& bytes, TimeMs synced_at, WriteDone on_done) override;
  void clear(std::function<void()> on_done) override;
  // Called from JS.
  void loaded(ListSnapshotRead read);
  void written(const std::string& owner, bool kept, const std::string& problem);
  void cleared();

 private:
  std::multimap<std::string, std::function<void(ListSnapshotRead)>> on_read_;  // by owner
  std::multimap<std::string, WriteDone> on_written_;                           // by owner, in the order written
  std::vector<std::function<void()>> on_cleared_;
};

IndexedDbListSnapshot& indexeddb_list_snapshot();

}  // namespace leads
