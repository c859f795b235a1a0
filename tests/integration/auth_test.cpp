// Integration: tokens and roles (401 with WWW-Authenticate, 403 for a role that may not read or act), dev sign-in.
#include <doctest/doctest.h>

#include "test_support.h"
#include "token.h"

using namespace leads;
using namespace leads::testing;

TEST_CASE("a list request without a token is 401 with a bare Bearer challenge (no error attributes, RFC 6750 3)") {
  auto client = shared_server().process->client();
  auto result = client->Get(kBase);
  REQUIRE(result);
  CHECK(result->status == 401);
  CHECK(error_code(result) == "unauthenticated");
  CHECK(result->get_header_value("WWW-Authenticate") == "Bearer realm=\"leads\"");
}

TEST_CASE("a token signed by another provider's keys is 401 invalid_token") {
  auto client = shared_server().process->client();
  auto result = client->Get(kBase, bearer(foreign_token()));
  REQUIRE(result);
  CHECK(result->status == 401);
  CHECK(error_code(result) == "unauthenticated");
  CHECK(result->get_header_value("WWW-Authenticate").find("error=\"invalid_token\"") != std::string::npos);
}

TEST_CASE("an expired token is 401") {
  auto client = shared_server().process->client();
  auto result = client->Get(kBase, bearer(token_for("Referrals admin", -60)));
  REQUIRE(result);
  CHECK(result->status == 401);
  CHECK(result->body.find("expired") != std::string::npos);
}

TEST_CASE("a malformed token and a non-Bearer scheme are 401") {
  auto client = shared_server().process->client();
  auto garbage = client->Get(kBase, bearer("not.a-token"));
  REQUIRE(garbage);
  CHECK(garbage->status == 401);
  auto basic = client->Get(kBase, httplib::Headers{{"Authorization", "Basic dXNlcjpwYXNz"}});
  REQUIRE(basic);
  CHECK(basic->status == 401);
  CHECK(basic->get_header_value("WWW-Authenticate") == "Bearer realm=\"leads\"");
}

TEST_CASE("a token with no referrals role is 403 accessDenied") {
  auto client = shared_server().process->client();
  auto result = client->Get(kBase, bearer(token_for("Sales person")));
  REQUIRE(result);
  CHECK(result->status == 403);
  CHECK(error_code(result) == "accessDenied");
}

TEST_CASE("a read-only Referrals user may read but a PATCH is 403") {
  reset_shared_server();
  auto client = shared_server().process->client();
  const std::string reader = token_for("Referrals user");
  auto list = client->Get(kBase, bearer(reader));
  REQUIRE(list);
  CHECK(list->status == 200);
  const Json lead = first_lead(*client, "status eq 'New'");
  REQUIRE(lead.is_object());
  const std::string path = std::string(kBase) + "/" + lead["id"].get<std::string>();
  auto write = client->Patch(path, bearer(reader), dump_json(accept_patch()), "application/json");
  REQUIRE(write);
  CHECK(write->status == 403);
  CHECK(error_code(write) == "accessDenied");
  auto after = json_of(client->Get(path, bearer(reader)));
  CHECK(after["status"] == "New");
}

TEST_CASE("the dev sign-in gives a partner admin token, or the role asked for, never cached") {
  auto client = shared_server().process->client();
  auto result = client->Get("/dev/token");
  REQUIRE(result);
  CHECK(result->status == 200);
  CHECK(result->get_header_value("Cache-Control") == "no-store");
  const Json body = json_of(result);
  REQUIRE(body.contains("token"));
  CHECK(body["expiresIn"] == 3600);
  auto list = client->Get(kBase, bearer(body["token"].get<std::string>()));
  REQUIRE(list);
  CHECK(list->status == 200);
  // The same kind of token the provider issues: RS256 by the signing key, this server's issuer, the API's audience.
  const std::string token = body["token"].get<std::string>();
  const JwtParts parts = split_jwt(token);
  REQUIRE(parts.header);
  CHECK((*parts.header)["alg"] == "RS256");
  CHECK((*parts.header)["kid"] == token_keys()->signing_kid());
  const auto claims = decode_jwt_payload(parts.payload);
  REQUIRE(claims);
  CHECK((*claims)["iss"] == shared_server().process->base_url());
  CHECK((*claims)["aud"] == "urn:leads:referrals-api");
  CHECK((*claims)["azp"] == "dev-sign-in");
  CHECK((*claims)["sid"] == "dev");
  CHECK((*claims)["roles"] == Json::array({"MPN partner admin"}));

  auto reader = json_of(client->Get("/dev/token?role=Referrals%20user"));
  REQUIRE(reader.contains("token"));
  const Json lead = first_lead(*client, "status eq 'New'");
  auto write = client->Patch(std::string(kBase) + "/" + lead["id"].get<std::string>(),
                             bearer(reader["token"].get<std::string>()), dump_json(accept_patch()), "application/json");
  REQUIRE(write);
  CHECK(write->status == 403);
}

TEST_CASE("without --dev-sign-in there is no /dev/token, and without --test-mode no /_mock/") {
  TempDir dir;
  ServerProcess server(dir.file("plain.db"), {"--leads", "5"});
  REQUIRE(server.running());
  auto client = server.client();
  auto token = client->Get("/dev/token");
  REQUIRE(token);
  CHECK(token->status == 404);
  auto mock = client->Get("/_mock/clock", mock_auth());
  REQUIRE(mock);
  CHECK(mock->status == 404);
}

TEST_CASE("test mode is refused on a host that is not loopback") {
  TempDir dir;
  ServerProcess server(dir.file("refused.db"), {"--test-mode", "--host", "0.0.0.0"});
  CHECK_FALSE(server.running());
}
