// The lead list as the workspace keeps it: only what the table, tabs, filters, sorts, counts, figures, CSV and
// search read, column by column — one LeadFacts per row (enums, dates, value, flags) and the row's texts back to
// back in an arena — instead of a full Referral per lead. A lead's full record is fetched when it is opened.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "domain/gram_index.h"
#include "domain/lead_facts.h"
#include "domain/referral.h"
#include "domain/text_arena.h"

namespace leads {

// A row's texts, in the order they sit in its arena block. The wire texts of status and substatus are kept only
// when the value is Unknown (a known one is spelled by to_wire), so support still sees what the service sent.
enum class ListText {
  Id,
  Name,
  Customer,
  City,
  Country,
  Currency,
  SenderId,
  SenderName,
  ETag,
  StatusWire,
  SubstatusWire
};
constexpr std::size_t kListTextCount = 11;

class ListStore;
class ListStoreDecoder;
class SnapshotWriter;

// One row, read in place (cheap to copy; valid while the store is unchanged).
class LeadRow {
 public:
  LeadRow(const ListStore& store, std::uint32_t row) : store_(&store), row_(row) {}
  std::uint32_t row() const { return row_; }
  const LeadFacts& facts() const;
  std::string id() const;  // as the server spells it (a GUID is held as 16 bytes)
  // The same text without an allocation: a GUID is spelled into `buffer`, any other id is viewed where it is held.
  std::string_view id_text(std::array<char, 36>& buffer) const;
  std::string_view text(ListText which) const;
  std::string_view name() const { return text(ListText::Name); }  // the deal name
  std::string_view customer() const { return text(ListText::Customer); }
  std::string_view city() const { return text(ListText::City); }
  std::string_view country() const { return text(ListText::Country); }
  std::string_view currency() const { return text(ListText::Currency); }
  std::string_view sender_id() const { return text(ListText::SenderId); }
  std::string_view sender_name() const { return text(ListText::SenderName); }
  std::string_view etag() const { return text(ListText::ETag); }
  std::string_view status_wire() const;  // the known value's wire name, or the unknown text as sent
  std::string_view substatus_wire() const;
  std::string_view search_text() const;  // folded, fields separated by '\x1f' (see search_text below)

 private:
  friend class ListStore;
  const ListStore* store_;
  std::uint32_t row_;
};

class ListStore {
 public:
  std::size_t size() const { return facts_.size(); }
  bool empty() const { return facts_.empty(); }
  LeadRow row(std::uint32_t row) const { return LeadRow(*this, row); }
  std::optional<std::uint32_t> find(std::string_view id) const;
  void reserve(std::size_t rows);
  std::size_t capacity() const { return facts_.capacity(); }
  void clear() { *this = ListStore(); }

  // The list fields of `lead` (a list page's item, or a full record after a write): a new id appends a row, a
  // known one is replaced in place (its old texts stay in the arena until the store is rebuilt). Returns its row.
  std::uint32_t upsert(const Referral& lead);
  // The same for a row of another store (e.g. a list page's), taken as it is: its texts are not folded again.
  std::uint32_t upsert(const LeadRow& row);
  // Removing renumbers the rows after it (the index must be rebuilt); both return how many rows went.
  std::size_t remove(const std::vector<std::string>& ids);
  std::size_t keep_only(const std::unordered_set<std::string>& ids);

  // The snapshot's encoding: "LEADLIST" + schema version + rows, then (schema 2) the search index built from them,
  // if given: a second visit then need not fold every row again. from_bytes checks every length and value and
  // answers nullopt for garbage, truncated input or an unknown schema version; schema 1 (rows only) is still read.
  static constexpr std::uint32_t kSchemaVersion = 2;
  std::string to_bytes(const GramIndex* grams = nullptr) const;
  // The same bytes handed to `sink` a chunk at a time (the last one shorter), so a writer can pass them on without
  // ever holding the whole encoding; encoded_size() counts them first.
  static constexpr std::size_t kSnapshotChunkBytes = 1u << 20;
  std::size_t encoded_size(const GramIndex* grams = nullptr) const;
  void encode_in_chunks(std::size_t chunk_bytes, const std::function<void(std::string_view)>& sink,
                        const GramIndex* grams = nullptr) const;
  // `grams`, if asked for, receives the index kept with the rows when there is one that agrees with them.
  static std::optional<ListStore> from_bytes(std::string_view bytes, std::optional<GramIndex>* grams = nullptr);

  // Bytes held per row, by part (for the memory test and the benchmark).
  std::size_t heap_bytes() const;
  static ListStore of(const std::vector<Referral>& leads);  // for tests and tools

