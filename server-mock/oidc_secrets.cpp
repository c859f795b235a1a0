// SHA-256 with OpenSSL.
#include "oidc_secrets.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include "token.h"

namespace leads {

namespace {
std::string sha256(std::string_view text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}
}  // namespace

std::string sha256_hex(std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : sha256(text)) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::string sha256_base64url(std::string_view text) {
  return base64url_encode(sha256(text));
}

bool equal_in_constant_time(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace leads
