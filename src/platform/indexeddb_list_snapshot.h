// The lead list's snapshot in the browser's IndexedDB (web/list_snapshot_idb.js).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "store/list_snapshot_store.h"

namespace leads {

class IndexedDbListSnapshot : public ListSnapshotStore {
 public:
  void read(const std::string& owner, Found on_found, std::function<void(ListSnapshotRead)> on_done) override;
  void write(const std::string& owner, const ListSnapshotBytes& bytes, TimeMs synced_at, TimeMs newest_change,
             WriteDone on_done) override;
  // What runs the app's queued actions at once (set by the app's loop): a record found must have its requests sent
  // before JS goes on to hand over its bytes, which holds the main thread while they are decoded.
  void set_run_actions(std::function<void()> run_actions) { run_actions_ = std::move(run_actions); }
  void clear(std::function<void()> on_done) override;
  void abandon(const std::string& owner) override;
  // Called from JS.
  void found(const std::string& owner, TimeMs newest_change);
  void loaded(ListSnapshotRead read);
  void written(const std::string& owner, bool kept, const std::string& problem);
  void cleared();
  // Since when a record's rows have been on their way (from the record found: its Blob's bytes, then a chunk per
  // task), or -1 when none are.
  double rows_arriving_since_ms() const { return rows_arriving_since_ms_; }
  void note_rows_coming();  // from the first time it is noted, until note_rows_done()
  void note_rows_done() { rows_arriving_since_ms_ = -1; }

 private:
  std::multimap<std::string, std::function<void(ListSnapshotRead)>> on_read_;  // by owner
  std::multimap<std::string, Found> on_found_;                                 // by owner, until loaded
  std::function<void()> run_actions_;
  std::multimap<std::string, WriteDone> on_written_;  // by owner, in the order written
  std::vector<std::function<void()>> on_cleared_;
  double rows_arriving_since_ms_ = -1;
};

IndexedDbListSnapshot& indexeddb_list_snapshot();

}  // namespace leads
