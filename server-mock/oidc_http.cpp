// Parameter reading, percent-encoding, cookies and OAuth error bodies.
#include "oidc_http.h"

#include <algorithm>
#include <cctype>

#include "domain/referral_json.h"
#include "http_util.h"

namespace leads {

namespace {
constexpr std::size_t kMaxParams = 64;
constexpr std::size_t kMaxNameLength = 64;
constexpr std::size_t kMaxValueLength = 8192;
constexpr std::size_t kMaxCookieLength = 256;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded decoding: '+' is a space, %XX a byte; false on a broken escape.
bool form_decode(const std::string& text, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%') {
      if (i + 2 >= text.size()) return false;
      const int high = hex_value(text[i + 1]), low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return false;
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else {
      out += text[i];
    }
  }
  return true;
}

void add_param(OidcParams& params, const std::string& name, const std::string& value) {
  if (!params.problem.empty()) return;
  if (params.values.size() >= kMaxParams) {
    params.problem = "too many parameters";
  } else if (name.size() > kMaxNameLength || value.size() > kMaxValueLength) {
    params.problem = "the parameter " + name.substr(0, kMaxNameLength) + " is too long";
  } else if (!params.values.emplace(name, value).second) {
    params.problem = "the parameter " + name + " is given more than once";
  }
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}
}  // namespace

const std::string& OidcParams::get(const std::string& name) const {
  static const std::string kNone;
  const auto it = values.find(name);
  return it == values.end() ? kNone : it->second;
}

OidcParams read_params(const httplib::Request& req) {
  OidcParams params;
  if (req.method != "POST") {
    for (const auto& [name, value] : req.params) add_param(params, name, value);
    return params;
  }
  if (req.body.size() > kOidcMaxFormBytes) {
    params.problem = "the form is too large";
    return params;
  }
  std::size_t start = 0;
  while (start <= req.body.size() && params.problem.empty()) {
    const std::size_t end = std::min(req.body.find('&', start), req.body.size());
    const std::string pair = req.body.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;
    const std::size_t equals = pair.find('=');
    std::string name, value;
    if (!form_decode(pair.substr(0, equals), name) ||
        !form_decode(equals == std::string::npos ? "" : pair.substr(equals + 1), value)) {
      params.problem = "the form is not application/x-www-form-urlencoded";
      break;
    }
    add_param(params, name, value);
  }
  return params;
}

std::string with_query(const std::string& uri, const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out = uri;
  char separator = uri.find('?') == std::string::npos ? '?' : '&';
  for (const auto& [name, value] : params) {
    out += separator;
    out += percent_encode(name) + "=" + percent_encode(value);
    separator = '&';
  }
  return out;
}

void redirect_to(httplib::Response& res, const httplib::Request& req, const std::string& location) {
  res.status = req.method == "POST" ? 303 : 302;
  res.set_header("Location", location);
  res.set_header("Cache-Control", "no-store");
}

bool is_form_content_type(const std::string& value) {
  return lower(trim(value.substr(0, value.find(';')))) == "application/x-www-form-urlencoded";
}

std::string cookie_of(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  std::size_t start = 0;
  while (start < header.size()) {
    const std::size_t end = std::min(header.find(';', start), header.size());
    const std::string pair = trim(header.substr(start, end - start));
    start = end + 1;
    const std::size_t equals = pair.find('=');
    if (equals != std::string::npos && pair.substr(0, equals) == name) {
      const std::string value = pair.substr(equals + 1);
      return value.size() <= kMaxCookieLength ? value : std::string();
    }
  }
  return "";
}

namespace {
const char* secure_flag(const std::string& origin) {
  return origin.rfind("https://", 0) == 0 ? "; Secure" : "";
}
}  // namespace

void set_session_cookie(httplib::Response& res, const std::string& value, const std::string& origin) {
  // No Max-Age: the browser forgets it when it closes; the server ends the session after 24 hours anyway.
  res.set_header("Set-Cookie",
                 std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax" + secure_flag(origin));
}

void clear_session_cookie(httplib::Response& res, const std::string& origin) {
  res.set_header("Set-Cookie",
                 std::string(kSessionCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + secure_flag(origin));
}

void send_oauth_json(httplib::Response& res, int status, const std::string& body) {
  res.set_header("Cache-Control", "no-store");
  res.set_header("Pragma", "no-cache");
  send_json_text(res, status, body);
}

void send_oauth_error(httplib::Response& res, int status, const std::string& error, const std::string& description) {
  send_oauth_json(res, status, dump_json(Json{{"error", error}, {"error_description", description}}));
}

bool refuse_other_methods(const httplib::Request& req, httplib::Response& res, OauthMethods allowed) {
  const bool get_too = allowed == OauthMethods::GetOrPost;
  if (req.method == "POST" || (get_too && (req.method == "GET" || req.method == "HEAD"))) return false;
  res.set_header("Allow", get_too ? "GET, POST" : "POST");
  send_oauth_error(res, 405, "invalid_request", get_too ? "use GET or POST" : "use POST");
  return true;
}

bool from_another_site(const httplib::Request& req, const std::string& own_origin) {
  const std::string site = lower(trim(req.get_header_value("Sec-Fetch-Site")));
  if (!site.empty()) return site != "same-origin" && site != "none";
  // Without Sec-Fetch-Site (older browsers, tools): an Origin that is not ours. "null" is what a browser sends for
  // our own form under Referrer-Policy: no-referrer, so it is not taken as foreign.
  const std::string origin = lower(trim(req.get_header_value("Origin")));
  return !origin.empty() && origin != "null" && origin != lower(own_origin);
}

}  // namespace leads
