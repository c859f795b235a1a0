// Tests of the list store: every list field of the benchmark's seeded leads reads back as the full record has it,
// the id look-up (GUIDs held as 16 bytes), the delta merge (changed, new, expired, deleted, out of scope; applied
// twice = once) and the snapshot encoding (round trip; garbage, truncated and old-schema input refused).
#include "domain/list_store.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "domain/classification.h"
#include "domain/clocks.h"
#include "domain/text_fold.h"
#include "seed.h"
#include "support/lead_builder.h"

using namespace leads;

namespace {

const TimeMs kNow = *parse_iso8601("2026-11-20T12:00:00Z");

bool same_facts(const LeadFacts& a, const LeadFacts& b) {
  return a.created == b.created && a.updated == b.updated && a.expiration == b.expiration && a.accepted == b.accepted &&
         a.closed == b.closed && a.has_value == b.has_value && (!a.has_value || a.value == b.value) &&
         a.status == b.status && a.substatus == b.substatus && a.qualification == b.qualification && a.type == b.type &&
         a.direction == b.direction && a.close_reason == b.close_reason && a.substatus_absent == b.substatus_absent &&
         a.sent_by_microsoft == b.sent_by_microsoft && a.flame == b.flame && a.has_close_reason == b.has_close_reason;
}

// Every list field of `row` is the record's.
void check_row_is(const LeadRow& row, const Referral& lead) {
  CAPTURE(lead.id);
  CHECK(row.id() == lead.id);
  CHECK(row.name() == lead.name);
  CHECK(row.customer() == lead.customer_profile.name);
  CHECK(row.city() == lead.customer_profile.address.city);
  CHECK(row.country() == lead.customer_profile.address.country);
  CHECK(row.currency() == lead.details.currency);
  CHECK(row.sender_id() == lead.invite_context.invited_by.organization_id);
  CHECK(row.sender_name() == lead.invite_context.invited_by.organization_name);
  CHECK(row.etag() == lead.etag);
  CHECK(row.status_wire() == lead.status.wire);
  CHECK(row.substatus_wire() == lead.substatus.wire);
  CHECK(same_facts(row.facts(), facts_of(lead)));
  CHECK(row.search_text() == fold_for_search(search_text(lead)));
  // The rules give the same answers over the row as over the record.
  CHECK(lead_kind(row.facts()) == lead_kind(lead));
  CHECK(stage_of(row.facts()) == stage_of(lead));
  CHECK(outcome_of(row.facts()) == outcome_of(lead));
  CHECK(flame_state(row.facts(), kNow) == flame_state(lead, kNow));
  CHECK(expiration_of(row.facts()) == expiration_of(lead));
}

Referral received(const std::string& id, TimeMs updated) {
  return test::a_lead()
      .id(id)
      .name("Deal " + id)
      .customer("Customer " + id)
      .stage("New", "Received")
      .received_at(updated - kDayMs)
      .updated_at(updated)
      .expires_at(updated + 13 * kDayMs)
      .etag("\"" + id + "\"");
}

}  // namespace

TEST_CASE("every list field of the seeded leads reads back as the full record holds it") {
  const std::vector<Referral> leads = seed_referrals(7, 2000, kNow);
  const ListStore store = ListStore::of(leads);
  REQUIRE(store.size() == leads.size());
  for (const Referral& lead : leads) {
    const auto row = store.find(lead.id);
    REQUIRE(row);
    check_row_is(store.row(*row), lead);
  }
  CHECK_FALSE(store.find("no-such-lead"));
}

TEST_CASE("the search text: customer, deal and city always, then each contact's name and e-mail") {
  Member named;
  named.first_name = "Ayşe";
  named.last_name = "Kaya";
  named.email = "ayse@ornek.com.tr";
  Member unnamed;  // no name: its place is still a space; no e-mail: nothing
  const Referral lead = test::a_lead().name("Deal").customer("Müşteri").city("").contact(named).contact(unnamed);
  CHECK(search_text(lead) ==
        "Müşteri\x1f"
        "Deal\x1f"
        "\x1f"
        "Ayşe Kaya\x1f"
        "ayse@ornek.com.tr\x1f"
        " \x1f");
  std::string reused = "left over from another lead";
  search_text(lead, reused);
  CHECK(reused == search_text(lead));
  const Referral expired = test::a_lead().name("Deal").customer("Müşteri").stage("Closed", "Expired").contact(named);
  CHECK(search_text(expired) ==
        "Müşteri\x1f"
        "Deal\x1f"
        "\x1f");  // its contacts are no longer shown
}

