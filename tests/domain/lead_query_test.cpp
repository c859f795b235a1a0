// Tests of the lead table's queries: tabs, every filter, search across every searched field, every sort column
// in both directions with stable ties, a stale index, and the counts per tab and stage.
#include "domain/lead_query.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "domain/text_fold.h"
#include "support/lead_builder.h"

using namespace leads;

namespace {

const TimeMs kNow = *parse_iso8601("2026-11-20T12:00:00Z");

Referral lead(std::string id, LeadKind kind, const char* status = "New", const char* substatus = "Received") {
  test::LeadBuilder lead = test::a_lead().id(std::move(id)).stage(status, substatus).received_at(kNow - kDayMs);
  switch (kind) {
    case LeadKind::CustomerInquiry: break;
    case LeadKind::MarketingQualified: lead.qualification(Qualification::MarketingQualified); break;
    case LeadKind::SalesQualified: lead.qualification(Qualification::SalesQualified); break;
    case LeadKind::OutOfScope: lead.type(ReferralType::Shared); break;
  }
  if (kind == LeadKind::MarketingQualified || kind == LeadKind::SalesQualified) lead.invited_by("msft", "Microsoft");
  return lead;
}

std::vector<std::string> ids(const std::vector<Referral>& leads, const std::vector<std::uint32_t>& rows) {
  std::vector<std::string> out;
  for (std::uint32_t row : rows) out.push_back(leads[row].id);
  return out;
}

std::vector<std::string> query_ids(const std::vector<Referral>& leads, const LeadQuery& query,
                                   const std::unordered_set<std::string>& favorites = {}) {
  const ListStore store = ListStore::of(leads);
  LeadIndex index;
  index.rebuild(store);
  return ids(leads, run_query(store, index, query, favorites, kNow));
}

using Ids = std::vector<std::string>;

}  // namespace

// [SECTION] tabs

TEST_CASE("each tab lists its own kinds and favorites list any in-scope favorite") {
  const std::vector<Referral> leads = {lead("m1", LeadKind::CustomerInquiry), lead("q1", LeadKind::MarketingQualified),
                                       lead("q2", LeadKind::SalesQualified), lead("x1", LeadKind::OutOfScope)};
  LeadQuery query;
  query.sort = SortColumn::DealName;  // all names empty: ties by id
  query.tab = ListTab::Marketplace;
  CHECK(query_ids(leads, query) == Ids{"m1"});
  query.tab = ListTab::Qualified;
  CHECK(query_ids(leads, query) == Ids{"q1", "q2"});
  query.tab = ListTab::Favorites;
  CHECK(query_ids(leads, query, {"q2", "m1", "x1", "gone"}) == Ids{"m1", "q2"});
  CHECK(query_ids(leads, query).empty());
}

// [SECTION] filters

TEST_CASE("the kind, stage and outcome filters select their leads") {
  const std::vector<Referral> leads = {
      lead("a", LeadKind::MarketingQualified), lead("b", LeadKind::SalesQualified, "Active", "Accepted"),
      lead("c", LeadKind::SalesQualified, "Closed", "Won"), lead("d", LeadKind::MarketingQualified, "Closed", "Lost")};
  LeadQuery query;
  query.tab = ListTab::Qualified;
  query.sort = SortColumn::DealName;
  query.filter.kinds = {LeadKind::SalesQualified};
  CHECK(query_ids(leads, query) == Ids{"b", "c"});
  query.filter.kinds = {LeadKind::SalesQualified, LeadKind::MarketingQualified};
  CHECK(query_ids(leads, query) == Ids{"a", "b", "c", "d"});
  query.filter.stage = Stage::Archived;
  CHECK(query_ids(leads, query) == Ids{"c", "d"});
  query.filter.outcome = Outcome::Lost;
  CHECK(query_ids(leads, query) == Ids{"d"});
  query.filter.stage = Stage::Received;
  CHECK(query_ids(leads, query).empty());
}

TEST_CASE("the country, city and sender filters ignore case and Turkish letters") {
  std::vector<Referral> leads = {lead("a", LeadKind::CustomerInquiry), lead("b", LeadKind::CustomerInquiry),
                                 lead("c", LeadKind::MarketingQualified)};
  leads[0].customer_profile.address = {};
  leads[0].customer_profile.address.country = "TR";
  leads[0].customer_profile.address.city = "İstanbul";
  leads[1].customer_profile.address.country = "US";
  leads[1].customer_profile.address.city = "Istanbul Mills";
  LeadQuery query;
  query.sort = SortColumn::DealName;
  query.filter.country = "tr";
  CHECK(query_ids(leads, query) == Ids{"a"});
  query.filter.country.clear();
  query.filter.city = "ISTANBUL";
  CHECK(query_ids(leads, query) == Ids{"a"});  // equality, not contains
  query.filter.city.clear();
  query.tab = ListTab::Qualified;
  leads[2].invite_context.invited_by.organization_name = "Microsoft Türkiye";
  query.filter.sender = "turkiye";
  CHECK(query_ids(leads, query) == Ids{"c"});
  query.filter.sender = "contoso";
  CHECK(query_ids(leads, query).empty());
}

