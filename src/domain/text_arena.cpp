// TextArena: append-only chunks (see text_arena.h).
#include "domain/text_arena.h"

#include <algorithm>

namespace leads {

namespace {
constexpr std::size_t kChunkBytes = 1 << 20;
}

TextArena::Span TextArena::add(std::string_view text) {
  if (chunks_.empty() || chunks_.back().size() + text.size() > chunks_.back().capacity()) {
    chunks_.emplace_back();
    chunks_.back().reserve(std::max(kChunkBytes, text.size()));  // a longer text gets a chunk of its own size
  }
  std::string& chunk = chunks_.back();
  const Span span{static_cast<std::uint32_t>(chunks_.size() - 1), static_cast<std::uint32_t>(chunk.size()),
                  static_cast<std::uint32_t>(text.size())};
  chunk.append(text);
  return span;
}

std::string_view TextArena::view(Span span) const {
  if (span.size == 0 || span.chunk >= chunks_.size()) return {};
  return std::string_view(chunks_[span.chunk]).substr(span.offset, span.size);
}

}  // namespace leads
