// Fuzzes the list store's snapshot reader: arbitrary bytes must be refused or read, never crash; whatever is read
// writes back to the very same bytes (the encoding has one form per store and index). A snapshot read without its
// index (schema 1, another slot layout, an index that disagrees with the rows) writes back differently.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "domain/list_store.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  std::optional<leads::GramIndex> grams;
  const std::optional<leads::ListStore> store = leads::ListStore::from_bytes(bytes, &grams);
  if (store) {
    for (std::uint32_t row = 0; row < store->size(); ++row) {
      const leads::LeadRow lead = store->row(row);
      if (store->find(lead.id()) != row) std::abort();  // every id finds its own row
    }
    if (grams && store->to_bytes(&*grams) != bytes) std::abort();
    const std::string rows_only = store->to_bytes();
    if (!grams && rows_only.size() == bytes.size() && rows_only != bytes) std::abort();
  }
  return 0;
}
