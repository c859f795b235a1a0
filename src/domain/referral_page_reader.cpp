// The list page's SAX reader (see referral_page_reader.h). It reads the fields referral_from_json reads, from the same
// tables (referral_fields.h) and with the same rules (null is absent, unknown properties kept verbatim, enums kept as
// sent), and gives up on anything else.
//
// [SECTION] fields
// [SECTION] the reader
// [SECTION] the tokens
// [SECTION] entry point
#include "domain/referral_page_reader.h"

#include <rapidjson/reader.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <memory>
#include <string_view>

#include "domain/json_plain_run.h"
#include "domain/referral_fields.h"
#include "domain/timestamp.h"
#include "domain/utf8.h"

namespace leads {
namespace {
// RapidJSON's in-place stream (GenericInsituStringStream) that also knows where its text ends, so a string's plain
// run is found eight bytes a step (json_plain_run) instead of byte by byte through Peek and Take: most of a page's
// bytes are in strings. RapidJSON's own fast scan (SSE2) reads whole aligned blocks past the text's end.
struct PlainRunStream {
  using Ch = char;
  PlainRunStream(Ch* text, Ch* end) : src_(text), dst_(nullptr), head_(text), end_(end) {}
  Ch Peek() const { return *src_; }
  Ch Take() { return *src_++; }
  std::size_t Tell() const { return static_cast<std::size_t>(src_ - head_); }
  void Put(Ch c) { *dst_++ = c; }
  Ch* PutBegin() { return dst_ = src_; }
  std::size_t PutEnd(Ch* begin) const { return static_cast<std::size_t>(dst_ - begin); }
  void Flush() {}
  Ch* Push(std::size_t count) {
    Ch* begin = dst_;
    dst_ += count;
    return begin;
  }
  void Pop(std::size_t count) { dst_ -= count; }
  Ch* src_;  // the next byte to read
  Ch* dst_;  // in place: where the string being read is written back, at or behind src_ (after an escape)
  Ch* head_;
  Ch* end_;  // the text's end (its NUL): no scan reads from here on
};
}  // namespace
}  // namespace leads

namespace rapidjson {
template <>
struct StreamTraits<leads::PlainRunStream> {
  enum { copyOptimization = 1 };
};
// The reader's hook for a string's unescaped run (a no-op for streams it has no fast path for), given one for this
// stream: copy the run in place and stop at the quote, backslash or control byte that ends it.
template <>
template <>
inline void GenericReader<UTF8<>, UTF8<>, CrtAllocator>::ScanCopyUnescapedString(leads::PlainRunStream& in,
                                                                                 leads::PlainRunStream& out) {
  const std::size_t run = leads::json_plain_run(in.src_, in.end_);
  if (out.dst_ != in.src_) std::memmove(out.dst_, in.src_, run);
  in.src_ += run;
  out.dst_ += run;
}
}  // namespace rapidjson

namespace leads {

namespace {

// [SECTION] fields -------------------------------------------------------------------------------
// A lead's fields are the wire tables' (referral_fields.h); the page around the leads has three of its own.

// What the reader is inside: the page, its array of leads, an object of the wire tables, or an array of members.
enum class Kind { Page, Items, Object, Members };

enum class PageField { Items, Count, Link };
constexpr std::string_view kPageFields[] = {"value", "@odata.count", "@odata.nextLink"};  // in PageField's order

int page_field_index(std::string_view key) {
  for (int i = 0; i < static_cast<int>(std::size(kPageFields)); ++i)
    if (key == kPageFields[i]) return i;
  return -1;
}

int field_index(const WireObject& wire, std::string_view key) {
  for (const WireField& field : wire)
    if (key == field.name) return static_cast<int>(&field - wire.begin());
  return -1;
}

// [SECTION] the reader ---------------------------------------------------------------------------

class PageReader {
 public:
  PageReader(PageFrame& page, const LeadSink& take, int max_depth)
      : page_(page),
        take_(take),
        max_depth_(max_depth),
        referral_(referral_wire()),
        required_(required_fields(referral_)) {}

