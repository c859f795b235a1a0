// The OpenID Connect provider's wire: its discovery document (OIDC Discovery §3, §4.3), the token endpoint's requests
// (RFC 6749 §4.1.3 with PKCE, §6) and answers (§5.1, §5.2), and the URL encoding they use. No I/O: a Transport
// carries them.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "api/http.h"
#include "domain/encoding.h"

namespace leads {

// [SECTION] URL and form encoding

using QueryPairs = std::vector<std::pair<std::string, std::string>>;

std::string form_encode(const QueryPairs& fields);  // "a=1&b=x%20y"
// "?a=1&b=x+y" or "a=1…" → the pairs, '+' read as a space, percent escapes decoded (a bad escape is kept as is).
QueryPairs read_query(const std::string& query);
const std::string* query_value(const QueryPairs& pairs, const std::string& key);  // the first one

// [SECTION] discovery

struct ProviderMetadata {
  std::string issuer;
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string end_session_endpoint;  // empty: the provider has no sign-out page
  std::string revocation_endpoint;   // empty: none
};

// {authority}/.well-known/openid-configuration (a trailing slash of the authority is not doubled).
std::string discovery_url(const std::string& authority);
HttpRequest discovery_request(const std::string& authority);

struct DiscoveryResult {
  std::optional<ProviderMetadata> metadata;
  std::string problem;  // why not, for the log and the details: "network", "status 404", "issuer", "json", …
};
// The issuer must be the authority the document was asked of (§4.3): a document naming another issuer is refused
// (one provider's document must not send the app to another's endpoints). Authorization and token endpoints are
// required.
DiscoveryResult read_discovery(const HttpResponse& response, const std::string& authority);

// [SECTION] the token endpoint

struct CodeExchange {
  std::string code;
  std::string redirect_uri;
  std::string client_id;
  std::string code_verifier;
};
HttpRequest code_exchange_request(const std::string& token_endpoint, const CodeExchange& exchange);
HttpRequest refresh_request(const std::string& token_endpoint, const std::string& refresh_token,
                            const std::string& client_id);

struct TokenAnswer {
  std::string access_token;
  std::string id_token;           // may be absent from a refresh answer
  std::string refresh_token;      // absent when the scope had no offline_access
  std::int64_t expires_in_s = 0;  // 0: not said
  std::string scope;
};

enum class TokenFailure {
  Refused,     // an error answer of RFC 6749 §5.2 (invalid_grant, …), or any other 4xx
  Network,     // no answer, a 5xx or 429: may work later
  Unreadable,  // a 200 that is not a token answer
};
struct TokenError {
  TokenFailure failure = TokenFailure::Unreadable;
  std::string error;  // the §5.2 code when the provider said one, else a short reason ("status 502", "json", …)
  std::string description;
  int status = 0;
};
using TokenResult = std::variant<TokenAnswer, TokenError>;

TokenResult read_token_answer(const HttpResponse& response);

}  // namespace leads
