// Fuzzes the OData readers: any text must parse or fail with a position inside it, and what parses must print
// canonical text that parses back to the same tree and the same text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "domain/odata.h"
#include "support/lead_builder.h"

using namespace leads;

namespace {
void check(bool condition) {
  if (!condition) std::abort();  // libFuzzer reports the abort with the input that caused it
}

Referral sample() {
  const Member member{"", "", "a@b.c", "", "", {}, {}};
  return test::a_lead()
      .name("Kurumsal e-posta")
      .received_at(1790000000000)
      .deal(1250.5, "TRY")
      .country("TR")
      .seller(member)
      .contact(member);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Referral kSample = sample();
  static Referral empty;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const FilterParse filter = parse_filter(text);
  check(!filter.tree != !filter.error);
  if (filter.error) {
    check(filter.error->position <= text.size() || filter.error->position == kMaxODataLength);
  } else {
    const std::string canonical = to_odata(*filter.tree);
    // The canonical form spells out spaces and parentheses, so a filter just under the length limit can come out
    // over it; such text is refused as any over-long filter is, and the round trip is checked only within the limit.
    const FilterParse again = parse_filter(canonical);
    if (canonical.size() > kMaxODataLength) {
      check(again.error.has_value());
    } else {
      check(again.tree != nullptr);
      check(*again.tree == *filter.tree);
      check(to_odata(*again.tree) == canonical);
      check(evaluate_filter(*filter.tree, kSample) == evaluate_filter(*again.tree, kSample));
      check(evaluate_filter(*filter.tree, empty) == evaluate_filter(*again.tree, empty));
    }
  }

  const OrderByParse order = parse_orderby(text);
  if (order.error) {
    check(order.error->position <= text.size() || order.error->position == kMaxODataLength);
  } else {
    const std::string canonical = to_odata(order.order);
    const OrderByParse again = parse_orderby(canonical);
    check(!again.error);
    check(again.order == order.order);
    check(to_odata(again.order) == canonical);
    check(!order_before(order.order, kSample, kSample));
  }
  return 0;
}