TEST_CASE("the flame filter follows the 72-hour clock") {
  std::vector<Referral> leads = {lead("new", LeadKind::CustomerInquiry), lead("old", LeadKind::CustomerInquiry),
                                 lead("calm", LeadKind::CustomerInquiry)};
  leads[0].details.customer_requested_contact = true;
  leads[1].details.customer_requested_contact = true;
  leads[1].created_date_time = kNow - 4 * kDayMs;
  LeadQuery query;
  query.filter.flame = FlameState::ContactNow;
  CHECK(query_ids(leads, query) == Ids{"new"});
  query.filter.flame = FlameState::StillWanted;
  CHECK(query_ids(leads, query) == Ids{"old"});
  query.filter.flame = FlameState::None;
  CHECK(query_ids(leads, query) == Ids{"calm"});
}

TEST_CASE("expiring within N days keeps received leads whose clock ends in that window") {
  std::vector<Referral> leads = {lead("soon", LeadKind::CustomerInquiry), lead("later", LeadKind::CustomerInquiry),
                                 lead("past", LeadKind::CustomerInquiry),
                                 lead("accepted", LeadKind::CustomerInquiry, "Active", "Accepted")};
  leads[0].created_date_time = kNow - 13 * kDayMs;  // 1 day left
  leads[1].created_date_time = kNow - 5 * kDayMs;   // 9 days left
  leads[2].created_date_time = kNow - 15 * kDayMs;  // past expiry, not yet closed
  leads[3].created_date_time = kNow - 13 * kDayMs;
  LeadQuery query;
  query.filter.expiring_within_days = 2;
  CHECK(query_ids(leads, query) == Ids{"soon"});
  query.filter.expiring_within_days = 10;
  query.sort = SortColumn::TimeLeft;
  query.descending = false;
  CHECK(query_ids(leads, query) == Ids{"soon", "later"});
}

TEST_CASE("the value range needs a deal value and includes both ends") {
  std::vector<Referral> leads = {lead("a", LeadKind::CustomerInquiry), lead("b", LeadKind::CustomerInquiry),
                                 lead("c", LeadKind::CustomerInquiry), lead("none", LeadKind::CustomerInquiry)};
  leads[0].details.deal_value = 100;
  leads[1].details.deal_value = 500;
  leads[2].details.deal_value = 1000;
  LeadQuery query;
  query.sort = SortColumn::Value;
  query.descending = false;
  query.filter.min_value = 500;
  CHECK(query_ids(leads, query) == Ids{"b", "c"});
  query.filter.max_value = 500;
  CHECK(query_ids(leads, query) == Ids{"b"});
  query.filter.min_value.reset();
  CHECK(query_ids(leads, query) == Ids{"a", "b"});
  query.filter.max_value.reset();
  CHECK(query_ids(leads, query) == Ids{"a", "b", "c", "none"});
}

TEST_CASE("choosing a stage drops the parts of the filter that no longer apply, so nothing hidden narrows the list") {
  LeadFilter filter;
  CHECK(offers_expiry(filter));
  CHECK_FALSE(offers_outcome(filter));
  set_stage(filter, Stage::Archived);
  CHECK(offers_outcome(filter));
  CHECK_FALSE(offers_expiry(filter));
  filter.outcome = Outcome::Won;
  set_stage(filter, Stage::Received);
  CHECK_FALSE(filter.outcome);
  CHECK(offers_expiry(filter));
  filter.expiring_within_days = 3;
  set_stage(filter, std::nullopt);  // any stage: Received leads can still be listed
  CHECK(filter.expiring_within_days == 3);
  set_stage(filter, Stage::Accepted);
  CHECK_FALSE(filter.expiring_within_days);
  CHECK(filter.stage == Stage::Accepted);
}

TEST_CASE("the city filter folds what the user typed as the search does") {
  Referral r = lead("a", LeadKind::CustomerInquiry);
  r.customer_profile.address.city = "İzmir";
  LeadQuery query;
  query.filter.city = "IZMIR";
  CHECK(query_ids({r}, query) == Ids{"a"});
  r.customer_profile.address.city = "Ankara";
  CHECK(query_ids({r}, query).empty());
}

