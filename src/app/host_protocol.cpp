// Schema checks of host messages (size, version, type, id, replay, each field's shape) and the app's own messages.
#include "app/host_protocol.h"

#include <cctype>
#include <string_view>

#include "domain/jwt_segments.h"

namespace leads {

namespace {

constexpr std::size_t kMaxMessageBytes = 16 * 1024;
constexpr std::size_t kMaxTokenBytes = 8 * 1024;
constexpr std::size_t kMaxRouteBytes = 512;
constexpr std::size_t kMaxIdBytes = 64;
constexpr std::size_t kRememberedIds = 1000;

bool is_base64url(std::string_view text) {
  for (char c : text)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  return !text.empty();
}

// A JWT's shape: three base64url parts. The signature is the server's business.
bool looks_like_token(const std::string& token) {
  const std::optional<JwtSegments> segments = jwt_segments(token);
  return segments && is_base64url(segments->header) && is_base64url(segments->payload) &&
         is_base64url(segments->signature);
}

std::optional<std::string> text_field(const Json& message, const char* key, std::size_t max_bytes,
                                      std::string& refusal) {
  auto it = message.find(key);
  if (it == message.end()) {
    refusal = std::string(key) + " is missing";
    return std::nullopt;
  }
  if (!it->is_string()) {
    refusal = std::string(key) + " must be a string";
    return std::nullopt;
  }
  const std::string& value = it->get_ref<const std::string&>();
  if (value.size() > max_bytes) {
    refusal = std::string(key) + " is longer than " + std::to_string(max_bytes) + " bytes";
    return std::nullopt;
  }
  return value;
}

std::optional<Language> language_field(const std::string& code, std::string& refusal) {
  if (code == "en") return Language::English;
  if (code == "tr") return Language::Turkish;
  refusal = "language must be \"en\" or \"tr\"";
  return std::nullopt;
}

std::optional<Theme> theme_field(const Json& body, std::string& refusal) {
  const auto name = text_field(body, "theme", 16, refusal);
  if (name && *name == "light") return Theme::Light;
  if (name && *name == "dark") return Theme::Dark;
  refusal = "theme must be \"light\" or \"dark\"";
  return std::nullopt;
}

std::optional<Route> route_field(const std::string& hash, std::string& refusal) {
  if (hash.rfind("#/", 0) != 0) {
    refusal = "route must start with \"#/\"";
    return std::nullopt;
  }
  return parse_route(hash);
}

std::string message(Json body) {
  body["v"] = kHostProtocolVersion;
  return dump_json(body);
}

}  // namespace

HostParse HostMessageReader::read(const std::string& json_text) {
  HostParse result;
  if (json_text.size() > kMaxMessageBytes) {
    result.refusal = "message is larger than " + std::to_string(kMaxMessageBytes) + " bytes";
    return result;
  }
  const ParsedJson parsed = parse_json_text(json_text, JsonLimits{kMaxMessageBytes, 4});
  if (parsed.error || !parsed.value.is_object()) {
    result.refusal = "message must be a JSON object";
    return result;
  }
  const Json& body = parsed.value;
  std::string refusal;
  auto version = body.find("v");
  if (version == body.end() || !version->is_number_integer() || version->get<int>() != kHostProtocolVersion) {
    result.refusal = "unsupported protocol version (this app speaks v" + std::to_string(kHostProtocolVersion) + ")";
    return result;
  }
  const auto id = text_field(body, "id", kMaxIdBytes, refusal);
  if (!id || id->empty()) {
    result.refusal = refusal.empty() ? "id is empty" : refusal;
    return result;
  }
  result.id = *id;
  const auto type = text_field(body, "type", 64, refusal);
  if (!type) {
    result.refusal = refusal;
    return result;
  }
  if (recent_set_.count(*id)) {
    result.refusal = "message id was already used (replay)";
    return result;
  }

  if (*type == "leads.init" || *type == "leads.token") {
    const auto token = text_field(body, "token", kMaxTokenBytes, refusal);
    if (!token) return result.refusal = refusal, result;
    if (!looks_like_token(*token)) return result.refusal = "token is not a JWT", result;
    if (*type == "leads.token") {
      result.message = host::Token{*token};
    } else {
      host::Init init{*token, std::nullopt, std::nullopt, std::nullopt};
      if (body.contains("language")) {
        const auto code = text_field(body, "language", 8, refusal);
        if (!code || !(init.language = language_field(*code, refusal))) return result.refusal = refusal, result;
      }
      if (body.contains("route")) {
        const auto hash = text_field(body, "route", kMaxRouteBytes, refusal);
        if (!hash || !(init.route = route_field(*hash, refusal))) return result.refusal = refusal, result;
      }
      if (body.contains("theme") && !(init.theme = theme_field(body, refusal))) return result.refusal = refusal, result;
      result.message = std::move(init);
    }
  } else if (*type == "leads.navigate") {
    const auto hash = text_field(body, "route", kMaxRouteBytes, refusal);
    std::optional<Route> route;
    if (!hash || !(route = route_field(*hash, refusal))) return result.refusal = refusal, result;
    result.message = host::Navigate{*route};
  } else if (*type == "leads.language") {
    const auto code = text_field(body, "language", 8, refusal);
    std::optional<Language> language;
    if (!code || !(language = language_field(*code, refusal))) return result.refusal = refusal, result;
    result.message = host::SetLanguage{*language};
  } else if (*type == "leads.theme") {
    const auto theme = theme_field(body, refusal);
    if (!theme) return result.refusal = refusal, result;
    result.message = host::SetTheme{*theme};
  } else {
    result.refusal = "unknown message type";
    return result;
  }
  recent_.push_back(*id);
  recent_set_.insert(*id);
  if (recent_.size() > kRememberedIds) {
    recent_set_.erase(recent_.front());
    recent_.pop_front();
  }
  return result;
}

std::string host_ready_message() {
  return message({{"type", "leads.ready"}});
}
std::string host_navigated_message(const std::string& route_hash, const std::string& title) {
  return message({{"type", "leads.navigated"}, {"route", route_hash}, {"title", title}});
}
std::string host_token_expiring_message(TimeMs expires_at) {
  return message({{"type", "leads.tokenExpiring"}, {"expiresAt", format_iso8601(expires_at)}});
}
std::string host_token_refused_message() {
  return message({{"type", "leads.tokenRefused"}});
}
std::string host_resize_message(int height_css_px) {
  return message({{"type", "leads.resize"}, {"height", height_css_px}});
}
std::string host_rejected_message(const std::string& id, const std::string& reason) {
  return message({{"type", "leads.rejected"}, {"id", id}, {"reason", reason}});
}

}  // namespace leads
