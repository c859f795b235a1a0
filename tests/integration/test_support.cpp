// Implementation of the integration-test helpers.
#include "test_support.h"

#include <sys/stat.h>

#include <chrono>
#include <csignal>
#include <map>
#include <mutex>
#include <stdexcept>

#include "clock.h"
#include "token.h"

namespace leads::testing {

// A test that uploads a body the server refuses early writes into a closed socket: that must be an error the test
// sees, not a SIGPIPE that kills the whole test binary.
const bool kSigpipeIgnored = (std::signal(SIGPIPE, SIG_IGN), true);

SharedServer::SharedServer() {
  app.write("index.html", "<!doctype html><title>Leads</title>");
  app.write("app.wasm", std::string("\0asm\1\0\0\0", 8) + std::string(4000, 'w'));
  app.write("app.js", "console.log('leads');");
  app.write("app.data", std::string(2000, 'd'));
  dir.write("secret.txt", "top secret");
  process = std::make_unique<ServerProcess>(
      dir.file("shared.db"),
      std::vector<std::string>{"--test-mode", "--dev-sign-in", "--seed", "7", "--leads", "300", "--test-token",
                               kTestToken, "--app-dir", app.path(), "--frame-ancestors", kFrameAncestors,
                               "--cors-origin", kCorsOrigin, "--page-cap", "120"});
}

SharedServer& shared_server() {
  static SharedServer server;
  return server;
}

void reset_shared_server(int leads) {
  auto client = shared_server().process->client();
  client->Delete("/_mock/faults", mock_auth());
  const auto now =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  client->Post("/_mock/clock", mock_auth(), dump_json(Json{{"now", format_iso8601(now)}}), "application/json");
  client->Post("/_mock/reset", mock_auth(), dump_json(Json{{"seed", 7}, {"leads", leads}}), "application/json");
}

namespace {

// Whom tokens are for: empty = the shared server. Guarded, since some tests sign on several threads.
std::mutex target_mutex;
std::string target_db, target_issuer;

struct CachedRing {
  ino_t inode = 0;
  long long modified_ns = 0;
  std::shared_ptr<const KeyRing> keys;
};
std::mutex rings_mutex;
std::map<std::string, CachedRing> rings;

std::pair<std::string, std::string> current_target() {
  {
    std::lock_guard<std::mutex> lock(target_mutex);
    if (!target_db.empty()) return {target_db, target_issuer};
  }
  SharedServer& shared = shared_server();
  return {shared.dir.file("shared.db"), shared.process->base_url()};
}

std::string folder_of(const std::string& db) {
  return db.substr(0, db.rfind('/'));
}

// The key ring of the folder holding `db`, read again whenever its file was replaced (a rotation renames a new
// file over it).
std::shared_ptr<const KeyRing> keys_of(const std::string& db) {
  const std::string path = folder_of(db) + "/server-mock.keys";
  struct stat info {};
  const bool exists = ::stat(path.c_str(), &info) == 0;
  const long long modified = exists ? info.st_mtim.tv_sec * 1000000000LL + info.st_mtim.tv_nsec : 0;
  std::lock_guard<std::mutex> lock(rings_mutex);
  CachedRing& cached = rings[path];
  if (!cached.keys || !exists || cached.inode != info.st_ino || cached.modified_ns != modified) {
    std::string error;
    auto ring = KeyRing::open_for_database(db, error);
    if (!ring) throw std::runtime_error("the test cannot read the server's keys: " + error);
    cached.keys = std::make_shared<const KeyRing>(std::move(*ring));
    cached.inode = exists ? info.st_ino : 0;
    cached.modified_ns = modified;
  }
  return cached.keys;
}

}  // namespace

TokensFor::TokensFor(const std::string& db, const ServerProcess& server, const std::string& origin)
    : db_(db), origin_(origin) {
  std::lock_guard<std::mutex> lock(target_mutex);
  previous_db_ = target_db;
  previous_issuer_ = target_issuer;
  target_db = db_;
  target_issuer = origin_.empty() ? server.base_url() : origin_;
}

TokensFor::~TokensFor() {
  std::lock_guard<std::mutex> lock(target_mutex);
  target_db = previous_db_;
  target_issuer = previous_issuer_;
}

void TokensFor::retarget(const ServerProcess& server) {
  std::lock_guard<std::mutex> lock(target_mutex);
  target_issuer = origin_.empty() ? server.base_url() : origin_;
}

std::string token_issuer() {
  return current_target().second;
}

std::shared_ptr<const KeyRing> token_keys() {
  return keys_of(current_target().first);
}

Json access_claims(const std::string& role, long long ttl_seconds, const std::string& oid) {
  Identity identity;
  identity.name = "Test User";
  identity.email = "test.user@contoso.com.tr";
  identity.oid = oid;
  identity.tid = "4f5c2a8e-7d1b-4c3e-9a6f-0b2d8e1c5a77";
  identity.roles = {role};
  identity.issued_at = Clock::system_now();
  identity.expires_at = identity.issued_at + ttl_seconds * 1000;
  return access_token_claims(identity, token_issuer(), "integration-tests", "integration");
}

std::string sign_claims(const Json& claims) {
  return token_keys()->sign(claims);
}

std::string foreign_token(const std::string& role) {
  static const std::optional<KeyRing> foreign = KeyRing::in_memory();
  return foreign ? foreign->sign(access_claims(role)) : std::string();
}

std::string admin_token() {
  return token_for("Referrals admin", 3600);
}

std::string token_for(const std::string& role, long long ttl_seconds, const std::string& oid) {
  return sign_claims(access_claims(role, ttl_seconds, oid));
}

httplib::Headers bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

httplib::Headers mock_auth() {
  return bearer(kTestToken);
}

httplib::Headers with(httplib::Headers headers, const std::string& name, const std::string& value) {
  headers.emplace(name, value);
  return headers;
}

Json json_of(const httplib::Result& result) {
  if (!result) return Json();
  ParsedJson parsed = parse_json_text(result->body, JsonLimits{64 << 20, 64});
  return parsed.error ? Json() : parsed.value;
}

std::string error_code(const httplib::Result& result) {
  const Json body = json_of(result);
  if (!body.is_object() || !body.contains("error") || !body["error"].is_object() || !body["error"].contains("code") ||
      !body["error"]["code"].is_string())
    return "<no error body>";
  return body["error"]["code"].get<std::string>();
}

std::string error_target(const httplib::Result& result) {
  const Json body = json_of(result);
  if (!body.is_object() || !body.contains("error") || !body["error"].is_object() || !body["error"].contains("target") ||
      !body["error"]["target"].is_string())
    return "<no target>";
  return body["error"]["target"].get<std::string>();
}

Json first_lead(httplib::Client& client, const std::string& filter) {
  const std::string path = std::string(kBase) + "?$top=1&$filter=" + url_encode(filter);
  const Json body = json_of(client.Get(path.c_str(), bearer(admin_token())));
  if (!body.is_object() || !body.contains("value") || !body["value"].is_array() || body["value"].empty()) return Json();
  return body["value"][0];
}

Json inject_lead(httplib::Client& client, const Json& body) {
  Json lead = body;
  if (!lead.contains("name")) lead["name"] = "Injected lead";
  if (!lead.contains("customerProfile"))
    lead["customerProfile"] = {{"name", "Ege Tekstil San. ve Tic. Ltd. Şti."},
                               {"address", {{"city", "İzmir"}, {"country", "TR"}}},
                               {"team", Json::array({{{"firstName", "Şule"},
                                                      {"lastName", "Çelik"},
                                                      {"email", "sule.celik@egetekstil.com.tr"},
                                                      {"phoneNumber", "+90 532 111 22 33"}}})}};
  return json_of(client.Post("/_mock/referrals", mock_auth(), dump_json(lead), "application/json"));
}

Json replace_ops(std::initializer_list<std::pair<const char*, Json>> ops) {
  Json patch = Json::array();
  for (const auto& [path, value] : ops) patch.push_back({{"op", "replace"}, {"path", path}, {"value", value}});
  return patch;
}

Json accept_patch() {
  return replace_ops({{"/status", "Active"},
                      {"/substatus", "Accepted"},
                      {"/name", "Microsoft 365 E3 rollout"},
                      {"/details/dealValue", 125000},
                      {"/details/currency", "TRY"},
                      {"/details/closingDateTime", "2027-03-01T00:00:00Z"},
                      {"/details/notes", "Customer wants 250 seats."}});
}

}  // namespace leads::testing