 private:
  friend class LeadRow;
  friend class ListStoreDecoder;
  void encode(SnapshotWriter& out, const GramIndex* grams) const;
  // 32 bytes a row: 16-bit ends cover a block of up to 64 KB, which every lead server-mock stores fits (32 KB at
  // most); a longer block (another server's lead) keeps its ends in long_ends_ instead.
  struct RowTexts {
    std::uint32_t chunk = 0, offset = 0;               // where the row's texts start in arena_, back to back
    std::array<std::uint16_t, kListTextCount> ends{};  // where each text ends in the block
    bool guid_id = false;                              // the Id text is a GUID's 16 bytes
    bool long_block = false;                           // the ends are in long_ends_
  };
  using TextEnds = std::array<std::uint32_t, kListTextCount>;
  using Texts = std::array<std::string_view, kListTextCount>;
  // `texts[Id]` already encoded (see encode_id); `search` already folded. put replaces a known id's row; put_new
  // refuses one (false) and appends otherwise.
  std::uint32_t put(const LeadFacts& facts, const Texts& texts, bool guid_id, std::string_view search);
  bool put_new(const LeadFacts& facts, const Texts& texts, bool guid_id, std::string_view search);
  struct SlotAt {
    std::size_t slot;
    std::uint8_t tag;
  };
  std::uint32_t append_at(SlotAt at, const LeadFacts& facts, const Texts& texts, bool guid_id, std::string_view search);
  RowTexts add_texts(std::uint32_t row, const Texts& texts, bool guid_id);
  std::string_view raw(std::uint32_t row, ListText which) const;
  void rehash(std::size_t slots);
  SlotAt slot_of(std::string_view encoded_id, bool guid) const;
  ListStore kept(const std::vector<bool>& keep) const;

  std::vector<LeadFacts> facts_;
  std::vector<RowTexts> texts_;
  std::unordered_map<std::uint32_t, TextEnds> long_ends_;  // by row: the ends of blocks over 64 KB
  std::vector<TextArena::Span> search_;  // in search_arena_, apart so a search scan reads only search texts
  TextArena arena_, search_arena_;
  std::vector<std::uint32_t> slots_;             // open addressing: row + 1 by hashed id, 0 = empty
  std::vector<std::uint8_t> tags_;               // by slot: the top byte of its id's hash
  std::string search_scratch_, folded_scratch_;  // upsert's working room, kept from lead to lead
};

// Reads the snapshot's encoding a chunk at a time as it arrives (from_bytes in pieces), so the whole encoding is
// never held next to the store it becomes: only the part of a row a chunk cut off is kept until the next one.
class ListStoreDecoder {
 public:
  explicit ListStoreDecoder(std::size_t total_bytes);  // all the chunks' bytes together
  bool feed(std::string_view chunk);                   // false once the bytes cannot be a snapshot (later ones ignored)
  std::size_t fed_bytes() const { return fed_; }       // the bytes fed until now (until the refusal, if any)
  std::optional<ListStore> finish();                   // nullopt for garbage, truncated input or another schema
  // After finish(): the search index kept with the rows, if there was one of this build's layout and it agrees
  // with the rows on a sample of them (checked here: an index that disagrees is dropped and folded again).
  std::optional<GramIndex> take_grams();

 private:
  bool fail();
  std::size_t decode(std::string_view in);
  std::size_t total_bytes_, fed_ = 0;
  bool header_read_ = false, failed_ = false, grams_flag_read_ = false, has_grams_ = false, grams_done_ = false;
  std::uint64_t version_ = 0, rows_ = 0, rows_read_ = 0;
  std::string pending_;  // the start of a row cut off by a chunk's end
  ListStore store_;
  GramIndexDecoder grams_;
  std::optional<GramIndex> grams_read_;
};

// What a search looks through, before folding: what the table shows (customer, deal name, city) and the customer's
// contacts' names and e-mails, separated by '\x1f'. Notes are not searched (they are not in the list). The first
// three fields are always there, even empty: the sorts and the city filter read them folded from the search text,
// so no second folded copy is kept.
std::string search_text(const Referral& lead);
void search_text(const Referral& lead, std::string& out);  // the same into `out`, reusing its room
enum class SearchField { Customer, DealName, City };
std::string_view folded_field(const LeadRow& lead, SearchField field);

// What a list request asks for ($select, OData-style paths): exactly the fields the store and its search keep.
const std::vector<std::string>& list_wire_paths();

// The row's list fields as a Referral (the rest empty): for a rule written over a record, e.g. a bulk decline's
// check and patch, when the full record is not at hand. The search-only contacts are not in it.
Referral list_record(const LeadRow& row);

// A GUID in its lowercase canonical text as 16 bytes; nullopt for any other id (kept as text).
std::optional<std::array<char, 16>> guid_bytes(std::string_view id);
std::string guid_text(std::string_view bytes16);

}  // namespace leads
