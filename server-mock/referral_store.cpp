// SQLite schema, loading, write-through and the expiry sweep of the referral store.
#include "referral_store.h"

#include <cstdio>
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
)sql";

std::string row_json(const Referral& referral) { return dump_json(referral_to_json(referral)); }

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

bool ReferralStore::open(const std::string& path, std::string& error) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!db_.open(path) || !db_.exec(kSchema)) {
    error = "cannot open database " + path + ": " + db_.error();
    return false;
  }
  items_.clear();
  index_.clear();
  std::vector<std::pair<std::string, std::string>> rows;  // id, json
  Statement select(db_.handle(), "SELECT id, json FROM referrals ORDER BY seq, rowid");
  while (select.step() == SQLITE_ROW) rows.emplace_back(select.text(0), select.text(1));
  // Parsing dominates start-up with many leads: spread it over the cores.
  std::vector<ReferralPtr> loaded(rows.size());
  const std::size_t workers = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  std::vector<std::thread> threads;
  for (std::size_t w = 0; w < workers; ++w)
    threads.emplace_back([&, w] {
      for (std::size_t i = w; i < rows.size(); i += workers) {
        const ParsedJson parsed = parse_json_text(rows[i].second, JsonLimits{8 << 20, 64});
        Referral referral;
        std::optional<FieldError> problem = parsed.error;
        if (!problem) problem = referral_from_json(parsed.value, referral);
        if (problem) {
          std::fprintf(stderr, "server-mock: skipping stored referral %s: %s %s\n", rows[i].first.c_str(),
                       problem->field.c_str(), problem->message.c_str());
          continue;
        }
        loaded[i] = std::make_shared<const Referral>(std::move(referral));
      }
    });
  for (std::thread& thread : threads) thread.join();
  for (ReferralPtr& referral : loaded) {
    if (!referral || index_.count(referral->id)) continue;
    index_[referral->id] = items_.size();
    items_.push_back(std::move(referral));
  }
  next_expiry_ = 0;
  return true;
}

std::size_t ReferralStore::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return items_.size();
}

std::vector<ReferralPtr> ReferralStore::snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return items_;
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

bool ReferralStore::write_row(const Referral& referral, bool insert) {
  Statement statement(db_.handle(), insert ? kInsertRow : kUpdateRow);
  return bind_and_step(statement, referral);
}

bool ReferralStore::bind_and_step(Statement& statement, const Referral& referral) {
  statement.reset();
  auto found = index_.find(referral.id);
  const std::size_t seq = found == index_.end() ? items_.size() : found->second;
  statement.bind(1, referral.id)
      .bind(2, referral.etag)
      .bind(3, referral.created_date_time.value_or(0))
      .bind(4, referral.updated_date_time.value_or(0))
      .bind(5, row_json(referral))
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
  db_.exec("DELETE FROM referrals; DELETE FROM outbox; DELETE FROM request_log;");
  items_.clear();
  index_.clear();
  Statement insert(db_.handle(), kInsertRow);
  for (const Referral& referral : referrals) {
    if (index_.count(referral.id) || !bind_and_step(insert, referral)) {
      db_.exec("ROLLBACK");
      items_.clear();
      index_.clear();
      return false;
    }
    index_[referral.id] = items_.size();
    items_.push_back(std::make_shared<const Referral>(referral));
  }
  next_expiry_ = 0;
  return db_.exec("COMMIT");
}

bool ReferralStore::insert(const Referral& referral) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (index_.count(referral.id) || !write_row(referral, true)) return false;
  index_[referral.id] = items_.size();
  items_.push_back(std::make_shared<const Referral>(referral));
  next_expiry_ = 0;
  return true;
}

WriteOutcome ReferralStore::update_if(const Referral& updated, const std::string& expected_etag) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = index_.find(updated.id);
  if (it == index_.end()) return WriteOutcome::NotFound;
  Statement statement(db_.handle(),
                      "UPDATE referrals SET etag = ?2, updated = ?3, json = ?4 WHERE id = ?1 AND etag = ?5");
  statement.bind(1, updated.id)
      .bind(2, updated.etag)
      .bind(3, updated.updated_date_time.value_or(0))
      .bind(4, row_json(updated))
      .bind(5, expected_etag);
  if (statement.step() != SQLITE_DONE) return WriteOutcome::Failed;
  if (db_.changes() == 0) return WriteOutcome::Stale;
  items_[it->second] = std::make_shared<const Referral>(updated);
  next_expiry_ = 0;
  return WriteOutcome::Written;
}

int ReferralStore::expire_due(TimeMs now) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (now < next_expiry_) return 0;
  int expired = 0;
  TimeMs next = std::numeric_limits<TimeMs>::max();
  bool in_transaction = false;
  for (ReferralPtr& item : items_) {
    if (item->status != Status::New) continue;
    Referral copy = *item;
    if (!expire_if_due(copy, now)) {
      next = std::min(next, expiration_of(*item));
      continue;
    }
    if (!in_transaction) in_transaction = db_.exec("BEGIN IMMEDIATE");
    copy.etag = make_etag();
    if (!write_row(copy, false)) continue;
    item = std::make_shared<const Referral>(std::move(copy));
    note_expiry_locked(*item);
    ++expired;
  }
  if (in_transaction) db_.exec("COMMIT");
  next_expiry_ = next;
  return expired;
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

void ReferralStore::add_outbox_locked(const OutboxEntry& entry) {
  Statement statement(db_.handle(),
                      "INSERT INTO outbox (time, kind, referralId, recipient, text) VALUES (?1, ?2, ?3, ?4, ?5)");
  statement.bind(1, format_iso8601(entry.time))
      .bind(2, entry.kind)
      .bind(3, entry.referral_id)
      .bind(4, entry.recipient)
      .bind(5, entry.text);
  if (statement.step() != SQLITE_DONE) std::fprintf(stderr, "server-mock: outbox write failed: %s\n", db_.error().c_str());
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
                   "SELECT status, etag, location, body FROM request_log WHERE user = ?1 AND request_id = ?2");
  select.bind(1, user).bind(2, request_id);
  if (select.step() != SQLITE_ROW) return std::nullopt;
  return RecordedResponse{static_cast<int>(select.integer(0)), select.text(1), select.text(2), select.text(3)};
}

void ReferralStore::record(const std::string& user, const std::string& request_id, const RecordedResponse& response) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement insert(db_.handle(),
                   "INSERT OR IGNORE INTO request_log (user, request_id, status, etag, location, body) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  insert.bind(1, user)
      .bind(2, request_id)
      .bind(3, static_cast<std::int64_t>(response.status))
      .bind(4, response.etag)
      .bind(5, response.location)
      .bind(6, response.body);
  insert.step();
}

}  // namespace leads
