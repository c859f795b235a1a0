// The identity provider's RSA signing keys: two published in the JWKS (the signing one and the previous one), kept
// in the data folder beside the database. Tokens are RS256 JWTs signed with the current key.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "domain/referral_json.h"
#include "domain/timestamp.h"

namespace leads {

// Leeway for the clocks of the signer and the server when checking nbf.
constexpr TimeMs kTokenClockSkewMs = 60 * 1000;

class KeyRing {
 public:
  // The key ring of the data folder holding `db`: read from "server-mock.keys" beside it, or created there (two RSA
  // 2048 keys, mode 0600) when absent. nullopt with `error` set when it cannot be read or created, or when others
  // may read it.
  static std::optional<KeyRing> open_for_database(const std::string& db, std::string& error);
  // Two fresh keys held in memory only (fuzzing, unit tests, a foreign signer in tests); rotate() writes nothing.
  static std::optional<KeyRing> in_memory();

  // A compact JWS over `claims` (an object), header {alg: RS256, typ: JWT, kid: the signing key's}; empty if
  // OpenSSL failed.
  std::string sign(const Json& claims) const;
  // {"keys": [...]}: the public halves of both keys (kty, use, alg, kid, n, e).
  Json jwks() const;
  std::string signing_kid() const;
  // A new key signs from now on; the old signing key stays published, the older one is dropped. Written to the
  // data folder first (atomically), then applied; false with `error` when the file cannot be written. A running
  // server does not re-read the file: a rotation by another process applies from its next start.
  bool rotate(std::string& error);

  enum class SignatureCheck { Valid, Invalid, UnknownKey };

  ~KeyRing();
  KeyRing(KeyRing&&) noexcept;
  KeyRing& operator=(KeyRing&&) noexcept;

 private:
  struct Keys;
  explicit KeyRing(std::unique_ptr<Keys> keys);
  // Private, so that only verify_jwt (through JwtVerifier) checks signatures: nothing trusts a payload whose
  // claims were not checked as well.
  SignatureCheck check_signature(std::string_view kid, std::string_view signing_input,
                                 std::string_view signature) const;
  std::unique_ptr<Keys> keys_;
  friend struct JwtVerifier;
};

struct JwtCheck {
  std::optional<Json> claims;  // the payload, when every check passed
  std::string problem;         // why it was refused (for WWW-Authenticate's error_description), when claims is empty
};

struct JwtExpectations {
  std::string issuer;
  std::string audience;  // the aud claim (a string or an array) must contain it
  TimeMs now = 0;
  bool accept_expired = false;  // the id_token_hint of a logout may have expired
};

// Checks the form (three base64url segments, bounded sizes), the header (alg exactly RS256, a kid of the ring),
// the signature, then iss, aud, exp and nbf (kTokenClockSkewMs).
JwtCheck verify_jwt(std::string_view token, const KeyRing& keys, const JwtExpectations& expected);

}  // namespace leads
