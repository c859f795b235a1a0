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
  // A block of 4,096 rows. Half the slots or more hold no row of a block (byte values >= 128, rare pairs): those
  // take no bitmap, only a table entry, so a block costs what its texts use, not 512 bytes for every slot.
  struct Block {
    std::vector<std::uint16_t> chunk_of;  // by slot: which chunk of `words` is its bitmap, or none yet
    std::vector<std::uint64_t> words;     // the chunks, `stride` words each, in the order slots were first set
    std::size_t stride = 0;               // words per chunk: grows with the rows the block has reached
  };
  static void widen(Block& block, std::size_t word);
  static std::size_t add_chunk(Block& block, std::size_t slot);

  std::vector<Block> blocks_;
  std::size_t rows_ = 0;
};

}  // namespace leads
