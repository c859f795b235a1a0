// Client registration: parsing --client, exact redirect URI matching and the CORS origins that follow from it.
#include "oidc_clients.h"

#include <algorithm>
#include <cctype>

namespace leads {

namespace {
constexpr std::size_t kMaxClientIdLength = 128;
constexpr std::size_t kMaxUriLength = 2048;
constexpr std::size_t kMaxUrisPerClient = 16;

bool is_client_id_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}
}  // namespace

std::string origin_of(const std::string& uri) {
  const std::size_t scheme_end = uri.find("://");
  if (scheme_end == std::string::npos) return "";
  const std::string scheme = lower(uri.substr(0, scheme_end));
  if (scheme != "http" && scheme != "https") return "";
  const std::size_t authority_end = uri.find_first_of("/?#", scheme_end + 3);
  const std::string authority = uri.substr(scheme_end + 3, authority_end - (scheme_end + 3));
  if (authority.empty() || authority.find('@') != std::string::npos) return "";
  return scheme + "://" + lower(authority);
}

std::optional<OidcClient> parse_client_option(const std::string& text, std::string& error) {
  const std::size_t equals = text.find('=');
  OidcClient client;
  client.id = text.substr(0, equals);
  if (equals == std::string::npos || client.id.empty() || client.id.size() > kMaxClientIdLength ||
      !std::all_of(client.id.begin(), client.id.end(), is_client_id_char)) {
    error = "--client needs ID=URI[,URI...] with an id of letters, digits, '.', '-' or '_', not \"" + text + "\"";
    return std::nullopt;
  }
  std::size_t start = equals + 1;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string uri = text.substr(start, comma - start);
    if (uri.empty() || uri.size() > kMaxUriLength || origin_of(uri).empty() || uri.find('#') != std::string::npos ||
        std::any_of(uri.begin(), uri.end(), [](unsigned char c) { return c <= ' ' || c >= 0x7F; })) {
      error = "--client " + client.id + ": \"" + uri + "\" is not an absolute http(s) URI without a fragment";
      return std::nullopt;
    }
    client.redirect_uris.push_back(uri);
    start = comma + 1;
  }
  if (client.redirect_uris.size() > kMaxUrisPerClient) {
    error = "--client " + client.id + ": at most " + std::to_string(kMaxUrisPerClient) + " redirect URIs";
    return std::nullopt;
  }
  return client;
}

ClientRegistry::ClientRegistry(std::vector<OidcClient> clients, const std::string& origin)
    : clients_(std::move(clients)) {
  if (clients_.empty()) clients_.push_back(OidcClient{kDefaultClientId, {origin + "/"}});
}

const OidcClient* ClientRegistry::find(const std::string& client_id) const {
  for (const OidcClient& client : clients_)
    if (client.id == client_id) return &client;
  return nullptr;
}

bool ClientRegistry::redirect_allowed(const OidcClient& client, const std::string& redirect_uri) const {
  return std::find(client.redirect_uris.begin(), client.redirect_uris.end(), redirect_uri) !=
         client.redirect_uris.end();
}

bool ClientRegistry::origin_allowed(const std::string& origin) const {
  if (origin.empty()) return false;
  const std::vector<std::string> origins = redirect_origins();
  return std::find(origins.begin(), origins.end(), origin) != origins.end();
}

std::vector<std::string> ClientRegistry::redirect_origins() const {
  std::vector<std::string> origins;
  for (const OidcClient& client : clients_)
    for (const std::string& uri : client.redirect_uris) {
      const std::string origin = origin_of(uri);
      if (std::find(origins.begin(), origins.end(), origin) == origins.end()) origins.push_back(origin);
    }
  return origins;
}

}  // namespace leads
