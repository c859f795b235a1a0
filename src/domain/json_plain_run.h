// Where a JSON string's plain text runs out: the bytes JSON requires escaped inside a string are '"', '\\' and the
// control bytes below 0x20; every other byte (UTF-8's from 0x80 up too) stands as it is. The writer copies such a
// run and escapes the byte after it; the page reader copies a run in place and lets RapidJSON read what ends it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace leads {

inline bool json_needs_escape(unsigned char byte) {
  return byte < 0x20 || byte == '"' || byte == '\\';
}

// How many bytes from `at` (never past `end`) need no escape. Eight bytes a step, taken as one word: each test below
// marks a byte's high bit; a borrow can mark bytes after a marked one, never before it, so the lowest mark is the
// first byte to stop at (the word read little-endian, as on x86 and wasm).
// With `stop_at_non_ascii`, a byte from 0x80 up stops the run too: the writer checks each UTF-8 sequence as it
// meets it, so a text is read once.
template <bool stop_at_non_ascii = false>
inline std::size_t json_plain_run(const char* at, const char* end) {
  constexpr std::uint64_t kOnes = 0x0101010101010101u, kHigh = 0x8080808080808080u;
  const auto zero_bytes = [](std::uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  const char* p = at;
  for (; end - p >= 8; p += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, p, 8);
    const std::uint64_t below_space = (word - kOnes * 0x20) & ~word & kHigh;
    std::uint64_t stops = below_space | zero_bytes(word ^ (kOnes * '"')) | zero_bytes(word ^ (kOnes * '\\'));
    if (stop_at_non_ascii) stops |= word & kHigh;
    if (stops != 0) return static_cast<std::size_t>(p - at) + static_cast<std::size_t>(__builtin_ctzll(stops) / 8);
  }
  while (p < end && !json_needs_escape(static_cast<unsigned char>(*p)) &&
         !(stop_at_non_ascii && static_cast<unsigned char>(*p) >= 0x80))
    ++p;
  return static_cast<std::size_t>(p - at);
}

}  // namespace leads
