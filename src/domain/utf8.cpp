// UTF-8 decoding and length (see utf8.h).
#include "domain/utf8.h"

#include <cstdint>
#include <cstring>

namespace leads {

std::optional<char32_t> decode_utf8(std::string_view text, std::size_t& pos) {
  const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[i]); };
  const std::uint8_t lead = byte(pos);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  std::size_t length = 0;
  char32_t code = 0, minimum = 0;
  if ((lead & 0xE0) == 0xC0)
    length = 2, code = lead & 0x1F, minimum = 0x80;
  else if ((lead & 0xF0) == 0xE0)
    length = 3, code = lead & 0x0F, minimum = 0x800;
  else if ((lead & 0xF8) == 0xF0)
    length = 4, code = lead & 0x07, minimum = 0x10000;
  else
    return std::nullopt;  // a continuation byte, or 0xF8 and above
  if (pos + length > text.size()) return std::nullopt;
  for (std::size_t i = 1; i < length; ++i) {
    const std::uint8_t next = byte(pos + i);
    if ((next & 0xC0) != 0x80) return std::nullopt;
    code = (code << 6) | (next & 0x3F);
  }
  if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return std::nullopt;
  pos += length;
  return code;
}

bool is_valid_utf8(std::string_view text) {
  constexpr std::uint64_t kHighBits = 0x8080808080808080u;
  for (std::size_t pos = 0; pos < text.size();) {
    std::uint64_t eight = 0;
    if (pos + 8 <= text.size() && (std::memcpy(&eight, text.data() + pos, 8), (eight & kHighBits) == 0)) {
      pos += 8;
      continue;
    }
    if (static_cast<unsigned char>(text[pos]) < 0x80) {  // a short text's letters, or a long one's last few
      ++pos;
      continue;
    }
    if (!decode_utf8(text, pos)) return false;
  }
  return true;
}

std::size_t text_length(std::string_view utf8) {
  std::size_t count = 0;
  for (char c : utf8)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  return count;
}

}  // namespace leads
