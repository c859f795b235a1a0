// base64url and percent-encoding, shared by the tokens (server-mock), PKCE and the sign-in URLs (the app).
#include "domain/encoding.h"

#include <doctest/doctest.h>

using namespace leads;

TEST_CASE("base64url: RFC 4648 test vectors without padding, and back") {
  const char* const vectors[][2] = {{"", ""},           {"f", "Zg"},          {"fo", "Zm8"},         {"foo", "Zm9v"},
                                    {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"}};
  for (const auto& vector : vectors) {
    CHECK(base64url_encode(vector[0]) == vector[1]);
    CHECK(base64url_decode(vector[1]) == std::string(vector[0]));
  }
  const std::string bytes("\xfb\xff\x00\xfe", 4);  // the two characters that differ from base64
  CHECK(base64url_encode(bytes) == "-_8A_g");
  CHECK(base64url_decode("-_8A_g") == bytes);
}

TEST_CASE("base64url decoding is strict: base64's + and /, spaces and impossible lengths are refused") {
  CHECK_FALSE(base64url_decode("+/8A"));
  CHECK_FALSE(base64url_decode("Zm9v Yg"));
  CHECK_FALSE(base64url_decode("Zm9vY"));                // 5 characters cannot hold whole bytes
  CHECK(base64url_decode("Zm8=") == std::string("fo"));  // padding is tolerated
}

TEST_CASE("percent-encoding keeps only the unreserved characters") {
  CHECK(percent_encode("AZaz09-._~") == "AZaz09-._~");
  CHECK(percent_encode("a b&c=d/e?f#g+h") == "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh");
  CHECK(percent_encode("İ") == "%C4%B0");
}

TEST_CASE("percent-encoding may keep a few more characters as they are, and only those") {
  CHECK(percent_encode("id,customerProfile/name eq 'a b'", "/,") == "id,customerProfile/name%20eq%20%27a%20b%27");
  CHECK(percent_encode("a/b,c", ",") == "a%2Fb,c");               // a path segment: '/' never passes
  CHECK(percent_encode(std::string("a\0b", 3), "/") == "a%00b");  // the kept set's end is not a NUL to keep
}
