// Mapping between Referral and its JSON: a small reader that checks each type and remembers the first error.
//
// [SECTION] enum names
// [SECTION] safe text parsing
// [SECTION] reading objects
// [SECTION] writing objects
#include "domain/referral_json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "domain/bytes16.h"
#include "domain/json_plain_run.h"
#include "domain/referral_fields.h"
#include "domain/utf8.h"

namespace leads {

// [SECTION] enum names ---------------------------------------------------------------------------

const char* to_wire(Status value) {
  switch (value) {
    case Status::New: return "New";
    case Status::Active: return "Active";
    case Status::Closed: return "Closed";
    case Status::None: return "None";
    case Status::Unknown: break;
  }
  return "";
}
const char* to_wire(Substatus value) {
  switch (value) {
    case Substatus::Pending: return "Pending";
    case Substatus::Received: return "Received";
    case Substatus::Accepted: return "Accepted";
    case Substatus::Won: return "Won";
    case Substatus::Lost: return "Lost";
    case Substatus::Declined: return "Declined";
    case Substatus::Expired: return "Expired";
    case Substatus::Error: return "Error";
    case Substatus::Unknown: break;
  }
  return "";
}
const char* to_wire(Qualification value) {
  switch (value) {
    case Qualification::Direct: return "Direct";
    case Qualification::MarketingQualified: return "MarketingQualified";
    case Qualification::SalesQualified: return "SalesQualified";
    case Qualification::None: return "None";
    case Qualification::Unknown: break;
  }
  return "";
}
const char* to_wire(ReferralType value) {
  switch (value) {
    case ReferralType::Independent: return "Independent";
    case ReferralType::Shared: return "Shared";
    case ReferralType::Unknown: break;
  }
  return "";
}
const char* to_wire(Direction value) {
  switch (value) {
    case Direction::Incoming: return "Incoming";
    case Direction::Outgoing: return "Outgoing";
    case Direction::Unknown: break;
  }
  return "";
}

namespace {
template <class E>
WireEnum<E> enum_from_wire(const std::string& text, std::initializer_list<E> known) {
  for (E value : known)
    if (text == to_wire(value)) return {value, text};
  return {E::Unknown, text};
}
}  // namespace

WireEnum<Status> status_from_wire(const std::string& text) {
  return enum_from_wire(text, {Status::New, Status::Active, Status::Closed, Status::None});
}
WireEnum<Substatus> substatus_from_wire(const std::string& text) {
  return enum_from_wire(text, {Substatus::Pending, Substatus::Received, Substatus::Accepted, Substatus::Won,
                               Substatus::Lost, Substatus::Declined, Substatus::Expired, Substatus::Error});
}
WireEnum<Qualification> qualification_from_wire(const std::string& text) {
  return enum_from_wire(text, {Qualification::Direct, Qualification::MarketingQualified, Qualification::SalesQualified,
                               Qualification::None});
}
WireEnum<ReferralType> type_from_wire(const std::string& text) {
  return enum_from_wire(text, {ReferralType::Independent, ReferralType::Shared});
}
WireEnum<Direction> direction_from_wire(const std::string& text) {
  return enum_from_wire(text, {Direction::Incoming, Direction::Outgoing});
}

// [SECTION] safe text parsing --------------------------------------------------------------------
// Depth is checked on the raw text before nlohmann sees it: copying and dumping a json value recurse.

std::optional<FieldError> check_json_limits(std::string_view text, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes)
    return FieldError{"", "document is " + std::to_string(text.size()) + " bytes, over the limit of " +
                              std::to_string(limits.max_bytes)};
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (in_string)  // string contents are most of a page: pass over sixteen bytes at a time to a quote or escape
      while (i + 16 <= text.size() && (match16(text.data() + i, '"') | match16(text.data() + i, '\\')) == 0) i += 16;
    if (i >= text.size()) break;
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > limits.max_depth)
        return FieldError{"", "document nests deeper than " + std::to_string(limits.max_depth) + " levels at byte " +
                                  std::to_string(i)};
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return std::nullopt;
}

