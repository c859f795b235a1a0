// The referrals as the server keeps them: SQLite on disk, written through, with an in-memory copy for fast listing.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/record_limits.h"
#include "domain/referral.h"
#include "sqlite_db.h"

namespace leads {

using ReferralPtr = std::shared_ptr<const Referral>;

struct OutboxEntry {
  std::int64_t id = 0;
  TimeMs time = 0;
  std::string kind;  // "expired" | "declined"
  std::string referral_id;
  std::string recipient;
  std::string text;
};

// The answer to a write carrying an MS-RequestId, stored in the write's own transaction and replayed when the same
// request comes again. `request_hash` identifies the request (method, path, body): the same key with another
// request is refused instead of replayed.
struct RecordedResponse {
  int status = 0;
  std::string etag;
  std::string location;
  std::string body;
  std::string request_hash;  // "" for answers recorded before the hash was kept
};

// What is committed together with a referral's row, in one SQLite transaction: the idempotency record of the
// request that made the write (when it carried an MS-RequestId) and the notification it causes.
struct WriteExtras {
  std::string user;
  std::string request_id;  // empty: nothing to record
  RecordedResponse response;
  std::optional<OutboxEntry> outbox;
};

// Refused: the record would break a limit of domain/record_limits.h or would not read back (nothing written).
enum class WriteOutcome { Written, Stale, NotFound, Refused, Failed };
struct WriteReport {
  WriteOutcome outcome = WriteOutcome::Failed;
  std::optional<RecordProblem> problem;  // set when Refused
};

// A fresh opaque entity tag, quoted as HTTP wants it.
std::string make_etag();

class ReferralStore {
 public:
  // Opens or creates the database and loads every referral; false with `error` set on failure. A row that does not
  // read back as a referral is quarantined: moved as is, byte for byte, to the table `quarantine` (with the reason),
  // and named on stderr. Nothing is dropped.
  bool open(const std::string& path, std::string& error);

  std::size_t size() const;
  // Whether the database holds any lead, readable or quarantined: only a database without one is seeded.
  bool holds_data() const;
  std::size_t quarantined() const;
  // Every referral, in insertion order; the pointers stay valid (and unchanged) after later writes. `version`, when
  // given, receives the version those items are (see version()).
  std::vector<ReferralPtr> snapshot(std::uint64_t* version = nullptr) const;
  // Changes whenever any referral is added, changed, expired or replaced: equal versions hold equal items.
  std::uint64_t version() const;
  ReferralPtr find(const std::string& id) const;

  // Replaces everything (seeding and test-mode reset): also clears the outbox and the request log. False, with
  // nothing changed, if any record is refused by check_record.
  bool replace_all(const std::vector<Referral>& referrals);
  // Each write checks the record (check_record: limits, reads back) and commits the row with `extras` in one
  // transaction, or nothing.
  WriteReport insert(const Referral& referral, const WriteExtras& extras = {});
  // Test mode only (/_mock/raw-referrals): stores the record as given, past the limits, to stand for data written
  // before they existed or by another system, so tests can see what a client does with it.
  WriteReport insert_unchecked(const Referral& referral);
  // One conditional UPDATE … WHERE id = ? AND etag = ?: Stale when someone else wrote first.
  WriteReport update_if(const Referral& updated, const std::string& expected_etag, const WriteExtras& extras = {});

  // Turns every New referral past its expiry into Closed/Expired, each with an outbox note to its sender.
  int expire_due(TimeMs now);

  void add_outbox(const OutboxEntry& entry);
  std::vector<OutboxEntry> outbox() const;

  std::optional<RecordedResponse> recorded(const std::string& user, const std::string& request_id) const;

 private:
  bool write_row(const Referral& referral, const std::string& text, bool insert);
  // The row and `extras` in one transaction; `text` is the record's JSON as stored.
  WriteReport insert_text(const Referral& referral, const std::string& text, const WriteExtras& extras);
  bool bind_and_step(Statement& statement, const Referral& referral, const std::string& text);
  bool record_locked(const WriteExtras& extras);
  bool quarantine_locked(const std::vector<std::pair<std::int64_t, std::string>>& rows);
  void note_expiry_locked(const Referral& referral);
  void note_written_locked(const Referral& referral);
  bool add_outbox_locked(const OutboxEntry& entry);

  mutable std::mutex mutex_;
  Database db_;
  std::vector<ReferralPtr> items_;
  std::unordered_map<std::string, std::size_t> index_;
  TimeMs next_expiry_ = 0;  // no New referral expires before this: reads skip the scan until then
  std::uint64_t version_ = 1;
};

}  // namespace leads
