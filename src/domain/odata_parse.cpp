// The $filter parser: a bounded recursive-descent reader that types each literal by its field and reports the
// byte position of the first problem.
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "domain/odata.h"

namespace leads {
namespace {

struct Token {
  enum class Kind { End, Path, String, Bare, Open, Close, Colon, Comma, Bad };
  Kind kind = Kind::End;
  std::size_t position = 0;
  std::string_view raw;  // the token's text as written
  std::string text;      // a string literal's content with '' unescaped
};

bool is_ident_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool is_ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Quotes user text in a message, shortened so a hostile filter cannot make a huge error.
std::string shown(std::string_view text) {
  constexpr std::size_t kMax = 40;
  if (text.size() <= kMax) return "'" + std::string(text) + "'";
  return "'" + std::string(text.substr(0, kMax)) + "…'";
}

bool is_number_text(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && text[i] == '-') ++i;
  const std::size_t int_start = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  if (i == int_start) return false;
  if (i < text.size() && text[i] == '.') {
    const std::size_t frac_start = ++i;
    while (i < text.size() && is_digit(text[i])) ++i;
    if (i == frac_start) return false;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    const std::size_t exp_start = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    if (i == exp_start) return false;
  }
  return i == text.size();
}

class FilterParser {
 public:
  explicit FilterParser(std::string_view text) : text_(text) {}

  FilterParse run() {
    FilterParse result;
    if (text_.size() > kMaxODataLength) {
      result.error =
          ODataError{kMaxODataLength, "the filter is longer than " + std::to_string(kMaxODataLength) + " characters"};
      return result;
    }
    advance();
    if (current_.kind == Token::Kind::End) {
      result.error = ODataError{current_.position, "the filter is empty"};
      return result;
    }
    FilterPtr tree = parse_or(0);
    if (!error_ && current_.kind != Token::Kind::End)
      fail_at_current("unexpected " + shown(current_.raw) + " after the end of the condition");
    if (error_) {
      result.error = error_;
    } else {
      result.tree = std::move(tree);
    }
    return result;
  }

 private:
  // [SECTION] tokens

