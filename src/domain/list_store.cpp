// ListStore: rows of facts and arena texts, an id lookup, and the snapshot encoding (see list_store.h).
//
// [SECTION] ids
// [SECTION] rows
// [SECTION] lookup
// [SECTION] removal
// [SECTION] encoding
#include "domain/list_store.h"

#include <algorithm>
#include <cstring>

#include "domain/lead_display.h"
#include "domain/snapshot_bytes.h"
#include "domain/text_fold.h"

namespace leads {

// [SECTION] ids ----------------------------------------------------------------------------------

namespace {
constexpr std::size_t kGuidTextSize = 36;
bool is_dash_at(std::size_t i) {
  return i == 8 || i == 13 || i == 18 || i == 23;
}
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;  // uppercase too: only the lowercase form decodes back to the very same text
}
}  // namespace

std::optional<std::array<char, 16>> guid_bytes(std::string_view id) {
  if (id.size() != kGuidTextSize) return std::nullopt;
  std::array<char, 16> bytes{};
  std::size_t out = 0;
  for (std::size_t i = 0; i < id.size();) {
    if (is_dash_at(i)) {
      if (id[i] != '-') return std::nullopt;
      ++i;
      continue;
    }
    const int high = hex_value(id[i]), low = hex_value(id[i + 1]);
    if (high < 0 || low < 0 || is_dash_at(i + 1)) return std::nullopt;
    bytes[out++] = static_cast<char>(high << 4 | low);
    i += 2;
  }
  return bytes;
}

namespace {
// A GUID's 16 bytes spelled as its lowercase text, into `buffer` (one spelling for guid_text and LeadRow::id_text).
std::string_view spell_guid(std::string_view bytes16, std::array<char, kGuidTextSize>& buffer) {
  static const char kHex[] = "0123456789abcdef";
  std::size_t out = 0;
  for (std::size_t i = 0; i < bytes16.size() && i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) buffer[out++] = '-';
    const auto byte = static_cast<unsigned char>(bytes16[i]);
    buffer[out++] = kHex[byte >> 4];
    buffer[out++] = kHex[byte & 15];
  }
  return std::string_view(buffer.data(), out);
}
}  // namespace

std::string guid_text(std::string_view bytes16) {
  std::array<char, kGuidTextSize> buffer;
  return std::string(spell_guid(bytes16, buffer));
}

// [SECTION] rows ---------------------------------------------------------------------------------

namespace {
constexpr char kFieldSeparator = '\x1f';

void add_field(std::string& out, const std::string& text) {
  if (text.empty()) return;
  out += text;
  out += kFieldSeparator;
}
}  // namespace

std::string search_text(const Referral& lead) {
  std::string out;
  search_text(lead, out);
  return out;
}

void search_text(const Referral& lead, std::string& out) {
  // Short fields first: a search that matches stops reading at the first match, and names and cities match most.
  out.clear();
  for (const std::string* field : {&lead.customer_profile.name, &lead.name, &lead.customer_profile.address.city}) {
    out += *field;
    out += kFieldSeparator;
  }
  if (contacts_withdrawn(lead)) return;  // an expired lead is not found by a contact it no longer shows
  for (const Member& member : lead.customer_profile.team) {
    out += member.first_name;  // the space is there even when both names are empty
    out += ' ';
    out += member.last_name;
    out += kFieldSeparator;
    add_field(out, member.email);
  }
}

const std::vector<std::string>& list_wire_paths() {
  static const std::vector<std::string> paths = {"name",
                                                 "status",
                                                 "substatus",
                                                 "statusReason",
                                                 "qualification",
                                                 "type",
                                                 "direction",
                                                 "createdDateTime",
                                                 "updatedDateTime",
                                                 "expirationDateTime",
                                                 "acceptedDateTime",
                                                 "closedDateTime",
                                                 "eTag",
                                                 "customerProfile/name",
                                                 "customerProfile/address/city",
                                                 "customerProfile/address/country",
                                                 "customerProfile/team/firstName",
                                                 "customerProfile/team/lastName",
                                                 "customerProfile/team/email",
                                                 "details/dealValue",
                                                 "details/currency",
                                                 "details/customerRequestedContact",
                                                 "inviteContext/invitedBy/organizationId",
                                                 "inviteContext/invitedBy/organizationName"};
  return paths;
}

