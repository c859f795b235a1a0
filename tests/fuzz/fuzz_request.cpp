// Fuzzes what server-mock reads from a request before any handler: the request head (HTTP front's scanner, fed
// whole and in two arrivals). The bearer token has its own target: fuzz_token.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "request_head.h"

using namespace leads;

namespace {
void check(bool condition) {
  if (!condition) std::abort();  // libFuzzer reports the abort with the input that caused it
}

HttpLimits small_limits() {
  HttpLimits limits;  // small enough for the fuzzer to reach every limit
  limits.max_request_line = 64;
  limits.max_header_line = 48;
  limits.max_head_bytes = 256;
  limits.max_header_count = 6;
  return limits;
}

void fuzz_head(const std::string& text, std::size_t split) {
  static const HttpLimits limits = small_limits();
  HeadScanner whole(limits);
  const HeadState state = whole.scan(text.data(), text.size());
  if (state == HeadState::Complete) {
    check(whole.head_length >= 4 && whole.head_length <= text.size() && whole.head_length <= limits.max_head_bytes);
    check(text.compare(whole.head_length - 4, 4, "\r\n\r\n") == 0 ||
          text.compare(whole.head_length - 2, 2, "\r\n") == 0);
    check(!whole.has_length || whole.content_length < 1000000000000000000ULL);
  }
  // Bytes arriving in two parts give the same verdict as all at once.
  HeadScanner parts(limits);
  HeadState early = parts.scan(text.data(), split);
  const HeadState late = early == HeadState::Incomplete ? parts.scan(text.data(), text.size()) : early;
  if (early == HeadState::Incomplete) {
    check(late == state);
    if (state == HeadState::Complete) check(parts.head_length == whole.head_length);
  } else {
    // Decided on a prefix: the whole text must not be accepted with a different head.
    check(state != HeadState::Complete || (early == HeadState::Complete && parts.head_length == whole.head_length));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  fuzz_head(text, text.empty() ? 0 : data[0] % (text.size() + 1));
  return 0;
}
