// RecordCache: a short most-recent-first list (16 records are found faster by a scan than a map would be).
#include "domain/record_cache.h"

#include <algorithm>

namespace leads {

const Referral* RecordCache::find(const std::string& id) const {
  for (const Referral& record : records_)
    if (record.id == id) return &record;
  return nullptr;
}

void RecordCache::put(Referral record) {
  erase(record.id);
  records_.insert(records_.begin(), std::move(record));
  if (records_.size() > kCapacity) records_.pop_back();
}

void RecordCache::refresh(const Referral& record) {
  for (Referral& held : records_)
    if (held.id == record.id) held = record;
}

void RecordCache::erase(const std::string& id) {
  records_.erase(std::remove_if(records_.begin(), records_.end(), [&](const Referral& held) { return held.id == id; }),
                 records_.end());
}

}  // namespace leads
