// The careful reading of a list page (see referral_page_salvage.h): a flat scan finds each lead's bytes, and each
// lead is then read on its own, with the limits of one lead, so a bad one costs only itself.
//
// [SECTION] scanning raw JSON
// [SECTION] one lead
// [SECTION] the page
#include "domain/referral_page_salvage.h"

#include <algorithm>

namespace leads {

namespace {

// [SECTION] scanning raw JSON --------------------------------------------------------------------
// Finds where values start and end without building them. Brackets are matched with an explicit stack (one byte a
// level) instead of recursion; what lies inside a value is checked only when that value is read.

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  std::size_t pos() const { return pos_; }
  bool at_end() {
    skip_space();
    return pos_ >= text_.size();
  }
  bool take(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool next_is(char c) {
    skip_space();
    return pos_ < text_.size() && text_[pos_] == c;
  }
  // A string token, its quotes included.
  std::optional<std::string_view> string_token() {
    skip_space();
    const std::size_t start = pos_;
    if (!skip_string()) return std::nullopt;
    return text_.substr(start, pos_ - start);
  }
  // One value of any kind; `depth` is how deeply it nests (0 for a scalar, 1 for {} or []).
  std::optional<std::string_view> value(int& depth) {
    skip_space();
    depth = 0;
    const std::size_t start = pos_;
    if (pos_ >= text_.size()) return std::nullopt;
    const char first = text_[pos_];
    if (first == '"') {
      if (!skip_string()) return std::nullopt;
    } else if (first == '{' || first == '[') {
      if (!skip_container(depth)) return std::nullopt;
    } else {
      while (pos_ < text_.size() && !is_delimiter(text_[pos_])) ++pos_;
      if (pos_ == start) return std::nullopt;
    }
    return text_.substr(start, pos_ - start);
  }

 private:
  static bool is_delimiter(char c) {
    return c == ',' || c == '}' || c == ']' || c == ':' || c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
           c == '{' || c == '[' || c == '"';
  }
  void skip_space() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\r' || text_[pos_] == '\n'))
      ++pos_;
  }
  bool skip_string() {
    if (pos_ >= text_.size() || text_[pos_] != '"') return false;
    for (++pos_; pos_ < text_.size(); ++pos_) {
      if (text_[pos_] == '\\')
        ++pos_;
      else if (text_[pos_] == '"') {
        ++pos_;
        return true;
      }
    }
    return false;
  }
  bool skip_container(int& depth) {
    std::string open;  // the brackets still open, innermost last
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '"') {
        if (!skip_string()) return false;
        continue;
      }
      ++pos_;
      if (c == '{' || c == '[') {
        open.push_back(c);
        depth = std::max(depth, static_cast<int>(open.size()));
      } else if (c == '}' || c == ']') {
        if (open.empty() || open.back() != (c == '}' ? '{' : '[')) return false;
        open.pop_back();
        if (open.empty()) return true;
      }
    }
    return false;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

std::optional<std::string> decode_string(std::string_view token) {
  const ParsedJson parsed = parse_json_text(token, JsonLimits{token.size() + 1, 1});
  if (parsed.error || !parsed.value.is_string()) return std::nullopt;
  return parsed.value.get<std::string>();
}

// [SECTION] one lead -----------------------------------------------------------------------------

// The id a lead names at its top level, read without reading the rest of it ("" when there is none).
std::string shallow_id(std::string_view item) {
  Scanner scan(item);
  if (!scan.take('{') || scan.take('}')) return {};
  do {
    const std::optional<std::string_view> key = scan.string_token();
    if (!key || !scan.take(':')) return {};
    if (*key == "\"id\"" && scan.next_is('"')) {
      const std::optional<std::string_view> id = scan.string_token();
      return id ? decode_string(*id).value_or("") : "";
    }
    int depth = 0;
    if (!scan.value(depth)) return {};
  } while (scan.take(','));
  return {};
}

void read_lead(std::string_view item, int depth, const JsonLimits& limits, SalvagedPage& page) {
  if (item.size() > limits.max_bytes) {
    page.unreadable.push_back({shallow_id(item), "larger than " + std::to_string(limits.max_bytes) + " bytes"});
    return;
  }
  if (depth > limits.max_depth) {
    page.unreadable.push_back({shallow_id(item), "nested deeper than " + std::to_string(limits.max_depth) + " levels"});
    return;
  }
  const ParsedJson parsed = parse_json_text(item, limits);
  if (parsed.error) {
    page.unreadable.push_back({shallow_id(item), parsed.error->message});
    return;
  }
  Referral lead;
  if (std::optional<FieldError> error = referral_from_json(parsed.value, lead)) {
    page.unreadable.push_back(
        {shallow_id(item), error->field.empty() ? error->message : error->field + " " + error->message});
    return;
  }
  page.items.push_back(std::move(lead));
}

// [SECTION] the page -----------------------------------------------------------------------------

FieldError malformed_at(const Scanner& scan) {
  return FieldError{"", "malformed JSON: broken or cut short at byte " + std::to_string(scan.pos())};
}

}  // namespace

std::variant<SalvagedPage, FieldError> salvage_referral_page(std::string_view text, const PageSalvageLimits& limits) {
  if (text.size() > limits.max_page_bytes)
    return FieldError{"", "the page is larger than " + std::to_string(limits.max_page_bytes) + " bytes"};
  Scanner scan(text);
  if (!scan.take('{')) return FieldError{"", "malformed JSON: the document is not an object"};
  SalvagedPage page;
  bool has_items = false;
  if (!scan.take('}')) {
    do {
      const std::optional<std::string_view> token = scan.string_token();
      if (!token || !scan.take(':')) return malformed_at(scan);
      const std::string key = decode_string(*token).value_or("");
      if (key == "value") {  // a repeated key: the last one counts, as in the DOM
        if (!scan.take('[')) return FieldError{"value", "no \"value\" array"};
        has_items = true;
        page.items.clear();
        page.unreadable.clear();
        if (!scan.take(']')) {
          do {
            int depth = 0;
            const std::optional<std::string_view> item = scan.value(depth);
            if (!item) return malformed_at(scan);
            read_lead(*item, depth, limits.lead, page);
          } while (scan.take(','));
          if (!scan.take(']')) return malformed_at(scan);
        }
        continue;
      }
      int depth = 0;
      const std::optional<std::string_view> value = scan.value(depth);
      if (!value) return malformed_at(scan);
      if (key != "@odata.count" && key != "@odata.nextLink") continue;  // other page properties are not read
      const ParsedJson parsed = parse_json_text(*value, JsonLimits{64 * 1024, 4});
      if (key == "@odata.count") {
        page.count.reset();
        if (!parsed.error && parsed.value.is_number_integer()) page.count = parsed.value.get<std::int64_t>();
      } else {
        page.next_link.clear();
        if (!parsed.error && parsed.value.is_string()) page.next_link = parsed.value.get<std::string>();
      }
    } while (scan.take(','));
    if (!scan.take('}')) return malformed_at(scan);
  }
  if (!scan.at_end()) return malformed_at(scan);
  if (!has_items) return FieldError{"value", "no \"value\" array"};
  return page;
}

}  // namespace leads
