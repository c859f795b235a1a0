// SQLite schema, loading, write-through and the expiry sweep of the referral store.
#include "referral_store.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <limits>
#include <random>
#include <thread>

#include "domain/clocks.h"
#include "domain/referral_json.h"

namespace leads {

namespace {
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS referrals (
  id TEXT PRIMARY KEY, etag TEXT NOT NULL, created INTEGER, updated INTEGER, json TEXT NOT NULL, seq INTEGER);
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, kind TEXT NOT NULL, referralId TEXT NOT NULL,
  recipient TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS request_log (
  user TEXT NOT NULL, request_id TEXT NOT NULL, status INTEGER NOT NULL, etag TEXT, location TEXT, body TEXT,
  PRIMARY KEY (user, request_id));
-- Rows of referrals that did not read back at start-up, moved here as they were (columns without a type keep every
-- value exactly as stored), with why and when.
CREATE TABLE IF NOT EXISTS quarantine (
  id, etag, created, updated, json, seq, reason TEXT NOT NULL, quarantined_at TEXT NOT NULL);
)sql";

// Databases from before the request hash: the column is added, and their old records replay as they did.
constexpr const char* kRequestHashColumn = "ALTER TABLE request_log ADD COLUMN request_hash TEXT NOT NULL DEFAULT ''";

// The sender of a lead: the inviting organization, else Microsoft (customer inquiries come through Microsoft's site).
std::string sender_of(const Referral& referral) {
  const auto& by = referral.invite_context.invited_by;
  if (!by.organization_name.empty()) return by.organization_name + " (" + by.organization_id + ")";
  return "Microsoft (msft)";
}
}  // namespace

std::string make_etag() {
  static std::mutex mutex;
  static std::mt19937_64 engine{std::random_device{}()};
  std::lock_guard<std::mutex> lock(mutex);
  char text[40];
  std::snprintf(text, sizeof text, "\"%016llx\"", static_cast<unsigned long long>(engine()));
  return text;
}

namespace {
bool has_column(sqlite3* db, const char* table, const char* column) {
  Statement info(db, (std::string("PRAGMA table_info(") + table + ")").c_str());
  while (info.step() == SQLITE_ROW)
    if (info.text(1) == column) return true;
  return false;
}

// Why a stored row is not a lead this server can serve, or nullopt when it reads back.
std::optional<std::string> unreadable(const std::string& id, const std::string& text, Referral& out) {
  const ParsedJson parsed = parse_json_text(text, JsonLimits{8 << 20, 64});
  std::optional<FieldError> problem = parsed.error;
  if (!problem) problem = referral_from_json(parsed.value, out);
  if (problem) return (problem->field.empty() ? "" : problem->field + " ") + problem->message;
  if (out.id != id) return "its JSON id \"" + out.id + "\" is not the row's id";
  return std::nullopt;
}
}  // namespace

bool ReferralStore::open(const std::string& path, std::string& error) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!db_.open(path) || !db_.exec(kSchema) ||
      (!has_column(db_.handle(), "request_log", "request_hash") && !db_.exec(kRequestHashColumn))) {
    error = "cannot open database " + path + ": " + db_.error();
    return false;
  }
  items_.clear();
  ++version_;
  index_.clear();
  struct Row {
    std::int64_t rowid;
    std::string id, json;
  };
  std::vector<Row> rows;
  {
    Statement select(db_.handle(), "SELECT rowid, id, json FROM referrals ORDER BY seq, rowid");
    while (select.step() == SQLITE_ROW) rows.push_back(Row{select.integer(0), select.text(1), select.text(2)});
  }
  // Parsing dominates start-up with many leads: spread it over the cores.
  std::vector<ReferralPtr> loaded(rows.size());
  std::vector<std::optional<std::string>> problems(rows.size());
  const std::size_t workers = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  std::vector<std::thread> threads;
  for (std::size_t w = 0; w < workers; ++w)
    threads.emplace_back([&, w] {
      for (std::size_t i = w; i < rows.size(); i += workers) {
        Referral referral;
        problems[i] = unreadable(rows[i].id, rows[i].json, referral);
        if (!problems[i]) loaded[i] = std::make_shared<const Referral>(std::move(referral));
      }
    });
  for (std::thread& thread : threads) thread.join();
  std::vector<std::pair<std::int64_t, std::string>> bad;  // rowid, reason
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (problems[i]) {
      std::fprintf(stderr,
                   "server-mock: quarantined stored referral %s (it does not read back: %s); kept as is in "
                   "table quarantine\n",
                   rows[i].id.c_str(), problems[i]->c_str());
      bad.emplace_back(rows[i].rowid, *problems[i]);
      continue;
    }
    index_[loaded[i]->id] = items_.size();
    items_.push_back(std::move(loaded[i]));
  }
  ++version_;
  if (!bad.empty() && !quarantine_locked(bad)) {
    error = "cannot quarantine unreadable rows of " + path + ": " + db_.error();
    return false;
  }
  next_expiry_ = 0;
  return true;
}

