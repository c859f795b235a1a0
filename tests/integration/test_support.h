// Shared helpers of the integration tests: one long-lived test-mode server, tokens, JSON replies.
#pragma once
#include <httplib.h>

#include <string>

#include "api/referrals_api.h"
#include "domain/referral_json.h"
#include "server_process.h"

namespace leads::testing {

constexpr const char* kBase = "/v1.0/engagements/referrals";
constexpr const char* kSecret = "integration-secret";
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

std::string admin_token(const std::string& secret = kSecret);
std::string token_for(const std::string& role, long long ttl_seconds = 3600, const std::string& secret = kSecret,
                      const std::string& oid = "11111111-2222-4333-8444-555555555555");
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