std::string_view folded_field(const LeadRow& lead, SearchField field) {
  std::string_view text = lead.search_text();
  for (int skip = static_cast<int>(field); skip > 0; --skip) {
    const std::size_t end = text.find(kFieldSeparator);
    if (end == std::string_view::npos) return {};
    text.remove_prefix(end + 1);
  }
  return text.substr(0, text.find(kFieldSeparator));
}

const LeadFacts& LeadRow::facts() const {
  return store_->facts_[row_];
}
std::string_view LeadRow::text(ListText which) const {
  return store_->raw(row_, which);
}
std::string LeadRow::id() const {
  std::array<char, 36> buffer;
  return std::string(id_text(buffer));
}
std::string_view LeadRow::id_text(std::array<char, 36>& buffer) const {
  const std::string_view stored = store_->raw(row_, ListText::Id);
  return store_->texts_[row_].guid_id ? spell_guid(stored, buffer) : stored;
}

std::string_view LeadRow::status_wire() const {
  const std::string_view kept = text(ListText::StatusWire);
  return kept.empty() ? std::string_view(to_wire(facts().status)) : kept;
}
std::string_view LeadRow::substatus_wire() const {
  const std::string_view kept = text(ListText::SubstatusWire);
  return kept.empty() ? std::string_view(to_wire(facts().substatus)) : kept;
}
std::string_view LeadRow::search_text() const {
  return store_->search_arena_.view(store_->search_[row_]);
}

Referral list_record(const LeadRow& row) {
  const LeadFacts& facts = row.facts();
  Referral lead;
  lead.id = row.id();
  lead.name = std::string(row.name());
  lead.customer_profile.name = std::string(row.customer());
  lead.customer_profile.address.city = std::string(row.city());
  lead.customer_profile.address.country = std::string(row.country());
  lead.details.currency = std::string(row.currency());
  lead.invite_context.invited_by.organization_id = std::string(row.sender_id());
  lead.invite_context.invited_by.organization_name = std::string(row.sender_name());
  lead.etag = std::string(row.etag());
  lead.created_date_time = time_of(facts.created);
  lead.updated_date_time = time_of(facts.updated);
  lead.expiration_date_time = time_of(facts.expiration);
  lead.accepted_date_time = time_of(facts.accepted);
  lead.closed_date_time = time_of(facts.closed);
  if (facts.has_value) lead.details.deal_value = facts.value;
  lead.details.customer_requested_contact = facts.flame;
  lead.status = {facts.status, std::string(row.status_wire())};
  lead.substatus = {facts.substatus, std::string(row.substatus_wire())};
  lead.qualification = wire_enum(facts.qualification);
  lead.type = wire_enum(facts.type);
  lead.direction = wire_enum(facts.direction);
  if (facts.has_close_reason) lead.status_reason = to_wire(facts.close_reason);
  return lead;
}

std::string_view ListStore::raw(std::uint32_t row, ListText which) const {
  const RowTexts& texts = texts_[row];
  const auto index = static_cast<std::size_t>(which);
  std::uint32_t begin, end;
  if (texts.long_block) {
    const TextEnds& ends = long_ends_.at(row);
    begin = index == 0 ? 0 : ends[index - 1];
    end = ends[index];
  } else {
    begin = index == 0 ? 0 : texts.ends[index - 1];
    end = texts.ends[index];
  }
  return arena_.view({texts.chunk, texts.offset + begin, end - begin});
}

void ListStore::reserve(std::size_t rows) {
  facts_.reserve(rows);
  texts_.reserve(rows);
  search_.reserve(rows);
  if (slots_.size() < rows * 2) rehash(rows * 2);
}

