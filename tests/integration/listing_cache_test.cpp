// The kept listings of server-mock: one build for requests that ask for the same listing at once.
#include "listing_cache.h"

#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <thread>

using namespace leads;

namespace {

ListingCache::Items listing_of(std::size_t size) {
  return std::make_shared<const std::vector<ReferralPtr>>(std::vector<ReferralPtr>(size));
}

// Spins (yielding) until `cache` has `count` requests waiting, or `gone_on` says they went on without waiting: both
// are states, not durations, so a cache that makes nobody wait fails the test instead of hanging it.
template <typename GoneOn>
void until_waiting(const ListingCache& cache, std::size_t count, GoneOn gone_on) {
  while (cache.waiting() < count && !gone_on()) std::this_thread::yield();
}

}  // namespace

TEST_CASE("requests asking at once for a listing being built wait for that build, and it is made once") {
  ListingCache cache;
  std::atomic<int> builds{0};
  std::atomic<bool> release{false};
  auto slow_build = [&] {
    ++builds;
    while (!release) std::this_thread::yield();
    return listing_of(3);
  };
  ListingCache::Items first;
  std::thread builder([&] { first = cache.find_or_build(7, "", "createdDateTime desc", slow_build); });
  while (builds == 0) std::this_thread::yield();
  ListingCache::Items others[3];
  std::thread askers[3];
  for (int i = 0; i < 3; ++i)
    askers[i] = std::thread([&, i] { others[i] = cache.find_or_build(7, "", "createdDateTime desc", slow_build); });
  until_waiting(cache, 3, [&] { return builds == 4; });
  release = true;
  builder.join();
  for (std::thread& asker : askers) asker.join();
  CHECK(builds == 1);
  REQUIRE(first);
  for (const ListingCache::Items& items : others) CHECK(items == first);  // the very same listing
  CHECK(cache.find(7, "", "createdDateTime desc") == first);
  CHECK(cache.waiting() == 0);
}

TEST_CASE("a build of another listing does not wait for one under way") {
  ListingCache cache;
  std::atomic<bool> started{false}, release{false};
  std::thread builder([&] {
    cache.find_or_build(1, "", "createdDateTime desc", [&] {
      started = true;
      while (!release) std::this_thread::yield();
      return listing_of(1);
    });
  });
  while (!started) std::this_thread::yield();
  // Same version, another order: built at once by this thread while the other build still holds.
  const ListingCache::Items other = cache.find_or_build(1, "", "name asc", [] { return listing_of(2); });
  CHECK(other->size() == 2);
  CHECK(cache.waiting() == 0);
  release = true;
  builder.join();
  CHECK(cache.find(1, "", "createdDateTime desc")->size() == 1);
}

TEST_CASE("a build that fails lets a waiting request build the listing itself") {
  ListingCache cache;
  std::atomic<bool> started{false}, release{false};
  bool failed = false;
  std::thread builder([&] {
    try {
      cache.find_or_build(2, "status eq 'New'", "createdDateTime desc", [&]() -> ListingCache::Items {
        started = true;
        while (!release) std::this_thread::yield();
        throw std::runtime_error("out of memory, say");
      });
    } catch (const std::runtime_error&) {
      failed = true;
    }
  });
  while (!started) std::this_thread::yield();
  ListingCache::Items second;
  std::atomic<bool> answered{false};
  std::thread asker([&] {
    second = cache.find_or_build(2, "status eq 'New'", "createdDateTime desc", [] { return listing_of(4); });
    answered = true;
  });
  until_waiting(cache, 1, [&] { return answered.load(); });
  release = true;
  builder.join();
  asker.join();
  CHECK(failed);
  REQUIRE(second);
  CHECK(second->size() == 4);
  CHECK(cache.find(2, "status eq 'New'", "createdDateTime desc") == second);
}
