// Provider sessions and refresh-token families in SQLite.
//
// [SECTION] schema and housekeeping
// [SECTION] sessions
// [SECTION] refresh families
#include "oidc_sessions.h"

#include "clock.h"
#include "http_util.h"
#include "oidc_scopes.h"
#include "oidc_secrets.h"
#include "token.h"

namespace leads {

namespace {

// [SECTION] schema and housekeeping --------------------------------------------------------------

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS idp_sessions (
  sid TEXT PRIMARY KEY, cookie_hash TEXT NOT NULL UNIQUE, oid TEXT NOT NULL, auth_time INTEGER NOT NULL,
  expires_at INTEGER NOT NULL, ended_at INTEGER);
CREATE INDEX IF NOT EXISTS idp_sessions_by_oid ON idp_sessions (oid);
CREATE TABLE IF NOT EXISTS refresh_families (
  id TEXT PRIMARY KEY, sid TEXT NOT NULL, client_id TEXT NOT NULL, oid TEXT NOT NULL, scope TEXT NOT NULL,
  auth_time INTEGER NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, revoked_at INTEGER,
  revoked_reason TEXT);
CREATE INDEX IF NOT EXISTS refresh_families_by_sid ON refresh_families (sid);
CREATE TABLE IF NOT EXISTS refresh_tokens (
  token_hash TEXT PRIMARY KEY, family_id TEXT NOT NULL, issued_at INTEGER NOT NULL, rotated_at INTEGER);
CREATE INDEX IF NOT EXISTS refresh_tokens_by_family ON refresh_tokens (family_id);
)sql";

// Caps, so that no caller can grow the tables without end: live sessions per account, live families per session,
// tokens per family (a family refreshed more often than any app would is revoked).
constexpr std::int64_t kMaxSessionsPerAccount = 100;
constexpr std::int64_t kMaxFamiliesPerSession = 100;
constexpr std::int64_t kMaxTokensPerFamily = 20000;
// Ended sessions and families are kept this long (reuse of a revoked family's token still reads as such), then
// deleted.
constexpr TimeMs kKeepEndedMs = 24LL * 60 * 60 * 1000;

std::int64_t count(Database& db, const char* sql, const std::string& key, TimeMs now) {
  Statement select(db.handle(), sql);
  select.bind(1, key).bind(2, static_cast<std::int64_t>(now));
  return select.step() == SQLITE_ROW ? select.integer(0) : 0;
}

}  // namespace

bool SessionStore::open(const std::string& path, std::string& error) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!db_.open(path) || !db_.exec(kSchema)) {
    error = "cannot open the provider sessions of " + path + ": " + db_.error();
    return false;
  }
  forget_old_locked(Clock::system_now());
  return true;
}

void SessionStore::forget_old_locked(TimeMs now) {
  const std::int64_t before = now - kKeepEndedMs;
  Statement tokens(db_.handle(),
                   "DELETE FROM refresh_tokens WHERE family_id IN (SELECT id FROM refresh_families WHERE "
                   "expires_at < ?1 OR revoked_at < ?1)");
  Statement families(db_.handle(), "DELETE FROM refresh_families WHERE expires_at < ?1 OR revoked_at < ?1");
  Statement sessions(db_.handle(), "DELETE FROM idp_sessions WHERE expires_at < ?1 OR ended_at < ?1");
  for (Statement* statement : {&tokens, &families, &sessions}) {
    statement->bind(1, before);
    statement->step();
  }
}

// [SECTION] sessions -----------------------------------------------------------------------------

std::optional<ProviderSession> SessionStore::live_session_locked(const char* sql, const std::string& key, TimeMs now) {
  Statement select(db_.handle(), sql);
  select.bind(1, key).bind(2, static_cast<std::int64_t>(now));
  if (select.step() != SQLITE_ROW) return std::nullopt;
  return ProviderSession{select.text(0), select.text(1), select.integer(2), select.integer(3)};
}

std::optional<ProviderSession> SessionStore::find_by_cookie(const std::string& cookie, TimeMs now) {
  if (cookie.empty()) return std::nullopt;
  std::lock_guard<std::mutex> lock(mutex_);
  return live_session_locked(
      "SELECT sid, oid, auth_time, expires_at FROM idp_sessions WHERE cookie_hash = ?1 AND ended_at IS NULL AND "
      "expires_at > ?2",
      sha256_hex(cookie), now);
}

std::optional<ProviderSession> SessionStore::find(const std::string& sid, TimeMs now) {
  std::lock_guard<std::mutex> lock(mutex_);
  return live_session_locked(
      "SELECT sid, oid, auth_time, expires_at FROM idp_sessions WHERE sid = ?1 AND ended_at IS NULL AND "
      "expires_at > ?2",
      sid, now);
}

