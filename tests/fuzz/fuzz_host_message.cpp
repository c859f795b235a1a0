// Fuzzes the portal's postMessage protocol (app/host_protocol): any text is read or refused with a reason, a
// refusal never repeats a token, an accepted message is refused when replayed, and every message the app builds
// for the host from arbitrary text is a JSON object the app could read back.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "app/host_protocol.h"

using namespace leads;

namespace {
void check(bool condition) {
  if (!condition) std::abort();  // libFuzzer reports the abort with the input that caused it
}

void check_outgoing(const std::string& message) {
  const ParsedJson parsed = parse_json_text(message, JsonLimits{1 << 20, 8});
  check(!parsed.error && parsed.value.is_object());
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  HostMessageReader reader;
  const HostParse first = reader.read(text);
  check(first.message.has_value() == first.refusal.empty());
  if (first.message) {
    if (const auto* init = std::get_if<host::Init>(&*first.message)) check(!init->token.empty());
    const HostParse replay = reader.read(text);
    check(!replay.message && !replay.refusal.empty());
  } else {
    // Whatever the message carried as a token must not come back in the reason given for refusing it.
    const ParsedJson parsed = parse_json_text(text, JsonLimits{1 << 20, 4});
    if (!parsed.error && parsed.value.is_object() && parsed.value.contains("token") &&
        parsed.value["token"].is_string()) {
      const std::string token = parsed.value["token"].get<std::string>();
      check(token.size() < 8 || first.refusal.find(token) == std::string::npos);
    }
  }
  const std::size_t half = size / 2;
  check_outgoing(host_navigated_message(text.substr(0, half), text.substr(half)));
  check_outgoing(host_rejected_message(text.substr(0, half), text.substr(half)));
  check_outgoing(host_resize_message(static_cast<int>(size) * 37 - 5000));
  return 0;
}