ParsedJson parse_json_text(std::string_view text, const JsonLimits& limits) {
  ParsedJson result;
  if ((result.error = check_json_limits(text, limits))) return result;
  // nlohmann's DOM builder, wrapped only to learn where a syntax error is (parse() without exceptions hides it).
  struct PositionedBuilder {
    nlohmann::detail::json_sax_dom_parser<Json> dom;
    std::size_t error_position = 0;
    std::string error_token;
    explicit PositionedBuilder(Json& target) : dom(target, false) {}
    bool null() { return dom.null(); }
    bool boolean(bool v) { return dom.boolean(v); }
    bool number_integer(Json::number_integer_t v) { return dom.number_integer(v); }
    bool number_unsigned(Json::number_unsigned_t v) { return dom.number_unsigned(v); }
    bool number_float(Json::number_float_t v, const std::string& s) { return dom.number_float(v, s); }
    bool string(std::string& v) { return dom.string(v); }
    bool binary(Json::binary_t& v) { return dom.binary(v); }
    bool start_object(std::size_t n) { return dom.start_object(n); }
    bool key(std::string& v) { return dom.key(v); }
    bool end_object() { return dom.end_object(); }
    bool start_array(std::size_t n) { return dom.start_array(n); }
    bool end_array() { return dom.end_array(); }
    bool parse_error(std::size_t position, const std::string& token, const nlohmann::detail::exception&) {
      error_position = position;
      error_token = token;
      return false;
    }
  };
  PositionedBuilder builder(result.value);
  if (!Json::sax_parse(text.begin(), text.end(), &builder) || builder.dom.is_errored()) {
    result.value = Json();
    std::string token = builder.error_token.substr(0, 20);
    for (char& c : token)
      if (static_cast<unsigned char>(c) < 0x20 || c == '"') c = '?';
    result.error = FieldError{"", "malformed JSON at byte " + std::to_string(builder.error_position) +
                                      (token.empty() ? std::string() : " near \"" + token + "\"")};
  }
  return result;
}

