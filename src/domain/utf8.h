// UTF-8 as the domain reads it, in one place: a strict decoder (the search folding and the safe-text rule share it)
// and the length in code points that every limit on typed text is counted in.
#pragma once
#include <cstddef>
#include <optional>
#include <string_view>

namespace leads {

// The code point at `pos`, advancing `pos` past it. Malformed, truncated or overlong sequences, surrogates and
// anything past U+10FFFF answer nullopt and leave `pos` where it was: the caller decides (a replacement, a refusal).
std::optional<char32_t> decode_utf8(std::string_view text, std::size_t& pos);

// Whether every byte belongs to a sequence decode_utf8 accepts (a run of ASCII is checked eight bytes a step).
bool is_valid_utf8(std::string_view text);

// Code points, counted by their first bytes: a stray continuation byte adds nothing, any other stray byte one.
std::size_t text_length(std::string_view utf8);

}  // namespace leads
