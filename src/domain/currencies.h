// ISO 4217 currencies a deal value may be in: every active code with its English and Turkish name, looked up by
// code (validation, on the client and in server-mock) and searched by code or name (the currency combo).
#pragma once
#include <string_view>
#include <vector>

namespace leads {

struct Currency {
  std::string_view code;     // "TRY"
  std::string_view english;  // "Turkish lira"
  std::string_view turkish;  // "Türk lirası"
};

// Every active currency: TRY, USD, EUR and GBP first, then the others by code.
const std::vector<const Currency*>& all_currencies();
// The currency of an upper-case ISO 4217 code ("TRY"), or nullptr for anything else ("try", "XXX", "ZWL").
const Currency* find_currency(std::string_view code);
bool is_known_currency(std::string_view code);
// The currencies whose code or English or Turkish name matches `query` (folded: "lira", "TRY", "try", "türk",
// "euro"): the exact code first, then codes starting with it, then names containing it; in all_currencies() order
// within each. An empty query gives all of them.
std::vector<const Currency*> search_currencies(std::string_view query);

}  // namespace leads
