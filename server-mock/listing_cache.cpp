#include "listing_cache.h"

#include <algorithm>

namespace leads {

ListingCache::Items ListingCache::find(std::uint64_t version, const std::string& filter, const std::string& orderby) {
  std::lock_guard<std::mutex> lock(mutex_);
  return find_locked(Key{version, filter, orderby});
}

ListingCache::Items ListingCache::find_or_build(std::uint64_t version, const std::string& filter,
                                                const std::string& orderby, const std::function<Items()>& build) {
  const Key key{version, filter, orderby};
  std::unique_lock<std::mutex> lock(mutex_);
  ++waiting_;
  built_.wait(lock, [&] { return std::find(building_.begin(), building_.end(), key) == building_.end(); });
  --waiting_;
  if (Items kept = find_locked(key)) return kept;
  building_.push_back(key);
  // Whatever way the build ends, the ones waiting for it are let go (to find it kept, or to build it themselves).
  auto done = [&] {
    building_.erase(std::find(building_.begin(), building_.end(), key));
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
  if (items) put_locked(key, items);
  done();
  return items;
}

std::size_t ListingCache::waiting() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return waiting_;
}

ListingCache::Items ListingCache::find_locked(const Key& key) {
  for (Entry& entry : entries_)
    if (entry.key == key) {
      entry.used = ++uses_;
      return entry.items;
    }
  return nullptr;
}

void ListingCache::put_locked(const Key& key, Items items) {
  // Another version's leads are never asked for again: versions only grow.
  entries_.erase(
      std::remove_if(entries_.begin(), entries_.end(),
                     [&](const Entry& entry) { return entry.key.version != key.version || entry.key == key; }),
      entries_.end());
  if (entries_.size() >= kEntries)
    entries_.erase(std::min_element(entries_.begin(), entries_.end(),
                                    [](const Entry& a, const Entry& b) { return a.used < b.used; }));
  entries_.push_back(Entry{key, std::move(items), ++uses_});
}

}  // namespace leads