// [SECTION] search

TEST_CASE("search finds a lead by what the table shows and its contacts' names and e-mails, not by notes") {
  Referral r = lead("hit", LeadKind::CustomerInquiry);
  r.customer_profile.name = "Şahin Lojistik A.Ş.";
  r.name = "Kurumsal e-posta geçişi";
  Member contact;
  contact.first_name = "Ayşe";
  contact.last_name = "Yılmaz";
  contact.email = "ayse@sahin.com.tr";
  contact.phone_number = "+90 (212) 555-0101";
  r.customer_profile.team.push_back(contact);
  r.customer_profile.address.city = "Kadıköy";
  r.details.notes = "Needs Teams Phone rollout";
  r.invite_context.notes = "Referred from the Ankara event";
  const std::vector<Referral> leads = {r, lead("miss", LeadKind::CustomerInquiry)};
  LeadQuery query;
  for (const char* typed :
       {"SAHIN", "lojistik", "gecisi", "ayse", "YILMAZ", "ayşe yılmaz", "ayse@sahin", "kadikoy", "  sahin   gecisi "}) {
    query.search = typed;
    CHECK_MESSAGE(query_ids(leads, query) == Ids{"hit"}, typed);
  }
  // The list does not hold phones or notes: they are searched in no lead.
  for (const char* typed : {"555-0101", "2125550101", "teams phone", "ankara event"}) {
    query.search = typed;
    CHECK_MESSAGE(query_ids(leads, query).empty(), typed);
  }
  query.search = "";
  CHECK(query_ids(leads, query).size() == 2);
}

TEST_CASE("search needs every word and never matches across two fields") {
  Referral r = lead("a", LeadKind::CustomerInquiry);
  r.customer_profile.name = "Contoso";
  r.name = "Migration";
  const std::vector<Referral> leads = {r};
  LeadQuery query;
  query.search = "contoso migration";
  CHECK(query_ids(leads, query) == Ids{"a"});
  query.search = "contoso fabrikam";
  CHECK(query_ids(leads, query).empty());
  query.search = "sOMIG";  // "Contoso" + "Migration" would read "contosomigration" if fields were glued
  CHECK(query_ids(leads, query).empty());
}

TEST_CASE("search does not look at fields outside the searched set") {
  Referral r = lead("a", LeadKind::CustomerInquiry);
  r.external_reference_id = "CRM-42";
  r.status_reason = "secret";
  const std::vector<Referral> leads = {r};
  LeadQuery query;
  query.search = "crm-42";
  CHECK(query_ids(leads, query).empty());
}

// [SECTION] narrowing

TEST_CASE("a query narrows another only with the same tab, filter and sort and a search that extends it") {
  LeadQuery wider;
  wider.search = "İst";
  LeadQuery query = wider;
  query.search = "istanbul";  // folded, "İst" is "ist": more letters of the same word
  CHECK(narrows(query, wider));
  query.search = "ist kadıköy";  // another word
  CHECK(narrows(query, wider));
  query.search = "is";  // a deleted letter widens
  CHECK_FALSE(narrows(query, wider));
  query.search = "ankara";
  CHECK_FALSE(narrows(query, wider));
  query = wider;
  query.search = "istan";
  query.sort = SortColumn::Value;
  CHECK_FALSE(narrows(query, wider));
  query = wider;
  query.descending = !wider.descending;
  CHECK_FALSE(narrows(query, wider));
  query = wider;
  query.tab = ListTab::Qualified;
  CHECK_FALSE(narrows(query, wider));
  query = wider;
  query.filter.city = "Ankara";
  CHECK_FALSE(narrows(query, wider));
  query = wider;
  query.filter.min_value = 10;
  CHECK_FALSE(narrows(query, wider));
}

