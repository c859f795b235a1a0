// Every limit and timeout of server-mock's HTTP front in one place (docs/reliability.md, "HTTP limits").
//
// Debian's cpp-httplib is a compiled library: its CPPHTTPLIB_LISTEN_BACKLOG, CPPHTTPLIB_HEADER_MAX_LENGTH,
// CPPHTTPLIB_USE_POLL… were fixed when Debian built it (backlog 5, header lines read whole before the 8 KB check,
// no header count), so defining them in our build changes nothing. The front (http_front.h) enforces these
// instead, before cpp-httplib sees a byte of the request.
#pragma once
#include <cstddef>

namespace leads {

struct HttpLimits {
  // The request head (request line + header lines + blank line): read and checked by the front.
  std::size_t max_request_line = 8192;  // longer: 414
  std::size_t max_header_line = 8192;   // one header line; longer: 431
  std::size_t max_head_bytes = 32768;   // the whole head; more: 431
  std::size_t max_header_count = 100;   // more header lines: 431
  // Time: a whole head must arrive within head_timeout_ms of its first byte (else the connection is closed), a
  // kept-alive connection waits keep_alive_idle_ms for its next request, a whole body body_timeout_ms, and any
  // single wait for the socket io_timeout_ms.
  int head_timeout_ms = 10000;
  int keep_alive_idle_ms = 5000;
  int body_timeout_ms = 30000;
  int io_timeout_ms = 10000;
  std::size_t keep_alive_max_requests = 100;
  // The accept queue of the listening socket (cpp-httplib's own is 5).
  int listen_backlog = 1024;
  // Workers: `core_workers` (serve --threads) start at once; more start while every worker is busy, up to
  // max_workers; connections beyond that wait in a queue of max_queued, and beyond that get a 503 at once.
  std::size_t core_workers = 8;
  std::size_t max_workers = 64;
  std::size_t max_queued = 256;
};

}  // namespace leads
