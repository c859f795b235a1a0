// The heap the app keeps per lead, counted: every operator new and delete of this executable is tallied, 10,000
// seeded leads are loaded through update() as the browser loads them (list pages, then the kept sort orders), and
// the bytes still held are divided by the leads. Fails when that grows back above the target (issue 15).
#include <doctest/doctest.h>
#include <malloc.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>

#include "app/app_test_support.h"
#include "seed.h"

namespace {
std::atomic<long long> g_held{0};  // bytes allocated and not yet freed

void* counted(std::size_t size, std::size_t alignment) {
  void* block = alignment > alignof(std::max_align_t)
                    ? std::aligned_alloc(alignment, (size + alignment - 1) / alignment * alignment)
                    : std::malloc(size ? size : 1);
  if (!block) throw std::bad_alloc();
  g_held += static_cast<long long>(malloc_usable_size(block));
  return block;
}
void uncounted(void* block) {
  if (!block) return;
  g_held -= static_cast<long long>(malloc_usable_size(block));
  std::free(block);
}
}  // namespace

void* operator new(std::size_t size) {
  return counted(size, 0);
}
void* operator new[](std::size_t size) {
  return counted(size, 0);
}
void* operator new(std::size_t size, std::align_val_t alignment) {
  return counted(size, static_cast<std::size_t>(alignment));
}
void* operator new[](std::size_t size, std::align_val_t alignment) {
  return counted(size, static_cast<std::size_t>(alignment));
}
void operator delete(void* block) noexcept {
  uncounted(block);
}
void operator delete[](void* block) noexcept {
  uncounted(block);
}
void operator delete(void* block, std::size_t) noexcept {
  uncounted(block);
}
void operator delete[](void* block, std::size_t) noexcept {
  uncounted(block);
}
void operator delete(void* block, std::align_val_t) noexcept {
  uncounted(block);
}
void operator delete[](void* block, std::align_val_t) noexcept {
  uncounted(block);
}
void operator delete(void* block, std::size_t, std::align_val_t) noexcept {
  uncounted(block);
}
void operator delete[](void* block, std::size_t, std::align_val_t) noexcept {
  uncounted(block);
}

using namespace leads;
using namespace leads::test;

namespace {
constexpr std::size_t kLeads = 10000, kPage = 1000;
// Store + index + everything the app keeps per lead, under issue 15's 1,000 B with the browser's margin (the wasm
// heap's last growth step, ~3 % of it at 100,000 leads). Counted 870 B on 2026-12-02, 681 B once a block of the
// gram index kept bitmaps only for the slots its rows use; the bound leaves ~3 % over that.
constexpr double kTargetPerLead = 700;
}  // namespace

TEST_CASE("the app keeps at most 700 bytes per lead after loading 10,000 leads") {
  std::vector<HttpResponse> pages;
  {
    const std::vector<Referral> leads = seed_referrals(7, kLeads, kNow);
    for (std::size_t first = 0; first < kLeads; first += kPage)
      pages.push_back(page_response({leads.begin() + static_cast<long>(first),
                                     leads.begin() + static_cast<long>(std::min(kLeads, first + kPage))},
                                    first + kPage < kLeads ? "next" : "", static_cast<std::int64_t>(kLeads)));
  }
  TestApp app;
  app.sign_in();
  const long long before = g_held;
  // The first page, then the ranges it planned, answered in the order they were asked for.
  app.answer(RequestPurpose::ListPage, pages[0]);
  for (std::size_t page = 1; page < pages.size(); ++page) {
    const std::uint64_t request = app.pending_ids(RequestPurpose::ListPage).front();
    app.dispatch(act::HttpDone{request, pages[page]});
  }
  REQUIRE(app.state.load.phase == LoadPhase::Loaded);
  REQUIRE(app.state.leads.size() == kLeads);
  // What a session keeps once it has been used: every column's order, every tab's rows.
  for (int column = 0; column < static_cast<int>(sort_column_count()); ++column)
    app.dispatch(act::PrepareSorts{app.state.data_version, column});
  for (ListTab tab : {ListTab::Marketplace, ListTab::Qualified, ListTab::Favorites}) {
    app.dispatch(act::SelectTab{tab});
    app.draw();
  }
  const long long with_pages = g_held;
  pages.clear();
  pages.shrink_to_fit();
  const long long page_bytes = with_pages - g_held;  // held since before `before`: not the app's
  const double per_lead = static_cast<double>(g_held + page_bytes - before) / kLeads;
  const double store = static_cast<double>(app.state.leads.heap_bytes()) / kLeads;
  const double index = static_cast<double>(app.state.index.heap_bytes()) / kLeads;
  std::printf("heap per lead at %zu leads: %.0f B in all (the list store %.0f B, the index %.0f B)\n", kLeads, per_lead,
              store, index);
  CHECK(per_lead <= kTargetPerLead);
}
