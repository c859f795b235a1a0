// The filtered, sorted leads of the last few list queries, kept while the store has not changed. A client paging
// through 100,000 leads asks for the same filter and order a hundred times; filtering and ordering them again for
// every page was most of each page's time (an O(N) copy and selection per page, O(N²) for the whole list).
#pragma once

#include <cstdint>
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
  // Keeps them, in place of the least recently used and of anything of another version.
  void put(std::uint64_t version, const std::string& filter, const std::string& orderby, Items items);

 private:
  struct Entry {
    std::uint64_t version = 0;
    std::string filter;
    std::string orderby;
    Items items;
    std::uint64_t used = 0;
  };
  static constexpr std::size_t kEntries = 4;  // the list, its delta, a count, another order: bounded memory

  std::mutex mutex_;
  std::vector<Entry> entries_;
  std::uint64_t uses_ = 0;
};

}  // namespace leads