ListStore::RowTexts ListStore::add_texts(std::uint32_t row, const Texts& texts, bool guid_id) {
  TextEnds ends{};
  std::uint32_t end = 0;
  for (std::size_t i = 0; i < kListTextCount; ++i) {
    end += static_cast<std::uint32_t>(texts[i].size());
    ends[i] = end;
  }
  const TextArena::Span block = arena_.add_joined(texts.data(), texts.size());
  RowTexts row_texts;
  row_texts.chunk = block.chunk;
  row_texts.offset = block.offset;
  row_texts.guid_id = guid_id;
  row_texts.long_block = end > UINT16_MAX;
  if (row_texts.long_block)
    long_ends_[row] = ends;
  else
    for (std::size_t i = 0; i < kListTextCount; ++i) row_texts.ends[i] = static_cast<std::uint16_t>(ends[i]);
  return row_texts;
}

std::uint32_t ListStore::append_at(SlotAt at, const LeadFacts& facts, const Texts& texts, bool guid_id,
                                   std::string_view search) {
  const auto row = static_cast<std::uint32_t>(facts_.size());
  facts_.push_back(facts);
  texts_.push_back(add_texts(row, texts, guid_id));
  search_.push_back(search_arena_.add(search));
  slots_[at.slot] = row + 1;
  tags_[at.slot] = at.tag;
  if (slots_.size() < facts_.size() * 2) rehash(slots_.size() * 2);
  return row;
}

std::uint32_t ListStore::put(const LeadFacts& facts, const Texts& texts, bool guid_id, std::string_view search) {
  if (slots_.empty()) rehash(16);
  const SlotAt at = slot_of(texts[0], guid_id);
  if (slots_[at.slot] == 0) return append_at(at, facts, texts, guid_id, search);
  const std::uint32_t row = slots_[at.slot] - 1;  // a known id: replaced in place
  long_ends_.erase(row);
  facts_[row] = facts;
  texts_[row] = add_texts(row, texts, guid_id);
  search_[row] = search_arena_.add(search);
  return row;
}

bool ListStore::put_new(const LeadFacts& facts, const Texts& texts, bool guid_id, std::string_view search) {
  if (slots_.empty()) rehash(16);
  const SlotAt at = slot_of(texts[0], guid_id);
  if (slots_[at.slot] != 0) return false;
  append_at(at, facts, texts, guid_id, search);
  return true;
}

std::uint32_t ListStore::upsert(const Referral& lead) {
  const std::optional<std::array<char, 16>> guid = guid_bytes(lead.id);
  const std::string_view id = guid ? std::string_view(guid->data(), guid->size()) : std::string_view(lead.id);
  const auto unknown_wire = [](const auto& wire_enum) {
    return wire_enum.value == std::decay_t<decltype(wire_enum.value)>::Unknown ? std::string_view(wire_enum.wire)
                                                                               : std::string_view();
  };
  const Texts texts = {id,
                       lead.name,
                       lead.customer_profile.name,
                       lead.customer_profile.address.city,
                       lead.customer_profile.address.country,
                       lead.details.currency,
                       lead.invite_context.invited_by.organization_id,
                       lead.invite_context.invited_by.organization_name,
                       lead.etag,
                       unknown_wire(lead.status),
                       unknown_wire(lead.substatus)};
  // Built and folded in the store's own buffers: a page of leads needs no allocation per lead for them.
  search_text(lead, search_scratch_);
  fold_for_search(search_scratch_, folded_scratch_);
  return put(facts_of(lead), texts, guid.has_value(), folded_scratch_);
}

std::uint32_t ListStore::upsert(const LeadRow& row) {
  const ListStore& from = *row.store_;
  Texts texts;
  for (std::size_t i = 0; i < kListTextCount; ++i) texts[i] = from.raw(row.row_, static_cast<ListText>(i));
  return put(from.facts_[row.row_], texts, from.texts_[row.row_].guid_id, row.search_text());
}

ListStore ListStore::of(const std::vector<Referral>& leads) {
  ListStore store;
  store.reserve(leads.size());
  for (const Referral& lead : leads) store.upsert(lead);
  return store;
}

