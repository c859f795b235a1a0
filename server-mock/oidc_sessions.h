// What the provider remembers between requests, in SQLite: provider sessions (who signed in on this browser, behind
// the cookie leads_idp_session) and refresh-token families (every refresh token descended from one code). Only
// SHA-256 fingerprints of the cookie and of refresh tokens are stored.
#pragma once
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "domain/timestamp.h"
#include "sqlite_db.h"

namespace leads {

// A provider session and a refresh family both end 24 hours after the sign-in that began them.
constexpr TimeMs kProviderSessionMs = 24LL * 60 * 60 * 1000;

struct ProviderSession {
  std::string sid;  // public id (the sid claim); the cookie's secret is another value
  std::string oid;  // the account signed in
  TimeMs auth_time = 0;
  TimeMs expires_at = 0;
};

struct StartedSession {
  ProviderSession session;
  std::string cookie;  // the secret for the browser; only its hash is kept
};

// What a refresh token stands for: the grant of the code its family started from.
struct RefreshGrant {
  std::string family_id;
  std::string sid;
  std::string client_id;
  std::string oid;
  std::string scope;
  TimeMs auth_time = 0;
};

enum class RefreshOutcome {
  Rotated,      // the token was current: `token` is its successor
  Unknown,      // never issued here (or long forgotten)
  Reused,       // already rotated: a copy is in someone else's hands, so the family is now revoked
  Ended,        // its family was revoked, expired, or its session ended
  OtherClient,  // issued to another client: nothing changed
  WiderScope,   // the refresh asked for more than the family was granted: nothing changed
};

struct RefreshResult {
  RefreshOutcome outcome = RefreshOutcome::Unknown;
  RefreshGrant grant;
  std::string token;
};

class SessionStore {
 public:
  bool open(const std::string& path, std::string& error);

  // A new session for the account, or the cookie's own when it is live and of that same account (auth_time renewed).
  std::optional<StartedSession> start(const std::string& oid, const std::string& cookie, TimeMs now);
  std::optional<ProviderSession> find_by_cookie(const std::string& cookie, TimeMs now);
  std::optional<ProviderSession> find(const std::string& sid, TimeMs now);
  // Ends the session and revokes every refresh family it began. False when there was no such live session.
  bool end(const std::string& sid, TimeMs now);

  // A new family for `grant` (its family_id is set here); returns the first refresh token, empty on failure.
  std::string start_family(RefreshGrant& grant, TimeMs now);
  // `asked_scope` (empty: the family's own) must be within what the family was granted.
  RefreshResult rotate(const std::string& refresh_token, const std::string& client_id, const std::string& asked_scope,
                       TimeMs now);
  void revoke_family(const std::string& family_id, const std::string& reason, TimeMs now);
  // RFC 7009: the family of `refresh_token`, when it was issued to `client_id`; unknown tokens are ignored.
  void revoke_token(const std::string& refresh_token, const std::string& client_id, TimeMs now);

 private:
  bool end_locked(const std::string& sid, TimeMs now);
  void revoke_family_locked(const std::string& family_id, const std::string& reason, TimeMs now);
  std::int64_t tokens_in_family_locked(const std::string& family_id);
  std::string add_token_locked(const std::string& family_id, TimeMs now);
  std::optional<ProviderSession> live_session_locked(const char* sql, const std::string& key, TimeMs now);
  void forget_old_locked(TimeMs now);

  std::mutex mutex_;
  Database db_;
};

}  // namespace leads
