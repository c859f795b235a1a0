// Integration: the API takes only RS256 access tokens of its own issuer, signed by a key of its ring, and says why
// it refuses one (401 + WWW-Authenticate error_description); key rotation keeps the previous key's tokens good.
//
// [SECTION] helpers
// [SECTION] refusals
// [SECTION] rotation and the command line
#include "token.h"

#include <doctest/doctest.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <sys/stat.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "clock.h"
#include "test_support.h"

using namespace leads;
using namespace leads::testing;

namespace {

// [SECTION] helpers ------------------------------------------------------------------------------

constexpr const char* kChallengeStart = "Bearer realm=\"leads\", error=\"invalid_token\", error_description=\"";

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// What a GET of the list answers to `token`: "200", or for a 401 the error_description of its invalid_token
// challenge, or a description of what else came back.
std::string answer_to(const std::string& token, httplib::Client& client) {
  auto result = client.Get((std::string(kBase) + "?$top=1").c_str(), bearer(token));
  if (!result) return "no answer";
  if (result->status != 401) return std::to_string(result->status);
  const std::string challenge = result->get_header_value("WWW-Authenticate");
  if (challenge.rfind(kChallengeStart, 0) != 0 || challenge.back() != '"') return "401 with the challenge " + challenge;
  const std::string description =
      challenge.substr(std::strlen(kChallengeStart), challenge.size() - std::strlen(kChallengeStart) - 1);
  if (json_of(result)["error"]["message"] != Json(description)) return "401 whose body says something else";
  return description;
}

std::string answer_to(const std::string& token) {
  return answer_to(token, *shared_server().process->client());
}

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

// The shared server's signing key, read from its key file as the server reads it.
Pkey signing_key() {
  const Json file = parse_json_text(read_file(shared_server().dir.file("server-mock.keys"))).value;
  for (const Json& key : file["keys"])
    if (key["kid"] == file["signing"]) {
      const std::string pem = key["pem"].get<std::string>();
      BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
      Pkey pkey(PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr));
      BIO_free(bio);
      return pkey;
    }
  return nullptr;
}

std::string public_pem(EVP_PKEY* key) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PUBKEY(bio, key);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  return pem;
}

std::string signing_input(const Json& header, const Json& claims) {
  return base64url_encode(dump_json(header)) + "." + base64url_encode(dump_json(claims));
}

// A JWT with any header, RS256-signed with `key`: for tokens the key ring would never write.
std::string rs256_token(const Json& header, const Json& claims, EVP_PKEY* key) {
  const std::string input = signing_input(header, claims);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  std::size_t length = 0;
  std::string signature;
  if (EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
      EVP_DigestSign(ctx, nullptr, &length, reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1) {
    signature.resize(length);
    EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(&signature[0]), &length,
                   reinterpret_cast<const unsigned char*>(input.data()), input.size());
    signature.resize(length);
  }
  EVP_MD_CTX_free(ctx);
  return input + "." + base64url_encode(signature);
}

// The classic key-confusion forgery: HS256 whose HMAC key is public (the PEM, or the JWKS modulus).
std::string hs256_token(const Json& claims, const std::string& hmac_key, const std::string& kid) {
  const std::string input = signing_input(Json{{"alg", "HS256"}, {"typ", "JWT"}, {"kid", kid}}, claims);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), hmac_key.data(), static_cast<int>(hmac_key.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest, &length);
  return input + "." + base64url_encode(std::string(reinterpret_cast<const char*>(digest), length));
}

Json rs256_header() {
  return Json{{"alg", "RS256"}, {"typ", "JWT"}, {"kid", token_keys()->signing_kid()}};
}

long long now_seconds() {
  return Clock::system_now() / 1000;
}

std::string issuer_problem() {
  return "the token was not issued by " + shared_server().process->base_url() + " (iss)";
}

std::string run_command(const std::string& command, int& status) {
  std::string out;
  FILE* pipe = popen((command + " 2>&1; echo \"exit=$?\"").c_str(), "r");
  if (!pipe) return out;
  char buffer[512];
  while (fgets(buffer, sizeof buffer, pipe)) out += buffer;
  pclose(pipe);
  const std::size_t at = out.rfind("exit=");
  status = at == std::string::npos ? -1 : std::atoi(out.c_str() + at + 5);
  return out.substr(0, at);
}

