// Fuzzes the list store's snapshot reader: arbitrary bytes must be refused or read, never crash; whatever is read
// writes back to the very same bytes (the encoding has one form per store).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "domain/list_store.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const std::optional<leads::ListStore> store = leads::ListStore::from_bytes(bytes);
  if (store) {
    for (std::uint32_t row = 0; row < store->size(); ++row) {
      const leads::LeadRow lead = store->row(row);
      if (store->find(lead.id()) != row) std::abort();  // every id finds its own row
    }
    if (store->to_bytes() != bytes) std::abort();
  }
  return 0;
}
