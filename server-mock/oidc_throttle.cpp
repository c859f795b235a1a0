// The sign-in throttle: a sliding window of the last few failures per account and per address.
#include "oidc_throttle.h"

#include <algorithm>
#include <cctype>

namespace leads {

namespace {
// Keys kept at most; when full, keys whose failures have all aged out go first, then the ones idle longest. Large
// enough that a flood of made-up e-mails cannot push a real account's count out before the address limit bites.
constexpr std::size_t kMaxKeys = 20000;

std::string account_key(const std::string& email) {
  std::string key = "account:";
  for (char c : email.substr(0, 320)) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

std::string address_key(const std::string& address) {
  return "address:" + address;
}
}  // namespace

std::optional<TimeMs> SignInThrottle::blocked_locked(const std::string& key, TimeMs now) const {
  const auto it = failures_.find(key);
  if (it == failures_.end() || it->second.size() < static_cast<std::size_t>(kSignInFailuresAllowed))
    return std::nullopt;
  const TimeMs until = it->second.front() + kSignInThrottleWindowMs;
  return until > now ? std::optional<TimeMs>(until) : std::nullopt;
}

std::optional<TimeMs> SignInThrottle::blocked_until(const std::string& email, const std::string& address, TimeMs now) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto by_account = blocked_locked(account_key(email), now);
  const auto by_address = blocked_locked(address_key(address), now);
  if (by_account && by_address) return std::max(*by_account, *by_address);
  return by_account ? by_account : by_address;
}

void SignInThrottle::add_locked(const std::string& key, TimeMs now) {
  if (failures_.size() >= kMaxKeys && failures_.find(key) == failures_.end()) {
    for (auto it = failures_.begin(); it != failures_.end();)
      it = it->second.back() + kSignInThrottleWindowMs <= now ? failures_.erase(it) : std::next(it);
    if (failures_.size() >= kMaxKeys) {
      const auto idlest = std::min_element(failures_.begin(), failures_.end(), [](const auto& a, const auto& b) {
        return a.second.back() < b.second.back();
      });
      failures_.erase(idlest);
    }
  }
  Failures& list = failures_[key];
  while (!list.empty() && list.front() + kSignInThrottleWindowMs <= now) list.pop_front();
  list.push_back(now);
  while (list.size() > static_cast<std::size_t>(kSignInFailuresAllowed)) list.pop_front();
}

void SignInThrottle::record_failure(const std::string& email, const std::string& address, TimeMs now) {
  std::lock_guard<std::mutex> lock(mutex_);
  add_locked(account_key(email), now);
  add_locked(address_key(address), now);
}

void SignInThrottle::record_success(const std::string& email) {
  std::lock_guard<std::mutex> lock(mutex_);
  failures_.erase(account_key(email));
}

void SignInThrottle::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  failures_.clear();
}

}  // namespace leads
