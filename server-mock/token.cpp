// HS256 JWT signing and checking with OpenSSL's HMAC; the payload is read with the domain's safe JSON parser.
#include "token.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>

#include "domain/referral_json.h"

namespace leads {

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string hmac_sha256(const std::string& key, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), digest, &length);
  return std::string(reinterpret_cast<const char*>(digest), length);
}
}  // namespace

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 1) {
    const unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
  } else if (rest == 2) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
  }
  return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    int value;
    if (c >= 'A' && c <= 'Z')
      value = c - 'A';
    else if (c >= 'a' && c <= 'z')
      value = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      value = c - '0' + 52;
    else if (c == '-')
      value = 62;
    else if (c == '_')
      value = 63;
    else if (c == '=')
      break;  // tolerate padding
    else
      return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  if (text.size() % 4 == 1) return std::nullopt;
  return out;
}

std::string sign_token(const Identity& identity, const std::string& secret) {
  const Json header = {{"alg", "HS256"}, {"typ", "JWT"}};
  Json payload = {{"name", identity.name},
                  {"email", identity.email},
                  {"oid", identity.oid},
                  {"roles", identity.roles},
                  {"iss", kTokenIssuer},
                  {"aud", kTokenAudience},
                  {"iat", identity.issued_at / 1000},
                  {"nbf", identity.issued_at / 1000},
                  {"exp", identity.expires_at / 1000}};
  const std::string signing_input = base64url_encode(dump_json(header)) + "." + base64url_encode(dump_json(payload));
  return signing_input + "." + base64url_encode(hmac_sha256(secret, signing_input));
}

TokenCheck verify_token(std::string_view token, const std::string& secret, TimeMs now) {
  TokenCheck check;
  const std::size_t first = token.find('.');
  const std::size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    check.problem = "the token is not a JWT (header.payload.signature)";
    return check;
  }
  const std::string_view signing_input = token.substr(0, second);
  // Compared as text: only the canonical encoding (no padding, no stray low bits) of the right MAC passes.
  const std::string_view signature = token.substr(second + 1);
  const std::string expected = base64url_encode(hmac_sha256(secret, signing_input));
  if (secret.empty() || signature.size() != expected.size() ||
      CRYPTO_memcmp(signature.data(), expected.data(), expected.size()) != 0) {
    check.problem = "the token's signature is not valid";
    return check;
  }
  const auto header_text = base64url_decode(token.substr(0, first));
  const auto payload_text = base64url_decode(token.substr(first + 1, second - first - 1));
  if (!header_text || !payload_text) {
    check.problem = "the token is not base64url";
    return check;
  }
  const ParsedJson header = parse_json_text(*header_text, JsonLimits{8192, 4});
  if (header.error || !header.value.is_object() || !header.value.contains("alg") ||
      header.value["alg"] != Json("HS256")) {
    check.problem = "the token's algorithm must be HS256";
    return check;
  }
  const ParsedJson payload = parse_json_text(*payload_text, JsonLimits{65536, 8});
  if (payload.error || !payload.value.is_object()) {
    check.problem = "the token's payload is not a JSON object";
    return check;
  }
  const Json& p = payload.value;
  auto text = [&](const char* key) {
    auto it = p.find(key);
    return it != p.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  // NumericDate claims: seconds from 1970 up to year 9999, so that milliseconds never overflow.
  auto seconds_claim = [&](const char* key) -> std::optional<TimeMs> {
    auto it = p.find(key);
    if (it == p.end() || !it->is_number()) return std::nullopt;
    const double value = it->get<double>();
    if (!std::isfinite(value) || value < 0 || value > 253402300799.0) return std::nullopt;
    return static_cast<TimeMs>(value) * 1000;
  };
  if (text("iss") != kTokenIssuer) {
    check.problem = "the token was not issued by this server (iss)";
    return check;
  }
  bool audience_ok = text("aud") == kTokenAudience;
  if (auto it_aud = p.find("aud"); it_aud != p.end() && it_aud->is_array())
    for (const Json& audience : *it_aud) audience_ok = audience_ok || audience == Json(kTokenAudience);
  if (!audience_ok) {
    check.problem = "the token is not meant for this API (aud)";
    return check;
  }
  const auto exp = seconds_claim("exp");
  if (!exp) {
    check.problem = "the token has no valid expiry (exp)";
    return check;
  }
  Identity identity;
  identity.expires_at = *exp;
  if (identity.expires_at <= now) {
    check.problem = "the token has expired";
    return check;
  }
  if (p.contains("nbf")) {
    const auto nbf = seconds_claim("nbf");
    if (!nbf || *nbf > now + kTokenClockSkewMs) {
      check.problem = "the token is not valid yet (nbf)";
      return check;
    }
  }
  if (const auto iat = seconds_claim("iat")) identity.issued_at = *iat;
  identity.name = text("name");
  identity.email = text("email");
  identity.oid = text("oid");
  auto it_roles = p.find("roles");
  if (it_roles != p.end() && it_roles->is_array())
    for (const Json& role : *it_roles)
      if (role.is_string()) identity.roles.push_back(role.get<std::string>());
  check.identity = std::move(identity);
  return check;
}

std::string random_hex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(&raw[0]), static_cast<int>(bytes)) != 1) return {};
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::string data_folder_secret(const std::string& db, std::string& error) {
  const std::size_t slash = db.rfind('/');
  const std::string path =
      (slash == std::string::npos ? std::string(".") : db.substr(0, slash == 0 ? 1 : slash)) + "/server-mock.secret";
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd >= 0) {
    const std::string fresh = random_hex(32);
    const bool written =
        !fresh.empty() && ::write(fd, fresh.data(), fresh.size()) == static_cast<ssize_t>(fresh.size());
    ::close(fd);
    if (!written) {
      ::unlink(path.c_str());
      error = "cannot write the signing secret " + path;
      return {};
    }
  } else if (errno != EEXIST) {
    error = "cannot create the signing secret " + path + ": " + std::strerror(errno);
    return {};
  }
  fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  struct stat info {};
  if (fd < 0 || ::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    if (fd >= 0) ::close(fd);
    error = "cannot read the signing secret " + path;
    return {};
  }
  if ((info.st_mode & 077) != 0) {
    ::close(fd);
    error = "the signing secret " + path + " may be read by others: chmod 600 it";
    return {};
  }
  char buffer[256];
  const ssize_t n = ::read(fd, buffer, sizeof buffer);
  ::close(fd);
  std::string secret(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r' || secret.back() == ' ')) secret.pop_back();
  if (secret.size() < 32) {
    error = "the signing secret " + path + " is shorter than 32 characters";
    return {};
  }
  return secret;
}

}  // namespace leads
