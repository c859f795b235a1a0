// Raw TCP for the tests that send what cpp-httplib's client cannot: slow heads, odd framing, floods of headers.
#pragma once
#include <string>

namespace leads::testing {

// A loopback TCP connection, closed when the object goes.
class RawConnection {
 public:
  explicit RawConnection(int port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  // Sends all of `data`; false if the peer stopped taking it (closed or reset): not an error for these tests.
  bool send(const std::string& data);
  // Reads one response (head and Content-Length body) or until the peer closes; waits at most `guard_seconds`
  // (a failure guard only). Returns "" when nothing came.
  std::string read_response(int guard_seconds = 30);
  // True while the server keeps the connection open (no EOF or reset seen, nothing to read).
  bool still_open();

 private:
  int fd_ = -1;
  std::string pending_;
};

// The status code of a raw response ("HTTP/1.1 431 …" → 431), or 0.
int status_of(const std::string& response);
// A header's value in a raw response ("" when absent); the name is matched without regard to case.
std::string header_of(const std::string& response, const std::string& name);

}  // namespace leads::testing
