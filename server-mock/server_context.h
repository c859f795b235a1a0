// What every route shares: the serve options, the clock, the store, the requests in flight and the test-mode faults.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clock.h"
#include "faults.h"
#include "idempotency.h"
#include "referral_store.h"

namespace leads {

constexpr const char* kReferralsBase = "/v1.0/engagements/referrals";

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 = any free port
  std::string db = "server-mock.db";
  std::string app_dir;  // empty: no static files
  std::uint64_t seed = 1;
  std::size_t leads = 300;
  std::string secret;  // empty: the data folder's own random secret (token.h, data_folder_secret)
  bool dev_sign_in = false;
  int dev_token_seconds = 3600;  // lifetime of a dev sign-in token (short ones test the token refresh)
  bool test_mode = false;
  std::string frame_ancestors = "'self'";
  std::string frame_src = "'self'";  // which sites pages served here may frame (the demo portal frames the app)
  std::vector<std::string> cors_origins;
  // The origin clients reach this server at (scheme://host[:port]): absolute links (@odata.nextLink, Location)
  // are built from it, and the Host header must name it. Empty: http://HOST:PORT as bound.
  std::string public_origin;
  std::string test_token;                    // test mode: /_mock/* needs "Authorization: Bearer <test_token>"
  std::size_t page_cap = kListPageMaxItems;  // the client's page: record_limits.h keeps such a page readable
  std::size_t max_body = 1 << 20;
  int threads = 8;
  std::optional<TimeMs> now;  // start the clock at this instant (deterministic seeding)
};

struct ServerContext {
  ServeOptions options;
  Clock clock;
  ReferralStore store;
  RequestGate requests;  // MS-RequestIds being handled right now
  Faults faults;
  std::string bound_host;               // host:port actually listened on
  std::string origin;                   // public_origin, or http://bound_host: the base of absolute links
  std::vector<std::string> host_names;  // the Host header values this server answers to (lower case)
};

}  // namespace leads
