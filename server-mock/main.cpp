// server-mock's command line: `serve`, `token`, `rotate-keys` and `seed`.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "domain/referral_json.h"
#include "key_ring.h"
#include "oidc_clients.h"
#include "referral_store.h"
#include "seed.h"
#include "server.h"
#include "token.h"

namespace {

using namespace leads;

constexpr const char* kUsage =
    "usage:\n"
    "  server-mock serve [--host 127.0.0.1] [--port 8080|0] [--db FILE] [--app-dir DIR] [--seed S] [--leads N]\n"
    "                    [--dev-sign-in] [--test-mode --test-token T] [--frame-ancestors LIST] [--frame-src LIST]\n"
    "                    [--connect-src LIST]\n"
    "                    [--cors-origin ORIGIN|null]... [--public-origin URL] [--dev-token-seconds 3600]\n"
    "                    [--page-cap 1000] [--max-body BYTES] [--threads 8] [--now ISO-8601]\n"
    "                    [--client ID=URI[,URI...]]... [--access-token-seconds 3600]\n"
    "                    [--authority URL] [--client-id ID] [--scopes S] [--redirect-uri URI]\n"
    "                    [--business-profile-url URL]\n"
    "  server-mock token --db FILE [--issuer http://127.0.0.1:8080] [--role \"Referrals admin\"] [--name N]\n"
    "                    [--email E] [--oid ID] [--ttl-seconds 3600]\n"
    "  server-mock rotate-keys --db FILE\n"
    "--test-token (or LEADS_MOCK_TEST_TOKEN): the bearer token test-mode routes (/_mock/*) need; without one a\n"
    "random one is printed after the \"listening on\" line.\n"
    "Tokens are RS256 JWTs signed with the data folder's own RSA keys, kept in server-mock.keys beside the database\n"
    "(created on first use, mode 0600). Their issuer (iss) is the server's origin: --public-origin, or\n"
    "http://HOST:PORT as bound (token --issuer must name it).\n"
    "rotate-keys: a new key signs, the previous one stays published, the one before is dropped; a running server\n"
    "uses the new keys from its next start (test mode: POST /_mock/rotate-keys).\n"
    "--client: an application that may sign people in here (its exact redirect URIs, also its post-logout ones);\n"
    "without one, \"leads-workspace\" at {origin}/. --authority, --client-id, --scopes, --redirect-uri: what\n"
    "/app-config.json tells the app to sign in with (default: this server as the provider).\n"
    "--business-profile-url: the partner's business profile page /app-config.json links to (default: Partner\n"
    "Center's).\n"
    "  server-mock seed --db FILE [--seed S] [--leads N] [--now ISO-8601]\n";

// Walks argv: flags without values and options with one.
class Args {
 public:
  Args(int argc, char** argv, int first) : argc_(argc), argv_(argv), index_(first) {}
  bool next(std::string& name) {
    if (index_ >= argc_) return false;
    name = argv_[index_++];
    return true;
  }
  bool value(const std::string& name, std::string& out) {
    if (index_ >= argc_) {
      std::fprintf(stderr, "server-mock: %s needs a value\n", name.c_str());
      return false;
    }
    out = argv_[index_++];
    return true;
  }

