// The RSA key ring: keys made and used with OpenSSL 3's EVP API, kept as PEM in a JSON file of the data folder.
//
// [SECTION] OpenSSL helpers
// [SECTION] the file
// [SECTION] KeyRing
#include "key_ring.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <shared_mutex>
#include <vector>

#include "token.h"

namespace leads {

namespace {

// [SECTION] OpenSSL helpers ----------------------------------------------------------------------

constexpr int kKeyBits = 2048;
constexpr std::size_t kMaxKeyFileBytes = 64 * 1024;
constexpr std::size_t kMaxKeys = 8;  // what a hand-edited file may hold; rotation keeps two

using PkeyPtr = std::shared_ptr<EVP_PKEY>;

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
struct BnFree {
  void operator()(BIGNUM* bn) const { BN_free(bn); }
};

PkeyPtr share(EVP_PKEY* key) {
  return key ? PkeyPtr(key, EVP_PKEY_free) : PkeyPtr();
}

PkeyPtr generate_key() {
  return share(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(kKeyBits)));
}

std::string private_pem(EVP_PKEY* key) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) return {};
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

// Only an RSA private key of at least 2048 bits is taken from the file.
PkeyPtr read_private_pem(const std::string& pem) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return {};
  PkeyPtr key = share(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key || !EVP_PKEY_is_a(key.get(), "RSA") || EVP_PKEY_get_bits(key.get()) < kKeyBits) return {};
  return key;
}

std::string big_endian(EVP_PKEY* key, const char* param) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, param, &raw) != 1) return {};
  std::unique_ptr<BIGNUM, BnFree> number(raw);
  std::string bytes(static_cast<std::size_t>(BN_num_bytes(number.get())), '\0');
  BN_bn2bin(number.get(), reinterpret_cast<unsigned char*>(&bytes[0]));
  return bytes;  // unsigned, no leading zero byte: what JWK's n and e want (RFC 7518 6.3.1)
}

// base64url of the first 16 bytes of SHA-256 over the public key's DER (SubjectPublicKeyInfo): stable across
// restarts and the same wherever the key is read.
std::string key_id(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  const int length = i2d_PUBKEY(key, &der);
  if (length <= 0) return {};
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  const bool hashed =
      EVP_Digest(der, static_cast<std::size_t>(length), digest, &digest_length, EVP_sha256(), nullptr) == 1;
  OPENSSL_free(der);
  if (!hashed || digest_length < 16) return {};
  return base64url_encode(std::string_view(reinterpret_cast<const char*>(digest), 16));
}

// RS256: RSASSA-PKCS1-v1_5 with SHA-256.
std::string rs256_sign(EVP_PKEY* key, std::string_view input) {
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pkey_ctx = nullptr;
  if (!ctx || EVP_DigestSignInit(ctx.get(), &pkey_ctx, EVP_sha256(), nullptr, key) != 1 ||
      EVP_PKEY_CTX_set_rsa_padding(pkey_ctx, RSA_PKCS1_PADDING) != 1)
    return {};
  std::size_t length = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(input.data());
  if (EVP_DigestSign(ctx.get(), nullptr, &length, data, input.size()) != 1) return {};
  std::string signature(length, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(&signature[0]), &length, data, input.size()) != 1)
    return {};
  signature.resize(length);
  return signature;
}

bool rs256_verify(EVP_PKEY* key, std::string_view input, std::string_view signature) {
  // A signature is exactly as long as the modulus: anything else is refused before OpenSSL sees it.
  if (signature.size() != static_cast<std::size_t>(EVP_PKEY_get_size(key))) return false;
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pkey_ctx = nullptr;
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pkey_ctx, EVP_sha256(), nullptr, key) != 1 ||
      EVP_PKEY_CTX_set_rsa_padding(pkey_ctx, RSA_PKCS1_PADDING) != 1)
    return false;
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                          reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
}

// [SECTION] the file -----------------------------------------------------------------------------
// {"signing": kid, "keys": [{"kid", "pem"}, …]}, mode 0600. Written whole to a fresh temporary file first, so a
// reader never sees half a file: created by link() (fails if another process created it meanwhile), replaced by
// rename() on rotation.

std::string folder_of(const std::string& db) {
  const std::size_t slash = db.rfind('/');
  return slash == std::string::npos ? std::string(".") : db.substr(0, slash == 0 ? 1 : slash);
}

// A new file beside `path` holding `content`, mode 0600; its name, or empty with `error` set.
std::string write_temporary(const std::string& path, const std::string& content, std::string& error) {
  for (int attempt = 0; attempt < 8; ++attempt) {
    const std::string temporary = path + ".tmp-" + random_hex(8);
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
      if (errno == EEXIST) continue;
      error = "cannot create the key file " + path + ": " + std::strerror(errno);
      return {};
    }
    const bool written =
        ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (written) return temporary;
    ::unlink(temporary.c_str());
    error = "cannot write the key file " + path;
    return {};
  }
  error = "cannot create a temporary file beside " + path;
  return {};
}

