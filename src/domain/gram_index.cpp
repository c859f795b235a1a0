// GramIndex: bitmaps of bytes and byte pairs per block of rows, only for the slots a block's rows use (see
// gram_index.h).
#include "domain/gram_index.h"

#include <algorithm>
#include <cstring>

#include "domain/snapshot_bytes.h"

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
  write_gathered();
  std::size_t bytes = blocks_.capacity() * sizeof(Block) + gathering_.slots.capacity() * sizeof(std::uint64_t);
  for (const Block& block : blocks_)
    bytes += block.chunk_of.capacity() * sizeof(std::uint16_t) + block.words.capacity() * sizeof(std::uint64_t);
  return bytes;
}

void GramIndex::clear() {
  blocks_.clear();
  gathering_ = Gathering();
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
  const std::uint64_t bit = std::uint64_t{1} << (row % 64);
  // A new row is gathered with the others of its word; one that starts a word first sends the gathered one to its
  // block.
  if (row >= rows_) {
    if (row / 64 != gathering_.word) {
      write_gathered();
      if (gathering_.slots.empty()) gathering_.slots.assign(kSlots, 0);
      gathering_.word = row / 64;
    }
    for_each_slot(folded, [&](std::size_t slot) { gathering_.slots[slot] |= bit; });
    rows_ = row + 1;
    return;
  }
  write_gathered();  // the row may be in the word being gathered
  // A row before the last one (it may have had a text): forget all of it (slots without a chunk hold no row), then
  // write the new one.
  const std::size_t block_index = row / kBlockRows, word = (row % kBlockRows) / 64;
  if (blocks_.size() <= block_index) blocks_.resize(block_index + 1);
  Block& block = blocks_[block_index];
  if (block.stride <= word) widen(block, word);
  for (std::size_t w = word; w < block.words.size(); w += block.stride) block.words[w] &= ~bit;
  for_each_slot(folded, [&](std::size_t slot) {
    const std::size_t chunk = block.chunk_of[slot] != kNoChunk ? block.chunk_of[slot] : add_chunk(block, slot);
    block.words[chunk * block.stride + word] |= bit;
  });
}

void GramIndex::write_gathered() const {
  if (gathering_.word == kNoWord) return;
  const std::size_t block_index = gathering_.word / kWordsPerSlot, word = gathering_.word % kWordsPerSlot;
  if (blocks_.size() <= block_index) blocks_.resize(block_index + 1);
  Block& block = blocks_[block_index];
  if (block.stride <= word) widen(block, word);
  for (std::size_t slot = 0; slot < kSlots; ++slot) {
    const std::uint64_t bits = gathering_.slots[slot];
    if (bits == 0) continue;
    gathering_.slots[slot] = 0;
    const std::size_t chunk = block.chunk_of[slot] != kNoChunk ? block.chunk_of[slot] : add_chunk(block, slot);
    block.words[chunk * block.stride + word] |= bits;
  }
  gathering_.word = kNoWord;
}