 private:
  int argc_;
  char** argv_;
  int index_;
};

bool to_number(const std::string& name, const std::string& text, unsigned long long max, unsigned long long& out) {
  char* end = nullptr;
  errno = 0;
  out = std::strtoull(text.c_str(), &end, 10);
  if (text.empty() || text[0] == '-' || *end != '\0' || errno != 0 || out > max) {
    std::fprintf(stderr, "server-mock: %s must be a number from 0 to %llu, not \"%s\"\n", name.c_str(), max,
                 text.c_str());
    return false;
  }
  return true;
}

bool to_time(const std::string& name, const std::string& text, std::optional<TimeMs>& out) {
  out = parse_iso8601(text);
  if (!out)
    std::fprintf(stderr, "server-mock: %s must be an ISO-8601 date-time, not \"%s\"\n", name.c_str(), text.c_str());
  return out.has_value();
}

int serve(int argc, char** argv) {
  ServeOptions options;
  if (const char* token = std::getenv("LEADS_MOCK_TEST_TOKEN"); token && std::strlen(token) >= 16)
    options.test_token = token;
  bool frame_ancestors_given = false;
  Args args(argc, argv, 2);
  std::string name, value;
  unsigned long long number = 0;
  while (args.next(name)) {
    if (name == "--dev-sign-in")
      options.dev_sign_in = true;
    else if (name == "--test-mode")
      options.test_mode = true;
    else if (!args.value(name, value))
      return 2;
    else if (name == "--host")
      options.host = value;
    else if (name == "--port") {
      if (!to_number(name, value, 65535, number)) return 2;
      options.port = static_cast<int>(number);
    } else if (name == "--db")
      options.db = value;
    else if (name == "--app-dir")
      options.app_dir = value;
    else if (name == "--seed") {
      if (!to_number(name, value, ~0ULL, number)) return 2;
      options.seed = number;
    } else if (name == "--leads") {
      if (!to_number(name, value, 100000, number)) return 2;
      options.leads = number;
    } else if (name == "--test-token") {
      if (value.size() < 16) {
        std::fprintf(stderr, "server-mock: --test-token must be at least 16 characters\n");
        return 2;
      }
      options.test_token = value;
    } else if (name == "--public-origin")
      options.public_origin = value;
    else if (name == "--frame-src")
      options.frame_src = value;
    else if (name == "--connect-src")
      options.connect_src = value;
    else if (name == "--frame-ancestors") {
      options.frame_ancestors = frame_ancestors_given ? options.frame_ancestors + " " + value : value;
      frame_ancestors_given = true;
    } else if (name == "--cors-origin")
      options.cors_origins.push_back(value);
    else if (name == "--dev-token-seconds") {
      if (!to_number(name, value, 86400, number) || number == 0) return 2;
      options.dev_token_seconds = static_cast<int>(number);
    } else if (name == "--page-cap") {
      if (!to_number(name, value, 100000, number) || number == 0) return 2;
      options.page_cap = number;
    } else if (name == "--max-body") {
      if (!to_number(name, value, 1ULL << 30, number) || number == 0) return 2;
      options.max_body = number;
    } else if (name == "--threads") {
      if (!to_number(name, value, 256, number) || number == 0) return 2;
      options.threads = static_cast<int>(number);
    } else if (name == "--now") {
      if (!to_time(name, value, options.now)) return 2;
    } else if (name == "--client") {
      std::string error;
      const auto client = parse_client_option(value, error);
      if (!client) {
        std::fprintf(stderr, "server-mock: %s\n", error.c_str());
        return 2;
      }
      options.clients.push_back(*client);
    } else if (name == "--access-token-seconds") {
      if (!to_number(name, value, 86400, number) || number == 0) return 2;
      options.access_token_seconds = static_cast<int>(number);
    } else if (name == "--authority")
      options.sign_in_authority = value;
    else if (name == "--client-id")
      options.sign_in_client_id = value;
    else if (name == "--scopes")
      options.sign_in_scopes = value;
    else if (name == "--redirect-uri")
      options.sign_in_redirect_uri = value;
    else if (name == "--business-profile-url")
      options.business_profile_url = value;
    else {
      std::fprintf(stderr, "server-mock: unknown option %s\n%s", name.c_str(), kUsage);
      return 2;
    }
  }
  return run_server(options);
}

int token(int argc, char** argv) {
  Identity identity;
  identity.name = "Deniz Aydın";
  identity.email = "deniz.aydin@contoso.com.tr";
  identity.oid = "7f3c1d2e-5a4b-4c6d-8e9f-0a1b2c3d4e5f";
  identity.tid = "4f5c2a8e-7d1b-4c3e-9a6f-0b2d8e1c5a77";
  std::string role = "Referrals admin";
  std::string issuer = "http://127.0.0.1:8080";
  std::string db;
  unsigned long long ttl = 3600;
  Args args(argc, argv, 2);
  std::string name, value;
  while (args.next(name)) {
    if (!args.value(name, value)) return 2;
    if (name == "--role")
      role = value;
    else if (name == "--name")
      identity.name = value;
    else if (name == "--email")
      identity.email = value;
    else if (name == "--oid")
      identity.oid = value;
    else if (name == "--issuer")
      issuer = value;
    else if (name == "--db")
      db = value;
    else if (name == "--ttl-seconds") {
      if (!to_number(name, value, 10ULL * 365 * 24 * 3600, ttl)) return 2;
    } else {
      std::fprintf(stderr, "server-mock: unknown option %s\n%s", name.c_str(), kUsage);
      return 2;
    }
  }
  if (db.empty()) {
    std::fprintf(stderr, "server-mock: token needs --db FILE (its data folder's keys sign the token)\n");
    return 2;
  }
  while (!issuer.empty() && issuer.back() == '/') issuer.pop_back();  // as the server spells its origin
  std::string error;
  const auto keys = KeyRing::open_for_database(db, error);
  if (!keys) {
    std::fprintf(stderr, "server-mock: %s\n", error.c_str());
    return 1;
  }
  identity.roles = {role};
  identity.issued_at = Clock::system_now();
  identity.expires_at = identity.issued_at + static_cast<TimeMs>(ttl) * 1000;
  const std::string token = keys->sign(access_token_claims(identity, issuer, "server-mock-cli", "cli"));
  if (token.empty()) {
    std::fprintf(stderr, "server-mock: the token could not be signed\n");
    return 1;
  }
  std::printf("%s\n", token.c_str());
  return 0;
}

int rotate_keys(int argc, char** argv) {
  std::string db;
  Args args(argc, argv, 2);
  std::string name, value;
  while (args.next(name)) {
    if (!args.value(name, value)) return 2;
    if (name == "--db") {
      db = value;
    } else {
      std::fprintf(stderr, "server-mock: unknown option %s\n%s", name.c_str(), kUsage);
      return 2;
    }
  }
  if (db.empty()) {
    std::fprintf(stderr, "server-mock: rotate-keys needs --db FILE\n");
    return 2;
  }
  std::string error;
  auto keys = KeyRing::open_for_database(db, error);
  if (!keys || !keys->rotate(error)) {
    std::fprintf(stderr, "server-mock: %s\n", error.c_str());
    return 1;
  }
  std::printf("signing key %s\n", keys->signing_kid().c_str());
  return 0;
}

int seed(int argc, char** argv) {
  std::string db;
  unsigned long long seed_value = 1, leads = 300;
  std::optional<TimeMs> now;
  Args args(argc, argv, 2);
  std::string name, value;
  while (args.next(name)) {
    if (!args.value(name, value)) return 2;
    if (name == "--db")
      db = value;
    else if (name == "--seed") {
      if (!to_number(name, value, ~0ULL, seed_value)) return 2;
    } else if (name == "--leads") {
      if (!to_number(name, value, 100000, leads)) return 2;
    } else if (name == "--now") {
      if (!to_time(name, value, now)) return 2;
    } else {
      std::fprintf(stderr, "server-mock: unknown option %s\n%s", name.c_str(), kUsage);
      return 2;
    }
  }
  if (db.empty()) {
    std::fprintf(stderr, "server-mock: seed needs --db FILE\n");
    return 2;
  }
  ReferralStore store;
  std::string error;
  if (!store.open(db, error)) {
    std::fprintf(stderr, "server-mock: %s\n", error.c_str());
    return 1;
  }
  if (!store.replace_all(seed_referrals(seed_value, leads, now.value_or(Clock::system_now())))) {
    std::fprintf(stderr, "server-mock: seeding %s failed\n", db.c_str());
    return 1;
  }
  std::printf("seeded %llu leads into %s\n", leads, db.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string command = argc > 1 ? argv[1] : "";
  if (command == "serve") return serve(argc, argv);
  if (command == "token") return token(argc, argv);
  if (command == "rotate-keys") return rotate_keys(argc, argv);
  if (command == "seed") return seed(argc, argv);
  std::fprintf(stderr, "%s", kUsage);
  return command == "--help" || command == "-h" ? 0 : 2;
}
