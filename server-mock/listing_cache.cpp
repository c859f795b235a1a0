#include "listing_cache.h"

#include <algorithm>

namespace leads {

ListingCache::Items ListingCache::find(std::uint64_t version, const std::string& filter, const std::string& orderby) {
  std::lock_guard<std::mutex> lock(mutex_);
  return find_locked(version, filter, orderby);
}

void ListingCache::put(std::uint64_t version, const std::string& filter, const std::string& orderby, Items items) {
  std::lock_guard<std::mutex> lock(mutex_);
  put_locked(version, filter, orderby, std::move(items));
}

ListingCache::Items ListingCache::find_or_build(std::uint64_t version, const std::string& filter,
                                                const std::string& orderby, const std::function<Items()>& build) {
  std::unique_lock<std::mutex> lock(mutex_);
  ++waiting_;
  built_.wait(lock, [&] { return !building_locked(version, filter, orderby); });
  --waiting_;
  if (Items kept = find_locked(version, filter, orderby)) return kept;
  building_.push_back(Building{version, filter, orderby});
  // Whatever way the build ends, the ones waiting for it are let go (to find it kept, or to build it themselves).
  auto done = [&] {
    building_.erase(std::find_if(building_.begin(), building_.end(), [&](const Building& b) {
      return b.version == version && b.filter == filter && b.orderby == orderby;
    }));
    built_.notify_all();
  };
  lock.unlock();
  Items items;
  try {
    items = build();
  } catch (...) {
    lock.lock();
    done();
    throw;
  }
  lock.lock();
  if (items) put_locked(version, filter, orderby, items);
  done();
  return items;
}

std::size_t ListingCache::waiting() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return waiting_;
}

ListingCache::Items ListingCache::find_locked(std::uint64_t version, const std::string& filter,
                                              const std::string& orderby) {
  for (Entry& entry : entries_)
    if (entry.version == version && entry.filter == filter && entry.orderby == orderby) {
      entry.used = ++uses_;
      return entry.items;
    }
  return nullptr;
}

void ListingCache::put_locked(std::uint64_t version, const std::string& filter, const std::string& orderby,
                              Items items) {
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

bool ListingCache::building_locked(std::uint64_t version, const std::string& filter, const std::string& orderby) const {
  return std::any_of(building_.begin(), building_.end(), [&](const Building& b) {
    return b.version == version && b.filter == filter && b.orderby == orderby;
  });
}

}  // namespace leads
