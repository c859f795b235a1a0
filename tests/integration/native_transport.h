// A native leads::Transport over cpp-httplib's blocking client, so the API layer can be tested against a live server.
#pragma once
#include <string>
#include <utility>

#include "api/http.h"

namespace leads::testing {

// Sends each request synchronously: on_done has run by the time send() returns. Absolute http(s) URLs go where they
// say; a URL starting with '/' goes to `default_origin` (e.g. "http://127.0.0.1:8080"), like fetch() on the same
// origin. No answer (refused, reset, timed out, body over max_response_bytes) is status 0 with network_error set.
class NativeTransport : public Transport {
 public:
  explicit NativeTransport(std::string default_origin = "") : default_origin_(std::move(default_origin)) {}
  void send(const HttpRequest& request, std::function<void(HttpResponse)> on_done) override;

  // The same, returning the response: convenient in tests.
  HttpResponse exchange(const HttpRequest& request);

 private:
  std::string default_origin_;
};

}  // namespace leads::testing