TEST_CASE("narrowing the rows of a wider search gives what a full query gives, in the same order") {
  std::vector<Referral> leads;
  const char* names[] = {"İstanbul Bilişim", "Istanbul Lojistik", "Ankara Enerji",  "İstanbul Gıda",
                         "Kadıköy Yapı",     "Izmir Tekstil",     "istasyon Market"};
  for (int i = 0; i < 7; ++i) {
    leads.push_back(lead("l" + std::to_string(i), LeadKind::CustomerInquiry));
    leads.back().customer_profile.name = names[i];
    leads.back().created_date_time = kNow - (i * 7 % 5) * kDayMs;
  }
  const ListStore store = ListStore::of(leads);
  LeadIndex index;
  index.rebuild(store);
  LeadQuery query;
  query.sort = SortColumn::Received;
  std::vector<std::uint32_t> rows = run_query(store, index, query, {}, kNow);
  for (const char* typed : {"i", "is", "ist", "ista", "istan", "istanbul", "istanbul g"}) {
    LeadQuery next = query;
    next.search = typed;
    REQUIRE(narrows(next, query));
    rows = narrow_rows(rows, store, index, next.search);
    CHECK_MESSAGE(rows == run_query(store, index, next, {}, kNow), typed);
    query = next;
  }
  CHECK(ids(leads, rows) == Ids{"l3"});
  // Rows past the index (a stale index) are read from the store's folded texts, rows past the leads are dropped.
  LeadIndex empty;
  CHECK(narrow_rows({0, 3, 99}, store, empty, "istanbul") == std::vector<std::uint32_t>{0, 3});
}

TEST_CASE("an index update refolds one lead and a stale index is rebuilt for the query") {
  std::vector<Referral> leads = {lead("a", LeadKind::CustomerInquiry)};
  leads[0].customer_profile.name = "Old Name";
  ListStore store = ListStore::of(leads);
  LeadIndex index;
  index.rebuild(store);
  LeadQuery query;
  query.search = "yeni";
  CHECK(run_query(store, index, query, {}, kNow).empty());
  leads[0].customer_profile.name = "Yeni Ünvan";
  index.update(store.upsert(leads[0]), store);
  CHECK(ids(leads, run_query(store, index, query, {}, kNow)) == Ids{"a"});
  CHECK(folded_field(store.row(0), SearchField::Customer) == "yeni unvan");
  leads.push_back(lead("b", LeadKind::CustomerInquiry));
  leads[1].customer_profile.name = "Yeni Başka";
  store.upsert(leads[1]);
  CHECK(ids(leads, run_query(store, index, query, {}, kNow)) == Ids{"a", "b"});  // index covers only row 0
  index.update(1, store);
  CHECK(index.size() == 2);
  CHECK(index.folded_sender(5).empty());
}

// [SECTION] sort

namespace {
// Three leads whose column values run a < b < c, a fourth ("z") missing the value where it can, and a
// fifth ("d") tying with "b" so the tie goes by id.
std::vector<Referral> sortable() {
  std::vector<Referral> leads = {lead("c", LeadKind::SalesQualified, "Closed", "Won"),
                                 lead("a", LeadKind::CustomerInquiry),
                                 lead("z", LeadKind::CustomerInquiry, "Active", "Accepted"),
                                 lead("d", LeadKind::MarketingQualified, "Active", "Accepted"),
                                 lead("b", LeadKind::MarketingQualified, "Active", "Accepted")};
  leads[0].customer_profile.name = "Çelik";
  leads[1].customer_profile.name = "Acar";
  leads[4].customer_profile.name = "Bulut";
  leads[3].customer_profile.name = "bulut";
  leads[0].name = "Zeta";
  leads[1].name = "alfa";
  leads[4].name = "Beta";
  leads[3].name = "beta";
  leads[0].customer_profile.address.city = "İzmir";
  leads[1].customer_profile.address.city = "Adana";
  leads[4].customer_profile.address.city = "Bursa";
  leads[3].customer_profile.address.city = "BURSA";
  leads[0].created_date_time = kNow - 1 * kHourMs;
  leads[1].created_date_time = kNow - 3 * kHourMs;
  leads[2].created_date_time.reset();
  leads[4].created_date_time = kNow - 2 * kHourMs;
  leads[3].created_date_time = kNow - 2 * kHourMs;
  leads[0].details.deal_value = 300;
  leads[1].details.deal_value = 100;
  leads[4].details.deal_value = 200;
  leads[3].details.deal_value = 200;
  return leads;
}

Ids sorted(SortColumn column, bool descending) {
  const std::vector<Referral> leads = sortable();
  LeadQuery query;
  query.sort = column;
  query.descending = descending;
  std::unordered_set<std::string> everyone = {"a", "b", "c", "d", "z"};
  query.tab = ListTab::Favorites;
  return query_ids(leads, query, everyone);
}
}  // namespace