// Moves rows out of `referrals` into `quarantine` in one transaction: copied column by column, never re-encoded.
bool ReferralStore::quarantine_locked(const std::vector<std::pair<std::int64_t, std::string>>& rows) {
  if (!db_.exec("BEGIN IMMEDIATE")) return false;
  const std::string now = format_iso8601(static_cast<TimeMs>(std::time(nullptr)) * kSecondMs);
  Statement copy(db_.handle(),
                 "INSERT INTO quarantine (id, etag, created, updated, json, seq, reason, quarantined_at) "
                 "SELECT id, etag, created, updated, json, seq, ?2, ?3 FROM referrals WHERE rowid = ?1");
  Statement remove(db_.handle(), "DELETE FROM referrals WHERE rowid = ?1");
  for (const auto& [rowid, reason] : rows) {
    copy.reset();
    remove.reset();
    copy.bind(1, rowid).bind(2, reason).bind(3, now);
    remove.bind(1, rowid);
    if (copy.step() != SQLITE_DONE || remove.step() != SQLITE_DONE) {
      db_.exec("ROLLBACK");
      return false;
    }
  }
  return db_.exec("COMMIT");
}

bool ReferralStore::holds_data() const {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement any(db_.handle(), "SELECT EXISTS (SELECT 1 FROM referrals) OR EXISTS (SELECT 1 FROM quarantine)");
  return any.step() != SQLITE_ROW || any.integer(0) != 0;  // when in doubt, it holds data: never seed over it
}

std::size_t ReferralStore::quarantined() const {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement count(db_.handle(), "SELECT COUNT(*) FROM quarantine");
  return count.step() == SQLITE_ROW ? static_cast<std::size_t>(count.integer(0)) : 0;
}

std::size_t ReferralStore::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return items_.size();
}

std::vector<ReferralPtr> ReferralStore::snapshot(std::uint64_t* version) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (version) *version = version_;
  return items_;
}

std::uint64_t ReferralStore::version() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return version_;
}

ReferralPtr ReferralStore::find(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : items_[it->second];
}

constexpr const char* kInsertRow =
    "INSERT INTO referrals (id, etag, created, updated, json, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr const char* kUpdateRow =
    "UPDATE referrals SET etag = ?2, created = ?3, updated = ?4, json = ?5, seq = ?6 WHERE id = ?1";

bool ReferralStore::write_row(const Referral& referral, const std::string& text, bool insert) {
  Statement statement(db_.handle(), insert ? kInsertRow : kUpdateRow);
  return bind_and_step(statement, referral, text);
}

bool ReferralStore::bind_and_step(Statement& statement, const Referral& referral, const std::string& text) {
  statement.reset();
  auto found = index_.find(referral.id);
  const std::size_t seq = found == index_.end() ? items_.size() : found->second;
  statement.bind(1, referral.id)
      .bind(2, referral.etag)
      .bind(3, referral.created_date_time.value_or(0))
      .bind(4, referral.updated_date_time.value_or(0))
      .bind(5, text)
      .bind(6, static_cast<std::int64_t>(seq));
  return statement.step() == SQLITE_DONE;
}