std::optional<StartedSession> SessionStore::start(const std::string& oid, const std::string& cookie, TimeMs now) {
  std::lock_guard<std::mutex> lock(mutex_);
  forget_old_locked(now);
  if (!cookie.empty()) {
    auto current = live_session_locked(
        "SELECT sid, oid, auth_time, expires_at FROM idp_sessions WHERE cookie_hash = ?1 AND ended_at IS NULL AND "
        "expires_at > ?2",
        sha256_hex(cookie), now);
    if (current && current->oid == oid) {
      Statement renew(db_.handle(), "UPDATE idp_sessions SET auth_time = ?2, expires_at = ?3 WHERE sid = ?1");
      renew.bind(1, current->sid).bind(2, static_cast<std::int64_t>(now)).bind(3, now + kProviderSessionMs);
      if (renew.step() != SQLITE_DONE) return std::nullopt;
      current->auth_time = now;
      current->expires_at = now + kProviderSessionMs;
      return StartedSession{*current, cookie};
    }
    if (current) end_locked(current->sid, now);  // another person signs in on this browser
  }
  if (count(db_, "SELECT COUNT(*) FROM idp_sessions WHERE oid = ?1 AND ended_at IS NULL AND expires_at > ?2", oid,
            now) >= kMaxSessionsPerAccount) {
    Statement oldest(db_.handle(),
                     "SELECT sid FROM idp_sessions WHERE oid = ?1 AND ended_at IS NULL AND expires_at > ?2 "
                     "ORDER BY auth_time LIMIT 1");
    oldest.bind(1, oid).bind(2, static_cast<std::int64_t>(now));
    if (oldest.step() == SQLITE_ROW) end_locked(oldest.text(0), now);
  }
  StartedSession started{ProviderSession{new_uuid(), oid, now, now + kProviderSessionMs},
                         random_base64url(kSecretBytes)};
  if (started.cookie.empty()) return std::nullopt;
  Statement insert(
      db_.handle(),
      "INSERT INTO idp_sessions (sid, cookie_hash, oid, auth_time, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)");
  insert.bind(1, started.session.sid)
      .bind(2, sha256_hex(started.cookie))
      .bind(3, oid)
      .bind(4, static_cast<std::int64_t>(now))
      .bind(5, started.session.expires_at);
  if (insert.step() != SQLITE_DONE) return std::nullopt;
  return started;
}

bool SessionStore::end_locked(const std::string& sid, TimeMs now) {
  Statement end(db_.handle(), "UPDATE idp_sessions SET ended_at = ?2 WHERE sid = ?1 AND ended_at IS NULL");
  end.bind(1, sid).bind(2, static_cast<std::int64_t>(now));
  end.step();
  const bool ended = db_.changes() > 0;
  Statement revoke(db_.handle(),
                   "UPDATE refresh_families SET revoked_at = ?2, revoked_reason = 'signed out' "
                   "WHERE sid = ?1 AND revoked_at IS NULL");
  revoke.bind(1, sid).bind(2, static_cast<std::int64_t>(now));
  revoke.step();
  return ended;
}

bool SessionStore::end(const std::string& sid, TimeMs now) {
  std::lock_guard<std::mutex> lock(mutex_);
  return end_locked(sid, now);
}

// [SECTION] refresh families ---------------------------------------------------------------------

std::int64_t SessionStore::tokens_in_family_locked(const std::string& family_id) {
  Statement select(db_.handle(), "SELECT COUNT(*) FROM refresh_tokens WHERE family_id = ?1");
  select.bind(1, family_id);
  return select.step() == SQLITE_ROW ? select.integer(0) : 0;
}

std::string SessionStore::add_token_locked(const std::string& family_id, TimeMs now) {
  const std::string token = random_base64url(kSecretBytes);
  if (token.empty()) return {};
  Statement insert(db_.handle(), "INSERT INTO refresh_tokens (token_hash, family_id, issued_at) VALUES (?1, ?2, ?3)");
  insert.bind(1, sha256_hex(token)).bind(2, family_id).bind(3, static_cast<std::int64_t>(now));
  return insert.step() == SQLITE_DONE ? token : std::string();
}

void SessionStore::revoke_family_locked(const std::string& family_id, const std::string& reason, TimeMs now) {
  Statement revoke(db_.handle(),
                   "UPDATE refresh_families SET revoked_at = ?2, revoked_reason = ?3 WHERE id = ?1 AND "
                   "revoked_at IS NULL");
  revoke.bind(1, family_id).bind(2, static_cast<std::int64_t>(now)).bind(3, reason);
  revoke.step();
}

void SessionStore::revoke_family(const std::string& family_id, const std::string& reason, TimeMs now) {
  std::lock_guard<std::mutex> lock(mutex_);
  revoke_family_locked(family_id, reason, now);
}

