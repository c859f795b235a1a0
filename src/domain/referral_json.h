// The Referral's JSON wire format: safe parsing (no exceptions, bounded size and depth) and lossless writing.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/referral.h"

namespace leads {

struct WireObject;  // domain/referral_fields.h

// What went wrong and where: `field` is a path like "details/dealValue" ("" for the document itself).
struct FieldError {
  std::string field;
  std::string message;
};

struct JsonLimits {
  std::size_t max_bytes = 1 << 20;  // one referral, or one page of a list when raised by the caller
  int max_depth = 32;
};

struct ParsedJson {
  Json value;
  std::optional<FieldError> error;
};

// Oversized or too deeply nested text, checked on the raw bytes (copying and dumping a json value recurse).
std::optional<FieldError> check_json_limits(std::string_view text, const JsonLimits& limits);
// Parses text without throwing; oversized, too deep or malformed text is an error naming the byte offset.
ParsedJson parse_json_text(std::string_view text, const JsonLimits& limits = {});

// Dumps without throwing: invalid UTF-8 is replaced rather than aborting.
std::string dump_json(const Json& value);

struct ReferralReadOptions {
  bool require_id = true;  // false when the server reads a create request
};

// Fills `out` from a JSON object. Unknown properties are kept; unknown enum values are held as such.
std::optional<FieldError> referral_from_json(const Json& json, Referral& out, const ReferralReadOptions& options = {});
Json referral_to_json(const Referral& referral);

// Which properties a written object keeps: all of them (the default), or only the known fields named by paths like
// "status" or "customerProfile/address/city" (a team's members each keep theirs), as a list's $select asks.
// Paths are resolved against the wire tables once, when kept: writing a lead then looks each field up by its place
// in its table, not by comparing names (server-mock writes a thousand leads a page this way).
class WireSelection {
 public:
  static WireSelection only();  // nothing yet: add paths with keep()
  // Keeps the Referral's field at `segments` (each a field of the wire table the one before names); a whole object
  // kept wins over parts of it. A name no table has is ignored (server-mock refuses such a $select first).
  void keep(const std::vector<std::string>& segments);
  bool keeps_everything() const { return keeps_ == Keeps::Everything; }
  // What the `index`-th field of this selection's table keeps; nullptr: left out.
  const WireSelection* field(std::size_t index) const;

 private:
  enum class Keeps : std::uint8_t { Nothing, Part, Everything };
  void keep(const WireObject& wire, const std::vector<std::string>& segments, std::size_t at);
  Keeps keeps_ = Keeps::Everything;
  std::vector<WireSelection> fields_;  // one per field of the table, once a part is kept; empty: none kept yet
};
// Appends the referral's JSON text, the same JSON as dump_json(referral_to_json(...)) where `selection` keeps
// everything, without building it first: a server's page of a thousand leads is written this way.
void append_referral_json(std::string& out, const Referral& referral, const WireSelection& selection = {});
// A string's JSON text ("" quoted and escaped; invalid UTF-8 replaced as dump_json does).
void append_json_string(std::string& out, std::string_view text);
// A number's JSON text: a whole number, or one in hundredths (a half pixel, a price), written from integers ("12",
// "-0.5", "1250.25"); any other as "%.10g". printf's floating-point path was a fifth of a typed key's frame, where
// the page's semantics give four coordinates per node.
void append_json_number(std::string& out, double number);

Json member_to_json(const Member& member);
std::optional<FieldError> member_from_json(const Json& json, const std::string& path, Member& out);

}  // namespace leads