TEST_CASE("text columns sort by folded text, missing last, ties by id in both directions") {
  CHECK(sorted(SortColumn::Customer, false) == Ids{"a", "b", "d", "c", "z"});  // Ç folds to c
  CHECK(sorted(SortColumn::Customer, true) == Ids{"c", "b", "d", "a", "z"});
  CHECK(sorted(SortColumn::DealName, false) == Ids{"a", "b", "d", "c", "z"});
  CHECK(sorted(SortColumn::DealName, true) == Ids{"c", "b", "d", "a", "z"});
  CHECK(sorted(SortColumn::City, false) == Ids{"a", "b", "d", "c", "z"});
  CHECK(sorted(SortColumn::City, true) == Ids{"c", "b", "d", "a", "z"});
}

TEST_CASE("number and time columns sort both ways with missing values last") {
  CHECK(sorted(SortColumn::Received, false) == Ids{"a", "b", "d", "c", "z"});
  CHECK(sorted(SortColumn::Received, true) == Ids{"c", "b", "d", "a", "z"});
  CHECK(sorted(SortColumn::Value, false) == Ids{"a", "b", "d", "c", "z"});
  CHECK(sorted(SortColumn::Value, true) == Ids{"c", "b", "d", "a", "z"});
}

TEST_CASE("numbers sort in their order across signs: negative, zero (-0 ties with 0, then by id), positive") {
  const std::pair<const char*, double> values[] = {{"p2", 1e9},  {"z0", 0.0},  {"n1", -1e6},     {"p1", 0.5},
                                                   {"mz", -0.0}, {"n2", -2.5}, {"tiny", -1e-300}};
  std::vector<Referral> leads;
  std::unordered_set<std::string> everyone;
  for (const auto& [id, value] : values) {
    leads.push_back(lead(id, LeadKind::CustomerInquiry));
    leads.back().details.deal_value = value;
    everyone.insert(id);
  }
  LeadQuery query;
  query.tab = ListTab::Favorites;
  query.sort = SortColumn::Value;
  query.descending = false;
  CHECK(query_ids(leads, query, everyone) == Ids{"n1", "n2", "tiny", "mz", "z0", "p1", "p2"});
  query.descending = true;
  CHECK(query_ids(leads, query, everyone) == Ids{"p2", "p1", "mz", "z0", "tiny", "n2", "n1"});
}

TEST_CASE("kind and stage columns sort by their order in the workspace") {
  // kinds: a,z inquiry; b,d marketing; c sales
  CHECK(sorted(SortColumn::Kind, false) == Ids{"a", "z", "b", "d", "c"});
  CHECK(sorted(SortColumn::Kind, true) == Ids{"c", "b", "d", "a", "z"});
  // stages: a received; b,d,z accepted; c archived
  CHECK(sorted(SortColumn::Stage, false) == Ids{"a", "b", "d", "z", "c"});
  CHECK(sorted(SortColumn::Stage, true) == Ids{"c", "b", "d", "z", "a"});
}

TEST_CASE("time left sorts received leads by urgency and puts the rest last") {
  std::vector<Referral> leads = {lead("late", LeadKind::CustomerInquiry), lead("urgent", LeadKind::CustomerInquiry),
                                 lead("done", LeadKind::CustomerInquiry, "Active", "Accepted"),
                                 lead("mid", LeadKind::CustomerInquiry)};
  leads[0].created_date_time = kNow - 1 * kDayMs;
  leads[1].created_date_time = kNow - 13 * kDayMs;
  leads[3].created_date_time = kNow - 7 * kDayMs;
  LeadQuery query;
  query.sort = SortColumn::TimeLeft;
  query.descending = false;
  CHECK(query_ids(leads, query) == Ids{"urgent", "mid", "late", "done"});
  query.descending = true;
  CHECK(query_ids(leads, query) == Ids{"late", "mid", "urgent", "done"});
}

TEST_CASE("equal keys keep a stable order by id whatever the input order") {
  std::vector<Referral> leads;
  for (const char* id : {"k", "e", "x", "b", "q"}) leads.push_back(lead(id, LeadKind::CustomerInquiry));
  LeadQuery query;
  query.sort = SortColumn::Received;  // all created at the same moment
  CHECK(query_ids(leads, query) == Ids{"b", "e", "k", "q", "x"});
  query.descending = false;
  CHECK(query_ids(leads, query) == Ids{"b", "e", "k", "q", "x"});
}

// [SECTION] counts

