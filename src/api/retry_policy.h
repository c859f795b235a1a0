// When to try a failed call again: a capped exponential backoff spread by jitter so that clients hit by the same
// outage do not come back in lock-step, a bounded number of attempts, and the server's Retry-After (seconds or an
// HTTP date) honoured.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "api/api_error.h"
#include "domain/timestamp.h"

namespace leads {

// The random source of the jitter: a small deterministic generator (splitmix64). The platform seeds it from the
// browser's entropy; tests give a fixed seed, so every delay is known in advance.
class RetryJitter {
 public:
  explicit RetryJitter(std::uint64_t seed = 0x9e3779b97f4a7c15ull) : state_(seed) {}
  double next_unit();  // uniform in [0, 1)

 private:
  std::uint64_t state_;
};

struct RetryPolicy {
  int max_attempts = 5;            // per operation, the first try included
  int base_ms = 1000;              // the first wait, before jitter
  int cap_ms = 8000;               // no wait longer than this (unless the server asks): recovery within one cap
  int retry_after_max_ms = 60000;  // a longer Retry-After is not believed
};

// The wait before retry number `retry` (0 for the first retry). Without Retry-After: an "equal jitter" backoff,
// uniform in [b/2, b] where b = min(cap, base·2^retry). With Retry-After: that long (at most a minute), plus a
// jittered spread so that all clients told the same instant do not return at that instant.
int retry_delay_ms(const ApiError& error, int retry, RetryJitter& jitter, const RetryPolicy& policy = {});

// Whether another attempt is allowed after `attempts_made` attempts of one operation.
bool may_retry(const ApiError& error, int attempts_made, const RetryPolicy& policy = {});

// An HTTP date (IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT", RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT" or asctime
// "Sun Nov  6 08:49:37 1994"), as HTTP asks recipients to accept all three.
std::optional<TimeMs> parse_http_date(std::string_view text);

}  // namespace leads