std::size_t ListStore::heap_bytes() const {
  return facts_.capacity() * sizeof(LeadFacts) + texts_.capacity() * sizeof(RowTexts) +
         search_.capacity() * sizeof(TextArena::Span) + slots_.capacity() * sizeof(std::uint32_t) + tags_.capacity() +
         arena_.heap_bytes() + search_arena_.heap_bytes() +
         long_ends_.size() * (sizeof(TextEnds) + sizeof(std::uint32_t) + 2 * sizeof(void*));
}

// [SECTION] lookup -------------------------------------------------------------------------------

namespace {
std::uint64_t hash_id(std::string_view encoded, bool guid) {
  std::uint64_t hash = guid ? 0x9e3779b97f4a7c15ull : 1469598103934665603ull;
  for (char c : encoded) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return hash ^ hash >> 29;
}
}  // namespace

// The slot holding `encoded_id`, or the empty slot where it would go. A slot's tag (the hash's top byte) spares
// reading a row's id from the arena for all but one in 256 of the other ids met on the way.
ListStore::SlotAt ListStore::slot_of(std::string_view encoded_id, bool guid) const {
  const std::size_t mask = slots_.size() - 1;
  const std::uint64_t hash = hash_id(encoded_id, guid);
  const auto tag = static_cast<std::uint8_t>(hash >> 56);
  for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const std::uint32_t held = slots_[slot];
    if (held == 0) return {slot, tag};
    if (tags_[slot] == tag && texts_[held - 1].guid_id == guid && raw(held - 1, ListText::Id) == encoded_id)
      return {slot, tag};
  }
}

void ListStore::rehash(std::size_t wanted) {
  std::size_t slots = 16;
  while (slots < wanted) slots *= 2;
  slots_.assign(slots, 0);
  tags_.assign(slots, 0);
  for (std::uint32_t row = 0; row < facts_.size(); ++row) {
    const SlotAt at = slot_of(raw(row, ListText::Id), texts_[row].guid_id);
    slots_[at.slot] = row + 1;
    tags_[at.slot] = at.tag;
  }
}

std::optional<std::uint32_t> ListStore::find(std::string_view id) const {
  if (slots_.empty()) return std::nullopt;
  const std::optional<std::array<char, 16>> guid = guid_bytes(id);
  const std::string_view encoded = guid ? std::string_view(guid->data(), guid->size()) : id;
  const std::uint32_t held = slots_[slot_of(encoded, guid.has_value()).slot];
  return held == 0 ? std::nullopt : std::optional<std::uint32_t>(held - 1);
}

// [SECTION] removal ------------------------------------------------------------------------------

ListStore ListStore::kept(const std::vector<bool>& keep) const {
  ListStore out;
  out.rehash(32);
  for (std::uint32_t row = 0; row < facts_.size(); ++row) {
    if (!keep[row]) continue;
    Texts texts;
    for (std::size_t i = 0; i < kListTextCount; ++i) texts[i] = raw(row, static_cast<ListText>(i));
    out.put(facts_[row], texts, texts_[row].guid_id, search_arena_.view(search_[row]));
  }
  return out;
}

std::size_t ListStore::remove(const std::vector<std::string>& ids) {
  std::vector<bool> keep(size(), true);
  std::size_t removed = 0;
  for (const std::string& id : ids)
    if (const auto row = find(id); row && keep[*row]) {
      keep[*row] = false;
      ++removed;
    }
  if (removed > 0) *this = kept(keep);
  return removed;
}

std::size_t ListStore::keep_only(const std::unordered_set<std::string>& ids) {
  std::vector<bool> keep(size(), false);
  std::size_t removed = 0;
  for (std::uint32_t row = 0; row < size(); ++row) {
    keep[row] = ids.count(LeadRow(*this, row).id()) > 0;
    removed += !keep[row];
  }
  if (removed > 0) *this = kept(keep);
  return removed;
}

// [SECTION] encoding -----------------------------------------------------------------------------

