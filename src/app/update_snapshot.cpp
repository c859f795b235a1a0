// The lead list kept between visits: read once after signing in and shown at once, marked with the time it was
// current; brought up to date with the changes since (the poll's delta query) and the service's count of leads,
// which tells whether any lead was deleted or moved out of scope (then the list loads in full behind the shown one);
// written again in the background after a load or a sync. Nothing here is an error the user sees: a snapshot that
// is missing, unreadable, from an old schema, or refused by a full storage only means the list loads in full.
#include "app/update_parts.h"
#include "domain/list_store.h"
#include "domain/referral_json.h"

namespace leads::detail {

namespace {
// Between two writes of a list that polls keep changing: each write is the whole list (megabytes at 100,000 leads).
constexpr TimeMs kRewriteAfterMs = 5 * 60 * kSecondMs;
constexpr int kPrepareSortsAfterMs = 300;
// Encoding 100,000 leads holds the main thread for a few hundred milliseconds: the list just loaded or brought up to
// date is drawn first, and answers the user's first keys, before it is written.
constexpr int kWriteAfterDrawnMs = 1500;
// How long the kept list may take. Whether the record is there is answered in milliseconds, and its rows come in about
// a second at 100,000 leads; a storage that never answers (a browser's fault, a disk busy with another tab) must not
// leave the list empty, so past these the list loads from the service as if nothing were kept.
constexpr int kSnapshotAnswerMs = 5000;
constexpr int kSnapshotRowsMs = 30000;

void write_snapshot(AppState& state, std::vector<Effect>& effects) {
  ListSnapshotState& snapshot = state.snapshot;
  snapshot.writing = true;
  snapshot.written_version = state.data_version;
  snapshot.written_at = state.now;
  ++snapshot.writes;
  const GramIndex* grams = state.index.covers_all(state.leads.size()) ? &state.index.grams() : nullptr;
  effects.push_back(
      fx::WriteListSnapshot{snapshot.owner, &state.leads, grams, state.now, newest_update(state.leads).value_or(0)});
}

// How many leads the service holds now: with the changes since, it tells whether the shown list is whole.
void ask_count(AppState& state, std::vector<Effect>& effects) {
  ListOptions count;
  count.top = 1;
  count.count = true;
  count.select = {"id"};
  effects.push_back(send(state, RequestPurpose::ListCount, list_request(state.api, count)));
}

// The changes and the count asked for early are of no use once the kept rows are not shown, or not the ones they
// were asked for: their answers, come or to come, are let go.
void forget_early_sync(AppState& state) {
  ListSnapshotState& snapshot = state.snapshot;
  snapshot.early_since = 0;
  snapshot.early_changes.reset();
  snapshot.server_count.reset();
  for (auto it = state.pending.begin(); it != state.pending.end();)
    if (it->second.purpose == RequestPurpose::Poll || it->second.purpose == RequestPurpose::ListCount)
      it = state.pending.erase(it);
    else
      ++it;
}

// The shown snapshot is current once its changes are in and the count agrees; a count that does not (a lead went
// away) loads the whole list behind the shown one.
void settle(AppState& state, std::vector<Effect>& effects) {
  ListSnapshotState& snapshot = state.snapshot;
  if (snapshot.phase != SnapshotPhase::Shown || !snapshot.delta_done || !snapshot.server_count) return;
  if (*snapshot.server_count >= 0 && static_cast<std::size_t>(*snapshot.server_count) != state.leads.size()) {
    start_list_load(state, effects);  // finish_load makes it current and writes it
    return;
  }
  snapshot.phase = SnapshotPhase::Current;
  keep_list_snapshot(state, effects, true);
}
}  // namespace

bool read_list_snapshot(AppState& state, std::vector<Effect>& effects) {
  ListSnapshotState& snapshot = state.snapshot;
  if (!snapshot.enabled || snapshot.tried || state.load.last_refresh) return false;
  snapshot.owner = owner_of(state.session.claims);
  if (snapshot.owner.empty()) return false;
  snapshot.tried = true;
  snapshot.phase = SnapshotPhase::Reading;
  snapshot.found = false;
  ++snapshot.reads;
  state.load.phase = LoadPhase::Loading;
  effects.push_back(fx::ReadListSnapshot{snapshot.owner});
  effects.push_back(fx::After{kSnapshotAnswerMs, act::ListSnapshotOverdue{snapshot.reads, false}});
  return true;
}

// The record is there: the changes since its newest and the service's count are asked for now, while its rows are
// read and decoded (hundreds of milliseconds at 100,000 leads), not after.
void on_list_snapshot_found(AppState& state, const act::ListSnapshotFound& found, std::vector<Effect>& effects) {
  ListSnapshotState& snapshot = state.snapshot;
  if (snapshot.phase != SnapshotPhase::Reading || found.owner != snapshot.owner) return;
  if (!snapshot.found) {  // the storage answers: its rows now have a deadline of their own
    snapshot.found = true;
    effects.push_back(fx::After{kSnapshotRowsMs, act::ListSnapshotOverdue{snapshot.reads, true}});
  }
  if (found.newest_change <= 0 || snapshot.early_since != 0) return;
  snapshot.early_since = found.newest_change;
  snapshot.changes_asked_early = true;
  ask_changes_since(state, found.newest_change, effects);
  ask_count(state, effects);
}

void on_list_snapshot_read(AppState& state, const ListSnapshotRead& read, std::vector<Effect>& effects) {
  ListSnapshotState& snapshot = state.snapshot;
  if (snapshot.phase != SnapshotPhase::Reading || read.owner != snapshot.owner) return;
  snapshot.bytes_copied = read.bytes_copied;
  std::optional<ListStore> leads;
  std::optional<GramIndex> grams;  // kept with the rows: the search index need not be folded again
  if (read.leads) {
    leads = std::move(*read.leads);
    if (read.grams) grams = std::move(*read.grams);
  } else if (!read.bytes.empty()) {
    leads = ListStore::from_bytes(read.bytes, &grams);
  }
  if (!leads) {
    forget_early_sync(state);
    snapshot.phase = SnapshotPhase::Unused;
    snapshot.problem = read.bytes.empty() || !read.problem.empty() ? read.problem : "unreadable";
    start_list_load(state, effects);
    return;
  }
  snapshot.problem.clear();
  state.leads = std::move(*leads);
  reindex(state, grams ? &*grams : nullptr);
  state.load.phase = LoadPhase::Loaded;
  state.load.received = state.load.shown = state.leads.size();
  state.load.expected = static_cast<std::int64_t>(state.leads.size());
  state.load.last_refresh = read.synced_at;  // from now on loads swap in behind the shown list
  snapshot.phase = SnapshotPhase::Shown;
  snapshot.as_of = read.synced_at;
  snapshot.delta_done = false;
  snapshot.written_version = state.data_version;  // what is kept is what is shown
  snapshot.written_at = read.synced_at;
  open_pending_lead(state);
  effects.push_back(fx::After{kPrepareSortsAfterMs, act::PrepareSorts{state.data_version, 0}});
  // The changes since, and how many leads the service holds now: asked when the record was found, or now.
  if (snapshot.early_since == 0 || newest_update(state.leads) != snapshot.early_since) {
    forget_early_sync(state);
    start_poll(state, false, effects);
    ask_count(state, effects);
    return;
  }
  snapshot.early_since = 0;
  if (snapshot.early_changes) {
    const HttpResponse changes = std::move(*snapshot.early_changes);
    snapshot.early_changes.reset();
    on_poll(state, changes, effects);
  }
}

// The storage did not answer in time, or the found record's rows did not come: the list loads from the service, and
// the read's answer, if it ever comes, is dropped. Nothing the user need see: as without a kept list.
void on_list_snapshot_overdue(AppState& state, const act::ListSnapshotOverdue& overdue, std::vector<Effect>& effects) {
  ListSnapshotState& snapshot = state.snapshot;
  if (snapshot.phase != SnapshotPhase::Reading || overdue.read != snapshot.reads) return;  // it came in time
  if (!overdue.rows && snapshot.found) return;  // the record answered: its rows' deadline applies
  forget_early_sync(state);
  snapshot.phase = SnapshotPhase::Unused;
  snapshot.problem = "timeout";
  effects.push_back(fx::AbandonListSnapshotRead{snapshot.owner});
  start_list_load(state, effects);
}

void on_list_count(AppState& state, const HttpResponse& response, std::vector<Effect>& effects) {
  ListSnapshotState& snapshot = state.snapshot;
  // While Reading: asked early, kept until the rows are shown (settle waits for them).
  if (snapshot.phase != SnapshotPhase::Shown && snapshot.phase != SnapshotPhase::Reading) return;
  std::int64_t count = -1;  // unknown: the deletions are found by the next full load instead
  if (response.status == 200) {
    const ParsedJson parsed = parse_json_text(response.body, JsonLimits{1u << 20, 8});
    if (!parsed.error && parsed.value.is_object()) {
      auto it = parsed.value.find("@odata.count");
      if (it != parsed.value.end() && it->is_number_integer()) count = it->get<std::int64_t>();
    }
  }
  snapshot.server_count = count;
  settle(state, effects);
}

void after_list_delta(AppState& state, std::vector<Effect>& effects) {
  if (state.snapshot.phase == SnapshotPhase::Shown) {
    state.snapshot.delta_done = true;
    settle(state, effects);
    return;
  }
  keep_list_snapshot(state, effects, false);
}

void keep_list_snapshot(AppState& state, std::vector<Effect>& effects, bool now) {
  ListSnapshotState& snapshot = state.snapshot;
  if (!snapshot.enabled || snapshot.writing) return;
  if (snapshot.owner.empty()) snapshot.owner = owner_of(state.session.claims);
  if (snapshot.owner.empty() || snapshot.written_version == state.data_version) return;
  if (snapshot.phase != SnapshotPhase::Current || snapshot.write_planned) return;
  if (!now && state.now - snapshot.written_at < kRewriteAfterMs) return;
  snapshot.write_planned = true;
  effects.push_back(fx::After{kWriteAfterDrawnMs, act::WriteListSnapshot{}});
}

void write_planned_list_snapshot(AppState& state, std::vector<Effect>& effects) {
  ListSnapshotState& snapshot = state.snapshot;
  if (!snapshot.write_planned) return;  // signed out meanwhile: the state that planned it is gone
  snapshot.write_planned = false;
  if (snapshot.writing || snapshot.phase != SnapshotPhase::Current || snapshot.written_version == state.data_version)
    return;
  write_snapshot(state, effects);
}

void list_loaded_in_full(AppState& state, std::vector<Effect>& effects) {
  if (state.snapshot.phase == SnapshotPhase::Reading) return;
  state.snapshot.phase = SnapshotPhase::Current;  // whatever was shown before is replaced by the service's list
  keep_list_snapshot(state, effects, true);
}

void on_list_snapshot_written(AppState& state, const act::ListSnapshotWritten& written) {
  ListSnapshotState& snapshot = state.snapshot;
  if (written.owner != snapshot.owner) return;
  snapshot.writing = false;
  if (written.kept) ++snapshot.kept;
  snapshot.write_problem = written.kept ? std::string() : written.problem;
}

void forget_list_snapshot(AppState& state, std::vector<Effect>& effects) {
  if (!state.snapshot.enabled) return;
  state.snapshot = ListSnapshotState{};
  state.snapshot.enabled = true;
  effects.push_back(fx::ClearListSnapshots{});
}

}  // namespace leads::detail
