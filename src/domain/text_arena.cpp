// TextArena: append-only chunks (see text_arena.h).
#include "domain/text_arena.h"

#include <algorithm>

namespace leads {

namespace {
// A new chunk holds a quarter of what the arena holds so far, between 64 KB and 1 MB: a small arena does not sit
// on a mostly empty megabyte, and a large one wastes at most a quarter of its last chunk.
constexpr std::size_t kMinChunkBytes = 64 << 10, kMaxChunkBytes = 1 << 20;
}  // namespace

TextArena::Span TextArena::add_joined(const std::string_view* parts, std::size_t count) {
  std::size_t size = 0;
  for (std::size_t i = 0; i < count; ++i) size += parts[i].size();
  if (chunks_.empty() || chunks_.back().size() + size > chunks_.back().capacity()) {
    chunks_.emplace_back();
    // A longer text gets a chunk of its own size.
    chunks_.back().reserve(std::max(std::clamp(bytes_ / 4, kMinChunkBytes, kMaxChunkBytes), size));
  }
  bytes_ += size;
  std::string& chunk = chunks_.back();
  const Span span{static_cast<std::uint32_t>(chunks_.size() - 1), static_cast<std::uint32_t>(chunk.size()),
                  static_cast<std::uint32_t>(size)};
  for (std::size_t i = 0; i < count; ++i) chunk.append(parts[i]);
  return span;
}

std::string_view TextArena::view(Span span) const {
  if (span.size == 0 || span.chunk >= chunks_.size()) return {};
  return std::string_view(chunks_[span.chunk]).substr(span.offset, span.size);
}

std::size_t TextArena::heap_bytes() const {
  std::size_t bytes = chunks_.capacity() * sizeof(std::string);
  for (const std::string& chunk : chunks_) bytes += chunk.capacity();
  return bytes;
}

}  // namespace leads
