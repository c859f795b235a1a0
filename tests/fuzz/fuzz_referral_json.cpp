// Fuzzes the referral JSON reader: any bytes must parse or fail cleanly, what reads must write back stably, and the
// list page's SAX reader must agree with the DOM path whenever it answers; the text writer writes what the DOM one
// does.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "domain/referral_json.h"
#include "domain/referral_page_reader.h"

using namespace leads;

namespace {
void check(bool condition) {
  if (!condition) std::abort();  // libFuzzer reports the abort with the input that caused it
}
// Whatever the fast reader reads, the DOM path reads too, to the same leads, count and next link.
void check_page_readers_agree(std::string_view text) {
  const JsonLimits limits{1 << 20, 32};
  const std::optional<ReferralPage> fast = read_referral_page(text, limits);
  if (!fast) return;
  const ParsedJson parsed = parse_json_text(text, limits);
  check(!parsed.error && parsed.value.is_object());
  const auto items = parsed.value.find("value");
  check(items != parsed.value.end() && items->is_array() && items->size() == fast->items.size());
  for (std::size_t i = 0; i < fast->items.size(); ++i) {
    Referral lead;
    check(!referral_from_json((*items)[i], lead));
    check(dump_json(referral_to_json(lead)) == dump_json(referral_to_json(fast->items[i])));
  }
  const auto count = parsed.value.find("@odata.count");
  const bool has_count = count != parsed.value.end() && count->is_number_integer();
  check(has_count == fast->count.has_value());
  if (has_count) check(count->get<std::int64_t>() == *fast->count);
  const auto next = parsed.value.find("@odata.nextLink");
  check((next != parsed.value.end() && next->is_string() ? next->get<std::string>() : std::string()) ==
        fast->next_link);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_page_readers_agree(text);
  check_page_readers_agree("{\"value\":[" + std::string(text) + "]}");
  const ParsedJson parsed = parse_json_text(text);
  if (parsed.error) return 0;
  for (bool require_id : {true, false}) {
    Referral first;
    if (referral_from_json(parsed.value, first, {require_id})) continue;
    // Written, read back and written again: the two writes must agree, in memory and as text.
    const Json written = referral_to_json(first);
    Referral second;
    check(!referral_from_json(written, second, {require_id}));
    const Json rewritten = referral_to_json(second);
    const std::string dumped = dump_json(written);
    check(dumped == dump_json(rewritten));
    // And the text itself reads back to the same referral.
    const ParsedJson reparsed = parse_json_text(dumped);
    check(!reparsed.error);
    Referral third;
    check(!referral_from_json(reparsed.value, third, {require_id}));
    check(dump_json(referral_to_json(third)) == dumped);
    // The text writer (server-mock's list pages) writes the same JSON as the DOM writer's dump.
    std::string text_written;
    append_referral_json(text_written, first);
    const ParsedJson from_text = parse_json_text(text_written);
    check(!from_text.error && from_text.value == reparsed.value);
  }
  return 0;
}