TEST_CASE("a GUID id is held as 16 bytes and found in any form it was stored in; other ids stay text") {
  CHECK(guid_bytes("0f8fad5b-d9cb-469f-a165-70867728950e"));
  CHECK_FALSE(guid_bytes("0F8FAD5B-D9CB-469F-A165-70867728950E"));  // would not read back as sent
  CHECK_FALSE(guid_bytes("0f8fad5b-d9cb-469f-a165-70867728950"));
  CHECK_FALSE(guid_bytes("0f8fad5bd-9cb-469f-a165-70867728950e"));
  CHECK(guid_text(std::string(guid_bytes("0f8fad5b-d9cb-469f-a165-70867728950e")->data(), 16)) ==
        "0f8fad5b-d9cb-469f-a165-70867728950e");
  ListStore store;
  for (const char* id : {"0f8fad5b-d9cb-469f-a165-70867728950e", "0F8FAD5B-D9CB-469F-A165-70867728950E", "lead-1"})
    store.upsert(test::a_lead().id(id));
  REQUIRE(store.size() == 3);
  CHECK(store.row(*store.find("0F8FAD5B-D9CB-469F-A165-70867728950E")).id() == "0F8FAD5B-D9CB-469F-A165-70867728950E");
  CHECK(store.row(*store.find("0f8fad5b-d9cb-469f-a165-70867728950e")).id() == "0f8fad5b-d9cb-469f-a165-70867728950e");
  CHECK(store.row(*store.find("lead-1")).id() == "lead-1");
}

TEST_CASE("an unknown status keeps the text the service sent") {
  ListStore store;
  store.upsert(test::a_lead().id("odd").stage("Open", "Waiting"));
  const LeadRow row = store.row(0);
  CHECK(row.status_wire() == "Open");
  CHECK(row.substatus_wire() == "Waiting");
  CHECK(stage_of(row.facts()) == Stage::Unknown);
}

TEST_CASE("a row taken from another store is the same row: ids of both kinds, long texts, unknown status, replaced") {
  std::vector<Referral> leads = seed_referrals(11, 300, kNow);
  leads[4].id = "not-a-guid";
  leads[5].name = std::string(70000, 'n');  // its ends kept apart (over 64 KB)
  leads[6].status = status_from_wire("Sleeping");
  const ListStore page = ListStore::of(leads);
  ListStore store = ListStore::of({leads[7], leads[8]});  // two already held, in an older version
  leads[7].name = "renamed";
  leads[8].etag = "\"newer\"";
  const ListStore newer = ListStore::of({leads[7], leads[8]});
  for (std::uint32_t row = 0; row < page.size(); ++row) store.upsert(page.row(row));
  for (std::uint32_t row = 0; row < newer.size(); ++row) store.upsert(newer.row(row));
  REQUIRE(store.size() == leads.size());
  for (const Referral& lead : leads) check_row_is(store.row(*store.find(lead.id)), lead);
}

// [SECTION] the delta merge

