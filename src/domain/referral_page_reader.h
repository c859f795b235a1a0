// A list page read straight into Referrals (or handed on one lead at a time), token by token: no DOM of the whole page
// (a page of 1,000 leads is ~2 MB; building and destroying its DOM was most of the time a 100,000-lead load spent in
// the app). RapidJSON's reader makes the tokens (faster in wasm than nlohmann's lexer, which built every string a byte
// at a time: a cold load of 100,000 leads ~12 % shorter); they reach the reader in nlohmann's SAX shape, since unknown
// values are still captured as nlohmann DOM.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/referral.h"
#include "domain/referral_json.h"

namespace leads {

// What a page says around its leads.
struct PageFrame {
  std::optional<std::int64_t> count;  // @odata.count when it is an integer
  std::string next_link;              // @odata.nextLink when it is a string
};

struct ReferralPage : PageFrame {
  std::vector<Referral> items;
};

// The page exactly as reading its DOM with referral_from_json would give it, or nullopt when the text holds
// anything this fast path does not read the same way — a wrong type, a missing required field, a repeated key, a
// malformed date or number, an item that is not an object, malformed or oversized JSON. The caller then reads the
// page the careful way, which says what is wrong and skips only the bad items.
std::optional<ReferralPage> read_referral_page(std::string_view text, const JsonLimits& limits);

// The same reading, each lead handed to `take` as soon as it is complete instead of kept: the one Referral is then
// refilled for the next lead (copy what you keep), so a page needs no Referral per lead. `take` may have seen some
// leads of a page that is then declined (nullopt): keep them apart until the answer is known.
using LeadSink = std::function<void(const Referral&)>;
std::optional<PageFrame> read_referral_page(std::string_view text, const JsonLimits& limits, const LeadSink& take);

}  // namespace leads