namespace {
constexpr char kMagic[8] = {'L', 'E', 'A', 'D', 'L', 'I', 'S', 'T'};

void write_facts(SnapshotWriter& out, const LeadFacts& facts) {
  for (TimeMs time : {facts.created, facts.updated, facts.expiration, facts.accepted, facts.closed})
    out.u64(static_cast<std::uint64_t>(time));
  std::uint64_t value_bits = 0;
  std::memcpy(&value_bits, &facts.value, sizeof value_bits);
  out.u64(value_bits);
  for (int part :
       {static_cast<int>(facts.status), static_cast<int>(facts.substatus), static_cast<int>(facts.qualification),
        static_cast<int>(facts.type), static_cast<int>(facts.direction), static_cast<int>(facts.close_reason)})
    out.u8(static_cast<std::uint8_t>(part));
  out.u8(static_cast<std::uint8_t>(facts.has_value | facts.substatus_absent << 1 | facts.sent_by_microsoft << 2 |
                                   facts.flame << 3 | facts.has_close_reason << 4));
}

LeadFacts read_facts(SnapshotReader& in) {
  LeadFacts facts;
  for (TimeMs* time : {&facts.created, &facts.updated, &facts.expiration, &facts.accepted, &facts.closed})
    *time = static_cast<TimeMs>(in.number(8));
  const std::uint64_t value_bits = in.number(8);
  std::memcpy(&facts.value, &value_bits, sizeof value_bits);
  facts.status = in.enum_up_to(Status::Unknown);
  facts.substatus = in.enum_up_to(Substatus::Unknown);
  facts.qualification = in.enum_up_to(Qualification::Unknown);
  facts.type = in.enum_up_to(ReferralType::Unknown);
  facts.direction = in.enum_up_to(Direction::Unknown);
  facts.close_reason = in.enum_up_to(CloseReason::Other);
  const auto flags = in.number(1);
  if (flags >= 32) in.fail();  // a flag this schema does not have
  facts.has_value = flags & 1;
  facts.substatus_absent = flags & 2;
  facts.sent_by_microsoft = flags & 4;
  facts.flame = flags & 8;
  facts.has_close_reason = flags & 16;
  return facts;
}
}  // namespace

void ListStore::encode(SnapshotWriter& out, const GramIndex* grams) const {
  out.bytes(kMagic, sizeof kMagic);
  out.u32(kSchemaVersion);
  out.u32(static_cast<std::uint32_t>(size()));
  for (std::uint32_t row = 0; row < size(); ++row) {
    write_facts(out, facts_[row]);
    out.u8(texts_[row].guid_id ? 1 : 0);
    for (std::size_t i = 0; i < kListTextCount; ++i) out.text(raw(row, static_cast<ListText>(i)));
    out.text(search_arena_.view(search_[row]));
  }
  const bool with_grams = grams && grams->rows() == size();
  out.u8(with_grams ? 1 : 0);
  if (with_grams) grams->encode(out);
  out.flush();
}

std::size_t ListStore::encoded_size(const GramIndex* grams) const {
  SnapshotWriter counter(nullptr, 0);
  encode(counter, grams);
  return counter.counted;
}

void ListStore::encode_in_chunks(std::size_t chunk_bytes, const std::function<void(std::string_view)>& sink,
                                 const GramIndex* grams) const {
  SnapshotWriter out(&sink, std::max<std::size_t>(chunk_bytes, 1));
  encode(out, grams);
}

std::string ListStore::to_bytes(const GramIndex* grams) const {
  std::string bytes;
  bytes.reserve(encoded_size(grams));
  encode_in_chunks(
      kSnapshotChunkBytes, [&](std::string_view chunk) { bytes.append(chunk); }, grams);
  return bytes;
}

std::optional<ListStore> ListStore::from_bytes(std::string_view bytes, std::optional<GramIndex>* grams) {
  ListStoreDecoder decoder(bytes.size());
  decoder.feed(bytes);
  std::optional<ListStore> store = decoder.finish();
  if (grams) *grams = decoder.take_grams();
  return store;
}

ListStoreDecoder::ListStoreDecoder(std::size_t total_bytes) : total_bytes_(total_bytes) {}