std::string dump_json(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// [SECTION] reading objects ----------------------------------------------------------------------
// Each object is read by walking its field table (referral_fields.h); the rows are in the order errors are found.

namespace {

// Reads the properties of one JSON object, checking types; keeps the first error and the unknown keys.
class ObjectReader {
 public:
  ObjectReader(const Json& json, std::string path, std::optional<FieldError>& error)
      : json_(json), path_(std::move(path)), error_(error) {
    if (!json_.is_object() && !error_) error_ = FieldError{path_, "must be an object"};
  }

  bool ok() const { return !error_ && json_.is_object(); }

  std::string field_path(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "/" + std::string(key);
  }

  const Json* find(std::string_view key) {
    const bool first_time = std::find(seen_.begin(), seen_.end(), key) == seen_.end();
    if (first_time) seen_.push_back(key);
    if (!ok()) return nullptr;
    auto it = json_.find(key);
    if (it == json_.end()) return nullptr;
    if (first_time) ++present_;
    return it->is_null() ? nullptr : &*it;
  }

  void fail(std::string_view key, const std::string& message) {
    if (!error_) error_ = FieldError{field_path(key), message};
  }

  std::string text(std::string_view key, bool required = false) {
    const Json* value = find(key);
    if (!value) {
      if (required && ok()) fail(key, "is required");
      return {};
    }
    if (!value->is_string()) {
      fail(key, "must be a string");
      return {};
    }
    return value->get_ref<const std::string&>();
  }

  bool flag(std::string_view key) {
    const Json* value = find(key);
    if (!value) return false;
    if (!value->is_boolean()) {
      fail(key, "must be true or false");
      return false;
    }
    return value->get<bool>();
  }

  std::optional<TimeMs> time(std::string_view key) {
    const std::string value = text(key);
    if (value.empty()) return std::nullopt;
    auto parsed = parse_iso8601(value);
    if (!parsed) fail(key, "must be an ISO-8601 date-time, got \"" + value + "\"");
    return parsed;
  }

  // A number, or a numeric string (the contract accepts both on input).
  std::optional<double> number(std::string_view key) {
    const Json* value = find(key);
    if (!value) return std::nullopt;
    double result = 0;
    if (value->is_number()) {
      result = value->get<double>();
    } else if (value->is_string()) {
      const std::string& s = value->get_ref<const std::string&>();
      char* end = nullptr;
      result = std::strtod(s.c_str(), &end);
      if (s.empty() || end != s.c_str() + s.size()) {
        fail(key, "must be a number, got \"" + s + "\"");
        return std::nullopt;
      }
    } else {
      fail(key, "must be a number");
      return std::nullopt;
    }
    if (!std::isfinite(result)) {
      fail(key, "must be a finite number");
      return std::nullopt;
    }
    return result;
  }

  const Json* object(std::string_view key) {
    const Json* value = find(key);
    if (value && !value->is_object()) {
      fail(key, "must be an object");
      return nullptr;
    }
    return value;
  }

  const Json* array(std::string_view key) {
    const Json* value = find(key);
    if (value && !value->is_array()) {
      fail(key, "must be an array");
      return nullptr;
    }
    return value;
  }

  Json passthrough(std::string_view key) {
    const Json* value = find(key);
    return value ? *value : Json();
  }

  // Every property not read above, to be written back untouched.
  Json unknown() const {
    if (!json_.is_object() || present_ == json_.size()) return Json();  // every property was a known one
    Json rest = Json::object();
    for (auto it = json_.begin(); it != json_.end(); ++it) {
      const bool known = std::find(seen_.begin(), seen_.end(), it.key()) != seen_.end();
      if (!known) rest[it.key()] = it.value();
    }
    return rest;
  }

 private:
  const Json& json_;
  std::string path_;
  std::optional<FieldError>& error_;
  std::vector<std::string_view> seen_;  // the keys asked for: names from the field tables, a handful per object
  std::size_t present_ = 0;             // how many of them the object has
};

void read_object(const WireObject& wire, ObjectReader& reader, void* owner, bool require_id,
                 std::optional<FieldError>& error);

void read_members(const Json* array, const std::string& path, std::vector<Member>& out,
                  std::optional<FieldError>& error) {
  out.clear();
  if (!array) return;
  for (std::size_t i = 0; i < array->size() && !error; ++i) {
    Member member;
    ObjectReader reader((*array)[i], path + "/" + std::to_string(i), error);
    read_object(member_wire(), reader, &member, true, error);
    out.push_back(std::move(member));
  }
}

void read_field(const WireField& field, ObjectReader& reader, void* owner, bool require_id,
                std::optional<FieldError>& error) {
  const bool required = field.need == WireNeed::Required || (field.need == WireNeed::RequiredStored && require_id);
  switch (field.shape) {
    case WireShape::Text: field_value<std::string>(field, owner) = reader.text(field.name, required); break;
    case WireShape::Enum: field.enum_from_wire(field.slot(owner), reader.text(field.name, required)); break;
    case WireShape::Time: field_value<std::optional<TimeMs>>(field, owner) = reader.time(field.name); break;
    case WireShape::Flag: field_value<bool>(field, owner) = reader.flag(field.name); break;
    case WireShape::Number: field_value<std::optional<double>>(field, owner) = reader.number(field.name); break;
    case WireShape::Object:
      if (const Json* value = reader.object(field.name)) {
        ObjectReader nested(*value, reader.field_path(field.name), error);
        read_object(*field.nested, nested, field.slot(owner), require_id, error);
      }
      break;
    case WireShape::Members:
      read_members(reader.array(field.name), reader.field_path(field.name),
                   field_value<std::vector<Member>>(field, owner), error);
      break;
    case WireShape::Requirements:
      if (const Json* value = reader.object(field.name)) field_value<std::string>(field, owner) = value->dump();
      break;
    case WireShape::AnyJson: field_value<Json>(field, owner) = reader.passthrough(field.name); break;
  }
}

void read_object(const WireObject& wire, ObjectReader& reader, void* owner, bool require_id,
                 std::optional<FieldError>& error) {
  for (const WireField& field : wire) read_field(field, reader, owner, require_id, error);
  *wire.unknown(owner) = reader.unknown();
}

}  // namespace

std::optional<FieldError> member_from_json(const Json& json, const std::string& path, Member& out) {
  std::optional<FieldError> error;
  ObjectReader reader(json, path, error);
  read_object(member_wire(), reader, &out, true, error);
  return error;
}

std::optional<FieldError> referral_from_json(const Json& json, Referral& out, const ReferralReadOptions& options) {
  std::optional<FieldError> error;
  ObjectReader reader(json, "", error);
  Referral ref;
  read_object(referral_wire(), reader, &ref, options.require_id, error);
  if (error) return error;
  out = std::move(ref);
  return std::nullopt;
}

// [SECTION] writing objects ----------------------------------------------------------------------
// Unknown properties go in first so that a known field always wins over a stale copy of itself.

namespace {

Json object_to_json(const WireObject& wire, const void* owner);

// A field's value as JSON; null when it is unset (then left out if the table says so).
Json field_to_json(const WireField& field, const void* owner) {
  switch (field.shape) {
    case WireShape::Text: {
      const std::string& text = field_value<std::string>(field, owner);
      return text.empty() && field.omit_when_empty ? Json() : Json(text);
    }
    case WireShape::Enum: return field.enum_to_wire(field_slot(field, owner));
    case WireShape::Time: {
      const std::optional<TimeMs>& time = field_value<std::optional<TimeMs>>(field, owner);
      return time ? Json(format_iso8601(*time)) : Json();
    }
    case WireShape::Flag: return field_value<bool>(field, owner);
    case WireShape::Number: {
      const std::optional<double>& number = field_value<std::optional<double>>(field, owner);
      return number ? Json(*number) : Json();
    }
    case WireShape::Object: return object_to_json(*field.nested, field_slot(field, owner));
    case WireShape::Members: {
      Json members = Json::array();
      for (const Member& member : field_value<std::vector<Member>>(field, owner))
        members.push_back(object_to_json(*field.nested, &member));
      return members;
    }
    case WireShape::Requirements:
      return Json::parse(field_value<std::string>(field, owner));  // our own dump: always JSON
    case WireShape::AnyJson: return field_value<Json>(field, owner);
  }
  return Json();
}

Json object_to_json(const WireObject& wire, const void* owner) {
  const Json& unknown = *wire.unknown(const_cast<void*>(owner));  // only finds the member
  Json json = unknown.is_object() ? unknown : Json::object();
  for (const WireField& field : wire) {
    Json value = field_to_json(field, owner);
    if (!value.is_null() || !field.omit_when_empty) json[field.name] = std::move(value);
  }
  return json;
}

}  // namespace

Json member_to_json(const Member& member) {
  return object_to_json(member_wire(), &member);
}

Json referral_to_json(const Referral& ref) {
  return object_to_json(referral_wire(), &ref);
}

// [SECTION] writing text -------------------------------------------------------------------------
// The same objects as above, appended as JSON text field by field: no JSON value per property to allocate, order
// and free (most of a server's page time). Properties come in table order, the unknown ones first.

WireSelection WireSelection::only() {
  WireSelection selection;
  selection.keeps_ = Keeps::Part;
  return selection;
}

void WireSelection::keep(const std::vector<std::string>& segments) {
  keep(referral_wire(), segments, 0);
}

void WireSelection::keep(const WireObject& wire, const std::vector<std::string>& segments, std::size_t at) {
  if (keeps_ == Keeps::Everything || at >= segments.size()) return;
  const auto found = std::find_if(wire.begin(), wire.end(), [&](const WireField& f) { return f.name == segments[at]; });
  if (found == wire.end()) return;
  if (fields_.empty()) {
    WireSelection left_out;
    left_out.keeps_ = Keeps::Nothing;
    fields_.assign(wire.size, left_out);
  }
  WireSelection& kept = fields_[static_cast<std::size_t>(found - wire.begin())];
  if (at + 1 == segments.size() || !found->nested) {  // the field whole (a plain value has no parts to pick)
    kept = WireSelection();
    return;
  }
  if (kept.keeps_ == Keeps::Nothing) kept.keeps_ = Keeps::Part;
  kept.keep(*found->nested, segments, at + 1);
}

const WireSelection* WireSelection::field(std::size_t index) const {
  if (keeps_ == Keeps::Everything) return this;
  if (fields_.empty() || fields_[index].keeps_ == Keeps::Nothing) return nullptr;
  return &fields_[index];
}

void append_json_number(std::string& out, double number) {
  char text[32];
  const double hundredths = number * 100;
  if (std::fabs(number) < 1e13 && std::fabs(hundredths - std::nearbyint(hundredths)) <= 1e-6) {
    const long long scaled = std::llround(hundredths);
    const unsigned long long magnitude = static_cast<unsigned long long>(scaled < 0 ? -scaled : scaled);
    if (scaled < 0) out += '-';
    char* end = std::to_chars(text, text + sizeof text, magnitude / 100).ptr;
    const unsigned cents = static_cast<unsigned>(magnitude % 100);
    if (cents != 0) {
      *end++ = '.';
      *end++ = static_cast<char>('0' + cents / 10);
      if (cents % 10 != 0) *end++ = static_cast<char>('0' + cents % 10);
    }
    out.append(text, end);
    return;
  }
  std::snprintf(text, sizeof text, "%.10g", number);  // not finite: the caller's to avoid (JSON has no such number)
  out += text;
}

void append_json_string(std::string& out, std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  const std::size_t written_before = out.size();
  out += '"';
  std::size_t plain = 0;  // the start of the run of bytes copied as they are
  const char* const end = text.data() + text.size();
  for (std::size_t i = 0; i < text.size(); ++i) {
    i += json_plain_run<true>(text.data() + i, end);
    if (i == text.size()) break;
    const auto byte = static_cast<unsigned char>(text[i]);  // one that needs an escape, or a UTF-8 sequence's lead
    if (byte >= 0x80) {
      // Well-formed UTF-8 (as strict as the JSON library's own check) passes through unchanged; text that is not is
      // written as the JSON library writes it (each bad byte replaced).
      std::size_t next = i;
      if (!decode_utf8(text, next)) {
        out.resize(written_before);
        out += dump_json(Json(std::string(text)));
        return;
      }
      i = next - 1;
      continue;
    }
    out.append(text, plain, i - plain);
    plain = i + 1;
    switch (byte) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[byte >> 4];
        out += kHex[byte & 15];
    }
  }
  out.append(text, plain, text.size() - plain);
  out += '"';
}

