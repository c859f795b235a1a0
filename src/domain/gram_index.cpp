// GramIndex: bitmaps of bytes and byte pairs per block of rows, only for the slots a block's rows use (see
// gram_index.h).
#include "domain/gram_index.h"

#include <algorithm>

namespace leads {

namespace {

// Slots: one per byte value; one per pair of ASCII letters or digits (what folded text is mostly made of, so
// those pairs are exact); the remaining pairs share 256 hashed slots; every three neighbouring bytes share 1,024
// hashed slots, which rule out most rows that hold a longer word's pairs apart but not the word.
constexpr std::size_t kByteSlots = 256, kAlnum = 36, kAlnumPairSlots = kAlnum * kAlnum, kOtherPairSlots = 256;
constexpr std::size_t kTripleSlots = 1024;
constexpr std::size_t kSlots = kByteSlots + kAlnumPairSlots + kOtherPairSlots + kTripleSlots;
constexpr std::size_t kBlockRows = 4096, kWordsPerSlot = kBlockRows / 64;

int alnum_class(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return 10 + (c - 'a');
  return -1;
}

bool pair_is_exact(unsigned char first, unsigned char second) {
  return alnum_class(first) >= 0 && alnum_class(second) >= 0;
}

std::size_t pair_slot(unsigned char first, unsigned char second) {
  const int a = alnum_class(first), b = alnum_class(second);
  if (a >= 0 && b >= 0) return kByteSlots + static_cast<std::size_t>(a) * kAlnum + static_cast<std::size_t>(b);
  return kByteSlots + kAlnumPairSlots + (((first << 8 | second) * 2654435761u) >> 24);
}

std::size_t triple_slot(unsigned char first, unsigned char second, unsigned char third) {
  const std::uint32_t key = static_cast<std::uint32_t>(first) << 16 | static_cast<std::uint32_t>(second) << 8 | third;
  return kByteSlots + kAlnumPairSlots + kOtherPairSlots + ((key * 2654435761u) >> 22);
}

template <class Visit>
void for_each_slot(std::string_view text, Visit visit) {
  const auto at = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  for (std::size_t i = 0; i < text.size(); ++i) {
    visit(at(i));
    if (i + 1 < text.size()) visit(pair_slot(at(i), at(i + 1)));
    if (i + 2 < text.size()) visit(triple_slot(at(i), at(i + 1), at(i + 2)));
  }
}

constexpr std::uint16_t kNoChunk = 0xffff;  // the slot holds no row of the block
static_assert(kSlots < kNoChunk, "a chunk index must fit beside the sentinel");
// Chunks are added as a block meets slots it has not seen; the room is grown by this many at a time rather than
// doubled, as a doubled vector would hold up to twice the bitmaps (and the heap of the wasm build never shrinks).
constexpr std::size_t kChunksPerGrowth = 32;

}  // namespace

std::size_t GramIndex::heap_bytes() const {
  std::size_t bytes = blocks_.capacity() * sizeof(Block);
  for (const Block& block : blocks_)
    bytes += block.chunk_of.capacity() * sizeof(std::uint16_t) + block.words.capacity() * sizeof(std::uint64_t);
  return bytes;
}

void GramIndex::clear() {
  blocks_.clear();
  rows_ = 0;
}

// Gives every chunk of the block room for `word`: a block's first rows need one word per chunk, not 64.
void GramIndex::widen(Block& block, std::size_t word) {
  if (block.chunk_of.empty()) block.chunk_of.assign(kSlots, kNoChunk);
  std::size_t wider = std::max<std::size_t>(block.stride, 1);
  while (wider <= word) wider *= 2;
  const std::size_t chunks = block.stride ? block.words.size() / block.stride : 0;
  std::vector<std::uint64_t> grown;
  grown.reserve(chunks * wider);  // exactly: later chunks grow it by kChunksPerGrowth
  grown.resize(chunks * wider, 0);
  for (std::size_t c = 0; c < chunks; ++c)
    std::copy_n(block.words.begin() + static_cast<std::ptrdiff_t>(c * block.stride), block.stride,
                grown.begin() + static_cast<std::ptrdiff_t>(c * wider));
  block.words = std::move(grown);
  block.stride = wider;
}

// A bitmap, all zero, for a slot the block meets for the first time; its chunk's index.
std::size_t GramIndex::add_chunk(Block& block, std::size_t slot) {
  const std::size_t size = block.words.size();
  if (size + block.stride > block.words.capacity()) block.words.reserve(size + kChunksPerGrowth * block.stride);
  block.words.resize(size + block.stride, 0);
  block.chunk_of[slot] = static_cast<std::uint16_t>(size / block.stride);
  return block.chunk_of[slot];
}

void GramIndex::set_row(std::size_t row, std::string_view folded) {
  const std::size_t block_index = row / kBlockRows, word = (row % kBlockRows) / 64;
  const std::uint64_t bit = std::uint64_t{1} << (row % 64);
  if (blocks_.size() <= block_index) blocks_.resize(block_index + 1);
  Block& block = blocks_[block_index];
  if (block.stride <= word) widen(block, word);
  if (row < rows_)  // the row had a text before: forget all of it (slots without a chunk hold no row)
    for (std::size_t w = word; w < block.words.size(); w += block.stride) block.words[w] &= ~bit;
  for_each_slot(folded, [&](std::size_t slot) {
    const std::size_t chunk = block.chunk_of[slot] != kNoChunk ? block.chunk_of[slot] : add_chunk(block, slot);
    block.words[chunk * block.stride + word] |= bit;
  });
  rows_ = std::max(rows_, row + 1);
}

GramIndex::Candidates GramIndex::candidates(const std::vector<std::string>& folded_words) const {
  std::vector<std::size_t> slots;
  Candidates result;
  result.exact = true;
  for (const std::string& word : folded_words) {
    for_each_slot(word, [&](std::size_t slot) { slots.push_back(slot); });
    const bool one_byte = word.size() == 1;
    const bool one_exact_pair = word.size() == 2 && pair_is_exact(word[0], word[1]);
    if (!one_byte && !one_exact_pair) result.exact = false;
  }
  std::sort(slots.begin(), slots.end());
  slots.erase(std::unique(slots.begin(), slots.end()), slots.end());

  result.bits.assign(blocks_.size() * kWordsPerSlot, ~std::uint64_t{0});
  for (std::size_t b = 0; b < blocks_.size(); ++b) {
    std::uint64_t* out = result.bits.data() + b * kWordsPerSlot;
    const Block& block = blocks_[b];
    const std::size_t stride = block.stride;
    std::fill(out + stride, out + kWordsPerSlot, 0);  // rows the block has not reached
    if (stride == 0) continue;                        // no row of the block was ever set
    const auto no_row = [&](std::size_t slot) { return block.chunk_of[slot] == kNoChunk; };
    if (std::any_of(slots.begin(), slots.end(), no_row)) {  // a slot no row of the block has: none can match
      std::fill(out, out + stride, 0);
      continue;
    }
    for (std::size_t slot : slots) {
      const std::uint64_t* in = block.words.data() + block.chunk_of[slot] * stride;
      for (std::size_t w = 0; w < stride; ++w) out[w] &= in[w];
    }
  }
  return result;
}

}  // namespace leads
