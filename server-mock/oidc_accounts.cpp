// Password hashing with OpenSSL's PBKDF2 and the accounts table.
#include "oidc_accounts.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstdlib>
#include <vector>

#include "demo_accounts.h"

namespace leads {

namespace {
constexpr const char* kScheme = "pbkdf2-sha256";
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;
// A stored count above this is refused rather than run: a tampered row must not pin a worker for minutes.
constexpr long kMaxIterations = 10000000;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS accounts (
  oid TEXT PRIMARY KEY, tid TEXT NOT NULL, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role TEXT NOT NULL, password_hash TEXT NOT NULL);
)sql";

std::string base64(const unsigned char* bytes, std::size_t size) {
  std::string out(4 * ((size + 2) / 3), '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(&out[0]), bytes, static_cast<int>(size));
  out.resize(written > 0 ? static_cast<std::size_t>(written) : 0);
  return out;
}

// Standard padded base64 of exactly `expected` bytes, or nullopt.
std::optional<std::vector<unsigned char>> unbase64(const std::string& text, std::size_t expected) {
  if (text.empty() || text.size() % 4 != 0 || text.size() > 256) return std::nullopt;
  std::vector<unsigned char> out(text.size() / 4 * 3);
  const int written =
      EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (written < 0) return std::nullopt;
  std::size_t size = static_cast<std::size_t>(written);
  for (std::size_t i = text.size(); i > 0 && text[i - 1] == '='; --i) --size;  // EVP_DecodeBlock counts padding
  if (size != expected) return std::nullopt;
  out.resize(size);
  return out;
}

bool derive(const std::string& password, const unsigned char* salt, std::size_t salt_size, long iterations,
            unsigned char* out) {
  return PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt, static_cast<int>(salt_size),
                           static_cast<int>(iterations), EVP_sha256(), static_cast<int>(kHashBytes), out) == 1;
}

// Spent on a sign-in with an unknown e-mail: the same work as a real check.
const std::string& decoy_hash() {
  static const std::string decoy = hash_password("decoy password");
  return decoy;
}
}  // namespace

std::string hash_password(const std::string& password, int iterations) {
  unsigned char salt[kSaltBytes];
  unsigned char hash[kHashBytes];
  if (RAND_bytes(salt, sizeof salt) != 1 || !derive(password, salt, sizeof salt, iterations, hash)) return {};
  return std::string(kScheme) + "$" + std::to_string(iterations) + "$" + base64(salt, sizeof salt) + "$" +
         base64(hash, sizeof hash);
}

bool verify_password(const std::string& password, const std::string& stored) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t dollar; (dollar = stored.find('$', start)) != std::string::npos && parts.size() < 4;
       start = dollar + 1)
    parts.push_back(stored.substr(start, dollar - start));
  parts.push_back(stored.substr(start));
  if (parts.size() != 4 || parts[0] != kScheme || parts[1].empty() || parts[1].size() > 8 ||
      parts[1].find_first_not_of("0123456789") != std::string::npos)
    return false;
  const long iterations = std::strtol(parts[1].c_str(), nullptr, 10);
  const auto salt = unbase64(parts[2], kSaltBytes);
  const auto expected = unbase64(parts[3], kHashBytes);
  if (iterations < 1 || iterations > kMaxIterations || !salt || !expected) return false;
  unsigned char actual[kHashBytes];
  if (!derive(password, salt->data(), salt->size(), iterations, actual)) return false;
  return CRYPTO_memcmp(actual, expected->data(), kHashBytes) == 0;
}

bool AccountStore::open(const std::string& path, std::string& error) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!db_.open(path) || !db_.exec(kSchema)) {
    error = "cannot open the accounts of " + path + ": " + db_.error();
    return false;
  }
  return true;
}

bool AccountStore::seed_if_empty_locked() {
  if (seeded_) return true;
  decoy_hash();  // made now, so that the first unknown e-mail does not take twice as long as the others
  Statement count(db_.handle(), "SELECT COUNT(*) FROM accounts");
  if (count.step() != SQLITE_ROW) return false;
  if (count.integer(0) == 0) {
    if (!db_.exec("BEGIN IMMEDIATE")) return false;
    Statement insert(db_.handle(),
                     "INSERT OR IGNORE INTO accounts (oid, tid, name, email, role, password_hash) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    for (const DemoAccount& account : kDemoAccounts) {
      const std::string hash = hash_password(account.password);
      insert.reset();
      insert.bind(1, std::string(account.oid))
          .bind(2, std::string(kDemoTenantId))
          .bind(3, std::string(account.name))
          .bind(4, std::string(account.email))
          .bind(5, std::string(account.role))
          .bind(6, hash);
      if (hash.empty() || insert.step() != SQLITE_DONE) {
        db_.exec("ROLLBACK");
        return false;
      }
    }
    if (!db_.exec("COMMIT")) {
      db_.exec("ROLLBACK");
      return false;
    }
  }
  seeded_ = true;
  return true;
}

std::optional<Account> AccountStore::read_locked(const char* sql, const std::string& key, std::string* password_hash) {
  Statement select(db_.handle(), sql);
  select.bind(1, key);
  if (select.step() != SQLITE_ROW) return std::nullopt;
  Account account{select.text(0), select.text(1), select.text(2), select.text(3), select.text(4)};
  if (password_hash) *password_hash = select.text(5);
  return account;
}

std::optional<Account> AccountStore::sign_in(const std::string& email, const std::string& password) {
  std::optional<Account> account;
  std::string stored;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    seed_if_empty_locked();
    account =
        read_locked("SELECT oid, tid, name, email, role, password_hash FROM accounts WHERE email = ?1", email, &stored);
  }
  // Hashed outside the lock: sign-ins of different people do not wait for each other.
  const bool matches = verify_password(password, account ? stored : decoy_hash());
  if (!account || !matches) return std::nullopt;
  return account;
}

std::optional<Account> AccountStore::find(const std::string& oid) {
  std::lock_guard<std::mutex> lock(mutex_);
  seed_if_empty_locked();
  return read_locked("SELECT oid, tid, name, email, role, password_hash FROM accounts WHERE oid = ?1", oid, nullptr);
}

}  // namespace leads
