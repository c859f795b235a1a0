// The postMessage protocol with a portal that embeds the app (docs/embedding.md, version 1): every message from the
// host is schema-checked here, and every message to the host is built here. The JS bridge only carries text.
#pragma once
#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <unordered_set>
#include <variant>

#include "app/i18n.h"
#include "app/route.h"
#include "domain/referral_json.h"

namespace leads {

constexpr int kHostProtocolVersion = 1;

// The colours the portal asks for (its own light or dark look); opened by URL, the browser's preference.
enum class Theme { Light, Dark };

namespace host {
struct Init {
  std::string token;
  std::optional<Language> language;
  std::optional<Route> route;
  std::optional<Theme> theme;
};
struct Token {
  std::string token;
};
struct Navigate {
  Route route;
};
struct SetLanguage {
  Language language;
};
struct SetTheme {
  Theme theme;
};
}  // namespace host

using HostMessage = std::variant<host::Init, host::Token, host::Navigate, host::SetLanguage, host::SetTheme>;

struct HostParse {
  std::optional<HostMessage> message;
  std::string refusal;  // why it was refused (never contains the token)
  std::string id;       // the message's id, when it had a readable one
};

// Remembers recent message ids so a replayed message is refused.
class HostMessageReader {
 public:
  HostParse read(const std::string& json_text);

 private:
  std::deque<std::string> recent_;
  std::unordered_set<std::string> recent_set_;
};

// Messages to the host.
std::string host_ready_message();
std::string host_navigated_message(const std::string& route_hash, const std::string& title);
std::string host_token_expiring_message(TimeMs expires_at);
std::string host_token_refused_message();
std::string host_resize_message(int height_css_px);
std::string host_rejected_message(const std::string& id, const std::string& reason);

}  // namespace leads
