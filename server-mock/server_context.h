// What every route shares: the serve options, the clock, the store, the requests in flight, the test-mode faults,
// the signing keys and the identity provider.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clock.h"
#include "domain/partner_links.h"
#include "faults.h"
#include "idempotency.h"
#include "key_ring.h"
#include "listing_cache.h"
#include "oidc_clients.h"
#include "oidc_provider.h"
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
  bool dev_sign_in = false;
  int dev_token_seconds = 3600;  // lifetime of a dev sign-in token (short ones test the token refresh)
  bool test_mode = false;
  std::string frame_ancestors = "'self'";
  std::string frame_src = "'self'";  // which sites pages served here may frame (the demo portal frames the app)
  // which origins pages served here may fetch from (the demo portal signs in at the app's identity provider)
  std::string connect_src = "'self'";
  std::vector<std::string> cors_origins;
  // The origin clients reach this server at (scheme://host[:port]): absolute links (@odata.nextLink, Location)
  // are built from it, and the Host header must name it. Empty: http://HOST:PORT as bound.
  std::string public_origin;
  std::string test_token;                    // test mode: /_mock/* needs "Authorization: Bearer <test_token>"
  std::size_t page_cap = kListPageMaxItems;  // the client's page: record_limits.h keeps such a page readable
  std::size_t max_body = 1 << 20;
  int threads = 8;
  std::optional<TimeMs> now;  // start the clock at this instant (deterministic seeding)
  // The identity provider: its clients (none: kDefaultClientId at {origin}/) and the lifetime of the access and ID
  // tokens it issues.
  std::vector<OidcClient> clients;
  int access_token_seconds = 3600;
  // What /app-config.json tells the app to sign in with; empty: this server as the provider (oidc_provider.h).
  std::string sign_in_authority;
  std::string sign_in_client_id;
  std::string sign_in_scopes;
  std::string sign_in_redirect_uri;
  // What /app-config.json gives as the partner's business profile page (the "Getting more leads" next step).
  std::string business_profile_url{kDefaultBusinessProfileUrl};
};

struct ServerContext {
  ServeOptions options;
  Clock clock;
  ReferralStore store;
  ListingCache listings;  // the leads of recent list queries, filtered and sorted, while the store is unchanged
  RequestGate requests;   // MS-RequestIds being handled right now
  Faults faults;
  std::optional<KeyRing> keys;  // the data folder's signing keys (key_ring.h): set at start-up
  OidcProvider oidc;
  std::string bound_host;               // host:port actually listened on
  std::string origin;                   // public_origin, or http://bound_host: the base of absolute links
  std::vector<std::string> host_names;  // the Host header values this server answers to (lower case)
};

}  // namespace leads
