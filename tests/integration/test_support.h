// Shared helpers of the integration tests: one long-lived test-mode server, tokens, JSON replies.
#pragma once
#include <httplib.h>

#include <memory>
#include <string>

#include "api/referrals_api.h"
#include "domain/referral_json.h"
#include "key_ring.h"
#include "server_process.h"

namespace leads::testing {

constexpr const char* kBase = "/v1.0/engagements/referrals";
// The shared server's --test-token: test-mode routes (/_mock/*) need it as a bearer token.
constexpr const char* kTestToken = "integration-test-token-5f1c2a";
constexpr const char* kFrameAncestors = "'self' http://127.0.0.2:9999";
constexpr const char* kCorsOrigin = "http://127.0.0.2:9999";

// The server most tests share: test mode, dev sign-in, 300 leads from seed 7, an app folder with a few files.
struct SharedServer {
  TempDir dir;
  TempDir app;
  std::unique_ptr<ServerProcess> process;
  SharedServer();
};
SharedServer& shared_server();
// Resets the shared server's data, clock and faults.
void reset_shared_server(int leads = 300);

// Test tokens are what the server's own provider issues: RS256, signed by the key ring of the server's data folder
// (server-mock.keys beside its database, read by this process too), iss = the server's origin. They are for the
// shared server, unless a TokensFor is alive.
std::string admin_token();
std::string token_for(const std::string& role, long long ttl_seconds = 3600,
                      const std::string& oid = "11111111-2222-4333-8444-555555555555");
// The claims of a good access token (what token_for signs), to change one before signing with sign_claims.
Json access_claims(const std::string& role = "Referrals admin", long long ttl_seconds = 3600,
                   const std::string& oid = "11111111-2222-4333-8444-555555555555");
std::string sign_claims(const Json& claims);
// A good token for the target server but signed by keys it does not know (another provider's).
std::string foreign_token(const std::string& role = "Referrals admin");
// The issuer tokens are signed for: the target server's origin.
std::string token_issuer();
// The target server's key ring as its file holds it now (re-read after a rotation).
std::shared_ptr<const KeyRing> token_keys();

// While alive, admin_token(), token_for() and sign_claims() sign for `server` (its data folder holding `db`, its
// origin) instead of the shared server. Use one per test that starts its own server; retarget() after a restart
// (same data folder, another port).
class TokensFor {
 public:
  TokensFor(const std::string& db, const ServerProcess& server, const std::string& origin = "");
  ~TokensFor();
  TokensFor(const TokensFor&) = delete;
  TokensFor& operator=(const TokensFor&) = delete;
  void retarget(const ServerProcess& server);

 private:
  std::string db_;
  std::string origin_;
  std::string previous_db_, previous_issuer_;
};
httplib::Headers bearer(const std::string& token);
// Authorization for the test-mode routes of the shared server.
httplib::Headers mock_auth();
httplib::Headers with(httplib::Headers headers, const std::string& name, const std::string& value);

Json json_of(const httplib::Result& result);
std::string error_code(const httplib::Result& result);
std::string error_target(const httplib::Result& result);

using leads::url_encode;  // the client's own (api/referrals_api.h): the tests encode queries as the app does
// One referral of the shared server matching `filter` (first by the default order).
Json first_lead(httplib::Client& client, const std::string& filter);
// Injects a new lead through /_mock/referrals and returns it.
Json inject_lead(httplib::Client& client, const Json& body = Json::object());

// `[{"op":"replace","path":…,"value":…}, …]` from pairs.
Json replace_ops(std::initializer_list<std::pair<const char*, Json>> ops);
// The accept patch with every required field.
Json accept_patch();

}  // namespace leads::testing
