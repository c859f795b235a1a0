// Fuzzes what server-mock reads from a request before any handler: the request head (HTTP front's scanner, fed
// whole and in two arrivals) and the bearer token (verify_token), plus the token signer's round trip.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "request_head.h"
#include "token.h"

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

void fuzz_token(const std::string& text) {
  static const std::string secret = "fuzz-secret-0123456789abcdef0123";
  constexpr TimeMs now = 1790000000000;
  const TokenCheck check_result = verify_token(text, secret, now);
  check(check_result.identity.has_value() == check_result.problem.empty());
  if (check_result.identity) check(check_result.identity->expires_at > now);

  Identity identity;
  identity.name = text;
  identity.roles = {text};
  identity.issued_at = now;
  identity.expires_at = now + 3600 * 1000;
  const std::string token = sign_token(identity, secret);
  const TokenCheck good = verify_token(token, secret, now);
  check(good.identity.has_value() && good.identity->expires_at == identity.expires_at);
  check(!verify_token(token, secret + "x", now).identity);
  check(!verify_token(token + "=", secret, now).identity);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 1)
    fuzz_token(text);
  else
    fuzz_head(text, text.empty() ? 0 : data[0] % (text.size() + 1));
  return 0;
}