Json rotate(httplib::Client& client) {
  auto result = client.Post("/_mock/rotate-keys", mock_auth(), "{}", "application/json");
  return result && result->status == 200 ? json_of(result) : Json();
}

}  // namespace

// [SECTION] refusals -----------------------------------------------------------------------------

TEST_SUITE("access tokens") {
  TEST_CASE("a token the provider issues is accepted, for each role that may read") {
    CHECK(answer_to(admin_token()) == "200");
    CHECK(answer_to(token_for("Referrals user")) == "200");
  }

  TEST_CASE("alg none is refused, whatever its spelling, with or without a signature") {
    for (const char* alg : {"none", "None", "NONE"}) {
      CAPTURE(alg);
      const std::string input = signing_input(Json{{"alg", alg}, {"typ", "JWT"}}, access_claims());
      CHECK(answer_to(input + ".") == "the token is not signed (alg none is refused)");
      CHECK(answer_to(input + ".c2lnbmF0dXJl") == "the token is not signed (alg none is refused)");
    }
  }

  TEST_CASE("an HS256 token whose HMAC key is the public key (its PEM, the JWKS n) is refused") {
    const Pkey key = signing_key();
    REQUIRE(key);
    const std::string kid = token_keys()->signing_kid();
    const Json jwks = token_keys()->jwks();
    std::string n;
    for (const Json& published : jwks["keys"])
      if (published["kid"] == kid) n = published["n"].get<std::string>();
    REQUIRE_FALSE(n.empty());
    for (const std::string& hmac_key : {public_pem(key.get()), n, *base64url_decode(n)}) {
      CHECK(answer_to(hs256_token(access_claims(), hmac_key, kid)) == "only RS256 tokens are accepted");
    }
    for (const char* alg : {"RS512", "PS256", "ES256", "rs256", ""}) {
      CAPTURE(alg);
      Json header = rs256_header();
      header["alg"] = alg;
      CHECK(answer_to(rs256_token(header, access_claims(), key.get())) == "only RS256 tokens are accepted");
    }
  }

  TEST_CASE("expired, not yet valid beyond the 60 s skew, for another audience or from another issuer: refused") {
    CHECK(answer_to(token_for("Referrals admin", -60)) == "the token has expired");
    CHECK(answer_to(token_for("Referrals admin", 0)) == "the token has expired");

    Json later = access_claims();
    later["nbf"] = now_seconds() + 3600;
    CHECK(answer_to(sign_claims(later)) == "the token is not valid yet (nbf)");
    Json within_skew = access_claims();
    within_skew["nbf"] = now_seconds() + 30;
    CHECK(answer_to(sign_claims(within_skew)) == "200");

    const std::string audience_problem = "the token is not meant for urn:leads:referrals-api (aud)";
    Json other_api = access_claims();
    other_api["aud"] = "api://another-api";
    CHECK(answer_to(sign_claims(other_api)) == audience_problem);
    Json client_audience = access_claims();  // an ID token's audience: the client, not the API
    client_audience["aud"] = "leads-workspace";
    CHECK(answer_to(sign_claims(client_audience)) == audience_problem);
    Json no_audience = access_claims();
    no_audience.erase("aud");
    CHECK(answer_to(sign_claims(no_audience)) == audience_problem);
    Json audiences = access_claims();
    audiences["aud"] = Json::array({"leads-workspace", "urn:leads:referrals-api"});
    CHECK(answer_to(sign_claims(audiences)) == "200");

    Json other_issuer = access_claims();
    other_issuer["iss"] = "https://login.evil.example";
    CHECK(answer_to(sign_claims(other_issuer)) == issuer_problem());
    Json slash = access_claims();
    slash["iss"] = shared_server().process->base_url() + "/";
    CHECK(answer_to(sign_claims(slash)) == issuer_problem());
    Json no_issuer = access_claims();
    no_issuer.erase("iss");
    CHECK(answer_to(sign_claims(no_issuer)) == issuer_problem());
    Json no_expiry = access_claims();
    no_expiry.erase("exp");
    CHECK(answer_to(sign_claims(no_expiry)) == "the token has no valid expiry (exp)");
  }

  TEST_CASE("an unknown kid, a tampered payload, another key's signature: refused") {
    const Pkey key = signing_key();
    REQUIRE(key);
    const std::string kid_problem = "the token's signing key (kid) is unknown";
    Json unknown = rs256_header();
    unknown["kid"] = "not-a-key-of-this-server";
    CHECK(answer_to(rs256_token(unknown, access_claims(), key.get())) == kid_problem);
    Json no_kid = rs256_header();
    no_kid.erase("kid");
    CHECK(answer_to(rs256_token(no_kid, access_claims(), key.get())) == kid_problem);
    CHECK(answer_to(foreign_token()) == kid_problem);  // another provider's keys, its own kid

    const std::string signature_problem = "the token's signature is not valid";
    // A reader's token whose payload is swapped for an admin's, keeping the reader's signature.
    const std::string reader = token_for("Referrals user");
    const std::size_t first = reader.find('.'), second = reader.rfind('.');
    const std::string tampered = reader.substr(0, first + 1) +
                                 base64url_encode(dump_json(access_claims("MPN partner admin"))) +
                                 reader.substr(second);
    CHECK(answer_to(tampered) == signature_problem);
    // Our kid in the header, but signed by another RSA key.
    Pkey other(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(2048)));
    REQUIRE(other);
    CHECK(answer_to(rs256_token(rs256_header(), access_claims(), other.get())) == signature_problem);
    CHECK(answer_to(rs256_token(rs256_header(), access_claims(), key.get())) == "200");
    CHECK(answer_to(reader.substr(0, second + 1)) == signature_problem);  // no signature at all
    // Critical header extensions are not understood, so refused (RFC 7515 4.1.11).
    Json critical = rs256_header();
    critical["crit"] = Json::array({"exp"});
    CHECK(answer_to(rs256_token(critical, access_claims(), key.get())) ==
          "the token needs header extensions (crit) this server does not know");
  }

  TEST_CASE("a token that is not three segments, not base64url JSON, or over 7 KiB: refused") {
    const std::string form = "the token is not a JWT (header.payload.signature)";
    const std::string good = admin_token();
    CHECK(answer_to("abc") == form);
    CHECK(answer_to(good.substr(0, good.rfind('.'))) == form);
    CHECK(answer_to(good + ".more") == form);
    CHECK(answer_to("..") == "the token's header is not a JSON object");
    CHECK(answer_to("e30!.e30.e30") == "the token's header is not base64url");
    CHECK(answer_to(base64url_encode("[1]") + ".e30.e30") == "the token's header is not a JSON object");
    const Pkey key = signing_key();
    REQUIRE(key);
    const std::string not_json = base64url_encode(dump_json(rs256_header())) + "." + base64url_encode("not json");
    // A payload that is not JSON, signed properly: the signature holds, the payload is refused.
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    std::size_t length = 512;
    std::string signature(length, '\0');
    REQUIRE(EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key.get()) == 1);
    REQUIRE(EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(&signature[0]), &length,
                           reinterpret_cast<const unsigned char*>(not_json.data()), not_json.size()) == 1);
    EVP_MD_CTX_free(ctx);
    signature.resize(length);
    CHECK(answer_to(not_json + "." + base64url_encode(signature)) == "the token's payload is not a JSON object");

    Json big = access_claims();
    big["name"] = std::string(4700, 'x');  // signed by the right key, but too long to be looked at
    const std::string oversized = sign_claims(big);
    REQUIRE(oversized.size() > kMaxTokenBytes);
    REQUIRE(oversized.size() < 8000);  // within the HTTP front's header line limit, so the token check answers
    CHECK(answer_to(oversized) == "the token is longer than 7 KiB");
  }

  // [SECTION] rotation and the command line ------------------------------------------------------

  TEST_CASE("after a rotation the previous key's tokens stay good; after a second one they are refused") {
    TempDir dir;
    const std::string db = dir.file("rotate.db");
    ServerProcess server(db, {"--test-mode", "--test-token", kTestToken, "--leads", "3"});
    REQUIRE(server.running());
    const TokensFor tokens(db, server);
    auto client = server.client();
    const std::string first_kid = token_keys()->signing_kid();
    const std::string first = admin_token();
    REQUIRE(answer_to(first, *client) == "200");

    const Json rotated = rotate(*client);
    REQUIRE(rotated.is_object());
    const std::string second_kid = rotated["signing"].get<std::string>();
    CHECK(second_kid != first_kid);
    // The JWKS publishes two keys: the new signing one first, then the previous one.
    const Json& published = rotated["jwks"]["keys"];
    REQUIRE(published.size() == 2);
    CHECK(published[0]["kid"] == second_kid);
    CHECK(published[1]["kid"] == first_kid);
    for (const Json& key : published) {
      CHECK(key["kty"] == "RSA");
      CHECK(key["use"] == "sig");
      CHECK(key["alg"] == "RS256");
      CHECK(key["e"] == "AQAB");
      CHECK(base64url_decode(key["n"].get<std::string>())->size() == 256);  // 2048 bits, no leading zero byte
      CHECK_FALSE(key.contains("d"));                                       // nothing private
    }
    CHECK(token_keys()->jwks() == rotated["jwks"]);  // the file holds what the server uses
    const std::string second = admin_token();
    CHECK(split_jwt(second).header->at("kid") == second_kid);
    CHECK(answer_to(first, *client) == "200");
    CHECK(answer_to(second, *client) == "200");

    REQUIRE(rotate(*client).is_object());
    CHECK(answer_to(first, *client) == "the token's signing key (kid) is unknown");
    CHECK(answer_to(second, *client) == "200");
    CHECK(answer_to(admin_token(), *client) == "200");

    // The rotated ring survives a restart.
    const std::string third_kid = token_keys()->signing_kid();
    CHECK(server.stop() == 0);
    ServerProcess again(db, {"--leads", "3"});
    REQUIRE(again.running());
    const TokensFor restarted(db, again);
    CHECK(token_keys()->signing_kid() == third_kid);
    CHECK(answer_to(admin_token(), *again.client()) == "200");
  }

  TEST_CASE("server-mock token and rotate-keys sign with, and rotate, the data folder's keys") {
    TempDir dir;
    const std::string db = dir.file("cli.db");
    ServerProcess server(db, {"--leads", "3"});
    REQUIRE(server.running());
    int status = 0;
    const std::string command = "'" + server_mock_path() + "' token --db '" + db + "' --issuer " + server.base_url();
    std::string printed = run_command(command + " --role 'Referrals user'", status);
    REQUIRE(status == 0);
    const std::string token = printed.substr(0, printed.find('\n'));
    CHECK(answer_to(token, *server.client()) == "200");
    const auto claims = decode_jwt_payload(split_jwt(token).payload);
    REQUIRE(claims);
    CHECK((*claims)["roles"] == Json::array({"Referrals user"}));
    CHECK((*claims)["iss"] == server.base_url());
    // Without --issuer the token is for http://127.0.0.1:8080, not for this server.
    printed = run_command(command.substr(0, command.find(" --issuer")), status);
    REQUIRE(status == 0);
    CHECK(answer_to(printed.substr(0, printed.find('\n')), *server.client()) ==
          "the token was not issued by " + server.base_url() + " (iss)");

    // Rotated while the server is stopped: the old key's token stays good, the new key signs.
    CHECK(server.stop() == 0);
    printed = run_command("'" + server_mock_path() + "' rotate-keys --db '" + db + "'", status);
    CHECK(status == 0);
    CHECK(printed.rfind("signing key ", 0) == 0);
    ServerProcess again(db, {"--leads", "3"});
    REQUIRE(again.running());
    const TokensFor tokens(db, again);
    CHECK(printed.find(token_keys()->signing_kid()) != std::string::npos);
    CHECK(answer_to(admin_token(), *again.client()) == "200");
    struct stat info {};
    REQUIRE(stat(dir.file("server-mock.keys").c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);

    CHECK(run_command("'" + server_mock_path() + "' token", status).find("needs --db") != std::string::npos);
    CHECK(status == 2);
  }

  TEST_CASE("the server's keys are checked from 8 threads while it rotates them") {
    TempDir dir;
    const std::string db = dir.file("busy.db");
    ServerProcess server(db, {"--test-mode", "--test-token", kTestToken, "--leads", "3"});
    REQUIRE(server.running());
    const TokensFor tokens(db, server);
    const std::string token = admin_token();
    std::atomic<bool> done{false};
    std::atomic<int> good{0}, bad{0};
    std::vector<std::thread> readers;
    for (int i = 0; i < 8; ++i)
      readers.emplace_back([&] {
        auto client = server.client();
        while (!done) (answer_to(token, *client) == "200" ? good : bad)++;
      });
    while (good.load() < 16 && bad.load() == 0) std::this_thread::yield();
    auto client = server.client();
    const bool rotated = rotate(*client).is_object();  // the token's key stays published after one rotation
    done = true;
    for (std::thread& reader : readers) reader.join();
    CHECK(rotated);
    CHECK(good.load() > 0);
    CHECK(bad.load() == 0);
  }
}  // TEST_SUITE
