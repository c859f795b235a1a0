// The search index kept in the list snapshot after the rows: read back, it answers every search as one folded again
// from the rows; one from another slot layout, or one that disagrees with the rows, is not used (the rows are).
#include <doctest/doctest.h>

#include <string>
#include <unordered_set>
#include <vector>

#include "domain/lead_query.h"
#include "domain/list_store.h"
#include "seed.h"

using namespace leads;

namespace {

constexpr TimeMs kNow = 1'790'000'000'000;

GramIndex folded(const ListStore& store) {
  GramIndex grams;
  for (std::uint32_t row = 0; row < store.size(); ++row) grams.set_row(row, store.row(row).search_text());
  return grams;
}

// The rows every search finds, in every tab, with the index as given.
std::vector<std::vector<std::uint32_t>> searches(const ListStore& store, const LeadIndex& index) {
  const std::unordered_set<std::string> favorites;
  std::vector<std::vector<std::uint32_t>> found;
  for (const char* search : {"i", "is", "ist", "istanbul", "ış", "co", "contoso", "a b", "zz", "@", "1", "12", "ş"})
    for (ListTab tab : {ListTab::Marketplace, ListTab::Qualified}) {
      LeadQuery query;
      query.tab = tab;
      query.search = search;
      found.push_back(run_query(store, index, query, favorites, kNow));
    }
  return found;
}

// Where the index's part starts: just after the rows and the byte that says an index follows.
std::size_t grams_start(const ListStore& store) {
  return store.to_bytes().size();
}

}  // namespace

TEST_CASE("the index kept with the rows reads back, in chunks of any size, and finds what one folded again finds") {
  const ListStore store = ListStore::of(seed_referrals(11, 9000, kNow));  // three blocks of rows, the last partial
  const GramIndex grams = folded(store);
  const std::string bytes = store.to_bytes(&grams);
  CHECK(store.encoded_size(&grams) == bytes.size());
  CHECK(bytes.size() > store.to_bytes().size());
  for (std::size_t chunk_bytes : {std::size_t{7}, std::size_t{4096}, std::size_t{1} << 20, bytes.size()}) {
    ListStoreDecoder decoder(bytes.size());
    for (std::size_t at = 0; at < bytes.size(); at += chunk_bytes)
      REQUIRE(decoder.feed(std::string_view(bytes).substr(at, chunk_bytes)));
    std::optional<ListStore> back = decoder.finish();
    REQUIRE(back);
    std::optional<GramIndex> read = decoder.take_grams();
    REQUIRE(read);
    CHECK(read->rows() == store.size());
    CHECK(back->to_bytes(&*read) == bytes);  // one form per index: bit for bit what was kept
    LeadIndex kept, refolded;
    kept.rebuild(*back, &*read);
    refolded.rebuild(*back);
    CHECK(kept.covers_all(back->size()));
    CHECK(searches(*back, kept) == searches(*back, refolded));
  }
}

TEST_CASE("a snapshot of rows only (schema 1, or written without an index) is still read, and the index folded") {
  const ListStore store = ListStore::of(seed_referrals(12, 300, kNow));
  std::string rows_only = store.to_bytes();
  std::optional<GramIndex> grams;
  REQUIRE(ListStore::from_bytes(rows_only, &grams));
  CHECK_FALSE(grams);
  std::string schema1 = rows_only.substr(0, rows_only.size() - 1);  // schema 1 had no byte after the rows
  schema1[8] = 1;
  const std::optional<ListStore> back = ListStore::from_bytes(schema1, &grams);
  REQUIRE(back);
  CHECK(back->size() == store.size());
  CHECK_FALSE(grams);
  CHECK_FALSE(ListStore::from_bytes(schema1 + std::string(1, '\0')));  // schema 1 ends with the rows
}

TEST_CASE("an index from another slot layout is stepped over: the rows are read, the index folded again") {
  const ListStore store = ListStore::of(seed_referrals(13, 500, kNow));
  const GramIndex grams = folded(store);
  std::string bytes = store.to_bytes(&grams);
  bytes[grams_start(store)] ^= 0x01;  // the fingerprint of the slot layout
  std::optional<GramIndex> read;
  const std::optional<ListStore> back = ListStore::from_bytes(bytes, &read);
  REQUIRE(back);
  CHECK(back->size() == store.size());
  CHECK_FALSE(read);
  // Stepped over by its stated size: a byte more or less than stated is not a snapshot.
  CHECK_FALSE(ListStore::from_bytes(bytes + "x"));
  CHECK_FALSE(ListStore::from_bytes(bytes.substr(0, bytes.size() - 1)));
}

TEST_CASE("an index that disagrees with the rows it came with is dropped, the rows kept") {
  const ListStore store = ListStore::of(seed_referrals(14, 600, kNow));
  const GramIndex other = folded(ListStore::of(seed_referrals(15, 600, kNow)));  // as many rows, other texts
  std::optional<GramIndex> read;
  const std::optional<ListStore> back = ListStore::from_bytes(store.to_bytes(&other), &read);
  REQUIRE(back);
  CHECK(back->size() == store.size());
  CHECK_FALSE(read);
  // An index of another row count is not written at all.
  const GramIndex fewer = folded(ListStore::of(seed_referrals(14, 599, kNow)));
  CHECK(store.to_bytes(&fewer) == store.to_bytes());
}

TEST_CASE("a truncated, padded or mangled index makes the whole snapshot unreadable, never a crash") {
  const ListStore store = ListStore::of(seed_referrals(16, 70, kNow));
  const GramIndex grams = folded(store);
  const std::string bytes = store.to_bytes(&grams);
  const std::size_t start = grams_start(store);
  for (std::size_t cut = start; cut < bytes.size(); ++cut) REQUIRE_FALSE(ListStore::from_bytes(bytes.substr(0, cut)));
  CHECK_FALSE(ListStore::from_bytes(bytes + "x"));
  const auto with = [&](std::size_t at, char value) {
    std::string changed = bytes;
    changed[at] = value;
    return changed;
  };
  // Layout after the fingerprint (8) and the body's size (8): rows (4), blocks (4), the first block's stride (4),
  // its chunk count (4), then the chunks' slots (2 each).
  const std::size_t body = start + 16;
  CHECK_FALSE(ListStore::from_bytes(with(body + 4, 2)));        // two blocks for 70 rows
  CHECK_FALSE(ListStore::from_bytes(with(body + 8, 3)));        // a stride not a power of two
  CHECK_FALSE(ListStore::from_bytes(with(body + 8, 0)));        // too few words for 70 rows
  CHECK_FALSE(ListStore::from_bytes(with(body + 17, '\x7f')));  // a slot past the last
  std::string twice = bytes;                                    // the second chunk's slot made the first's
  twice[body + 18] = bytes[body + 16];
  twice[body + 19] = bytes[body + 17];
  CHECK_FALSE(ListStore::from_bytes(twice));
  CHECK_FALSE(ListStore::from_bytes(with(start + 8, static_cast<char>(bytes[start + 8] + 1))));  // stated size off
  for (std::size_t at = start; at < bytes.size(); at += 3) {  // any flipped byte: read or refused
    std::optional<GramIndex> read;
    (void)ListStore::from_bytes(with(at, static_cast<char>(bytes[at] ^ 0x5a)), &read);
  }
}
