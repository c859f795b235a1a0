// The in-memory code store.
#include "oidc_codes.h"

#include "oidc_secrets.h"
#include "token.h"

namespace leads {

namespace {
// Codes live 60 s; a used one is remembered this long after issue, to recognise a replay.
constexpr TimeMs kRememberUsedMs = 10 * 60 * 1000;
constexpr std::size_t kMaxCodes = 10000;
}  // namespace

void CodeStore::forget_old_locked(TimeMs now) {
  for (auto it = codes_.begin(); it != codes_.end();) {
    const TimeMs issued = it->second.grant.expires_at - kCodeLifetimeMs;
    const bool forget = it->second.used ? issued + kRememberUsedMs <= now : it->second.grant.expires_at <= now;
    it = forget ? codes_.erase(it) : std::next(it);
  }
}

std::string CodeStore::issue(AuthorizationCode grant, TimeMs now) {
  const std::string code = random_base64url(kSecretBytes);
  if (code.empty()) return {};
  std::lock_guard<std::mutex> lock(mutex_);
  if (codes_.size() >= kMaxCodes) forget_old_locked(now);
  if (codes_.size() >= kMaxCodes) return {};
  grant.expires_at = now + kCodeLifetimeMs;
  codes_[sha256_hex(code)] = Entry{std::move(grant), false, false, {}};
  return code;
}

TakenCode CodeStore::take(const std::string& code, TimeMs now) {
  std::lock_guard<std::mutex> lock(mutex_);
  TakenCode taken;
  const auto it = codes_.find(sha256_hex(code));
  if (it == codes_.end()) return taken;
  Entry& entry = it->second;
  taken.code = entry.grant;
  if (entry.used) {
    taken.outcome = CodeOutcome::Reused;
    entry.replayed = true;
    taken.family_id = entry.family_id;
    return taken;
  }
  entry.used = true;
  taken.outcome = entry.grant.expires_at <= now ? CodeOutcome::Expired : CodeOutcome::Fresh;
  return taken;
}

bool CodeStore::note_family(const std::string& code, const std::string& family_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = codes_.find(sha256_hex(code));
  if (it == codes_.end()) return false;
  it->second.family_id = family_id;
  return it->second.replayed;
}

}  // namespace leads
