// For every byte and every pair of neighbouring bytes, the rows whose folded text contains it, as bitmaps over the
// rows: a search ANDs the bitmaps of its words' bytes and pairs and reads only the texts of the rows left, or none
// at all when the bitmaps alone decide (a one-letter word, or two letters or digits).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace leads {

class GramIndex {
 public:
  // Rows that hold every byte and byte pair of every word.
  struct Candidates {
    std::vector<std::uint64_t> bits;  // one bit per row
    bool exact = false;               // true: every candidate contains every word, no need to read its text
    bool has(std::size_t row) const { return row / 64 < bits.size() && (bits[row / 64] >> (row % 64) & 1); }
  };

  void clear();
  // Indexes `folded` as the text of `row`, replacing what the row held before.
  void set_row(std::size_t row, std::string_view folded);
  Candidates candidates(const std::vector<std::string>& folded_words) const;
  std::size_t heap_bytes() const;

 private:
  std::vector<std::vector<std::uint64_t>> blocks_;  // per 4,096 rows: every slot's 64 words, slot after slot
  std::size_t rows_ = 0;
};

}  // namespace leads