bool ListStoreDecoder::feed(std::string_view chunk) {
  if (failed_) return false;
  fed_ += chunk.size();
  if (fed_ > total_bytes_) return fail();
  if (pending_.empty()) {
    const std::size_t used = decode(chunk);
    if (!failed_) pending_.assign(chunk.substr(used));
  } else {
    pending_.append(chunk);
    const std::size_t used = decode(pending_);
    if (!failed_) pending_.erase(0, used);
  }
  return !failed_;
}

std::optional<ListStore> ListStoreDecoder::finish() {
  const bool whole = header_read_ && rows_read_ == rows_ && (version_ == 1 || grams_done_);
  if (failed_ || !whole || !pending_.empty() || fed_ != total_bytes_) return std::nullopt;
  if (has_grams_) grams_read_ = grams_.finish();
  // Sample rows, spread over the list: an index that does not hold exactly their texts' slots is not used.
  if (grams_read_) {
    const std::size_t step = std::max<std::size_t>(1, store_.size() / 256);
    for (std::uint32_t row = 0; row < store_.size() && grams_read_; row += static_cast<std::uint32_t>(step))
      if (!grams_read_->row_agrees(row, store_.row(row).search_text())) grams_read_.reset();
  }
  return std::move(store_);
}

std::optional<GramIndex> ListStoreDecoder::take_grams() {
  std::optional<GramIndex> grams = std::move(grams_read_);
  grams_read_.reset();
  return grams;
}

bool ListStoreDecoder::fail() {
  failed_ = true;
  pending_.clear();
  store_.clear();
  return false;
}

// Reads the header and every whole row in `in`; returns how many bytes it used (a row cut by the chunk's end waits
// for the next chunk). Marks the decoder failed on any byte that cannot be right.
std::size_t ListStoreDecoder::decode(std::string_view in) {
  SnapshotReader reader(in);
  if (!header_read_) {
    if (reader.take(sizeof kMagic) != std::string_view(kMagic, sizeof kMagic)) return reader.ran_short() ? 0 : fail();
    const std::uint64_t version = reader.number(4);
    const std::uint64_t rows = reader.number(4);
    if (!reader.ok()) return reader.ran_short() ? 0 : fail();
    if (version != 1 && version != ListStore::kSchemaVersion) return fail();  // 1: rows only, no index after them
    // Each row takes at least its facts and its texts' lengths: a count the input cannot hold is refused up front.
    constexpr std::size_t kMinRowBytes = 48 + 8 + 1 + 4 * (kListTextCount + 1);
    if (rows > total_bytes_ / kMinRowBytes) return fail();
    header_read_ = true;
    version_ = version;
    rows_ = rows;
    store_.reserve(static_cast<std::size_t>(rows));
  }
  std::size_t used = reader.pos();
  while (rows_read_ < rows_) {
    const LeadFacts facts = read_facts(reader);
    const std::uint64_t guid = reader.number(1);
    std::array<std::string_view, kListTextCount> texts;
    for (std::string_view& text : texts) text = reader.text();
    const std::string_view search = reader.text();
    if (!reader.ok()) return reader.ran_short() ? used : fail();
    if (guid > 1 || (guid == 1 && texts[0].size() != 16)) return fail();
    if (guid == 0 && guid_bytes(texts[0])) return fail();                 // a GUID is only ever held as its 16 bytes
    if (!store_.put_new(facts, texts, guid == 1, search)) return fail();  // one row per id
    ++rows_read_;
    used = reader.pos();
  }
  if (version_ >= 2 && !grams_flag_read_) {
    const std::uint64_t flag = reader.number(1);
    if (!reader.ok()) return reader.ran_short() ? used : fail();
    if (flag > 1) return fail();
    grams_flag_read_ = true;
    has_grams_ = flag == 1;
    grams_done_ = !has_grams_;
    used = reader.pos();
  }
  if (has_grams_ && !grams_done_) {
    const GramIndexDecoder::Step step = grams_.read(reader, used, rows_);
    if (step == GramIndexDecoder::Step::Fail) return fail();
    if (step == GramIndexDecoder::Step::More) return used;
    grams_done_ = true;
  }
  if (!reader.at_end()) return fail();  // bytes past the end
  return used;
}

}  // namespace leads
