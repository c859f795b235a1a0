// The filtered, sorted leads of the last few list queries, kept while the store has not changed. A client paging
// through 100,000 leads asks for the same filter and order a hundred times; filtering and ordering them again for
// every page was most of each page's time (an O(N) copy and selection per page, O(N²) for the whole list).
// A listing is built once however many requests ask for it at the same time: a client asks for four pages at once
// after its first, and four threads each sorting 100,000 leads took four times the CPU for the same order.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "referral_store.h"

namespace leads {

class ListingCache {
 public:
  using Items = std::shared_ptr<const std::vector<ReferralPtr>>;

  // The leads `filter` selects from the store at `version`, in `orderby`'s order; null when not kept.
  Items find(std::uint64_t version, const std::string& filter, const std::string& orderby);
  // The kept leads, else `build`'s, kept in place of the least recently used and of anything of another version. A
  // request that asks while another builds the same listing waits for it instead of building it too; a build that
  // throws lets the next one in.
  Items find_or_build(std::uint64_t version, const std::string& filter, const std::string& orderby,
                      const std::function<Items()>& build);
  // Requests waiting for another's build now (for tests).
  std::size_t waiting() const;

 private:
  struct Key {
    std::uint64_t version = 0;
    std::string filter;
    std::string orderby;
    bool operator==(const Key& other) const {
      return version == other.version && filter == other.filter && orderby == other.orderby;
    }
  };
  struct Entry {
    Key key;
    Items items;
    std::uint64_t used = 0;
  };
  static constexpr std::size_t kEntries = 4;  // the list, its delta, a count, another order: bounded memory

  Items find_locked(const Key& key);
  void put_locked(const Key& key, Items items);

  mutable std::mutex mutex_;
  std::condition_variable built_;
  std::vector<Key> building_;
  std::size_t waiting_ = 0;
  std::vector<Entry> entries_;
  std::uint64_t uses_ = 0;
};

}  // namespace leads
