// A list page read lead by lead from its raw text, for pages the fast reader declines: one lead that is too deep,
// too large or of the wrong shape is set aside (with its id when that can be read) and every other lead is kept.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/referral.h"
#include "domain/referral_json.h"

namespace leads {

// A lead of the page that could not be read: its id when its top level names one as a string ("" otherwise).
struct UnreadableLead {
  std::string id;
  std::string reason;  // e.g. "nested deeper than 32 levels", "details/dealValue must be a number"
};

struct SalvagedPage {
  std::vector<Referral> items;
  std::optional<std::int64_t> count;  // @odata.count when it is an integer
  std::string next_link;              // @odata.nextLink when it is a string
  std::vector<UnreadableLead> unreadable;
};

struct PageSalvageLimits {
  std::size_t max_page_bytes = 32u << 20;
  JsonLimits lead;  // each lead on its own: as large and as deep as one lead read by GET /{id} may be
};

// The page, or what makes the document itself unusable (not JSON, not an object, no "value" array, cut short).
// Never recurses on the text, so no nesting depth can exhaust the stack.
std::variant<SalvagedPage, FieldError> salvage_referral_page(std::string_view text, const PageSalvageLimits& limits);

}  // namespace leads
