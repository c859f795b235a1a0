// Bridging the list snapshot store to web/list_snapshot_idb.js.
#include "platform/indexeddb_list_snapshot.h"

#include <emscripten/emscripten.h>

#include <cstdlib>
#include <memory>
#include <optional>
#include <string_view>

#include "platform/js_bridge.h"

namespace leads {

void IndexedDbListSnapshot::read(const std::string& owner, Found on_found,
                                 std::function<void(ListSnapshotRead)> on_done) {
  on_found_.emplace(owner, std::move(on_found));
  on_read_.emplace(owner, std::move(on_done));
  leads_snapshot_read(owner.c_str());
}

// JS assembles the record from the chunks as they come (each copied out at once), so the wasm heap holds one chunk
// of the encoding at a time, not a second copy of the list.
void IndexedDbListSnapshot::write(const std::string& owner, const ListSnapshotBytes& bytes, TimeMs synced_at,
                                  TimeMs newest_change, WriteDone on_done) {
  on_written_.emplace(owner, std::move(on_done));
  leads_snapshot_write_begin(bytes.size);
  bytes.produce([](std::string_view chunk) { leads_snapshot_write_chunk(chunk.data(), chunk.size()); });
  leads_snapshot_write(owner.c_str(), static_cast<double>(synced_at), static_cast<double>(newest_change));
}

void IndexedDbListSnapshot::clear(std::function<void()> on_done) {
  on_cleared_.push_back(std::move(on_done));
  if (on_cleared_.size() == 1) leads_snapshot_clear();
}

void IndexedDbListSnapshot::found(const std::string& owner, TimeMs newest_change) {
  auto it = on_found_.find(owner);
  if (it == on_found_.end()) return;
  Found on_found = std::move(it->second);
  on_found_.erase(it);
  on_found(newest_change);
  note_rows_coming();  // its rows are on their way (the Blob's bytes, then a chunk per task): the frame waits for them
  if (run_actions_) run_actions_();
}

void IndexedDbListSnapshot::note_rows_coming() {
  if (rows_arriving_since_ms_ < 0) rows_arriving_since_ms_ = emscripten_get_now();
}

void IndexedDbListSnapshot::loaded(ListSnapshotRead read) {
  if (auto found = on_found_.find(read.owner); found != on_found_.end()) on_found_.erase(found);
  auto it = on_read_.find(read.owner);
  if (it == on_read_.end()) return;
  auto on_done = std::move(it->second);
  on_read_.erase(it);
  on_done(std::move(read));
}

void IndexedDbListSnapshot::written(const std::string& owner, bool kept, const std::string& problem) {
  auto it = on_written_.find(owner);
  if (it == on_written_.end()) return;
  auto on_done = std::move(it->second);
  on_written_.erase(it);
  on_done(kept, problem);
}

void IndexedDbListSnapshot::cleared() {
  std::vector<std::function<void()>> waiting = std::move(on_cleared_);
  on_cleared_.clear();
  for (auto& on_done : waiting) on_done();
}

IndexedDbListSnapshot& indexeddb_list_snapshot() {
  static IndexedDbListSnapshot instance;
  return instance;
}

}  // namespace leads

namespace {
// The record being read, decoded a chunk at a time as JS copies it in (ListStoreDecoder): the heap holds the store
// it becomes and one chunk, never the whole encoding (once held twice: JS's copy, then the app's).
struct SnapshotBeingRead {
  std::optional<leads::ListStoreDecoder> decoder;
  std::string chunk;
  bool feeding = true;
  std::size_t copied = 0;  // the bytes JS copied in: it stops at the chunk the decoder refuses
};
SnapshotBeingRead& snapshot_being_read() {
  static SnapshotBeingRead reading;
  return reading;
}
}  // namespace

