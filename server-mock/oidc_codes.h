// Authorization codes: in memory, single use, 60 seconds, bound to everything the /authorize request said. A code
// presented twice is a sign it leaked, so the refresh family it started is revoked.
#pragma once
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "domain/timestamp.h"

namespace leads {

constexpr TimeMs kCodeLifetimeMs = 60 * 1000;

struct AuthorizationCode {
  std::string client_id;
  std::string redirect_uri;
  std::string code_challenge;  // S256
  std::string nonce;
  std::string scope;
  std::string oid;
  std::string sid;
  TimeMs auth_time = 0;
  TimeMs expires_at = 0;
};

enum class CodeOutcome { Fresh, Expired, Reused, Unknown };

struct TakenCode {
  CodeOutcome outcome = CodeOutcome::Unknown;
  AuthorizationCode code;
  std::string family_id;  // Reused: the refresh family the first redemption started ("" if none)
};

class CodeStore {
 public:
  // The code for `grant` (its expires_at is set here), or empty when the store is full or randomness failed.
  std::string issue(AuthorizationCode grant, TimeMs now);
  // The first presentation takes the code whatever happens next (a wrong verifier spends it too); later ones read
  // as Reused while it is remembered.
  TakenCode take(const std::string& code, TimeMs now);
  // Remembers which refresh family the code's redemption started, to revoke it if the code comes again. True when
  // the code already came again meanwhile: the caller revokes the family at once.
  bool note_family(const std::string& code, const std::string& family_id);

 private:
  struct Entry {
    AuthorizationCode grant;
    bool used = false;
    bool replayed = false;
    std::string family_id;
  };
  void forget_old_locked(TimeMs now);

  std::mutex mutex_;
  std::unordered_map<std::string, Entry> codes_;  // by SHA-256 of the code
};

}  // namespace leads
