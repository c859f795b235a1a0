// MS-RequestId: a retried write is answered with its first answer, never applied twice. The key is recorded with a
// hash of the request in the write's own SQLite transaction (referral_store.h: WriteExtras); here, the claim that
// makes a concurrent duplicate wait for the first one, the replay, and the refusal of a reused key.
#pragma once
#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <string>

#include "referral_store.h"

namespace leads {

// The (user, key) pairs whose request is being handled right now, in this process.
class RequestGate {
 public:
  // Waits while the pair is taken (at most `patience`), then takes it; false on timeout.
  bool enter(const std::string& slot, std::chrono::milliseconds patience);
  void leave(const std::string& slot);

 private:
  std::mutex mutex_;
  std::condition_variable released_;
  std::set<std::string> busy_;
};

// SHA-256 (hex) of method, path and body: what makes two requests with one key "the same request".
std::string request_hash(const std::string& method, const std::string& path, const std::string& body);

// One write request's hold on its MS-RequestId, from before its lookup until its answer is committed (or it failed).
class IdempotentRequest {
 public:
  IdempotentRequest(const httplib::Request& req, ReferralStore& store, RequestGate& gate, const std::string& user);
  ~IdempotentRequest();
  IdempotentRequest(const IdempotentRequest&) = delete;
  IdempotentRequest& operator=(const IdempotentRequest&) = delete;

  // True when the answer is already in `res`: the recorded one (same request), 422 (the key was used for another
  // request), or 503 (the first request with this key is still running after a long wait). False: go ahead.
  bool answered(httplib::Response& res);
  // What the write commits with its row so that a retry finds it: `response` is the answer about to be sent.
  WriteExtras extras(const RecordedResponse& response) const;

 private:
  ReferralStore& store_;
  RequestGate& gate_;
  std::string user_, key_, hash_, slot_;
  bool entered_ = false;
};

// Sends a recorded (or about to be recorded) answer.
void send_recorded(httplib::Response& res, const RecordedResponse& response);

}  // namespace leads