// The app stopped waiting (update_snapshot.cpp: the read was overdue): JS drops the read's answers, the chunks
// decoded so far are let go, and the kept list's frame is no longer held for rows that will not come.
void leads::IndexedDbListSnapshot::abandon(const std::string& owner) {
  on_found_.erase(owner);
  on_read_.erase(owner);
  SnapshotBeingRead& reading = snapshot_being_read();
  reading.decoder.reset();
  reading.feeding = false;
  std::string().swap(reading.chunk);
  note_rows_done();
  leads_snapshot_abandon();
}

// A record of `length` bytes is about to come, in chunks.
extern "C" EMSCRIPTEN_KEEPALIVE void leads_snapshot_read_begin(std::size_t length) {
  SnapshotBeingRead& reading = snapshot_being_read();
  reading.decoder.emplace(length);
  reading.feeding = true;
  reading.copied = 0;
  leads::indexeddb_list_snapshot().note_rows_coming();
}

// Room for the next chunk of `length` bytes; null when the heap has none (the app then loads the list). Built
// without exceptions, a string that cannot grow would abort: malloc asks first, and its block is the one the string
// then takes.
extern "C" EMSCRIPTEN_KEEPALIVE char* leads_snapshot_read_chunk_buffer(std::size_t length) {
  std::string& chunk = snapshot_being_read().chunk;
  if (chunk.capacity() < length) {
    std::string().swap(chunk);
    void* room = std::malloc(length + 1);
    if (!room) return nullptr;
    std::free(room);
  }
  chunk.resize(length);
  return chunk.data();
}

// The chunk buffer holds the next `length` bytes. Answers 0 once the bytes cannot be a snapshot: the rest need not
// be copied in (the read then ends as unreadable).
extern "C" EMSCRIPTEN_KEEPALIVE int leads_snapshot_read_chunk(std::size_t length) {
  SnapshotBeingRead& reading = snapshot_being_read();
  reading.copied += length;
  if (!reading.decoder || !reading.feeding || length > reading.chunk.size()) return 0;
  reading.feeding = reading.decoder->feed(std::string_view(reading.chunk).substr(0, length));
  return reading.feeding ? 1 : 0;
}

// The record has come whole (`length` bytes in chunks), or not at all (length 0: `problem` says why).
extern "C" EMSCRIPTEN_KEEPALIVE void leads_snapshot_loaded(const char* owner, std::size_t length, double synced_at,
                                                           const char* problem) {
  leads::ListSnapshotRead read;
  read.owner = owner ? owner : "";
  read.synced_at = static_cast<leads::TimeMs>(synced_at);
  read.problem = problem ? problem : "";
  SnapshotBeingRead& reading = snapshot_being_read();
  leads::indexeddb_list_snapshot().note_rows_done();
  std::string().swap(reading.chunk);
  read.bytes_copied = reading.copied;
  if (length && reading.decoder) {
    std::optional<leads::ListStore> store = reading.decoder->finish();
    std::optional<leads::GramIndex> grams = reading.decoder->take_grams();
    if (store) {
      read.leads = std::make_shared<leads::ListStore>(std::move(*store));
      if (grams) read.grams = std::make_shared<leads::GramIndex>(std::move(*grams));
    } else if (read.problem.empty()) {
      read.problem = "unreadable";
    }
  }
  reading.decoder.reset();
  if (!read.leads && read.problem.empty()) read.problem = "no_memory";
  leads::indexeddb_list_snapshot().loaded(std::move(read));
}

// The owner's record is there and of this schema; its bytes come next (JS waits for this call to return).
extern "C" EMSCRIPTEN_KEEPALIVE void leads_snapshot_found(const char* owner, double newest_change) {
  leads::indexeddb_list_snapshot().found(owner ? owner : "", static_cast<leads::TimeMs>(newest_change));
}

extern "C" EMSCRIPTEN_KEEPALIVE void leads_snapshot_written(const char* owner, int kept, const char* problem) {
  leads::indexeddb_list_snapshot().written(owner ? owner : "", kept != 0, problem ? problem : "");
}

extern "C" EMSCRIPTEN_KEEPALIVE void leads_snapshot_cleared(int /*done*/) {
  leads::indexeddb_list_snapshot().cleared();
}
