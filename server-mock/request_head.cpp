// Request head scanning: line, size and count limits, and the body framing the head declares.
#include "request_head.h"

#include <cstring>

namespace leads {

namespace {

bool iequals(const char* a, std::size_t a_size, const char* b) {
  const std::size_t b_size = std::strlen(b);
  if (a_size != b_size) return false;
  for (std::size_t i = 0; i < a_size; ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

HeadState HeadScanner::header_line(const char* line, std::size_t size) {
  const char* colon = static_cast<const char*>(std::memchr(line, ':', size));
  if (!colon) return HeadState::Incomplete;  // cpp-httplib skips it; so do we
  const std::size_t name_size = static_cast<std::size_t>(colon - line);
  const char* value = colon + 1;
  const char* end = line + size;
  while (value < end && (*value == ' ' || *value == '\t')) ++value;
  while (end > value && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n')) --end;
  if (iequals(line, name_size, "Transfer-Encoding")) {
    chunked_or_other = true;
  } else if (iequals(line, name_size, "Content-Length")) {
    if (value == end || end - value > 18) return HeadState::Bad;
    std::uint64_t number = 0;
    for (const char* p = value; p < end; ++p) {
      if (*p < '0' || *p > '9') return HeadState::Bad;
      number = number * 10 + static_cast<std::uint64_t>(*p - '0');
    }
    if (has_length && number != content_length) return HeadState::Bad;  // two different lengths: smuggling
    has_length = true;
    content_length = number;
  }
  return HeadState::Incomplete;
}

HeadState HeadScanner::scan(const char* data, std::size_t size) {
  while (line_start < size) {
    const void* found = std::memchr(data + line_start, '\n', size - line_start);
    const std::size_t line_size =
        found ? static_cast<std::size_t>(static_cast<const char*>(found) - (data + line_start)) + 1 : size - line_start;
    const std::size_t limit = lines == 0 ? limits.max_request_line : limits.max_header_line;
    if (line_size > limit) return lines == 0 ? HeadState::UriTooLong : HeadState::TooLarge;
    if (line_start + line_size > limits.max_head_bytes) return HeadState::TooLarge;
    if (!found) return HeadState::Incomplete;
    const char* line = data + line_start;
    line_start += line_size;
    // No request line at all (a bare line end): refused, not taken for a head that ends at once (found by
    // fuzz_request).
    if (lines == 0 && (line_size == 1 || (line_size == 2 && line[0] == '\r'))) return HeadState::Bad;
    if (lines > 0 && line_size == 2 && line[0] == '\r') {
      head_length = line_start;
      return HeadState::Complete;
    }
    if (lines > 0) {
      if (lines > limits.max_header_count) return HeadState::TooLarge;
      if (header_line(line, line_size) == HeadState::Bad) return HeadState::Bad;
    }
    ++lines;
  }
  return HeadState::Incomplete;
}

}  // namespace leads