bool ReferralStore::replace_all(const std::vector<Referral>& referrals) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Bulk seeding: one transaction, and no fsync until it is whole (a crash mid-seed just means seeding again).
  db_.exec("PRAGMA synchronous=OFF");
  struct RestoreSync {
    Database& db;
    ~RestoreSync() { db.exec("PRAGMA synchronous=NORMAL"); }
  } restore{db_};
  if (!db_.exec("BEGIN IMMEDIATE")) return false;
  std::vector<ReferralPtr> items;
  std::unordered_map<std::string, std::size_t> index;
  const auto fail = [&](const std::string& why) {
    std::fprintf(stderr, "server-mock: seeding stopped, nothing changed: %s\n", why.c_str());
    db_.exec("ROLLBACK");
    return false;
  };
  if (!db_.exec("DELETE FROM referrals; DELETE FROM outbox; DELETE FROM request_log;")) return fail(db_.error());
  Statement insert(db_.handle(), kInsertRow);
  std::string text;
  for (const Referral& referral : referrals) {
    if (index.count(referral.id)) return fail("the id " + referral.id + " comes twice");
    if (auto problem = check_record(referral, text))
      return fail(referral.id + ": " + problem->error.field + " " + problem->error.message);
    insert.reset();
    insert.bind(1, referral.id)
        .bind(2, referral.etag)
        .bind(3, referral.created_date_time.value_or(0))
        .bind(4, referral.updated_date_time.value_or(0))
        .bind(5, text)
        .bind(6, static_cast<std::int64_t>(items.size()));
    if (insert.step() != SQLITE_DONE) return fail(db_.error());
    index[referral.id] = items.size();
    items.push_back(std::make_shared<const Referral>(referral));
  }
  if (!db_.exec("COMMIT")) return fail(db_.error());
  items_ = std::move(items);
  index_ = std::move(index);
  next_expiry_ = 0;
  ++version_;
  return true;
}

// Records the request's answer and the write's notification; the caller holds the transaction.
bool ReferralStore::record_locked(const WriteExtras& extras) {
  if (extras.outbox && !add_outbox_locked(*extras.outbox)) return false;
  if (extras.request_id.empty()) return true;
  Statement insert(db_.handle(),
                   "INSERT INTO request_log (user, request_id, status, etag, location, body, request_hash) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  const RecordedResponse& response = extras.response;
  insert.bind(1, extras.user)
      .bind(2, extras.request_id)
      .bind(3, static_cast<std::int64_t>(response.status))
      .bind(4, response.etag)
      .bind(5, response.location)
      .bind(6, response.body)
      .bind(7, response.request_hash);
  return insert.step() == SQLITE_DONE;  // a key recorded already fails here, and the write with it
}

WriteReport ReferralStore::insert(const Referral& referral, const WriteExtras& extras) {
  std::string text;
  if (auto problem = check_record(referral, text)) return WriteReport{WriteOutcome::Refused, std::move(problem)};
  return insert_text(referral, text, extras);
}

WriteReport ReferralStore::insert_unchecked(const Referral& referral) {
  return insert_text(referral, dump_json(referral_to_json(referral)), {});
}

WriteReport ReferralStore::insert_text(const Referral& referral, const std::string& text, const WriteExtras& extras) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (index_.count(referral.id) || !db_.exec("BEGIN IMMEDIATE")) return WriteReport{WriteOutcome::Failed, {}};
  if (!write_row(referral, text, true) || !record_locked(extras) || !db_.exec("COMMIT")) {
    db_.exec("ROLLBACK");
    return WriteReport{WriteOutcome::Failed, {}};
  }
  index_[referral.id] = items_.size();
  items_.push_back(std::make_shared<const Referral>(referral));
  note_written_locked(referral);
  return WriteReport{WriteOutcome::Written, {}};
}

WriteReport ReferralStore::update_if(const Referral& updated, const std::string& expected_etag,
                                     const WriteExtras& extras) {
  std::string text;
  if (auto problem = check_record(updated, text)) return WriteReport{WriteOutcome::Refused, std::move(problem)};
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = index_.find(updated.id);
  if (it == index_.end()) return WriteReport{WriteOutcome::NotFound, {}};
  if (!db_.exec("BEGIN IMMEDIATE")) return WriteReport{WriteOutcome::Failed, {}};
  Statement statement(db_.handle(),
                      "UPDATE referrals SET etag = ?2, updated = ?3, json = ?4 WHERE id = ?1 AND etag = ?5");
  statement.bind(1, updated.id)
      .bind(2, updated.etag)
      .bind(3, updated.updated_date_time.value_or(0))
      .bind(4, text)
      .bind(5, expected_etag);
  if (statement.step() != SQLITE_DONE) {
    db_.exec("ROLLBACK");
    return WriteReport{WriteOutcome::Failed, {}};
  }
  if (db_.changes() == 0) {
    db_.exec("ROLLBACK");
    return WriteReport{WriteOutcome::Stale, {}};
  }
  if (!record_locked(extras) || !db_.exec("COMMIT")) {
    db_.exec("ROLLBACK");
    return WriteReport{WriteOutcome::Failed, {}};
  }
  items_[it->second] = std::make_shared<const Referral>(updated);
  note_written_locked(updated);
  return WriteReport{WriteOutcome::Written, {}};
}

