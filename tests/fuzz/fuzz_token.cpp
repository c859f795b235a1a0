// Fuzzes the bearer token check: arbitrary bytes as a whole token (verify_jwt), through the header/payload split
// (split_jwt, decode_jwt_payload), as the claims of a token the key ring really signs (every claim check), and as
// the header of a token whose signature belongs to another header. The first byte picks the mode.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "key_ring.h"
#include "token.h"

using namespace leads;

namespace {

constexpr TimeMs kNow = 1790000000000;
constexpr const char* kIssuer = "http://127.0.0.1:8080";

void check(bool condition) {
  if (!condition) std::abort();  // libFuzzer reports the abort with the input that caused it
}

const KeyRing& keys() {
  static const KeyRing ring = [] {
    auto made = KeyRing::in_memory();
    check(made.has_value());
    return std::move(*made);
  }();
  return ring;
}

JwtExpectations expectations(bool accept_expired) {
  JwtExpectations expected;
  expected.issuer = kIssuer;
  expected.audience = kTokenAudience;
  expected.now = kNow;
  expected.accept_expired = accept_expired;
  return expected;
}

void check_verdict(const JwtCheck& verdict) {
  check(verdict.claims.has_value() == verdict.problem.empty());
  check(verdict.problem.size() < 256);  // a sentence for a header, never an echo of the token
  if (verdict.claims) check(verdict.claims->is_object());
}

// Bytes as they come: never accepted (nobody can sign without the ring's private keys), never a crash.
void fuzz_whole(const std::string& text, bool accept_expired) {
  const JwtCheck verdict = verify_jwt(text, keys(), expectations(accept_expired));
  check_verdict(verdict);
  check(!verdict.claims);
  const JwtParts parts = split_jwt(text);
  check(parts.header.has_value() == parts.problem.empty());
  if (text.size() > kMaxTokenBytes) check(!parts.header);
  if (parts.header) {
    check(parts.header->is_object());
    check(parts.signing_input.size() + 1 + parts.signature.size() == text.size());
    if (auto payload = decode_jwt_payload(parts.payload)) check(payload->is_object());
  }
  (void)decode_jwt_payload(text);
}

// The bytes as claims, truly signed: every claim check runs on whatever JSON the fuzzer finds.
void fuzz_signed_claims(const std::string& text) {
  const ParsedJson parsed = parse_json_text(text, JsonLimits{kMaxTokenBytes, 8});
  if (parsed.error || !parsed.value.is_object()) return;
  const std::string token = keys().sign(parsed.value);
  check(!token.empty());
  const JwtCheck verdict = verify_jwt(token, keys(), expectations(false));
  check_verdict(verdict);
  if (verdict.claims) {
    check(token.size() <= kMaxTokenBytes);
    check(verdict.claims->at("iss") == Json(kIssuer));
    const Identity identity = identity_from_claims(*verdict.claims);
    check(identity.expires_at > kNow);
    // The same token with its signature spelled otherwise, or one bit of it changed, is refused.
    check(!verify_jwt(token + "=", keys(), expectations(false)).claims);
    std::string flipped = token;
    flipped[flipped.size() - 2] = flipped[flipped.size() - 2] == 'A' ? 'B' : 'A';
    check(!verify_jwt(flipped, keys(), expectations(false)).claims);
  }
}

// The bytes as the header of a token whose payload and signature are genuine but for another header: refused.
void fuzz_foreign_header(const std::string& text) {
  static const std::string genuine = keys().sign(Json{{"iss", kIssuer},
                                                      {"aud", kTokenAudience},
                                                      {"exp", kNow / 1000 + 3600},
                                                      {"roles", Json::array({"Referrals admin"})}});
  const std::size_t first = genuine.find('.');
  const std::string token = base64url_encode(text) + genuine.substr(first);
  const JwtCheck verdict = verify_jwt(token, keys(), expectations(false));
  check_verdict(verdict);
  check(!verdict.claims || token == genuine);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0 || size > 4 * kMaxTokenBytes) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0: fuzz_whole(text, false); break;
    case 1: fuzz_whole(text, true); break;
    case 2: fuzz_signed_claims(text); break;
    default: fuzz_foreign_header(text); break;
  }
  return 0;
}