namespace {

void append_object(std::string& out, const WireObject& wire, const void* owner, const WireSelection& selection);

// Whether a field is written at all: field_to_json gives null for an unset value, and the table may leave it out.
bool writes_null(const WireField& field, const void* owner) {
  switch (field.shape) {
    case WireShape::Text: return field.omit_when_empty && field_value<std::string>(field, owner).empty();
    case WireShape::Time: return !field_value<std::optional<TimeMs>>(field, owner);
    case WireShape::Number: return !field_value<std::optional<double>>(field, owner);
    case WireShape::Requirements: {
      const std::string& text = field_value<std::string>(field, owner);
      return text.empty() || text == "null";
    }
    case WireShape::AnyJson: return field_value<Json>(field, owner).is_null();
    case WireShape::Enum:
    case WireShape::Flag:
    case WireShape::Object:
    case WireShape::Members: return false;
  }
  return true;
}

bool is_written(const WireField& field, const void* owner) {
  return !field.omit_when_empty || !writes_null(field, owner);
}

void append_value(std::string& out, const WireField& field, const void* owner, const WireSelection& selection) {
  if (writes_null(field, owner)) {
    out += "null";
    return;
  }
  switch (field.shape) {
    case WireShape::Text: append_json_string(out, field_value<std::string>(field, owner)); break;
    case WireShape::Enum: append_json_string(out, field.enum_to_wire(field_slot(field, owner))); break;
    case WireShape::Time:
      append_json_string(out, format_iso8601(*field_value<std::optional<TimeMs>>(field, owner)));
      break;
    case WireShape::Flag: out += field_value<bool>(field, owner) ? "true" : "false"; break;
    case WireShape::Number: out += dump_json(Json(*field_value<std::optional<double>>(field, owner))); break;
    case WireShape::Object: append_object(out, *field.nested, field_slot(field, owner), selection); break;
    case WireShape::Members: {
      out += '[';
      bool first = true;
      for (const Member& member : field_value<std::vector<Member>>(field, owner)) {
        if (!first) out += ',';
        first = false;
        append_object(out, *field.nested, &member, selection);
      }
      out += ']';
      break;
    }
    case WireShape::Requirements: out += field_value<std::string>(field, owner); break;  // our own compact dump
    case WireShape::AnyJson: out += dump_json(field_value<Json>(field, owner)); break;
  }
}

void append_object(std::string& out, const WireObject& wire, const void* owner, const WireSelection& selection) {
  out += '{';
  bool first = true;
  const auto comma = [&] {
    if (!first) out += ',';
    first = false;
  };
  const Json& unknown = *wire.unknown(const_cast<void*>(owner));  // only finds the member
  if (selection.keeps_everything() && unknown.is_object()) {
    for (auto property = unknown.begin(); property != unknown.end(); ++property) {
      // A known field written under the same name wins over a stale copy of itself.
      const auto known =
          std::find_if(wire.begin(), wire.end(), [&](const WireField& f) { return f.name == property.key(); });
      if (known != wire.end() && is_written(*known, owner)) continue;
      comma();
      append_json_string(out, property.key());
      out += ':';
      out += dump_json(property.value());
    }
  }
  for (std::size_t index = 0; index < wire.size; ++index) {
    const WireField& field = wire.fields[index];
    const WireSelection* kept = selection.field(index);
    if (!kept || !is_written(field, owner)) continue;
    comma();
    out += '"';  // the tables' names are plain ASCII: nothing to escape
    out += field.name;
    out += "\":";
    append_value(out, field, owner, *kept);
  }
  out += '}';
}

}  // namespace

void append_referral_json(std::string& out, const Referral& referral, const WireSelection& selection) {
  append_object(out, referral_wire(), &referral, selection);
}

}  // namespace leads
