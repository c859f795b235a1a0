// Each user's remembered layout and saved views in the browser's IndexedDB (web/views_idb.js).
#pragma once
#include <map>
#include <string>

#include "store/views_store.h"

namespace leads {

class IndexedDbViews : public ViewsStore {
 public:
  void read(const std::string& owner, std::function<void(ViewsRead)> on_done) override;
  void write(const std::string& owner, const std::string& text, const std::string& set_aside,
             WriteDone on_done) override;
  // Called from JS.
  void loaded(ViewsRead read);
  void written(const std::string& owner, bool kept, const std::string& problem);

 private:
  std::multimap<std::string, std::function<void(ViewsRead)>> on_read_;  // by owner
  std::multimap<std::string, WriteDone> on_written_;                    // by owner, in the order written
};

IndexedDbViews& indexeddb_views();

}  // namespace leads