enum class ReadOutcome { Read, Missing, Failed };

ReadOutcome read_key_file(const std::string& path, std::string& content, std::string& error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    if (errno == ENOENT) return ReadOutcome::Missing;
    error = "cannot read the key file " + path + ": " + std::strerror(errno);
    return ReadOutcome::Failed;
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    error = "the key file " + path + " is not a regular file";
    return ReadOutcome::Failed;
  }
  if ((info.st_mode & 077) != 0) {
    ::close(fd);
    error = "the key file " + path + " may be read by others: chmod 600 it";
    return ReadOutcome::Failed;
  }
  if (static_cast<std::size_t>(info.st_size) > kMaxKeyFileBytes) {
    ::close(fd);
    error = "the key file " + path + " is over 64 KiB";
    return ReadOutcome::Failed;
  }
  content.assign(static_cast<std::size_t>(info.st_size), '\0');
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::read(fd, &content[done], content.size() - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  content.resize(done);
  return ReadOutcome::Read;
}

}  // namespace

// [SECTION] KeyRing ------------------------------------------------------------------------------

namespace {
struct RingKey {
  std::string kid;
  PkeyPtr pkey;
  std::string pem;
  std::string n, e;  // base64url, for the JWKS
};
}  // namespace

struct KeyRing::Keys {
  std::string path;  // empty: held in memory only
  mutable std::shared_mutex mutex;
  std::mutex rotating;        // one rotation at a time, so the file and the memory agree
  std::vector<RingKey> keys;  // keys[0] signs; the others are published until rotated out
};

namespace {

std::optional<RingKey> make_entry(PkeyPtr pkey, std::string pem) {
  RingKey key;
  key.kid = key_id(pkey.get());
  key.n = base64url_encode(big_endian(pkey.get(), OSSL_PKEY_PARAM_RSA_N));
  key.e = base64url_encode(big_endian(pkey.get(), OSSL_PKEY_PARAM_RSA_E));
  if (key.kid.empty() || key.n.empty() || key.e.empty()) return std::nullopt;
  key.pem = pem.empty() ? private_pem(pkey.get()) : std::move(pem);
  if (key.pem.empty()) return std::nullopt;
  key.pkey = std::move(pkey);
  return key;
}

std::optional<RingKey> fresh_key() {
  PkeyPtr pkey = generate_key();
  if (!pkey) return std::nullopt;
  return make_entry(std::move(pkey), {});
}

std::string key_file_text(const std::vector<RingKey>& keys) {
  Json list = Json::array();
  for (const auto& key : keys) list.push_back({{"kid", key.kid}, {"pem", key.pem}});
  return dump_json(Json{{"signing", keys.front().kid}, {"keys", list}}) + "\n";
}

// The keys of a file's text, the signing one first; empty with `error` set when anything is off.
std::vector<RingKey> parse_key_file(const std::string& text, const std::string& path, std::string& error) {
  const ParsedJson parsed = parse_json_text(text, JsonLimits{kMaxKeyFileBytes, 4});
  const Json& root = parsed.value;
  error = "the key file " + path + " is not a key ring ({\"signing\": kid, \"keys\": [{\"kid\", \"pem\"}]})";
  if (parsed.error || !root.is_object() || !root.contains("signing") || !root["signing"].is_string() ||
      !root.contains("keys") || !root["keys"].is_array() || root["keys"].empty() || root["keys"].size() > kMaxKeys)
    return {};
  std::vector<RingKey> keys;
  for (const Json& item : root["keys"]) {
    if (!item.is_object() || !item.contains("pem") || !item["pem"].is_string()) return {};
    PkeyPtr pkey = read_private_pem(item["pem"].get<std::string>());
    auto key = pkey ? make_entry(std::move(pkey), item["pem"].get<std::string>()) : std::nullopt;
    if (!key) {
      error = "the key file " + path + " holds a key that is not an RSA private key of 2048 bits or more";
      return {};
    }
    if (item.contains("kid") && item["kid"] != Json(key->kid)) {
      error = "the key file " + path + " names a key by a kid that is not its own";
      return {};
    }
    keys.push_back(std::move(*key));
  }
  const std::string signing = root["signing"].get<std::string>();
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (keys[i].kid == signing) {
      std::swap(keys[0], keys[i]);
      error.clear();
      return keys;
    }
  error = "the key file " + path + " names a signing key it does not hold";
  return {};
}

}  // namespace

