// Fingerprints of the provider's secrets (codes, refresh tokens, session cookies: random_base64url(32) of token.h):
// the SHA-256 under which they are kept, so that the database never holds one that works.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace leads {

// Codes, refresh tokens and session cookies are this many random bytes (43 characters of base64url).
constexpr std::size_t kSecretBytes = 32;

// Lower-case hex SHA-256: how a secret is stored and looked up.
std::string sha256_hex(std::string_view text);
// BASE64URL(SHA256(text)): PKCE's S256 transform of a code verifier.
std::string sha256_base64url(std::string_view text);
bool equal_in_constant_time(std::string_view a, std::string_view b);

}  // namespace leads