GramIndex::Candidates GramIndex::candidates(const std::vector<std::string>& folded_words) const {
  write_gathered();
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

// [SECTION] snapshot -----------------------------------------------------------------------------

namespace {
// The word arrays go out and come back as their bytes: every build of the app is little-endian (x86, wasm).
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the snapshot's bitmaps are little-endian words");
}  // namespace

std::uint64_t GramIndex::slot_fingerprint() {
  // Texts with letters, digits, separators and Turkish bytes: a change to any slot function changes their slots.
  std::uint64_t hash = 1469598103934665603ull;  // FNV-1a
  const auto mix = [&](std::uint64_t value) {
    hash ^= value;
    hash *= 1099511628211ull;
  };
  mix(kSlots);
  mix(kBlockRows);
  for (std::string_view probe : {"istanbul 34 ofis\x1f"
                                 "contoso@example.com",
                                 "\xc3\xa7\xc4\x9f\xc4\xb1 \xc5\x9f-_/.&"})
    for_each_slot(probe, mix);
  return hash;
}

// The body's size first, so that a build with another slot layout can step over it to the end of the snapshot.
void GramIndex::encode(SnapshotWriter& out) const {
  write_gathered();
  SnapshotWriter counter(nullptr, 0);
  encode_body(counter);
  out.u64(slot_fingerprint());
  out.u64(counter.counted);
  encode_body(out);
}

void GramIndex::encode_body(SnapshotWriter& out) const {
  out.u32(static_cast<std::uint32_t>(rows_));
  out.u32(static_cast<std::uint32_t>(blocks_.size()));
  std::vector<std::uint16_t> slot_of;  // chunk -> slot, in chunk order
  for (const Block& block : blocks_) {
    const std::size_t chunks = block.stride ? block.words.size() / block.stride : 0;
    out.u32(static_cast<std::uint32_t>(block.stride));
    out.u32(static_cast<std::uint32_t>(chunks));
    slot_of.assign(chunks, 0);
    for (std::size_t slot = 0; slot < block.chunk_of.size(); ++slot)
      if (block.chunk_of[slot] != kNoChunk) slot_of[block.chunk_of[slot]] = static_cast<std::uint16_t>(slot);
    for (std::uint16_t slot : slot_of) out.u16(slot);
    out.bytes(block.words.data(), block.words.size() * sizeof(std::uint64_t));
  }
}

bool GramIndex::row_agrees(std::size_t row, std::string_view folded) const {
  write_gathered();
  if (row >= rows_ || row / kBlockRows >= blocks_.size()) return false;
  const Block& block = blocks_[row / kBlockRows];
  const std::size_t word = (row % kBlockRows) / 64;
  if (word >= block.stride) return false;
  std::vector<bool> expected(kSlots, false);
  for_each_slot(folded, [&](std::size_t slot) { expected[slot] = true; });
  for (std::size_t slot = 0; slot < kSlots; ++slot) {
    const std::uint16_t chunk = block.chunk_of[slot];
    const bool held = chunk != kNoChunk && (block.words[chunk * block.stride + word] >> (row % 64) & 1);
    if (held != expected[slot]) return false;
  }
  return true;
}

GramIndexDecoder::Step GramIndexDecoder::read(SnapshotReader& in, std::size_t& used, std::uint64_t rows) {
  const auto stop = [&] { return in.ran_short() ? Step::More : Step::Fail; };
  if (!framed_) {
    const std::uint64_t fingerprint = in.number(8);
    body_left_ = in.number(8);
    if (!in.ok()) return stop();
    framed_ = true;
    same_layout_ = fingerprint == GramIndex::slot_fingerprint();
    used = in.pos();
  }
  if (!same_layout_) {  // another build's index: stepped over, the store is still good
    const std::uint64_t part = std::min<std::uint64_t>(body_left_, in.left());
    in.take(static_cast<std::size_t>(part));
    body_left_ -= part;
    used = in.pos();
    return body_left_ ? Step::More : Step::Done;
  }
  // Takes `size` bytes of the body, refusing to read past its stated end.
  const auto take = [&](std::uint64_t size) {
    if (size > body_left_) {
      in.fail();
      return std::string_view();
    }
    const std::string_view part = in.take(static_cast<std::size_t>(size));
    if (in.ok()) body_left_ -= size;
    return part;
  };
  const auto number = &SnapshotReader::little_endian;
  if (!header_read_) {
    const std::string_view header = take(8);
    if (!in.ok()) return stop();
    rows_ = number(header.substr(0, 4));
    blocks_ = number(header.substr(4, 4));
    // The index of the rows before it, no other: checked before any room is taken for its blocks.
    if (rows_ != rows || blocks_ != (rows_ + kBlockRows - 1) / kBlockRows) return Step::Fail;
    header_read_ = true;
    index_.blocks_.reserve(static_cast<std::size_t>(blocks_));
    used = in.pos();
  }
  while (index_.blocks_.size() < blocks_) {
    const std::size_t b = index_.blocks_.size();
    const std::uint64_t body_left_at_block = body_left_;  // a block cut short is read again whole, later
    const std::string_view sizes = take(8);
    if (!in.ok()) return stop();
    const std::uint64_t stride = number(sizes.substr(0, 4)), chunks = number(sizes.substr(4, 4));
    // The block's rows need this many words; a stride is a power of two up to a whole block.
    const std::uint64_t block_rows = std::min<std::uint64_t>(kBlockRows, rows_ - b * kBlockRows);
    if (stride > kWordsPerSlot || stride < (block_rows + 63) / 64 || (stride & (stride - 1)) || chunks > kSlots)
      return Step::Fail;
    const std::string_view slots = take(chunks * 2);
    const std::string_view words = take(chunks * stride * sizeof(std::uint64_t));
    if (!in.ok()) {
      body_left_ = body_left_at_block;
      return stop();
    }
    GramIndex::Block block;
    block.stride = static_cast<std::size_t>(stride);
    block.chunk_of.assign(kSlots, kNoChunk);
    for (std::size_t c = 0; c < chunks; ++c) {
      const std::size_t slot = number(slots.substr(2 * c, 2));
      if (slot >= kSlots || block.chunk_of[slot] != kNoChunk) return Step::Fail;  // no such slot, or one twice
      block.chunk_of[slot] = static_cast<std::uint16_t>(c);
    }
    block.words.resize(static_cast<std::size_t>(chunks * stride));
    std::memcpy(block.words.data(), words.data(), words.size());
    index_.blocks_.push_back(std::move(block));
    used = in.pos();
  }
  if (body_left_ != 0) return Step::Fail;  // bytes the body said it had and does not use
  index_.rows_ = static_cast<std::size_t>(rows_);
  return Step::Done;
}

std::optional<GramIndex> GramIndexDecoder::finish() {
  if (!same_layout_ || !header_read_ || index_.blocks_.size() != blocks_ || body_left_ != 0) return std::nullopt;
  return std::move(index_);
}

}  // namespace leads
