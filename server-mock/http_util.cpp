// Error bodies, JSON replies and uuids.
#include "http_util.h"

#include <cstdio>
#include <mutex>
#include <random>

#include "domain/referral_json.h"

namespace leads {

void send_error(httplib::Response& res, int status, const std::string& code, const std::string& message,
                const std::string& target) {
  Json error = {{"code", code}, {"message", message}};
  if (!target.empty()) error["target"] = target;
  send_json(res, status, Json{{"error", error}});
}

void send_json(httplib::Response& res, int status, const Json& body) {
  send_json_text(res, status, dump_json(body));
}

void send_json_text(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json; charset=utf-8");
}

const char* error_code_for(int status) {
  switch (status) {
    case 400: return "invalidRequest";
    case 401: return "unauthenticated";
    case 403: return "accessDenied";
    case 404: return "itemNotFound";
    case 405: return "methodNotAllowed";
    case 411: return "lengthRequired";
    case 412: return "preconditionFailed";
    case 413: return "payloadTooLarge";
    case 429: return "tooManyRequests";
    case 503: return "serviceNotAvailable";
    default: return "generalException";
  }
}

std::string new_uuid() {
  static std::mutex mutex;
  static std::mt19937_64 engine{std::random_device{}()};
  std::uint64_t a, b;
  {
    std::lock_guard<std::mutex> lock(mutex);
    a = engine();
    b = engine();
  }
  a = (a & 0xFFFFFFFFFFFF0FFFULL) | 0x4000ULL;              // version 4
  b = (b & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // RFC 4122 variant
  char text[40];
  std::snprintf(text, sizeof text, "%08llx-%04llx-%04llx-%04llx-%012llx", static_cast<unsigned long long>(a >> 32),
                static_cast<unsigned long long>((a >> 16) & 0xFFFF), static_cast<unsigned long long>(a & 0xFFFF),
                static_cast<unsigned long long>(b >> 48), static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFULL));
  return text;
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

bool is_json_content_type(const std::string& value) {
  const std::string type = trim(value.substr(0, value.find(';')));
  if (type.size() != 16) return false;
  std::string lower;
  for (char c : type) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return lower == "application/json";
}

}  // namespace leads
