// The shape of a compact JWT, shared by the client's claims, its ID token check and server-mock's token check.
#include "domain/jwt_segments.h"

#include <doctest/doctest.h>

#include "api/jwt_claims.h"
#include "domain/encoding.h"

using namespace leads;

namespace {
std::string token_with(const std::string& payload_json) {
  return base64url_encode(R"({"alg":"RS256"})") + "." + base64url_encode(payload_json) + ".c2ln";
}
}  // namespace

TEST_CASE("a JWT is exactly three segments: each as sent, and what the signature covers") {
  const std::optional<JwtSegments> segments = jwt_segments("aGVhZA.cGF5.c2ln");
  REQUIRE(segments);
  CHECK(segments->header == "aGVhZA");
  CHECK(segments->payload == "cGF5");
  CHECK(segments->signature == "c2ln");
  CHECK(segments->signing_input == "aGVhZA.cGF5");
  CHECK(jwt_segments("..").has_value());  // empty segments are a shape; their contents are checked apart
  for (const char* shape : {"", "abc", "a.b", "a.b.c.d", "a.b.c.", ".a.b.c"}) {
    CAPTURE(shape);
    CHECK_FALSE(jwt_segments(shape));
  }
}

TEST_CASE("a segment is read only as strict base64url of one JSON object within the limits") {
  CHECK(jwt_segment_object(base64url_encode(R"({"sub":"x"})"), JsonLimits{})->at("sub") == "x");
  CHECK_FALSE(jwt_segment_object("e30!", JsonLimits{}));                                         // not base64url
  CHECK_FALSE(jwt_segment_object(base64url_encode("[1]"), JsonLimits{}));                        // JSON, not an object
  CHECK_FALSE(jwt_segment_object(base64url_encode("{\"a\":"), JsonLimits{}));                    // not JSON
  CHECK_FALSE(jwt_segment_object(base64url_encode(R"({"a":{"b":{}}})"), JsonLimits{1024, 2}));   // too deep
  CHECK_FALSE(jwt_segment_object(base64url_encode(R"({"a":"0123456789"})"), JsonLimits{8, 8}));  // too long
}

TEST_CASE("the client reads a token's claims only from a three-segment JWT") {
  const std::string token = token_with(R"({"name":"Ayşe","tid":"t1","oid":"o1","roles":["Admin"],"exp":1800000000})");
  const std::optional<TokenClaims> claims = read_token_claims(token);
  REQUIRE(claims);
  CHECK(claims->name == "Ayşe");
  CHECK(claims->tid == "t1");
  CHECK(claims->roles == std::vector<std::string>{"Admin"});
  CHECK(claims->expires_at == 1'800'000'000'000);
  CHECK_FALSE(read_token_claims(token + ".extra"));  // a fourth segment is not a JWT (was read until now)
  CHECK_FALSE(read_token_claims(token_with("[]")));
}
