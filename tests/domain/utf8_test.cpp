// The one UTF-8 decoder: what it accepts, what it refuses (leaving the position), and the length limits count in.
#include "domain/utf8.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace leads;

namespace {
// Every code point of `text`, or nullopt at the first sequence the decoder refuses (and the position it stayed at).
std::vector<char32_t> decode_all(std::string_view text, std::size_t* refused_at = nullptr) {
  std::vector<char32_t> codes;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t before = pos;
    const std::optional<char32_t> code = decode_utf8(text, pos);
    if (!code) {
      CHECK(pos == before);
      if (refused_at) *refused_at = pos;
      return codes;
    }
    codes.push_back(*code);
  }
  return codes;
}
}  // namespace

TEST_CASE("UTF-8 of one to four bytes decodes to its code points, Turkish letters included") {
  CHECK(decode_all("a") == std::vector<char32_t>{U'a'});
  CHECK(decode_all("İşÇ") == std::vector<char32_t>{U'İ', U'ş', U'Ç'});
  CHECK(decode_all("€") == std::vector<char32_t>{0x20AC});
  CHECK(decode_all("\xF0\x9F\x98\x80") == std::vector<char32_t>{0x1F600});
  CHECK(decode_all("\xF4\x8F\xBF\xBF") == std::vector<char32_t>{0x10FFFF});  // the last code point
}

TEST_CASE("malformed UTF-8 is refused where it starts: stray, truncated, overlong, surrogate, past U+10FFFF") {
  for (const std::string bad : {"\x80", "\xBF", "\xC3", "\xE2\x82", "\xF0\x9F\x98", "\xC3\x28", "\xC0\xAF", "\xC1\xBF",
                                "\xE0\x80\xAF", "\xF0\x80\x80\xAF", "\xED\xA0\x80", "\xED\xBF\xBF", "\xF4\x90\x80\x80",
                                "\xF5\x80\x80\x80", "\xF8\x88\x80\x80\x80", "\xFF"}) {
    CAPTURE(bad);
    std::size_t refused_at = 99;
    CHECK(decode_all("ok" + bad, &refused_at) == std::vector<char32_t>{U'o', U'k'});
    CHECK(refused_at == 2);
  }
}

TEST_CASE("a whole text is valid UTF-8 only when every sequence is, wherever it sits among ASCII runs") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("plain ASCII, longer than eight bytes"));
  CHECK(is_valid_utf8("İstanbul'da Şahin Çelik ve Ğ ile ı: 0123456789 €\xF0\x9F\x98\x80"));
  for (const std::string bad : {"\x80", "\xE4", "\xE4\xB8", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF"})
    for (const std::size_t before : {0, 1, 7, 8, 9, 16}) {
      const std::string text = std::string(before, 'a') + bad + "bcdefghij";
      CAPTURE(text);
      CHECK_FALSE(is_valid_utf8(text));
      CHECK_FALSE(is_valid_utf8(std::string(before, 'a') + bad));  // at the very end too
    }
}

TEST_CASE("a text's length counts code points, a stray byte as one") {
  CHECK(text_length("") == 0);
  CHECK(text_length("Şahin") == 5);
  CHECK(text_length("\xF0\x9F\x98\x80") == 1);
  CHECK(text_length("\x80\x80") == 0);  // continuation bytes alone are not counted
  CHECK(text_length("a\xFF") == 2);
}
