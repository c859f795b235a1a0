// The referrals as the server keeps them: SQLite on disk, written through, with an in-memory copy for fast listing.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

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

// The first answer to a write carrying an MS-RequestId, replayed when the same request comes again.
struct RecordedResponse {
  int status = 0;
  std::string etag;
  std::string location;
  std::string body;
};

enum class WriteOutcome { Written, Stale, NotFound, Failed };

// A fresh opaque entity tag, quoted as HTTP wants it.
std::string make_etag();

class ReferralStore {
 public:
  // Opens or creates the database and loads every referral; false with `error` set on failure.
  bool open(const std::string& path, std::string& error);

  std::size_t size() const;
  // Every referral, in insertion order; the pointers stay valid (and unchanged) after later writes.
  std::vector<ReferralPtr> snapshot() const;
  ReferralPtr find(const std::string& id) const;

  // Replaces everything (seeding and test-mode reset): also clears the outbox and the request log.
  bool replace_all(const std::vector<Referral>& referrals);
  bool insert(const Referral& referral);
  // One conditional UPDATE … WHERE id = ? AND etag = ?: Stale when someone else wrote first.
  WriteOutcome update_if(const Referral& updated, const std::string& expected_etag);

  // Turns every New referral past its expiry into Closed/Expired, each with an outbox note to its sender.
  int expire_due(TimeMs now);

  void add_outbox(const OutboxEntry& entry);
  std::vector<OutboxEntry> outbox() const;

  std::optional<RecordedResponse> recorded(const std::string& user, const std::string& request_id) const;
  void record(const std::string& user, const std::string& request_id, const RecordedResponse& response);

 private:
  bool write_row(const Referral& referral, bool insert);
  bool bind_and_step(Statement& statement, const Referral& referral);
  void note_expiry_locked(const Referral& referral);
  void add_outbox_locked(const OutboxEntry& entry);

  mutable std::mutex mutex_;
  Database db_;
  std::vector<ReferralPtr> items_;
  std::unordered_map<std::string, std::size_t> index_;
  TimeMs next_expiry_ = 0;  // no New referral expires before this: reads skip the scan until then
};

}  // namespace leads
