// Tests of search folding: Turkish and English case rules, diacritics, white space and invalid UTF-8.
#include "domain/text_fold.h"

#include <doctest/doctest.h>

#include <string>

using namespace leads;

namespace {
bool search_matches(const std::string& haystack, const std::string& needle) {
  return folded_contains(fold_for_search(haystack), fold_for_search(needle));
}
}  // namespace

TEST_CASE("every Turkish and English i folds to a plain i") {
  CHECK(fold_for_search("İ") == "i");
  CHECK(fold_for_search("I") == "i");
  CHECK(fold_for_search("ı") == "i");
  CHECK(fold_for_search("i") == "i");
  CHECK(fold_for_search("İIıi") == "iiii");
}

TEST_CASE("istanbul in any spelling finds İstanbul") {
  for (const char* typed : {"istanbul", "İSTANBUL", "ıstanbul", "ISTANBUL", "İstanbul", "Istanbul", "iSTanBUL"})
    CHECK_MESSAGE(search_matches("Kadıköy, İstanbul", typed), typed);
}

TEST_CASE("Turkish letters fold to their ASCII base in both cases") {
  CHECK(fold_for_search("ŞşĞğÜüÖöÇç") == "ssgguuoocc");
  CHECK(search_matches("ŞAHİN LOJİSTİK", "sahin"));
  CHECK(search_matches("Şahin", "ŞAHIN"));
  CHECK(search_matches("Gökçe Ünlü", "gokce unlu"));
  CHECK(search_matches("çağrı merkezi", "CAGRI"));
}

TEST_CASE("Latin diacritics of English and other European names are stripped") {
  CHECK(fold_for_search("âîû") == "aiu");
  CHECK(fold_for_search("Éloïse Müller-Ångström") == "eloise muller-angstrom");
  CHECK(fold_for_search("Straße") == "strasse");
  CHECK(fold_for_search("Æsir Œuvre Łódź") == "aesir oeuvre lodz");
  CHECK(search_matches("Café Crème", "cafe creme"));
}

TEST_CASE("English text is folded by plain lower-casing") {
  CHECK(fold_for_search("Contoso Ltd. <Sales@Contoso.com> +1 (425) 555-0100") ==
        "contoso ltd. <sales@contoso.com> +1 (425) 555-0100");
  CHECK(search_matches("Fabrikam Inc", "FABRIKAM"));
  CHECK_FALSE(search_matches("Fabrikam Inc", "contoso"));
}

TEST_CASE("decomposed letters fold like precomposed ones") {
  CHECK(fold_for_search("I\xCC\x87stanbul") == "istanbul");  // I + combining dot above
  CHECK(fold_for_search("S\xCC\xA7") == "s");                // S + combining cedilla
  CHECK(fold_for_search("e\xCC\x81") == "e");                // e + combining acute
}

TEST_CASE("white space of any kind collapses to one space") {
  CHECK(fold_for_search("Ali\t\n  Veli") == "ali veli");
  CHECK(fold_for_search("Ali\xC2\xA0Veli") == "ali veli");  // no-break space
  CHECK(search_matches("Ali   Veli", "ali veli"));
}

TEST_CASE("white space collapses across ASCII runs and other spaces, at the start and the end too") {
  CHECK(fold_for_search(" \xC2\xA0 x") == " x");                   // ASCII, no-break, ASCII
  CHECK(fold_for_search("\xC2\xA0 Ali \xE2\x80\x82") == " ali ");  // no-break first, en space last
  CHECK(fold_for_search("Ali \xC2\xA0\t Veli") == "ali veli");
  CHECK(fold_for_search("  ") == " ");
}

TEST_CASE("each ASCII byte folds alone as in a long run: lower case, white space as one space, the rest as is") {
  for (int byte = 0; byte < 0x80; ++byte) {
    const char c = static_cast<char>(byte);
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    const char folded = space ? ' ' : (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    CAPTURE(byte);
    CHECK(fold_for_search(std::string(1, c)) == std::string(1, folded));
    CHECK(fold_for_search("\xC5\x9E" + std::string(40, c)) == "s" + (space ? " " : std::string(40, folded)));
  }
}

TEST_CASE("letters outside Latin are kept unchanged") {
  CHECK(fold_for_search("Москва 東京") == "Москва 東京");
  CHECK(fold_for_search("€ 100") == "€ 100");
}

TEST_CASE("invalid UTF-8 is replaced byte by byte and never crashes") {
  const std::string replacement = "\xEF\xBF\xBD";
  CHECK(fold_for_search(std::string("a\xFF") + "b") == "a" + replacement + "b");
  CHECK(fold_for_search("\xC3") == replacement);                                      // truncated two-byte sequence
  CHECK(fold_for_search("\xC3(") == replacement + "(");                               // bad continuation byte
  CHECK(fold_for_search("\xC0\xAF") == replacement + replacement);                    // overlong '/'
  CHECK(fold_for_search("\xED\xA0\x80") == replacement + replacement + replacement);  // surrogate
  CHECK(fold_for_search("\xF4\x90\x80\x80").find('\xF4') == std::string::npos);       // beyond U+10FFFF
  CHECK(fold_for_search(std::string("\0A", 2)) == std::string("\0a", 2));
  std::string every_byte;
  for (int b = 0; b < 256; ++b) every_byte += static_cast<char>(b);
  CHECK_FALSE(fold_for_search(every_byte).empty());
}

TEST_CASE("folding is idempotent so a folded needle can be folded again") {
  const std::string once = fold_for_search("İSTANBUL Şişli Çağlayan");
  CHECK(fold_for_search(once) == once);
}

TEST_CASE("an empty needle matches everything and a longer needle never matches") {
  CHECK(folded_contains("abc", ""));
  CHECK(folded_contains("", ""));
  CHECK_FALSE(folded_contains("ab", "abc"));
  CHECK(folded_contains("xabcx", "abc"));
}

TEST_CASE("the sixteen-at-a-time search agrees with std::string_view::find everywhere in the text") {
  // Needles at every offset (across the 16-byte steps and at the very end), repeated first letters, near misses.
  const std::string text = "aaab aab ab istanbul ist isb is i \x1f kadikoy@ornek.com.tr +902125550101 zzzz";
  for (std::size_t start = 0; start < text.size(); ++start)
    for (std::size_t length = 1; start + length <= text.size() && length <= 12; ++length) {
      const std::string needle = text.substr(start, length);
      for (std::size_t cut = 0; cut < text.size(); cut += 7) {  // shorter haystacks too
        const std::string_view hay = std::string_view(text).substr(cut);
        REQUIRE(folded_contains(hay, needle) == (hay.find(needle) != std::string_view::npos));
      }
    }
  for (const char* absent : {"aaaa", "istx", "bx", "q", "zzzzz", "mom", "@ornek.com.trx"})
    CHECK_FALSE(folded_contains(text, absent));
  CHECK(folded_contains(text, "zzzz"));  // the last bytes
}

TEST_CASE("folding into a buffer that held another text gives what folding alone gives") {
  std::string buffer = "a longer text that was folded before, İSTANBUL";
  for (const char* text : {"Şahin  ÇELİK", "", "ı",
                           "Ayşe\u00a0Kaya\x1f"
                           "ayse@ornek.com.tr"}) {
    fold_for_search(text, buffer);
    CHECK(buffer == fold_for_search(text));
  }
}