  bool null() {
    if (capture_) return forward([&] { return capture_->null(); });
    if (!scalar_allowed()) return give_up();
    if (pending_ < 0) return unknown_value(Json(nullptr));
    if (on_page() && page_field() == PageField::Items) return give_up();
    return done_with_field();  // a known field that is null is absent (the required ones are checked at the end)
  }
  bool boolean(bool value) {
    if (capture_) return forward([&] { return capture_->boolean(value); });
    if (!scalar_allowed()) return give_up();
    if (pending_ < 0) return unknown_value(Json(value));
    if (on_page() || field().shape != WireShape::Flag) return scalar_of_other_shape(Json(value));
    field_value<bool>(field(), owner()) = value;
    return mark_present();
  }
  bool number_integer(Json::number_integer_t value) {
    if (capture_) return forward([&] { return capture_->number_integer(value); });
    if (!scalar_allowed()) return give_up();
    if (pending_ < 0) return unknown_value(Json(value));
    if (on_page() && page_field() == PageField::Count) {
      page_.count = value;
      return done_with_field();
    }
    return number(static_cast<double>(value), Json(value));
  }
  bool number_unsigned(Json::number_unsigned_t value) {
    if (capture_) return forward([&] { return capture_->number_unsigned(value); });
    if (!scalar_allowed()) return give_up();
    if (pending_ < 0) return unknown_value(Json(value));
    if (on_page() && page_field() == PageField::Count) {
      page_.count = static_cast<std::int64_t>(value);
      return done_with_field();
    }
    return number(static_cast<double>(value), Json(value));
  }
  bool number_float(Json::number_float_t value, const std::string& text) {
    if (capture_) return forward([&] { return capture_->number_float(value, text); });
    if (!scalar_allowed()) return give_up();
    if (pending_ < 0) return unknown_value(Json(value));
    return number(value, Json(value));  // a count that is not an integer is ignored, as the DOM path does
  }
  // A text as the tokens hold it: copied once, where it goes (a page has some 60 keys and texts per lead); `scratch`
  // holds a copy only where a std::string is wanted (a captured value, an enum, a number).
  bool string(std::string_view value, std::string& scratch) {
    if (capture_) return forward([&] { return capture_->string(scratch.assign(value)); });
    if (!scalar_allowed()) return give_up();
    if (pending_ < 0) return unknown_value(Json(std::string(value)));
    if (on_page()) {
      switch (page_field()) {
        case PageField::Link: page_.next_link.assign(value); return done_with_field();
        case PageField::Count: return done_with_field();
        case PageField::Items: break;
      }
      return give_up();
    }
    const WireField& known = field();
    switch (known.shape) {
      // Copied, not moved: the lead being read is refilled for the next one, and its strings keep their room.
      case WireShape::Text: field_value<std::string>(known, owner()) = value; return mark_present();
      case WireShape::Enum: known.enum_from_wire(known.slot(owner()), scratch.assign(value)); return mark_present();
      case WireShape::Time: {
        if (!value.empty()) {
          const std::optional<TimeMs> time = parse_iso8601(value);
          if (!time) return give_up();
          field_value<std::optional<TimeMs>>(known, owner()) = *time;
        }
        return mark_present();
      }
      case WireShape::Number: {
        scratch.assign(value);  // NUL-terminated for strtod
        char* end = nullptr;
        const double parsed = std::strtod(scratch.c_str(), &end);
        if (scratch.empty() || end != scratch.c_str() + scratch.size()) return give_up();
        return number(parsed, Json());
      }
      case WireShape::AnyJson: field_value<Json>(known, owner()) = Json(std::string(value)); return done_with_field();
      default: return give_up();
    }
  }
  bool binary(Json::binary_t&) { return give_up(); }

