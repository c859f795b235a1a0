// The HTTP front: cpp-httplib's server with our own connection loop, so that limits and timeouts hold before
// cpp-httplib reads anything (head size and count, slow clients, bodies no longer than their Content-Length).
#pragma once
#include <httplib.h>

#include <string>

#include "http_limits.h"

namespace leads {

// A cpp-httplib server whose connections are read through a bounded stream:
// - the whole request head is read first, within HttpLimits (414/431 and a closed connection otherwise; a head
//   that does not arrive in time closes the connection);
// - cpp-httplib then parses that head from memory and reads at most Content-Length body bytes (a request with no
//   Content-Length has an empty body: nothing is read until the client closes);
// - a connection whose request body was not read (refused early) is closed after the answer, never parsed on.
// Workers grow with load up to a bound, behind a bounded queue (HttpLimits).
class HttpFront : public httplib::Server {
 public:
  explicit HttpFront(const HttpLimits& limits);

  // Binds with SO_REUSEADDR only (never SO_REUSEPORT: a second server on a port in use must fail) and listens with
  // HttpLimits::listen_backlog. Returns the port, or -1 with `error` set.
  int bind(const std::string& host, int port, std::string& error);

  const HttpLimits& limits() const { return limits_; }

 private:
  bool process_and_close_socket(socket_t sock) override;

  HttpLimits limits_;
};

}  // namespace leads