TEST_CASE("counts per tab and stage, with outcomes inside archived") {
  const std::vector<Referral> leads = {
      lead("m1", LeadKind::CustomerInquiry),
      lead("m2", LeadKind::CustomerInquiry, "New", "Pending"),
      lead("m3", LeadKind::CustomerInquiry, "Active", "Accepted"),
      lead("m4", LeadKind::CustomerInquiry, "Closed", "Declined"),
      lead("m5", LeadKind::CustomerInquiry, "Closed", "Expired"),
      lead("m6", LeadKind::CustomerInquiry, "Closed", "Error"),
      lead("m7", LeadKind::CustomerInquiry, "Frozen", ""),
      lead("q1", LeadKind::SalesQualified, "Closed", "Won"),
      lead("q2", LeadKind::MarketingQualified, "Closed", "Lost"),
      lead("q3", LeadKind::MarketingQualified, "Active", "Accepted"),
      lead("x1", LeadKind::OutOfScope),
  };
  const TabCounts counts = count_leads(ListStore::of(leads), {"m1", "q1", "x1"});
  CHECK(counts.marketplace.received == 2);
  CHECK(counts.marketplace.accepted == 1);
  CHECK(counts.marketplace.archived == 3);
  CHECK(counts.marketplace.declined == 1);
  CHECK(counts.marketplace.expired == 1);
  CHECK(counts.marketplace.won == 0);
  CHECK(counts.marketplace.unknown == 1);
  CHECK(counts.marketplace.total() == 7);
  CHECK(counts.qualified.accepted == 1);
  CHECK(counts.qualified.archived == 2);
  CHECK(counts.qualified.won == 1);
  CHECK(counts.qualified.lost == 1);
  CHECK(counts.qualified.total() == 3);
  CHECK(counts.favorites.received == 1);
  CHECK(counts.favorites.won == 1);
  CHECK(counts.favorites.total() == 2);  // the out-of-scope favorite is not counted
}

TEST_CASE("a filter is active as soon as any one part is set") {
  LeadFilter filter;
  CHECK_FALSE(is_active(filter));
  filter.sender = "Microsoft";
  CHECK(is_active(filter));
  filter = LeadFilter{};
  filter.max_value = 0;
  CHECK(is_active(filter));
  filter = LeadFilter{};
  filter.kinds.push_back(LeadKind::SalesQualified);
  CHECK(is_active(filter));
}

// [SECTION] kept orders and search bitmaps against a plain reference

namespace {

// A cell's sort value as the spec states it: folded text or a number, or nothing when the cell is empty (the
// empty ones go last in both directions).
using SortValue = std::variant<std::monostate, std::string, double>;

SortValue text_value(const std::string& text) {
  std::string folded = fold_for_search(text);
  return folded.empty() ? SortValue{} : SortValue{std::move(folded)};
}

template <class T>
SortValue optional_value(const std::optional<T>& value) {
  return value ? SortValue{static_cast<double>(*value)} : SortValue{};
}

// Each column's value, one row per column. Time left runs only for a Received lead.
const std::pair<SortColumn, SortValue (*)(const Referral&)> kReferenceSortValues[] = {
    {SortColumn::Customer, [](const Referral& l) { return text_value(l.customer_profile.name); }},
    {SortColumn::DealName, [](const Referral& l) { return text_value(l.name); }},
    {SortColumn::City, [](const Referral& l) { return text_value(l.customer_profile.address.city); }},
    {SortColumn::Kind, [](const Referral& l) { return SortValue{static_cast<double>(lead_kind(l))}; }},
    {SortColumn::Stage,
     [](const Referral& l) {
       return SortValue{static_cast<double>(static_cast<int>(stage_of(l)) * 8 + static_cast<int>(outcome_of(l)))};
     }},
    {SortColumn::Received, [](const Referral& l) { return optional_value(l.created_date_time); }},
    {SortColumn::TimeLeft,
     [](const Referral& l) {
       const TimeMs left = stage_of(l) == Stage::Received ? expiry_time_left(l, kNow) : kNoExpiry;
       return left == kNoExpiry ? SortValue{} : SortValue{static_cast<double>(left)};
     }},
    {SortColumn::Value, [](const Referral& l) { return optional_value(l.details.deal_value); }},
};

SortValue reference_sort_value(const Referral& lead, SortColumn column) {
  for (const auto& [each, value_of] : kReferenceSortValues)
    if (each == column) return value_of(lead);
  FAIL("no reference sort value for a column");
  return {};
}

// The rules written out the slow, obvious way: filter every lead, then sort a copy with the spec's comparison.
Ids reference_query(const std::vector<Referral>& leads, const LeadQuery& query,
                    const std::unordered_set<std::string>& favorites) {
  std::vector<std::pair<const Referral*, SortValue>> rows;
  const std::string words_text = fold_for_search(query.search);
  // The filter's own rules have their tests above; here it only narrows the leads the search and sort are checked on.
  LeadQuery filter_only;
  filter_only.tab = query.tab;
  filter_only.filter = query.filter;
  const Ids filtered = query_ids(leads, filter_only, favorites);
  const std::unordered_set<std::string> passes(filtered.begin(), filtered.end());
  for (const Referral& l : leads) {
    if (!in_list_tab(l, query.tab, favorites) || !passes.count(l.id)) continue;
    std::string searched = l.customer_profile.name + "\n" + l.name + "\n" + l.customer_profile.address.city;
    for (const Member& m : l.customer_profile.team)
      searched += "\n" + m.first_name + " " + m.last_name + "\n" + m.email;
    const std::string folded = fold_for_search(searched);
    bool all = true;
    std::size_t start = 0;
    while (start < words_text.size()) {
      std::size_t end = words_text.find(' ', start);
      if (end == std::string::npos) end = words_text.size();
      if (end > start && folded.find(words_text.substr(start, end - start)) == std::string::npos) all = false;
      start = end + 1;
    }
    if (all) rows.emplace_back(&l, reference_sort_value(l, query.sort));
  }
  std::stable_sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) {
    const bool a_empty = a.second.index() == 0, b_empty = b.second.index() == 0;
    if (a_empty != b_empty) return b_empty;
    if (a.second != b.second) return query.descending ? b.second < a.second : a.second < b.second;
    return a.first->id < b.first->id;
  });
  Ids out;
  for (const auto& row : rows) out.push_back(row.first->id);
  return out;
}

