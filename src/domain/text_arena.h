// Many short texts back to back in chunks of 64 KB to 1 MB: a scan over them reads memory in order, and no text has an
// allocation of its own (100,000 leads' search texts would otherwise be 100,000 scattered heap blocks).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace leads {

class TextArena {
 public:
  // Where a text lives; plain numbers, so a copied arena's spans stay valid in the copy.
  struct Span {
    std::uint32_t chunk = 0, offset = 0, size = 0;
  };
  Span add(std::string_view text) { return add_joined(&text, 1); }
  // The `count` texts at `parts` back to back as one text (no joined copy made first).
  Span add_joined(const std::string_view* parts, std::size_t count);
  std::string_view view(Span span) const;
  void clear() {
    chunks_.clear();
    bytes_ = 0;
  }
  std::size_t heap_bytes() const;  // the chunks' reserved bytes

 private:
  std::vector<std::string> chunks_;  // each reserved up front, so appending never moves the texts
  std::size_t bytes_ = 0;            // the texts' bytes so far: a new chunk holds a quarter of that
};

}  // namespace leads