  bool start_object(std::size_t size) {
    if (++depth_ > max_depth_) return give_up();  // as deep as check_json_limits allows, counted here instead
    if (capture_) return forward([&] { return capture_->start_object(size); }, +1);
    if (stack_.empty()) return push(Frame{Kind::Page});
    if (in_items_array()) {
      current_ = blank_;  // a copy keeps every string's room: the next lead's texts need no allocation
      return push_object(referral_, &current_);
    }
    if (in_members_array()) return push_object(member_wire(), &members().emplace_back());
    const auto start = [&] { return capture_->start_object(size); };
    if (pending_ < 0) return start_capture(&unknown_target(), start);
    if (on_page()) return page_field() == PageField::Items ? give_up() : start_capture(&ignored_, start);
    const WireField& known = field();
    switch (known.shape) {
      case WireShape::Object: {
        void* const nested = known.slot(owner());
        mark_present();
        return push_object(*known.nested, nested);
      }
      case WireShape::Requirements:
        requirements_text_ = &field_value<std::string>(known, owner());
        return start_capture(&requirements_, start);
      case WireShape::AnyJson: return start_capture(&field_value<Json>(known, owner()), start);
      default: return give_up();
    }
  }
  bool start_array(std::size_t size) {
    if (++depth_ > max_depth_) return give_up();
    if (capture_) return forward([&] { return capture_->start_array(size); }, +1);
    if (stack_.empty() || in_items_array() || in_members_array()) return give_up();
    const auto start = [&] { return capture_->start_array(size); };
    if (pending_ < 0) return start_capture(&unknown_target(), start);
    if (on_page()) {
      if (page_field() != PageField::Items) return start_capture(&ignored_, start);
      mark_present();
      return push(Frame{Kind::Items});
    }
    const WireField& known = field();
    switch (known.shape) {
      case WireShape::Members: {
        auto& members = field_value<std::vector<Member>>(known, owner());
        members.clear();
        mark_present();
        return push(Frame{Kind::Members, nullptr, &members});
      }
      case WireShape::AnyJson: return start_capture(&field_value<Json>(known, owner()), start);
      default: return give_up();
    }
  }
  bool key(std::string_view name, std::string& scratch) {
    if (capture_) return forward([&] { return capture_->key(scratch.assign(name)); });
    Frame& frame = top();
    pending_ = frame.kind == Kind::Page ? page_field_index(name) : field_index(*frame.wire, name);
    if (pending_ >= 0) {
      if (frame.seen >> pending_ & 1) return give_up();  // a repeated key: the DOM keeps the last, we do not try
      frame.seen |= std::uint64_t{1} << pending_;
      return true;
    }
    pending_key_.assign(name);
    if (frame.unknown && frame.unknown->contains(pending_key_)) return give_up();
    return true;
  }
  bool end_object() {
    --depth_;
    if (capture_) return forward([&] { return capture_->end_object(); }, -1);
    const Frame frame = top();
    stack_.pop_back();
    pending_ = -1;
    if (frame.wire == &referral_) {
      if ((frame.present & required_) != required_) return give_up();  // a required field is missing or null
      take_(current_);
    }
    if (frame.kind == Kind::Page) {
      if ((frame.present >> static_cast<int>(PageField::Items) & 1) == 0) return give_up();  // as the DOM path says
      finished_ = true;
    }
    return true;
  }
  bool end_array() {
    --depth_;
    if (capture_) return forward([&] { return capture_->end_array(); }, -1);
    stack_.pop_back();
    pending_ = -1;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return give_up(); }

  bool succeeded() const { return finished_ && !failed_; }

 private:
  struct Frame {
    Kind kind;
    const WireObject* wire = nullptr;     // Object: its fields
    void* owner = nullptr;                // Object: the struct being filled; Members: the vector of members
    Json* unknown = nullptr;              // where unknown properties go (null: they are ignored, as on the page itself)
    std::uint64_t seen = 0, present = 0;  // bits by field index: the key appeared; its value was not null
  };

  // The bits of the fields a lead must have (present and not null): the required ones of the table.
  static std::uint64_t required_fields(const WireObject& wire) {
    std::uint64_t bits = 0;
    for (const WireField& field : wire)
      if (field.need != WireNeed::Optional) bits |= std::uint64_t{1} << (&field - wire.begin());
    return bits;
  }

  Frame& top() { return stack_.back(); }
  bool on_page() { return top().kind == Kind::Page; }
  PageField page_field() { return static_cast<PageField>(pending_); }
  const WireField& field() { return top().wire->fields[pending_]; }
  void* owner() { return top().owner; }
  std::vector<Member>& members() { return *static_cast<std::vector<Member>*>(top().owner); }
  bool in_items_array() { return !stack_.empty() && top().kind == Kind::Items; }
  bool in_members_array() { return !stack_.empty() && top().kind == Kind::Members; }
  // A plain value belongs to a key of an object: not the document itself, nor an item or team member.
  bool scalar_allowed() { return !stack_.empty() && !in_items_array() && !in_members_array(); }

