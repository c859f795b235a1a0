#include "listing_cache.h"

#include <algorithm>

namespace leads {

ListingCache::Items ListingCache::find(std::uint64_t version, const std::string& filter, const std::string& orderby) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (Entry& entry : entries_)
    if (entry.version == version && entry.filter == filter && entry.orderby == orderby) {
      entry.used = ++uses_;
      return entry.items;
    }
  return nullptr;
}

void ListingCache::put(std::uint64_t version, const std::string& filter, const std::string& orderby, Items items) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Another version's leads are never asked for again: versions only grow.
  entries_.erase(std::remove_if(entries_.begin(), entries_.end(),
                                [&](const Entry& entry) {
                                  return entry.version != version ||
                                         (entry.filter == filter && entry.orderby == orderby);
                                }),
                 entries_.end());
  if (entries_.size() >= kEntries)
    entries_.erase(std::min_element(entries_.begin(), entries_.end(),
                                    [](const Entry& a, const Entry& b) { return a.used < b.used; }));
  entries_.push_back(Entry{version, filter, orderby, std::move(items), ++uses_});
}

}  // namespace leads
