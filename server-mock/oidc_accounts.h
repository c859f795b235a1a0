// The people who can sign in: the SQLite table `accounts` (seeded with the demo accounts, passwords hashed with
// PBKDF2-HMAC-SHA256) and the password check.
#pragma once
#include <mutex>
#include <optional>
#include <string>

#include "sqlite_db.h"

namespace leads {

constexpr int kPasswordHashIterations = 600000;

// "pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>" with a fresh 16-byte salt; empty if the system's random
// generator failed.
std::string hash_password(const std::string& password, int iterations = kPasswordHashIterations);
// Whether `password` matches `stored` (iterations read from it, compared in constant time). A stored string that is
// not of that form (or asks for absurd work) never matches.
bool verify_password(const std::string& password, const std::string& stored);

struct Account {
  std::string oid;
  std::string tid;
  std::string name;
  std::string email;
  std::string role;
};

class AccountStore {
 public:
  // Opens the database beside the referrals' and creates the table when it is missing; the demo accounts are
  // written on first use (hashing them takes a moment, so a server nobody signs in to never pays for it), and only
  // while the table is empty: existing rows are never replaced.
  bool open(const std::string& path, std::string& error);

  // The account whose e-mail (any case) and password match. An unknown e-mail costs one hash too, so the time taken
  // does not tell which e-mails exist.
  std::optional<Account> sign_in(const std::string& email, const std::string& password);
  std::optional<Account> find(const std::string& oid);

 private:
  bool seed_if_empty_locked();
  std::optional<Account> read_locked(const char* sql, const std::string& key, std::string* password_hash);

  std::mutex mutex_;
  Database db_;
  bool seeded_ = false;
};

}  // namespace leads