int ReferralStore::expire_due(TimeMs now) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (now < next_expiry_) return 0;
  int expired = 0;
  TimeMs next = std::numeric_limits<TimeMs>::max();
  bool in_transaction = false;
  for (ReferralPtr& item : items_) {
    if (item->status != Status::New) continue;
    if (!is_past_expiry(*item, now)) {  // most are not due: a whole record is copied only to expire it
      next = std::min(next, expiration_of(*item));
      continue;
    }
    Referral copy = *item;
    expire_if_due(copy, now);
    copy.etag = make_etag();
    std::string text;
    if (auto problem = check_record(copy, text)) {  // never write what would not read back: leave it New
      std::fprintf(stderr, "server-mock: cannot expire %s: %s %s\n", copy.id.c_str(), problem->error.field.c_str(),
                   problem->error.message.c_str());
      continue;
    }
    if (!in_transaction) in_transaction = db_.exec("BEGIN IMMEDIATE");
    if (!write_row(copy, text, false)) continue;
    item = std::make_shared<const Referral>(std::move(copy));
    note_expiry_locked(*item);
    ++expired;
  }
  if (in_transaction) db_.exec("COMMIT");
  if (expired) ++version_;
  next_expiry_ = next;
  return expired;
}

// A written lead can only bring the next expiry closer: the next read scans again only if it is due by then, rather
// than after every write (a scan of 100,000 leads was ~15 ms of the next list query).
void ReferralStore::note_written_locked(const Referral& referral) {
  if (referral.status == Status::New) next_expiry_ = std::min(next_expiry_, expiration_of(referral));
  ++version_;
}

void ReferralStore::note_expiry_locked(const Referral& referral) {
  OutboxEntry entry;
  entry.time = referral.updated_date_time.value_or(0);
  entry.kind = "expired";
  entry.referral_id = referral.id;
  entry.recipient = sender_of(referral);
  entry.text = "The lead \"" + referral.name + "\" for " + referral.customer_profile.name +
               " expired: the partner did not answer within 14 days.";
  add_outbox_locked(entry);
}

void ReferralStore::add_outbox(const OutboxEntry& entry) {
  std::lock_guard<std::mutex> lock(mutex_);
  add_outbox_locked(entry);
}

bool ReferralStore::add_outbox_locked(const OutboxEntry& entry) {
  Statement statement(db_.handle(),
                      "INSERT INTO outbox (time, kind, referralId, recipient, text) VALUES (?1, ?2, ?3, ?4, ?5)");
  statement.bind(1, format_iso8601(entry.time))
      .bind(2, entry.kind)
      .bind(3, entry.referral_id)
      .bind(4, entry.recipient)
      .bind(5, entry.text);
  if (statement.step() == SQLITE_DONE) return true;
  std::fprintf(stderr, "server-mock: outbox write failed: %s\n", db_.error().c_str());
  return false;
}

std::vector<OutboxEntry> ReferralStore::outbox() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<OutboxEntry> entries;
  Statement select(db_.handle(), "SELECT id, time, kind, referralId, recipient, text FROM outbox ORDER BY id");
  while (select.step() == SQLITE_ROW) {
    OutboxEntry entry;
    entry.id = select.integer(0);
    entry.time = parse_iso8601(select.text(1)).value_or(0);
    entry.kind = select.text(2);
    entry.referral_id = select.text(3);
    entry.recipient = select.text(4);
    entry.text = select.text(5);
    entries.push_back(std::move(entry));
  }
  return entries;
}

std::optional<RecordedResponse> ReferralStore::recorded(const std::string& user, const std::string& request_id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement select(db_.handle(),
                   "SELECT status, etag, location, body, request_hash FROM request_log "
                   "WHERE user = ?1 AND request_id = ?2");
  select.bind(1, user).bind(2, request_id);
  if (select.step() != SQLITE_ROW) return std::nullopt;
  return RecordedResponse{static_cast<int>(select.integer(0)), select.text(1), select.text(2), select.text(3),
                          select.text(4)};
}

}  // namespace leads
