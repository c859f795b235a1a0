// Fuzzes the referral JSON reader: any bytes must parse or fail cleanly, and what reads must write back stably.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/referral_json.h"

using namespace leads;

namespace {
void check(bool condition) {
  if (!condition) std::abort();  // libFuzzer reports the abort with the input that caused it
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
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
  }
  return 0;
}