std::string SessionStore::start_family(RefreshGrant& grant, TimeMs now) {
  std::lock_guard<std::mutex> lock(mutex_);
  forget_old_locked(now);
  if (count(db_, "SELECT COUNT(*) FROM refresh_families WHERE sid = ?1 AND revoked_at IS NULL AND expires_at > ?2",
            grant.sid, now) >= kMaxFamiliesPerSession) {
    Statement oldest(db_.handle(),
                     "SELECT id FROM refresh_families WHERE sid = ?1 AND revoked_at IS NULL AND expires_at > ?2 "
                     "ORDER BY created_at LIMIT 1");
    oldest.bind(1, grant.sid).bind(2, static_cast<std::int64_t>(now));
    if (oldest.step() == SQLITE_ROW) revoke_family_locked(oldest.text(0), "too many families", now);
  }
  grant.family_id = new_uuid();
  if (!db_.exec("BEGIN IMMEDIATE")) return {};
  Statement insert(db_.handle(),
                   "INSERT INTO refresh_families (id, sid, client_id, oid, scope, auth_time, created_at, expires_at) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  insert.bind(1, grant.family_id)
      .bind(2, grant.sid)
      .bind(3, grant.client_id)
      .bind(4, grant.oid)
      .bind(5, grant.scope)
      .bind(6, static_cast<std::int64_t>(grant.auth_time))
      .bind(7, static_cast<std::int64_t>(now))
      .bind(8, now + kProviderSessionMs);
  const std::string token = insert.step() == SQLITE_DONE ? add_token_locked(grant.family_id, now) : std::string();
  if (token.empty() || !db_.exec("COMMIT")) {
    db_.exec("ROLLBACK");
    return {};
  }
  return token;
}

RefreshResult SessionStore::rotate(const std::string& refresh_token, const std::string& client_id,
                                   const std::string& asked_scope, TimeMs now) {
  std::lock_guard<std::mutex> lock(mutex_);
  RefreshResult result;
  Statement select(db_.handle(),
                   "SELECT t.family_id, t.rotated_at IS NOT NULL, f.sid, f.client_id, f.oid, f.scope, f.auth_time, "
                   "f.expires_at, f.revoked_at IS NOT NULL FROM refresh_tokens t JOIN refresh_families f "
                   "ON f.id = t.family_id WHERE t.token_hash = ?1");
  select.bind(1, sha256_hex(refresh_token));
  if (select.step() != SQLITE_ROW) return result;  // Unknown
  RefreshGrant& grant = result.grant;
  grant.family_id = select.text(0);
  const bool rotated = select.integer(1) != 0;
  grant.sid = select.text(2);
  grant.client_id = select.text(3);
  grant.oid = select.text(4);
  grant.scope = select.text(5);
  grant.auth_time = select.integer(6);
  const TimeMs expires_at = select.integer(7);
  const bool revoked = select.integer(8) != 0;
  select.reset();  // no read left open while the writes below run

  if (grant.client_id != client_id) {
    result.outcome = RefreshOutcome::OtherClient;
  } else if (!rotated && !asked_scope.empty() &&
             (!scope_within(asked_scope, grant.scope) || !has_scope(asked_scope, "openid"))) {
    result.outcome = RefreshOutcome::WiderScope;
  } else if (rotated) {
    revoke_family_locked(grant.family_id, "refresh token reused", now);
    result.outcome = RefreshOutcome::Reused;
  } else if (revoked || expires_at <= now ||
             !live_session_locked("SELECT sid, oid, auth_time, expires_at FROM idp_sessions WHERE sid = ?1 AND "
                                  "ended_at IS NULL AND expires_at > ?2",
                                  grant.sid, now) ||
             tokens_in_family_locked(grant.family_id) >= kMaxTokensPerFamily) {
    revoke_family_locked(grant.family_id, "ended", now);
    result.outcome = RefreshOutcome::Ended;
  } else {
    // Rotation is one transaction: the old token is spent exactly when its successor exists.
    if (!db_.exec("BEGIN IMMEDIATE")) return result;
    Statement spend(db_.handle(),
                    "UPDATE refresh_tokens SET rotated_at = ?2 WHERE token_hash = ?1 AND rotated_at IS NULL");
    spend.bind(1, sha256_hex(refresh_token)).bind(2, static_cast<std::int64_t>(now));
    const bool spent = spend.step() == SQLITE_DONE && db_.changes() == 1;
    result.token = spent ? add_token_locked(grant.family_id, now) : std::string();
    if (result.token.empty() || !db_.exec("COMMIT")) {
      db_.exec("ROLLBACK");
      result.token.clear();
      return result;  // Unknown: the caller answers invalid_grant, nothing changed
    }
    result.outcome = RefreshOutcome::Rotated;
  }
  return result;
}

void SessionStore::revoke_token(const std::string& refresh_token, const std::string& client_id, TimeMs now) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement select(db_.handle(),
                   "SELECT f.id FROM refresh_tokens t JOIN refresh_families f ON f.id = t.family_id "
                   "WHERE t.token_hash = ?1 AND f.client_id = ?2");
  select.bind(1, sha256_hex(refresh_token)).bind(2, client_id);
  if (select.step() == SQLITE_ROW) revoke_family_locked(select.text(0), "revoked by the client", now);
}

}  // namespace leads