// Leads with many ties (names, values, dates) and gaps, Turkish letters in every searched field.
std::vector<Referral> random_leads(std::uint32_t seed, int count) {
  std::uint32_t state = seed;
  const auto next = [&](std::uint32_t bound) {
    state = state * 1664525u + 1013904223u;
    return (state >> 8) % bound;
  };
  const char* names[] = {"Çelik Yapı", "Acar", "acar", "Şahin Lojistik", "İstanbul Gıda", "", "Öztürk", "Contoso"};
  const char* cities[] = {"İstanbul", "Ankara", "izmir", "", "Bursa"};
  const char* notes[] = {"azure göç", "ışık yok", "teklif istiyor", "", "CRM ile entegrasyon"};
  const LeadKind kinds[] = {LeadKind::CustomerInquiry, LeadKind::MarketingQualified, LeadKind::SalesQualified,
                            LeadKind::OutOfScope};
  const char* states[][2] = {{"New", "Received"}, {"Active", "Accepted"}, {"Closed", "Won"},
                             {"Closed", "Lost"},  {"Closed", "Declined"}, {"New", "Pending"}};
  std::vector<Referral> out;
  for (int i = 0; i < count; ++i) {
    const auto& st = states[next(6)];
    Referral r = lead("id-" + std::to_string(next(100000)) + "-" + std::to_string(i), kinds[next(4)], st[0], st[1]);
    r.customer_profile.name = names[next(8)];
    r.name = names[next(8)];
    r.customer_profile.address.city = cities[next(5)];
    r.details.notes = notes[next(5)];
    if (next(5))
      r.created_date_time = kNow - static_cast<TimeMs>(next(20)) * kDayMs;
    else
      r.created_date_time.reset();
    if (next(3)) r.details.deal_value = static_cast<double>(next(6) * 1000);
    out.push_back(r);
  }
  return out;
}

}  // namespace

TEST_CASE("every tab, column, direction and search gives exactly the reference result, before and after edits") {
  std::vector<Referral> leads = random_leads(11, 300);
  std::unordered_set<std::string> favorites;
  for (std::size_t i = 0; i < leads.size(); i += 3) favorites.insert(leads[i].id);
  ListStore store = ListStore::of(leads);
  LeadIndex index;
  index.rebuild(store);
  const SortColumn columns[] = {SortColumn::Customer, SortColumn::DealName, SortColumn::Kind,  SortColumn::Stage,
                                SortColumn::Received, SortColumn::TimeLeft, SortColumn::Value, SortColumn::City};
  const char* searches[] = {"", "a", "ı", "ş", "ac", "ist", "istanbul", "azure göç", "çelik y", "crm", "zz", "@"};
  const auto check_all = [&] {
    for (ListTab tab : {ListTab::Marketplace, ListTab::Qualified, ListTab::Favorites})
      for (SortColumn column : columns)
        for (bool descending : {false, true})
          for (const char* search : searches) {
            LeadQuery query;
            query.tab = tab;
            query.sort = column;
            query.descending = descending;
            query.search = search;
            CAPTURE(static_cast<int>(tab));
            CAPTURE(static_cast<int>(column));
            CAPTURE(descending);
            CAPTURE(search);
            REQUIRE(ids(leads, run_query(store, index, query, favorites, kNow)) ==
                    reference_query(leads, query, favorites));
          }
  };
  check_all();
  // Edits after the orders were kept: values, names and dates change, and a lead arrives.
  for (std::size_t i = 0; i < leads.size(); i += 7) {
    leads[i].details.deal_value = 99999;
    leads[i].customer_profile.name = "Zeytin";
    leads[i].created_date_time = kNow;
    index.update(store.upsert(leads[i]), store);
  }
  leads.push_back(random_leads(5, 1)[0]);
  index.update(store.upsert(leads.back()), store);
  check_all();
}

