// The browser's fetch() behind the Transport interface (web/http_fetch.js does the work).
#pragma once
#include <cstdint>
#include <map>

#include "api/http.h"

namespace leads {

class BrowserTransport : public Transport {
 public:
  void send(const HttpRequest& request, std::function<void(HttpResponse)> on_done) override;
  // Called from JS (through leads_http_done) when a request ends.
  void complete(std::uint32_t id, HttpResponse response);

 private:
  std::uint32_t next_id_ = 1;
  std::map<std::uint32_t, std::function<void(HttpResponse)>> waiting_;
};

BrowserTransport& browser_transport();

}  // namespace leads