KeyRing::KeyRing(std::unique_ptr<Keys> keys) : keys_(std::move(keys)) {}
KeyRing::~KeyRing() = default;
KeyRing::KeyRing(KeyRing&&) noexcept = default;
KeyRing& KeyRing::operator=(KeyRing&&) noexcept = default;

std::optional<KeyRing> KeyRing::open_for_database(const std::string& db, std::string& error) {
  auto keys = std::make_unique<Keys>();
  keys->path = folder_of(db) + "/server-mock.keys";
  std::string text;
  ReadOutcome outcome = read_key_file(keys->path, text, error);
  if (outcome == ReadOutcome::Missing) {
    auto first = fresh_key();
    auto second = fresh_key();
    if (!first || !second) {
      error = "cannot generate RSA keys";
      return std::nullopt;
    }
    const std::string temporary = write_temporary(keys->path, key_file_text({*first, *second}), error);
    if (temporary.empty()) return std::nullopt;
    // link() never replaces: when another process created the file meanwhile, its keys are the ones read below.
    const bool linked = ::link(temporary.c_str(), keys->path.c_str()) == 0;
    const int link_errno = errno;
    ::unlink(temporary.c_str());
    if (!linked && link_errno != EEXIST) {
      error = "cannot create the key file " + keys->path + ": " + std::strerror(link_errno);
      return std::nullopt;
    }
    outcome = read_key_file(keys->path, text, error);
  }
  if (outcome != ReadOutcome::Read) {
    if (error.empty()) error = "cannot read the key file " + keys->path;
    return std::nullopt;
  }
  keys->keys = parse_key_file(text, keys->path, error);
  if (keys->keys.empty()) return std::nullopt;
  return KeyRing(std::move(keys));
}

std::optional<KeyRing> KeyRing::in_memory() {
  auto keys = std::make_unique<Keys>();
  for (int i = 0; i < 2; ++i) {
    auto key = fresh_key();
    if (!key) return std::nullopt;
    keys->keys.push_back(std::move(*key));
  }
  return KeyRing(std::move(keys));
}

std::string KeyRing::sign(const Json& claims) const {
  PkeyPtr key;
  std::string kid;
  {
    std::shared_lock<std::shared_mutex> lock(keys_->mutex);
    key = keys_->keys.front().pkey;
    kid = keys_->keys.front().kid;
  }
  const Json header = {{"alg", "RS256"}, {"typ", "JWT"}, {"kid", kid}};
  const std::string input = base64url_encode(dump_json(header)) + "." + base64url_encode(dump_json(claims));
  const std::string signature = rs256_sign(key.get(), input);
  return signature.empty() ? std::string() : input + "." + base64url_encode(signature);
}

Json KeyRing::jwks() const {
  std::shared_lock<std::shared_mutex> lock(keys_->mutex);
  Json keys = Json::array();
  for (const auto& key : keys_->keys)
    keys.push_back({{"kty", "RSA"}, {"use", "sig"}, {"alg", "RS256"}, {"kid", key.kid}, {"n", key.n}, {"e", key.e}});
  return Json{{"keys", keys}};
}

std::string KeyRing::signing_kid() const {
  std::shared_lock<std::shared_mutex> lock(keys_->mutex);
  return keys_->keys.front().kid;
}

bool KeyRing::rotate(std::string& error) {
  // The slow part (a new RSA key) runs before any lock: signing and checking go on meanwhile.
  auto fresh = fresh_key();
  if (!fresh) {
    error = "cannot generate an RSA key";
    return false;
  }
  std::lock_guard<std::mutex> one_at_a_time(keys_->rotating);
  std::vector<RingKey> next;
  {
    std::shared_lock<std::shared_mutex> lock(keys_->mutex);
    next = {std::move(*fresh), keys_->keys.front()};
  }
  if (!keys_->path.empty()) {
    const std::string temporary = write_temporary(keys_->path, key_file_text(next), error);
    if (temporary.empty()) return false;
    if (::rename(temporary.c_str(), keys_->path.c_str()) != 0) {
      error = "cannot replace the key file " + keys_->path + ": " + std::strerror(errno);
      ::unlink(temporary.c_str());
      return false;
    }
  }
  std::unique_lock<std::shared_mutex> lock(keys_->mutex);
  keys_->keys = std::move(next);
  return true;
}

KeyRing::SignatureCheck KeyRing::check_signature(std::string_view kid, std::string_view signing_input,
                                                 std::string_view signature) const {
  PkeyPtr key;
  {
    std::shared_lock<std::shared_mutex> lock(keys_->mutex);
    for (const auto& entry : keys_->keys)
      if (entry.kid == kid) key = entry.pkey;
  }
  if (!key) return SignatureCheck::UnknownKey;
  return rs256_verify(key.get(), signing_input, signature) ? SignatureCheck::Valid : SignatureCheck::Invalid;
}

}  // namespace leads
