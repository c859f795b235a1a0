// Slowing password guessing: after 5 failed sign-ins for one account, or from one client address, within 15
// minutes, every sign-in for it is refused until the oldest of those failures is 15 minutes old. In memory, bounded.
#pragma once
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "domain/timestamp.h"

namespace leads {

constexpr int kSignInFailuresAllowed = 5;
constexpr TimeMs kSignInThrottleWindowMs = 15 * 60 * 1000;

class SignInThrottle {
 public:
  // When sign-ins for this account (e-mail, any case) or from this address are refused: the time they are allowed
  // again, or nullopt when they are allowed now.
  std::optional<TimeMs> blocked_until(const std::string& email, const std::string& address, TimeMs now);
  void record_failure(const std::string& email, const std::string& address, TimeMs now);
  // A successful sign-in clears the account's failures (not the address's: one good account must not unlock
  // guessing at the others).
  void record_success(const std::string& email);
  void clear();  // test mode's reset

 private:
  using Failures = std::deque<TimeMs>;  // at most kSignInFailuresAllowed, oldest first
  std::optional<TimeMs> blocked_locked(const std::string& key, TimeMs now) const;
  void add_locked(const std::string& key, TimeMs now);

  std::mutex mutex_;
  std::unordered_map<std::string, Failures> failures_;
};

}  // namespace leads
