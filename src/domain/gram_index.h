// For every byte and every pair of neighbouring bytes, the rows whose folded text contains it, as bitmaps over the
// rows: a search ANDs the bitmaps of its words' bytes and pairs and reads only the texts of the rows left, or none
// at all when the bitmaps alone decide (a one-letter word, or two letters or digits).
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace leads {

class SnapshotReader;
class SnapshotWriter;
class GramIndexDecoder;

class GramIndex {
 public:
  // Rows that hold every byte and byte pair of every word.
  struct Candidates {
    std::vector<std::uint64_t> bits;  // one bit per row
    bool exact = false;               // true: every candidate contains every word, no need to read its text
    bool has(std::size_t row) const { return row / 64 < bits.size() && (bits[row / 64] >> (row % 64) & 1); }
  };

  void clear();
  // Indexes `folded` as the text of `row`, replacing what the row held before. Every read below sees it.
  void set_row(std::size_t row, std::string_view folded);
  Candidates candidates(const std::vector<std::string>& folded_words) const;
  std::size_t heap_bytes() const;
  std::size_t rows() const { return rows_; }

  // The snapshot keeps the index after the list store's rows (snapshot_bytes.h), so a second visit reads it back
  // instead of folding every row again. The encoding names the slot layout it was made with (slot_fingerprint):
  // an index from a build that maps texts to slots differently is not used.
  void encode(SnapshotWriter& out) const;
  static std::uint64_t slot_fingerprint();
  // Whether the row's bitmaps hold exactly the slots of `folded`: a read-back index is checked on sample rows
  // against the store it came with.
  bool row_agrees(std::size_t row, std::string_view folded) const;

 private:
  friend class GramIndexDecoder;
  // A block of 4,096 rows. Half the slots or more hold no row of a block (byte values >= 128, rare pairs): those
  // take no bitmap, only a table entry, so a block costs what its texts use, not 512 bytes for every slot.
  struct Block {
    std::vector<std::uint16_t> chunk_of;  // by slot: which chunk of `words` is its bitmap, or none yet
    std::vector<std::uint64_t> words;     // the chunks, `stride` words each, in the order slots were first set
    std::size_t stride = 0;               // words per chunk: grows with the rows the block has reached
  };
  // New rows arrive in order, a page at a time. Written straight into the blocks, each byte, pair and triple of a
  // text is a read and a write somewhere in a block's bitmaps (hundreds of KB); instead the slots of the 64 rows
  // that share a word are gathered in one small table, kept in cache, and written to the blocks a word per slot
  // when the next word begins or before anything reads the index.
  static constexpr std::size_t kNoWord = static_cast<std::size_t>(-1);
  struct Gathering {
    std::size_t word = kNoWord;        // the index's word (row / 64) being gathered, or none
    std::vector<std::uint64_t> slots;  // by slot: the word's bits gathered so far

    Gathering() = default;
    Gathering(const Gathering&) = default;
    Gathering& operator=(const Gathering&) = default;
    // A moved-from index gathers nothing (its table went with the move).
    Gathering(Gathering&& from) noexcept : word(std::exchange(from.word, kNoWord)), slots(std::move(from.slots)) {}
    Gathering& operator=(Gathering&& from) noexcept {
      word = std::exchange(from.word, kNoWord);
      slots = std::move(from.slots);
      return *this;
    }
  };
  static void widen(Block& block, std::size_t word);
  void encode_body(SnapshotWriter& out) const;
  static std::size_t add_chunk(Block& block, std::size_t slot);
  // Writes what is gathered into the blocks. Const: the index reads the same before and after.
  void write_gathered() const;

  mutable std::vector<Block> blocks_;
  mutable Gathering gathering_;
  std::size_t rows_ = 0;
};

// Reads GramIndex::encode's bytes as they come, a block at a time, checking every size and slot.
class GramIndexDecoder {
 public:
  enum class Step { More, Done, Fail };
  // Reads every whole part of the encoding `in` holds; `used` ends up after the last one read. `rows`: how many
  // rows the snapshot holds (an index of any other count is refused).
  Step read(SnapshotReader& in, std::size_t& used, std::uint64_t rows);
  // The index read, if its slot layout is this build's (a foreign one is read through, then dropped).
  std::optional<GramIndex> finish();

 private:
  bool framed_ = false, same_layout_ = false, header_read_ = false;
  std::uint64_t body_left_ = 0, rows_ = 0, blocks_ = 0;
  GramIndex index_;
};

}  // namespace leads
