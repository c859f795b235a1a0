// The applications registered with server-mock's identity provider: each a public client (no secret) with the exact
// redirect URIs it may receive codes at, which are also where it may be sent back after a sign-out.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace leads {

constexpr const char* kDefaultClientId = "leads-workspace";

struct OidcClient {
  std::string id;
  std::vector<std::string> redirect_uris;
};

// `ID=URI[,URI…]` (serve --client): nullopt with `error` set when the id or a URI is not acceptable (absolute
// http(s) without a fragment, bounded lengths, at most a few URIs).
std::optional<OidcClient> parse_client_option(const std::string& text, std::string& error);

// "scheme://host[:port]" of an absolute URI, lower case; empty when it has none.
std::string origin_of(const std::string& uri);

class ClientRegistry {
 public:
  ClientRegistry() = default;
  // The given clients, or when there are none the app served here: kDefaultClientId with `{origin}/`.
  ClientRegistry(std::vector<OidcClient> clients, const std::string& origin);

  const OidcClient* find(const std::string& client_id) const;
  // Exact string match, as OAuth 2.0 Security BCP wants (no prefix, no wildcard, no normalising).
  bool redirect_allowed(const OidcClient& client, const std::string& redirect_uri) const;
  // Browsers of these origins may call /token and /revoke (CORS): the origins of every registered redirect URI.
  bool origin_allowed(const std::string& origin) const;
  // The origins a sign-in form may be sent on to (its CSP form-action: the redirect after the POST counts).
  std::vector<std::string> redirect_origins() const;
  const std::vector<OidcClient>& all() const { return clients_; }

 private:
  std::vector<OidcClient> clients_;
};

}  // namespace leads
