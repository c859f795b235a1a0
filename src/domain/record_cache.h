// The full records of the few leads opened last (the list keeps only list fields): the detail panel, the forms and
// the 412 flow read these; the least recently used one is dropped when a new one comes in.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "domain/referral.h"

namespace leads {

class RecordCache {
 public:
  static constexpr std::size_t kCapacity = 16;
  const Referral* find(const std::string& id) const;
  // Keeps `record` as the most recently used (replacing an older copy of the same lead).
  void put(Referral record);
  // Only refreshes a copy already held (a write's answer for a lead not opened is not kept).
  void refresh(const Referral& record);
  void erase(const std::string& id);
  // Drops every record `keep` says no to (e.g. the list now holds another version of it).
  template <class Keep>
  void keep_if(Keep keep) {
    std::vector<Referral> kept;
    for (Referral& record : records_)
      if (keep(record)) kept.push_back(std::move(record));
    records_ = std::move(kept);
  }
  void clear() { records_.clear(); }
  std::size_t size() const { return records_.size(); }

 private:
  std::vector<Referral> records_;  // most recently used first
};

}  // namespace leads
