// Reading an HTTP request head as it arrives, within HttpLimits: the HTTP front's first check of every request.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "http_limits.h"

namespace leads {

enum class HeadState { Incomplete, Complete, UriTooLong, TooLarge, Bad };

// Reads a head line by line, resuming where it stopped on the next call (a client dribbling bytes costs no
// rescans). Call scan() with the same growing bytes until it returns something other than Incomplete.
struct HeadScanner {
  const HttpLimits& limits;
  std::size_t line_start = 0;   // where the line being read begins
  std::size_t lines = 0;        // complete lines so far (the request line is line 0)
  std::size_t head_length = 0;  // when Complete: the bytes of the head, blank line included
  bool has_length = false;
  std::uint64_t content_length = 0;
  bool chunked_or_other = false;  // any Transfer-Encoding

  explicit HeadScanner(const HttpLimits& l) : limits(l) {}
  // Looks at data[0, size): the bytes received so far of this request.
  HeadState scan(const char* data, std::size_t size);

 private:
  HeadState header_line(const char* line, std::size_t size);
};

}  // namespace leads
