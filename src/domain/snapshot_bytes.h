// The little-endian byte format of the list snapshot: a writer that hands its bytes on a chunk at a time, and a
// reader that checks every length against what it holds. Shared by the list store's rows and the search index's
// bitmaps, which the snapshot keeps one after the other.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>

namespace leads {

// Writes into a fixed buffer handed to `sink` each time it fills (or only counts, without a sink): the snapshot of
// 100,000 leads is tens of megabytes, and one string of it in a heap that never shrinks raised the high-water by as
// much (growing by doubling, by three times as much).
class SnapshotWriter {
 public:
  using Sink = std::function<void(std::string_view)>;
  SnapshotWriter(const Sink* sink, std::size_t chunk_bytes) : sink_(sink), chunk_bytes_(chunk_bytes) {
    if (sink_) buffer_.reserve(chunk_bytes);
  }
  void bytes(const void* data, std::size_t size) {
    counted += size;
    if (!sink_) return;
    const char* from = static_cast<const char*>(data);
    while (size) {
      const std::size_t room = chunk_bytes_ - buffer_.size(), part = std::min(room, size);
      buffer_.append(from, part);
      from += part;
      size -= part;
      if (buffer_.size() == chunk_bytes_) flush();
    }
  }
  void flush() {
    if (sink_ && !buffer_.empty()) (*sink_)(buffer_);
    buffer_.clear();
  }
  void u8(std::uint8_t value) { bytes(&value, 1); }
  void u16(std::uint16_t value) {
    for (int i = 0; i < 2; ++i) u8(static_cast<std::uint8_t>(value >> (8 * i)));
  }
  void u32(std::uint32_t value) {
    for (int i = 0; i < 4; ++i) u8(static_cast<std::uint8_t>(value >> (8 * i)));
  }
  void u64(std::uint64_t value) {
    for (int i = 0; i < 8; ++i) u8(static_cast<std::uint8_t>(value >> (8 * i)));
  }
  void text(std::string_view text) {
    u32(static_cast<std::uint32_t>(text.size()));
    bytes(text.data(), text.size());
  }
  std::size_t counted = 0;

 private:
  const Sink* sink_;
  std::size_t chunk_bytes_;
  std::string buffer_;
};

// Reads what a SnapshotWriter wrote, from bytes that may stop short (a chunk's end): ran_short() tells a read that
// wants more bytes from one that can never be right.
class SnapshotReader {
 public:
  explicit SnapshotReader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  void fail() { ok_ = false; }
  bool at_end() const { return pos_ == in_.size(); }
  bool ran_short() const { return short_; }  // failed only for want of bytes that may still come
  std::size_t pos() const { return pos_; }
  std::size_t left() const { return in_.size() - pos_; }
  std::string_view take(std::size_t size) {
    if (!ok_ || in_.size() - pos_ < size) {
      if (ok_) short_ = true;
      ok_ = false;
      return {};
    }
    const std::string_view part = in_.substr(pos_, size);
    pos_ += size;
    return part;
  }
  std::uint64_t number(int size) { return little_endian(take(static_cast<std::size_t>(size))); }
  // The number `bytes` hold, least significant byte first (as SnapshotWriter writes them).
  static std::uint64_t little_endian(std::string_view bytes) {
    std::uint64_t value = 0;
    for (std::size_t i = bytes.size(); i-- > 0;) value = value << 8 | static_cast<unsigned char>(bytes[i]);
    return value;
  }
  std::string_view text() { return take(static_cast<std::size_t>(number(4))); }
  // An enum read as one byte, refused past its last value.
  template <class E>
  E enum_up_to(E last) {
    const auto value = number(1);
    if (value > static_cast<std::uint64_t>(last)) ok_ = false;
    return static_cast<E>(value <= static_cast<std::uint64_t>(last) ? value : 0);
  }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
  bool ok_ = true, short_ = false;
};

}  // namespace leads