  void advance() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\r' || text_[pos_] == '\n'))
      ++pos_;
    current_ = Token{};
    current_.position = pos_;
    if (pos_ >= text_.size()) return;
    const std::size_t start = pos_;
    const char c = text_[pos_];
    if (is_ident_start(c)) {
      // A path: identifiers joined by '/', e.g. customerProfile/address/country or team/any.
      while (true) {
        while (pos_ < text_.size() && is_ident_char(text_[pos_])) ++pos_;
        if (pos_ + 1 < text_.size() && text_[pos_] == '/' && is_ident_start(text_[pos_ + 1])) {
          ++pos_;
          continue;
        }
        break;
      }
      current_.kind = Token::Kind::Path;
    } else if (c == '\'') {
      ++pos_;
      while (true) {
        if (pos_ >= text_.size()) {
          current_.kind = Token::Kind::Bad;
          current_.raw = text_.substr(start, 1);
          current_.text = "unterminated string: no closing quote";
          return;
        }
        if (text_[pos_] == '\'') {
          if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '\'') {
            current_.text += '\'';
            pos_ += 2;
            continue;
          }
          ++pos_;
          break;
        }
        current_.text += text_[pos_++];
      }
      current_.kind = Token::Kind::String;
    } else if (is_digit(c) || (c == '-' && pos_ + 1 < text_.size() && is_digit(text_[pos_ + 1]))) {
      // A number or a bare date-time: read every character either may hold, then decide.
      ++pos_;
      while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '.' ||
                                     text_[pos_] == ':' || text_[pos_] == '+' || text_[pos_] == '-'))
        ++pos_;
      current_.kind = Token::Kind::Bare;
    } else {
      ++pos_;
      switch (c) {
        case '(': current_.kind = Token::Kind::Open; break;
        case ')': current_.kind = Token::Kind::Close; break;
        case ':': current_.kind = Token::Kind::Colon; break;
        case ',': current_.kind = Token::Kind::Comma; break;
        default:
          // Keep a whole UTF-8 sequence together so the message shows the character, not a broken byte.
          while (pos_ < text_.size() && (static_cast<unsigned char>(text_[pos_]) & 0xC0) == 0x80 &&
                 (static_cast<unsigned char>(c) & 0x80))
            ++pos_;
          current_.kind = Token::Kind::Bad;
          current_.text = "unexpected character";
      }
    }
    current_.raw = text_.substr(start, pos_ - start);
  }

  bool is_word(std::string_view word) const { return current_.kind == Token::Kind::Path && current_.raw == word; }

  std::optional<CompareOp> comparison_op() const {
    if (current_.kind != Token::Kind::Path) return std::nullopt;
    const std::string_view w = current_.raw;
    if (w == "eq") return CompareOp::Eq;
    if (w == "ne") return CompareOp::Ne;
    if (w == "gt") return CompareOp::Gt;
    if (w == "ge") return CompareOp::Ge;
    if (w == "lt") return CompareOp::Lt;
    if (w == "le") return CompareOp::Le;
    return std::nullopt;
  }

  void fail(std::size_t position, std::string message) {
    if (!error_) error_ = ODataError{position, std::move(message)};
  }

  // Reports a Bad token's own problem (an unterminated string, a stray character) in preference to `message`.
  void fail_at_current(const std::string& message) {
    if (current_.kind == Token::Kind::Bad) {
      fail(current_.position, current_.text + (current_.raw.empty() ? "" : " " + shown(current_.raw)));
    } else {
      fail(current_.position, message);
    }
  }

  bool enter(std::size_t position, int depth) {
    if (depth + 1 > kMaxODataNesting) {
      fail(position, "the filter nests deeper than " + std::to_string(kMaxODataNesting) + " levels");
      return false;
    }
    return true;
  }

  // [SECTION] grammar: or < and < not < primary

  FilterPtr parse_or(int depth) { return parse_chain(depth, FilterNode::Kind::Or); }

  FilterPtr parse_chain(int depth, FilterNode::Kind kind) {
    const char* word = kind == FilterNode::Kind::Or ? "or" : "and";
    std::vector<FilterPtr> parts;
    parts.push_back(kind == FilterNode::Kind::Or ? parse_chain(depth, FilterNode::Kind::And) : parse_not(depth));
    while (!error_ && is_word(word)) {
      advance();
      parts.push_back(kind == FilterNode::Kind::Or ? parse_chain(depth, FilterNode::Kind::And) : parse_not(depth));
    }
    if (error_) return nullptr;
    if (parts.size() == 1) return parts[0];
    auto node = std::make_shared<FilterNode>();
    node->kind = kind;
    node->children = std::move(parts);
    return node;
  }

  FilterPtr parse_not(int depth) {
    if (!is_word("not")) return parse_primary(depth);
    if (!enter(current_.position, depth)) return nullptr;
    advance();
    // A parenthesised operand is the not's own level: the canonical text parenthesises every compared operand of a
    // not, so counting both would refuse the canonical form of a filter that nests exactly to the limit.
    FilterPtr child = parse_not(current_.kind == Token::Kind::Open ? depth : depth + 1);
    if (error_) return nullptr;
    auto node = std::make_shared<FilterNode>();
    node->kind = FilterNode::Kind::Not;
    node->children.push_back(std::move(child));
    return node;
  }

  FilterPtr parse_primary(int depth) {
    switch (current_.kind) {
      case Token::Kind::Open: {
        const std::size_t open = current_.position;
        if (!enter(open, depth)) return nullptr;
        advance();
        FilterPtr inner = parse_or(depth + 1);
        if (error_) return nullptr;
        if (current_.kind != Token::Kind::Close) {
          fail_at_current("expected ')' to close the '(' at " + std::to_string(open));
          return nullptr;
        }
        advance();
        return inner;
      }
      case Token::Kind::Path: return parse_path_condition(depth);
      case Token::Kind::End:
        fail(current_.position, "expected a condition, found the end of the filter");
        return nullptr;
      case Token::Kind::String:
      case Token::Kind::Bare:
        fail(current_.position, "a comparison starts with a field name, not the value " + shown(current_.raw));
        return nullptr;
      default: fail_at_current("expected a condition, found " + shown(current_.raw)); return nullptr;
    }
  }

  FilterPtr parse_path_condition(int depth) {
    const Token path = current_;
    if (path.raw == "true" || path.raw == "false") {
      advance();
      if (comparison_op()) {
        fail(path.position, "a comparison starts with a field name, not the value " + shown(path.raw));
        return nullptr;
      }
      return odata::constant(path.raw == "true");
    }
    if (path.raw == "null" || path.raw == "and" || path.raw == "or" || comparison_op()) {
      fail(path.position, "expected a condition, found " + shown(path.raw));
      return nullptr;
    }
    advance();
    if (current_.kind == Token::Kind::Open && current_.position == path.position + path.raw.size())
      return parse_lambda(path, depth);
    const std::optional<FilterField> field = resolve_field(path);
    if (!field) return nullptr;
    const std::optional<CompareOp> op = comparison_op();
    if (!op) {
      if (field_type(*field) == FieldType::Bool) return compare_node(*field, CompareOp::Eq, bool_value(true));
      if (current_.kind == Token::Kind::Path && current_.raw != "and" && current_.raw != "or") {
        fail(current_.position, "unknown operator " + shown(current_.raw) + " (use eq, ne, gt, ge, lt or le)");
      } else {
        fail_at_current("expected eq, ne, gt, ge, lt or le after " + shown(path.raw));
      }
      return nullptr;
    }
    const Token op_token = current_;
    advance();
    std::optional<FilterValue> value = parse_value(*field);
    if (!value) return nullptr;
    if (field_type(*field) == FieldType::Bool && *op != CompareOp::Eq && *op != CompareOp::Ne) {
      fail(op_token.position, shown(path.raw) + " is true or false: compare it with eq or ne");
      return nullptr;
    }
    return compare_node(*field, *op, std::move(*value));
  }

  std::optional<FilterField> resolve_field(const Token& path) {
    if (!lambda_variable_.empty()) {
      const std::string prefix = lambda_variable_ + "/";
      if (path.raw.substr(0, prefix.size()) != prefix) {
        fail(path.position, "inside the lambda a path starts with '" + prefix + "', found " + shown(path.raw));
        return std::nullopt;
      }
      const std::string_view member = path.raw.substr(prefix.size());
      std::optional<FilterField> field = filter_field_from_path(member, true);
      if (!field)
        fail(path.position + prefix.size(),
             "unknown field " + shown(member) + " (a team member has email, firstName, lastName, phoneNumber)");
      return field;
    }
    std::optional<FilterField> field = filter_field_from_path(path.raw, false);
    if (!field) fail(path.position, "unknown field " + shown(path.raw));
    return field;
  }

  std::optional<FilterValue> parse_value(FilterField field) {
    const Token literal = current_;
    const FieldType type = field_type(field);
    FilterValue value;
    const auto wrong = [&](const char* expected) {
      fail(literal.position,
           std::string("expected ") + expected + " for " + shown(field_path(field)) + ", found " +
               (literal.kind == Token::Kind::End ? std::string("the end of the filter") : shown(literal.raw)));
      return std::nullopt;
    };
    const char* expected = type == FieldType::Text       ? "a quoted string"
                           : type == FieldType::DateTime ? "a date-time"
                           : type == FieldType::Number   ? "a number"
                                                         : "true or false";
    if (literal.kind == Token::Kind::Bad) {
      fail_at_current("");
      return std::nullopt;
    }
    if (literal.kind == Token::Kind::Path && literal.raw == "null") {
      advance();
      return value;
    }
    switch (type) {
      case FieldType::Text:
        if (literal.kind != Token::Kind::String) return wrong(expected);
        value.type = FilterValue::Type::Text;
        value.text = literal.text;
        break;
      case FieldType::DateTime: {
        if (literal.kind != Token::Kind::String && literal.kind != Token::Kind::Bare) return wrong(expected);
        const std::string_view raw = literal.kind == Token::Kind::String ? std::string_view(literal.text) : literal.raw;
        const std::optional<TimeMs> time = parse_iso8601(raw);
        if (!time || !is_odata_time(*time)) return wrong("an ISO-8601 date-time between years 0001 and 9999");
        value.type = FilterValue::Type::DateTime;
        value.time = *time;
        break;
      }
      case FieldType::Number: {
        if (literal.kind != Token::Kind::Bare || !is_number_text(literal.raw)) return wrong(expected);
        const double number = std::strtod(std::string(literal.raw).c_str(), nullptr);
        if (!std::isfinite(number)) return wrong("a number within range");
        value.type = FilterValue::Type::Number;
        value.number = number;
        break;
      }
      case FieldType::Bool:
        if (literal.kind != Token::Kind::Path || (literal.raw != "true" && literal.raw != "false"))
          return wrong(expected);
        value = bool_value(literal.raw == "true");
        break;
    }
    advance();
    return value;
  }

  FilterPtr parse_lambda(const Token& path, int depth) {
    const std::string_view raw = path.raw;
    const std::size_t slash = raw.rfind('/');
    const std::string_view name = slash == std::string_view::npos ? raw : raw.substr(slash + 1);
    if (slash == std::string_view::npos || (name != "any" && name != "all")) {
      fail(path.position, "unknown function " + shown(raw));
      return nullptr;
    }
    const std::string_view collection_text = raw.substr(0, slash);
    FilterCollection collection;
    if (collection_text == "team") {
      collection = FilterCollection::Team;
    } else if (collection_text == "customerProfile/team") {
      collection = FilterCollection::CustomerTeam;
    } else {
      fail(path.position, "unknown collection " + shown(collection_text) + " (use team or customerProfile/team)");
      return nullptr;
    }
    if (!lambda_variable_.empty()) {
      fail(path.position, "a lambda inside a lambda is not supported");
      return nullptr;
    }
    if (!enter(path.position, depth)) return nullptr;
    auto node = std::make_shared<FilterNode>();
    node->kind = name == "any" ? FilterNode::Kind::Any : FilterNode::Kind::All;
    node->collection = collection;
    advance();  // past '('
    if (current_.kind == Token::Kind::Close && node->kind == FilterNode::Kind::Any) {
      advance();
      return node;
    }
    if (current_.kind != Token::Kind::Path || current_.raw.find('/') != std::string_view::npos || comparison_op() ||
        is_word("and") || is_word("or") || is_word("not")) {
      fail_at_current("expected a variable name, as in " + std::string(raw) + "(t:t/email eq '…')");
      return nullptr;
    }
    node->variable = std::string(current_.raw);
    advance();
    if (current_.kind != Token::Kind::Colon) {
      fail_at_current("expected ':' after the variable " + shown(node->variable));
      return nullptr;
    }
    advance();
    lambda_variable_ = node->variable;
    FilterPtr body = parse_or(depth + 1);
    lambda_variable_.clear();
    if (error_) return nullptr;
    if (current_.kind != Token::Kind::Close) {
      fail_at_current("expected ')' to close " + shown(raw));
      return nullptr;
    }
    advance();
    node->children.push_back(std::move(body));
    return node;
  }

  static FilterValue bool_value(bool b) {
    FilterValue value;
    value.type = FilterValue::Type::Bool;
    value.boolean = b;
    return value;
  }

  static FilterPtr compare_node(FilterField field, CompareOp op, FilterValue value) {
    auto node = std::make_shared<FilterNode>();
    node->kind = FilterNode::Kind::Compare;
    node->field = field;
    node->op = op;
    node->value = std::move(value);
    return node;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  Token current_;
  std::optional<ODataError> error_;
  std::string lambda_variable_;  // non-empty inside a lambda's body
};

}  // namespace

FilterParse parse_filter(std::string_view text) {
  return FilterParser(text).run();
}

}  // namespace leads