TEST_CASE("a kept order takes a few edits and arrivals in place and equals a fresh sort after each batch") {
  std::vector<Referral> leads = random_leads(31, 400);
  ListStore store = ListStore::of(leads);
  LeadIndex index;
  index.rebuild(store);
  const std::vector<Referral> fresh_leads = random_leads(37, 40);
  std::uint32_t state = 5;
  const auto next = [&](std::uint32_t bound) {
    state = state * 1664525u + 1013904223u;
    return (state >> 8) % bound;
  };
  for (int batch = 0; batch < 20; ++batch) {
    for (std::size_t c = 0; c < sort_column_count(); ++c) index.order_by(static_cast<SortColumn>(c), store);
    // A few leads change (a value, a name, a date, or one of them gone) and one arrives, as a poll brings them.
    for (int edit = 0; edit < 5; ++edit) {
      Referral& changed = leads[next(static_cast<std::uint32_t>(leads.size()))];
      switch (next(4)) {
        case 0: changed.details.deal_value = next(2) ? std::optional<double>(next(6) * 1000.0) : std::nullopt; break;
        case 1: changed.customer_profile.name = next(2) ? "Acar" : ""; break;
        case 2: changed.created_date_time = kNow - static_cast<TimeMs>(next(20)) * kDayMs; break;
        default: changed.status = Referral{}.status; break;
      }
      index.update(store.upsert(changed), store);
    }
    leads.push_back(fresh_leads[static_cast<std::size_t>(batch)]);
    index.update(store.upsert(leads.back()), store);
    LeadIndex fresh;
    fresh.rebuild(store);
    for (std::size_t c = 0; c < sort_column_count(); ++c) {
      const auto column = static_cast<SortColumn>(c);
      CAPTURE(batch);
      CAPTURE(c);
      const LeadIndex::ColumnOrder& kept = index.order_by(column, store);
      const LeadIndex::ColumnOrder& sorted_afresh = fresh.order_by(column, store);
      REQUIRE(kept.rows == sorted_afresh.rows);
      CHECK(kept.run_starts == sorted_afresh.run_starts);
      CHECK(kept.missing_from == sorted_afresh.missing_from);
      CHECK(kept.changed.empty());
      for (bool descending : {false, true}) {
        LeadQuery query;
        query.tab = ListTab::Marketplace;
        query.sort = column;
        query.descending = descending;
        REQUIRE(ids(leads, run_query(store, index, query, {}, kNow)) == reference_query(leads, query, {}));
      }
    }
  }
}

TEST_CASE("narrowing with the bitmaps keeps exactly the rows a full query keeps") {
  const std::vector<Referral> leads = random_leads(23, 400);
  const ListStore store = ListStore::of(leads);
  LeadIndex index;
  index.rebuild(store);
  const std::unordered_set<std::string> none;
  for (const char* typed : {"istanbul", "acar", "cel"}) {
    const std::string full = typed;
    LeadQuery query;
    query.search = full.substr(0, 1);
    std::vector<std::uint32_t> rows = run_query(store, index, query, none, kNow);
    for (std::size_t length = 2; length <= full.size(); ++length) {
      query.search = full.substr(0, length);
      rows = narrow_rows(rows, store, index, query.search);
      CAPTURE(query.search);
      REQUIRE(rows == run_query(store, index, query, none, kNow));
    }
  }
}

TEST_CASE("an expired lead is not found by the customer contacts it no longer shows") {
  Member contact;
  contact.first_name = "Şule";
  contact.email = "sule@anadolu.example";
  Referral expired = lead("x", LeadKind::CustomerInquiry, "Closed", "Expired");
  expired.customer_profile.team.push_back(contact);
  Referral declined = lead("d", LeadKind::CustomerInquiry, "Closed", "Declined");
  declined.customer_profile.team.push_back(contact);
  LeadQuery query;
  query.search = "sule@anadolu";
  CHECK(query_ids({expired, declined}, query) == Ids{"d"});
}