  bool push(Frame frame) {
    stack_.push_back(frame);
    pending_ = -1;
    return true;
  }
  bool push_object(const WireObject& wire, void* object) {
    return push(Frame{Kind::Object, &wire, object, wire.unknown(object)});
  }
  bool give_up() {
    failed_ = true;
    return false;  // stops the parse
  }
  bool done_with_field() {
    pending_ = -1;
    return true;
  }
  bool mark_present() {
    top().present |= std::uint64_t{1} << pending_;
    return done_with_field();
  }
  Json& unknown_target() {
    Json* unknown = top().unknown;
    if (!unknown) return ignored_;  // unknown properties of the page itself are read and dropped
    return (*unknown)[pending_key_];
  }
  bool unknown_value(Json value) {
    if (Json* unknown = top().unknown) (*unknown)[pending_key_] = std::move(value);
    return done_with_field();
  }
  // A scalar where the field wants something else: links take anything; the page's count and link are ignored.
  bool scalar_of_other_shape(Json value) {
    if (on_page()) return page_field() == PageField::Items ? give_up() : done_with_field();
    if (field().shape != WireShape::AnyJson) return give_up();
    field_value<Json>(field(), owner()) = std::move(value);
    return done_with_field();
  }
  bool number(double value, Json as_json) {
    if (on_page() || field().shape != WireShape::Number) return scalar_of_other_shape(std::move(as_json));
    if (!std::isfinite(value)) return give_up();
    field_value<std::optional<double>>(field(), owner()) = value;
    return mark_present();
  }

  // An unknown property, the requirements or the links: a DOM of just that value.
  template <class Start>
  bool start_capture(Json* target, Start start) {
    *target = Json();
    capture_target_ = target;
    capture_ = std::make_unique<nlohmann::detail::json_sax_dom_parser<Json>>(*target, false);
    capture_depth_ = 0;
    return forward(start, +1);
  }
  template <class Event>
  bool forward(Event event, int depth_change = 0) {
    if (!event()) return give_up();
    capture_depth_ += depth_change;
    if (capture_depth_ == 0) {  // the captured value is complete
      capture_.reset();
      if (capture_target_ == &requirements_) {  // kept as text (Details::requirements_json)
        *requirements_text_ = requirements_.dump();
        requirements_ = Json();
      }
      if (!stack_.empty()) {
        if (pending_ >= 0) mark_present();
        pending_ = -1;
      }
    }
    return true;
  }

  PageFrame& page_;
  const LeadSink& take_;
  const int max_depth_;
  const WireObject& referral_;  // the table of a lead, whose frame ends an item
  const std::uint64_t required_;
  int depth_ = 0;
  std::vector<Frame> stack_;
  int pending_ = -1;  // the known field whose value comes next, or -1 (an unknown key, in pending_key_)
  std::string pending_key_;
  Referral current_;      // the item being read
  const Referral blank_;  // what current_ is reset to
  std::unique_ptr<nlohmann::detail::json_sax_dom_parser<Json>> capture_;
  Json* capture_target_ = nullptr;  // where the value being captured goes
  int capture_depth_ = 0;
  Json ignored_;                              // a value read only to be dropped (start_capture empties it first)
  Json requirements_;                         // the requirements being read, kept as text when complete
  std::string* requirements_text_ = nullptr;  // where that text goes
  bool failed_ = false, finished_ = false;
};

// [SECTION] the tokens ---------------------------------------------------------------------------

// RapidJSON's events, passed on as nlohmann's SAX events: the same calls the reader had from nlohmann's lexer.
class TokenEvents : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, TokenEvents> {
 public:
  // `escaped_unicode`: the page has a backslash-u escape somewhere, so a text may need text_allowed's check.
  TokenEvents(PageReader& reader, bool escaped_unicode) : reader_(reader), escaped_unicode_(escaped_unicode) {}
  bool Null() { return reader_.null(); }
  bool Bool(bool value) { return reader_.boolean(value); }
  // A number comes as its text (read so, RapidJSON needs no stack of its own) and is read as nlohmann's lexer reads
  // it: an integer is signed when negative, unsigned otherwise; a fraction, an exponent or an integer too large for
  // 64 bits goes through strtod, as there.
  bool RawNumber(const char* text, rapidjson::SizeType length, bool) {
    const char* const end = text + length;
    if (std::none_of(text, end, [](char c) { return c == '.' || c == 'e' || c == 'E'; })) {
      std::int64_t negative = 0;
      std::uint64_t positive = 0;
      const std::from_chars_result read =
          *text == '-' ? std::from_chars(text, end, negative) : std::from_chars(text, end, positive);
      if (read.ec == std::errc() && read.ptr == end)
        return *text == '-' ? reader_.number_integer(negative) : reader_.number_unsigned(positive);
    }
    number_.assign(text, length);
    return reader_.number_float(std::strtod(number_.c_str(), nullptr), number_);
  }
  bool String(const char* text, rapidjson::SizeType length, bool) {
    return text_allowed(text, length) && reader_.string(std::string_view(text, length), text_);
  }
  bool Key(const char* text, rapidjson::SizeType length, bool) {
    return text_allowed(text, length) && reader_.key(std::string_view(text, length), text_);
  }
  bool StartObject() { return reader_.start_object(kUnknownSize); }
  bool EndObject(rapidjson::SizeType) { return reader_.end_object(); }
  bool StartArray() { return reader_.start_array(kUnknownSize); }
  bool EndArray(rapidjson::SizeType) { return reader_.end_array(); }