TEST_CASE("a delta changes, adds, expires and removes leads, and applying it twice gives what once gives") {
  const std::vector<Referral> before = {received("a", kNow - 3 * kDayMs), received("b", kNow - 3 * kDayMs),
                                        received("c", kNow - 3 * kDayMs), received("d", kNow - 3 * kDayMs)};
  Referral changed = before[0];
  changed.name = "Renamed";
  changed.etag = "\"a-2\"";
  Referral expired = before[1];  // the server turns a Received lead past its expiry into Closed/Expired
  expired.expiration_date_time = kNow - kHourMs;
  REQUIRE(expire_if_due(expired, kNow));
  const Referral added = received("e", kNow);
  Referral co_sell = before[3];  // moved out of scope: it leaves the tabs but the server still lists it
  co_sell.type = wire_enum(ReferralType::Shared);

  const auto apply = [&](ListStore& store) {
    for (const Referral& lead : {changed, expired, added, co_sell}) store.upsert(lead);
    store.remove({"c"});  // deleted
  };
  ListStore once = ListStore::of(before);
  apply(once);
  ListStore twice = ListStore::of(before);
  apply(twice);
  apply(twice);
  CHECK(once.to_bytes() == twice.to_bytes());

  REQUIRE(once.size() == 4);
  CHECK_FALSE(once.find("c"));
  check_row_is(once.row(*once.find("a")), changed);
  check_row_is(once.row(*once.find("e")), added);
  const LeadRow expired_row = once.row(*once.find("b"));
  CHECK(stage_of(expired_row.facts()) == Stage::Archived);
  CHECK(outcome_of(expired_row.facts()) == Outcome::Expired);
  CHECK(tab_of(once.row(*once.find("d")).facts()) == Tab::None);
}

TEST_CASE("keeping only the ids the server still lists drops the others and renumbers the rest") {
  ListStore store = ListStore::of({received("a", kNow), received("b", kNow), received("c", kNow)});
  CHECK(store.keep_only({"a", "c", "x"}) == 1);
  REQUIRE(store.size() == 2);
  CHECK(store.row(*store.find("a")).id() == "a");
  CHECK(store.row(*store.find("c")).id() == "c");
  CHECK_FALSE(store.find("b"));
  CHECK(store.keep_only({"a", "c"}) == 0);  // again: nothing changes
  CHECK(store.remove({"zzz"}) == 0);
}

TEST_CASE("a lead whose texts pass 64 KB keeps every byte: replaced, renumbered and through the encoding") {
  std::vector<Referral> leads = seed_referrals(5, 6, kNow);
  leads[1].name = std::string(70000, 'n') + "end";  // another server's lead: server-mock stores at most 32 KB
  leads[1].etag = "\"after-the-long-name\"";
  leads[3].customer_profile.name = std::string(40000, 'c');
  leads[3].customer_profile.address.city = std::string(30000, 'k') + "İzmir";
  ListStore store = ListStore::of(leads);
  for (const Referral& lead : leads) check_row_is(store.row(*store.find(lead.id)), lead);

  const std::optional<ListStore> back = ListStore::from_bytes(store.to_bytes());
  REQUIRE(back);
  for (const Referral& lead : leads) check_row_is(back->row(*back->find(lead.id)), lead);

  leads[1].name = "short again";  // replaced in place: the row's ends are 16-bit again
  store.upsert(leads[1]);
  leads[2].name = std::string(66000, 'x');  // and a short row becomes a long one
  store.upsert(leads[2]);
  for (const Referral& lead : leads) check_row_is(store.row(*store.find(lead.id)), lead);

  REQUIRE(store.remove({leads[0].id}) == 1);  // the rows after it move up, their long ends with them
  leads.erase(leads.begin());
  for (const Referral& lead : leads) check_row_is(store.row(*store.find(lead.id)), lead);
}

// [SECTION] the snapshot encoding

TEST_CASE("the encoding reads back the very same store") {
  const std::vector<Referral> leads = seed_referrals(3, 500, kNow);
  const ListStore store = ListStore::of(leads);
  const std::string bytes = store.to_bytes();
  CHECK(bytes.compare(0, 8, "LEADLIST") == 0);
  const std::optional<ListStore> back = ListStore::from_bytes(bytes);
  REQUIRE(back);
  REQUIRE(back->size() == leads.size());
  for (const Referral& lead : leads) check_row_is(back->row(*back->find(lead.id)), lead);
  CHECK(back->to_bytes() == bytes);
  CHECK(ListStore::from_bytes(ListStore().to_bytes())->empty());
}

