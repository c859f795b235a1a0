// Search folding: a UTF-8 decoder that maps each Latin letter to its plain lower-case ASCII form.
#include "domain/text_fold.h"

#include <cstdint>
#include <cstring>

#include "domain/bytes16.h"
#include "domain/utf8.h"

namespace leads {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// One code point at `pos`: a malformed sequence gives U+FFFD and consumes one byte, so the next byte is tried afresh.
char32_t decode_one(std::string_view text, std::size_t& pos) {
  if (const std::optional<char32_t> code = decode_utf8(text, pos)) return *code;
  ++pos;
  return kReplacement;
}

void append_utf8(std::string& out, char32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// U+00C0..U+00FF: the folded form of each Latin-1 letter ("" = not a letter, kept as is).
const char* const kLatin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // C0-CF
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // D0-DF (D7 is ×)
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // E0-EF
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y",   // F0-FF (F7 is ÷)
};

// U+0100..U+017F (Latin Extended-A, where Ş Ğ İ ı live): upper and lower case share one folded form.
const char* const kLatinExtendedA[128] = {
    "a", "a", "a",  "a",  "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",  // 0100
    "d", "d", "e",  "e",  "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",  // 0110
    "g", "g", "g",  "g",  "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",  // 0120
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",  // 0130 (İ ı)
    "l", "l", "l",  "n",  "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",  // 0140
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",  // 0150 (Ş ş at 015E/F)
    "s", "s", "t",  "t",  "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",  // 0160
    "u", "u", "u",  "u",  "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",  // 0170
};

constexpr bool is_space(char32_t code) {
  return code == ' ' || code == '\t' || code == '\n' || code == '\r' || code == '\f' || code == '\v' || code == 0xA0 ||
         code == 0x2007 || code == 0x202F || (code >= 0x2000 && code <= 0x200A) || code == 0x3000;
}

bool is_combining_mark(char32_t code) {
  return code >= 0x0300 && code <= 0x036F;
}

// Each ASCII byte folded: A-Z lower-cased, white space as ' ' (runs collapse in fold_for_search), the rest as is.
struct AsciiFolds {
  char folded[0x80];
  constexpr AsciiFolds() : folded() {
    for (int byte = 0; byte < 0x80; ++byte)
      folded[byte] = is_space(static_cast<char32_t>(byte)) ? ' '
                     : (byte >= 'A' && byte <= 'Z')        ? static_cast<char>(byte - 'A' + 'a')
                                                           : static_cast<char>(byte);
  }
};
constexpr AsciiFolds kAsciiFolds;

}  // namespace

std::string fold_for_search(std::string_view utf8) {
  std::string out;
  fold_for_search(utf8, out);
  return out;
}

void fold_for_search(std::string_view utf8, std::string& out) {
  out.clear();
  out.reserve(utf8.size());
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    // Most of a lead's text is ASCII: one look-up a byte, no decoding (search folding is most of a cold load's
    // index work).
    if (static_cast<unsigned char>(utf8[pos]) < 0x80) {
      std::size_t run_end = pos + 1;
      while (run_end < utf8.size() && static_cast<unsigned char>(utf8[run_end]) < 0x80) ++run_end;
      std::size_t length = out.size();
      out.resize(length + (run_end - pos));  // room for the run; collapsed white space gives some back
      char* const folded = &out[0];
      for (; pos < run_end; ++pos) {
        const char letter = kAsciiFolds.folded[static_cast<unsigned char>(utf8[pos])];
        // Runs of white space collapse so "Ali  Veli" and "Ali Veli" match alike.
        if (letter != ' ' || length == 0 || folded[length - 1] != ' ') folded[length++] = letter;
      }
      out.resize(length);
      continue;
    }
    const char32_t code = decode_one(utf8, pos);
    if (is_space(code)) {
      if (out.empty() || out.back() != ' ') out += ' ';
    } else if (is_combining_mark(code)) {
      // A decomposed "İ" is I + U+0307: dropping the dot leaves "i", as for the precomposed letter.
    } else if (code >= 0xC0 && code <= 0xFF && kLatin1[code - 0xC0][0] != '\0') {
      out += kLatin1[code - 0xC0];
    } else if (code >= 0x100 && code <= 0x17F) {
      out += kLatinExtendedA[code - 0x100];
    } else {
      append_utf8(out, code);
    }
  }
}

// Sixteen candidate positions per step: a position is checked in full only where both the needle's first byte and
// its last byte are in place (the "generic SIMD" substring search). std::string_view::find stops at every
// occurrence of the first byte, which in folded text ('i', 'a', 's'…) is every few bytes.
bool folded_contains(std::string_view folded_haystack, std::string_view folded_needle) {
  const std::size_t length = folded_needle.size();
  if (length == 0) return true;
  if (length > folded_haystack.size()) return false;
  const char* text = folded_haystack.data();
  const char* needle = folded_needle.data();
  if (length == 1) return std::memchr(text, needle[0], folded_haystack.size()) != nullptr;
  const std::size_t last = length - 1, middle = length - 2;
  const std::size_t starts = folded_haystack.size() - last;  // positions where the needle would fit
  const auto matches_at = [&](std::size_t at) {
    return text[at] == needle[0] && text[at + last] == needle[last] &&
           std::memcmp(text + at + 1, needle + 1, middle) == 0;
  };
  std::size_t at = 0;
  for (; at + 16 <= starts; at += 16) {
    for (std::uint32_t hits = match16(text + at, needle[0]) & match16(text + at + last, needle[last]); hits;
         hits &= hits - 1)
      if (std::memcmp(text + at + __builtin_ctz(hits) + 1, needle + 1, middle) == 0) return true;
  }
  for (; at < starts; ++at)
    if (matches_at(at)) return true;
  return false;
}

}  // namespace leads
