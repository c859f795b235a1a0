// Building and reading the OpenID Connect provider's messages: discovery, token requests, token answers.
#include "api/oidc_wire.h"

#include <cctype>

#include "domain/referral_json.h"

namespace leads {

// [SECTION] URL and form encoding ----------------------------------------------------------------

std::string form_encode(const QueryPairs& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    out += percent_encode(name) + "=" + percent_encode(value);
  }
  return out;
}

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string form_decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}
}  // namespace

QueryPairs read_query(const std::string& query) {
  QueryPairs pairs;
  std::size_t start = !query.empty() && query[0] == '?' ? 1 : 0;
  while (start < query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    const std::string pair = query.substr(start, end - start);
    if (!pair.empty()) {
      const auto equals = pair.find('=');
      pairs.emplace_back(form_decode(pair.substr(0, equals)),
                         equals == std::string::npos ? std::string() : form_decode(pair.substr(equals + 1)));
    }
    start = end + 1;
  }
  return pairs;
}

const std::string* query_value(const QueryPairs& pairs, const std::string& key) {
  for (const auto& [name, value] : pairs)
    if (name == key) return &value;
  return nullptr;
}

// [SECTION] discovery ----------------------------------------------------------------------------

namespace {
constexpr JsonLimits kProviderJsonLimits{256 * 1024, 8};

std::string without_trailing_slash(std::string text) {
  if (!text.empty() && text.back() == '/') text.pop_back();
  return text;
}

std::string text_member(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}
}  // namespace

std::string discovery_url(const std::string& authority) {
  return without_trailing_slash(authority) + "/.well-known/openid-configuration";
}

HttpRequest discovery_request(const std::string& authority) {
  HttpRequest request;
  request.url = discovery_url(authority);
  request.timeout_ms = 15000;
  request.max_response_bytes = kProviderJsonLimits.max_bytes;
  return request;
}

DiscoveryResult read_discovery(const HttpResponse& response, const std::string& authority) {
  if (response.status == 0) return {std::nullopt, "network"};
  if (response.status != 200) return {std::nullopt, "status " + std::to_string(response.status)};
  const ParsedJson parsed = parse_json_text(response.body, kProviderJsonLimits);
  if (parsed.error || !parsed.value.is_object()) return {std::nullopt, "json"};
  ProviderMetadata metadata;
  metadata.issuer = text_member(parsed.value, "issuer");
  metadata.authorization_endpoint = text_member(parsed.value, "authorization_endpoint");
  metadata.token_endpoint = text_member(parsed.value, "token_endpoint");
  metadata.end_session_endpoint = text_member(parsed.value, "end_session_endpoint");
  metadata.revocation_endpoint = text_member(parsed.value, "revocation_endpoint");
  // Identical to the authority, as configured or without its trailing slash (the prefix the document was asked at).
  if (metadata.issuer.empty() || (metadata.issuer != authority && metadata.issuer != without_trailing_slash(authority)))
    return {std::nullopt, "issuer"};
  if (metadata.authorization_endpoint.empty() || metadata.token_endpoint.empty()) return {std::nullopt, "endpoints"};
  return {metadata, {}};
}

// [SECTION] the token endpoint -------------------------------------------------------------------

namespace {
HttpRequest token_request(const std::string& token_endpoint, const QueryPairs& fields) {
  HttpRequest request;
  request.method = "POST";
  request.url = token_endpoint;
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  request.body = form_encode(fields);
  request.timeout_ms = 20000;
  request.max_response_bytes = kProviderJsonLimits.max_bytes;
  return request;
}
}  // namespace

HttpRequest code_exchange_request(const std::string& token_endpoint, const CodeExchange& exchange) {
  return token_request(token_endpoint, {{"grant_type", "authorization_code"},
                                        {"code", exchange.code},
                                        {"redirect_uri", exchange.redirect_uri},
                                        {"client_id", exchange.client_id},
                                        {"code_verifier", exchange.code_verifier}});
}

HttpRequest refresh_request(const std::string& token_endpoint, const std::string& refresh_token,
                            const std::string& client_id) {
  return token_request(token_endpoint,
                       {{"grant_type", "refresh_token"}, {"refresh_token", refresh_token}, {"client_id", client_id}});
}

TokenResult read_token_answer(const HttpResponse& response) {
  if (response.status == 0) return TokenError{TokenFailure::Network, "network", response.network_error, 0};
  const ParsedJson parsed = parse_json_text(response.body, kProviderJsonLimits);
  const bool object = !parsed.error && parsed.value.is_object();
  if (response.status != 200) {
    const TokenFailure failure =
        response.status >= 500 || response.status == 429 ? TokenFailure::Network : TokenFailure::Refused;
    std::string error = object ? text_member(parsed.value, "error") : std::string();
    if (error.empty()) error = "status " + std::to_string(response.status);
    return TokenError{failure, error, object ? text_member(parsed.value, "error_description") : std::string(),
                      response.status};
  }
  if (!object) return TokenError{TokenFailure::Unreadable, "json", {}, 200};
  const Json& json = parsed.value;
  TokenAnswer answer;
  answer.access_token = text_member(json, "access_token");
  answer.id_token = text_member(json, "id_token");
  answer.refresh_token = text_member(json, "refresh_token");
  answer.scope = text_member(json, "scope");
  if (answer.access_token.empty()) return TokenError{TokenFailure::Unreadable, "access_token", {}, 200};
  // RFC 6750: only bearer tokens are understood; the type's case does not matter (RFC 6749 §5.1).
  std::string type = text_member(json, "token_type");
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (type != "bearer") return TokenError{TokenFailure::Unreadable, "token_type", {}, 200};
  // A number, or a number in a string as some providers send it.
  if (auto expires = json.find("expires_in"); expires != json.end()) {
    if (expires->is_number() && expires->get<double>() > 0) {
      answer.expires_in_s = static_cast<std::int64_t>(expires->get<double>());
    } else if (expires->is_string()) {
      const std::string digits = expires->get<std::string>();
      if (!digits.empty() && digits.size() < 10 && digits.find_first_not_of("0123456789") == std::string::npos)
        for (char digit : digits) answer.expires_in_s = answer.expires_in_s * 10 + (digit - '0');
    }
  }
  return answer;
}

}  // namespace leads
