// A plain HTTP exchange, as the API layer builds and reads it; a platform transport carries it.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace leads {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  HeaderList headers;
  std::string body;
  int timeout_ms = 30000;
  std::size_t max_response_bytes = 64u << 20;
};

struct HttpResponse {
  int status = 0;             // 0: no HTTP answer (network failure, timeout, abort, oversized body)
  std::string network_error;  // why there was no answer, when status is 0
  bool timed_out = false;
  bool oversized = false;           // cut off at the request's max_response_bytes (status 0)
  HeaderList headers;               // names lower-cased
  std::int64_t received_at_ms = 0;  // the client's clock (ms since the epoch) when the answer came; 0 if unknown
  std::string body;

  const std::string* header(const std::string& lower_name) const {
    for (const auto& [name, value] : headers)
      if (name == lower_name) return &value;
    return nullptr;
  }
};

// What carries requests: fetch() in the browser, an HTTP client natively. The callback runs once per request.
class Transport {
 public:
  virtual ~Transport() = default;
  virtual void send(const HttpRequest& request, std::function<void(HttpResponse)> on_done) = 0;
};

}  // namespace leads