 private:
  static constexpr std::size_t kUnknownSize = static_cast<std::size_t>(-1);  // what nlohmann's lexer says too
  // The raw text is valid UTF-8 (checked before reading), but RapidJSON decodes an escaped lone low surrogate
  // (U+DC00 as an escape) into bytes that are not (ED B0 80), where nlohmann refuses it. UTF-8 never holds ED
  // followed by A0-BF: such a text stops the fast path, and the careful one says what is wrong. Only an escape makes
  // one, so a page without any is not searched text by text.
  bool text_allowed(const char* text, std::size_t length) const {
    if (!escaped_unicode_) return true;
    for (const char* at = text; (at = static_cast<const char*>(std::memchr(at, '\xED', text + length - at)));) {
      if (++at < text + length && static_cast<unsigned char>(*at) >= 0xA0) return false;
    }
    return true;
  }
  PageReader& reader_;
  const bool escaped_unicode_;
  std::string text_;    // reused: a copy of a text only where the reader needs a std::string
  std::string number_;  // a number's text, NUL-terminated for strtod
};

}  // namespace

// [SECTION] entry point --------------------------------------------------------------------------

std::optional<PageFrame> read_referral_page(std::string_view text, const JsonLimits& limits, const LeadSink& take) {
  if (text.size() > limits.max_bytes) return std::nullopt;  // the depth is counted while reading
  // RapidJSON 1.1.0 is used in the one way that reads only within the text: in place (in a copy: the careful path
  // may need the text as it came), numbers as text, no encoding check of its own. Its check reads past the end of a
  // sequence cut off by the text's end, and its stack's first use is undefined behaviour (arithmetic on a null
  // pointer); in place, with numbers as text, it keeps no stack. So the text is checked here first: UTF-8 (as
  // strictly as nlohmann's lexer), and no NUL byte, which JSON never holds and which ends an in-place stream.
  if (!is_valid_utf8(text) || std::memchr(text.data(), '\0', text.size())) return std::nullopt;
  std::string in_place(text);
  PageFrame page;
  PageReader reader(page, take, limits.max_depth);
  // A backslash-u escape, or (rarely) an escaped backslash before a u: the check is then made, in vain at worst.
  TokenEvents events(reader, text.find("\\u") != std::string_view::npos);
  PlainRunStream stream(in_place.data(), in_place.data() + in_place.size());
  rapidjson::Reader tokens;
  // In place, numbers as text (see RawNumber), one document and nothing after it.
  constexpr unsigned kFlags = rapidjson::kParseInsituFlag | rapidjson::kParseNumbersAsStringsFlag;
  const rapidjson::ParseResult parsed = tokens.Parse<kFlags>(stream, events);
  if (!parsed || !reader.succeeded()) return std::nullopt;
  return page;
}

std::optional<ReferralPage> read_referral_page(std::string_view text, const JsonLimits& limits) {
  ReferralPage page;
  std::optional<PageFrame> frame =
      read_referral_page(text, limits, [&](const Referral& lead) { page.items.push_back(lead); });
  if (!frame) return std::nullopt;
  page.count = frame->count;
  page.next_link = std::move(frame->next_link);
  return page;
}

}  // namespace leads