TEST_CASE("the encoding in chunks is the same bytes, no chunk larger than asked, its size counted up front") {
  const ListStore store = ListStore::of(seed_referrals(5, 300, kNow));
  const std::string whole = store.to_bytes();
  CHECK(store.encoded_size() == whole.size());
  for (std::size_t chunk_bytes : {std::size_t{1}, std::size_t{7}, std::size_t{4096}, whole.size(), whole.size() + 1}) {
    std::string joined;
    std::size_t chunks = 0, largest = 0;
    store.encode_in_chunks(chunk_bytes, [&](std::string_view chunk) {
      CHECK_FALSE(chunk.empty());
      joined.append(chunk);
      largest = std::max(largest, chunk.size());
      ++chunks;
    });
    CHECK(joined == whole);
    CHECK(largest <= chunk_bytes);
    CHECK(chunks == (whole.size() + chunk_bytes - 1) / chunk_bytes);
  }
}

TEST_CASE("read a chunk at a time, the encoding gives the same store, whatever the chunks' size") {
  const ListStore store = ListStore::of(seed_referrals(9, 200, kNow));
  const std::string whole = store.to_bytes();
  for (std::size_t chunk_bytes : {std::size_t{1}, std::size_t{5}, std::size_t{333}, std::size_t{4096}, whole.size()}) {
    ListStoreDecoder decoder(whole.size());
    for (std::size_t at = 0; at < whole.size(); at += chunk_bytes)
      REQUIRE(decoder.feed(std::string_view(whole).substr(at, chunk_bytes)));
    CHECK(decoder.fed_bytes() == whole.size());
    const std::optional<ListStore> back = decoder.finish();
    REQUIRE(back);
    CHECK(back->to_bytes() == whole);
  }
  ListStoreDecoder cut(whole.size());  // fewer bytes than announced
  CHECK(cut.feed(std::string_view(whole).substr(0, whole.size() - 1)));
  CHECK_FALSE(cut.finish());
  ListStoreDecoder longer(whole.size() - 1);  // more bytes than announced
  CHECK_FALSE(longer.feed(whole));
  CHECK_FALSE(longer.finish());
  std::string bad = whole;
  bad[3] = 'x';  // the magic
  ListStoreDecoder garbage(bad.size());
  CHECK_FALSE(garbage.feed(std::string_view(bad).substr(0, 100)));
  CHECK_FALSE(garbage.feed(std::string_view(bad).substr(100)));
  CHECK(garbage.fed_bytes() == 100);  // what came after the refusal was not taken (the browser stops copying it)
  CHECK_FALSE(garbage.finish());
}

TEST_CASE("garbage, truncated, trailing, duplicated or old-schema bytes are refused, never read") {
  const ListStore store = ListStore::of({received("a", kNow), received("0f8fad5b-d9cb-469f-a165-70867728950e", kNow)});
  const std::string bytes = store.to_bytes();
  CHECK_FALSE(ListStore::from_bytes(""));
  CHECK_FALSE(ListStore::from_bytes("not a snapshot at all"));
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) REQUIRE_FALSE(ListStore::from_bytes(bytes.substr(0, cut)));
  CHECK_FALSE(ListStore::from_bytes(bytes + "x"));
  std::string old_schema = bytes;
  old_schema[8] = static_cast<char>(ListStore::kSchemaVersion + 1);
  CHECK_FALSE(ListStore::from_bytes(old_schema));
  std::string huge_count = bytes;
  huge_count[12] = huge_count[13] = huge_count[14] = huge_count[15] = '\xff';
  CHECK_FALSE(ListStore::from_bytes(huge_count));
  std::string bad_enum = bytes;
  bad_enum[16 + 48] = '\x7f';  // the first row's status
  CHECK_FALSE(ListStore::from_bytes(bad_enum));
  const ListStore twice = ListStore::of({received("a", kNow)});
  std::string duplicated = twice.to_bytes();
  const std::string row = duplicated.substr(16);
  duplicated[12] = 2;
  CHECK_FALSE(ListStore::from_bytes(duplicated + row));
  // Every single flipped byte either reads as some store or is refused: never a crash.
  for (std::size_t at = 0; at < bytes.size(); ++at) {
    std::string flipped = bytes;
    flipped[at] = static_cast<char>(flipped[at] ^ 0x5a);
    (void)ListStore::from_bytes(flipped);
  }
}
