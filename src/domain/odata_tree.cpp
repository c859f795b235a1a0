// The $filter tree: its fields, equality, canonical text, and the builders the client uses.
//
// [SECTION] fields
// [SECTION] equality
// [SECTION] canonical text
// [SECTION] builders
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "domain/odata.h"

namespace leads {

// [SECTION] fields -------------------------------------------------------------------------------

namespace {
struct FieldInfo {
  FilterField field;
  const char* path;
  FieldType type;
};
constexpr FieldInfo kFields[] = {
    {FilterField::Status, "status", FieldType::Text},
    {FilterField::Substatus, "substatus", FieldType::Text},
    {FilterField::Qualification, "qualification", FieldType::Text},
    {FilterField::Type, "type", FieldType::Text},
    {FilterField::Direction, "direction", FieldType::Text},
    {FilterField::Name, "name", FieldType::Text},
    {FilterField::Id, "id", FieldType::Text},
    {FilterField::CreatedDateTime, "createdDateTime", FieldType::DateTime},
    {FilterField::UpdatedDateTime, "updatedDateTime", FieldType::DateTime},
    {FilterField::ExpirationDateTime, "expirationDateTime", FieldType::DateTime},
    {FilterField::AcceptedDateTime, "acceptedDateTime", FieldType::DateTime},
    {FilterField::ClosedDateTime, "closedDateTime", FieldType::DateTime},
    {FilterField::DealValue, "details/dealValue", FieldType::Number},
    {FilterField::Currency, "details/currency", FieldType::Text},
    {FilterField::CustomerRequestedContact, "details/customerRequestedContact", FieldType::Bool},
    {FilterField::CustomerName, "customerProfile/name", FieldType::Text},
    {FilterField::Country, "customerProfile/address/country", FieldType::Text},
    {FilterField::City, "customerProfile/address/city", FieldType::Text},
    {FilterField::InvitedByOrganizationId, "inviteContext/invitedBy/organizationId", FieldType::Text},
    {FilterField::MemberEmail, "email", FieldType::Text},
    {FilterField::MemberFirstName, "firstName", FieldType::Text},
    {FilterField::MemberLastName, "lastName", FieldType::Text},
    {FilterField::MemberPhoneNumber, "phoneNumber", FieldType::Text},
};

const FieldInfo& info(FilterField field) {
  for (const FieldInfo& entry : kFields)
    if (entry.field == field) return entry;
  return kFields[0];  // unreachable: every enumerator is in the table
}
}  // namespace

const char* field_path(FilterField field) {
  return info(field).path;
}
FieldType field_type(FilterField field) {
  return info(field).type;
}
bool is_member_field(FilterField field) {
  return field == FilterField::MemberEmail || field == FilterField::MemberFirstName ||
         field == FilterField::MemberLastName || field == FilterField::MemberPhoneNumber;
}
const char* collection_path(FilterCollection collection) {
  return collection == FilterCollection::Team ? "team" : "customerProfile/team";
}

std::optional<FilterField> filter_field_from_path(std::string_view path, bool member) {
  for (const FieldInfo& entry : kFields)
    if (is_member_field(entry.field) == member && path == entry.path) return entry.field;
  return std::nullopt;
}

bool is_odata_time(TimeMs time) {
  static const TimeMs kFirst = days_from_civil({1, 1, 1}) * kDayMs;
  static const TimeMs kLast = (days_from_civil({9999, 12, 31}) + 1) * kDayMs - 1;
  return time >= kFirst && time <= kLast;
}

std::string format_odata_number(double value) {
  char buffer[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

const char* to_odata(CompareOp op) {
  switch (op) {
    case CompareOp::Eq: return "eq";
    case CompareOp::Ne: return "ne";
    case CompareOp::Gt: return "gt";
    case CompareOp::Ge: return "ge";
    case CompareOp::Lt: return "lt";
    case CompareOp::Le: return "le";
  }
  return "eq";
}

// [SECTION] equality -----------------------------------------------------------------------------

bool operator==(const FilterValue& a, const FilterValue& b) {
  if (a.type != b.type) return false;
  switch (a.type) {
    case FilterValue::Type::Null: return true;
    case FilterValue::Type::Text: return a.text == b.text;
    case FilterValue::Type::DateTime: return a.time == b.time;
    case FilterValue::Type::Number: return a.number == b.number && std::signbit(a.number) == std::signbit(b.number);
    case FilterValue::Type::Bool: return a.boolean == b.boolean;
  }
  return false;
}

bool operator==(const FilterNode& a, const FilterNode& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case FilterNode::Kind::Compare: return a.field == b.field && a.op == b.op && a.value == b.value;
    case FilterNode::Kind::Constant: return a.constant == b.constant;
    case FilterNode::Kind::Invalid: return a.invalid_text == b.invalid_text;
    case FilterNode::Kind::Any:
    case FilterNode::Kind::All:
      if (a.collection != b.collection || a.variable != b.variable) return false;
      break;
    case FilterNode::Kind::And:
    case FilterNode::Kind::Or:
    case FilterNode::Kind::Not: break;
  }
  if (a.children.size() != b.children.size()) return false;
  for (std::size_t i = 0; i < a.children.size(); ++i) {
    const FilterPtr& x = a.children[i];
    const FilterPtr& y = b.children[i];
    if (!x || !y) {
      if (x || y) return false;
    } else if (*x != *y) {
      return false;
    }
  }
  return true;
}

// [SECTION] canonical text -----------------------------------------------------------------------

namespace {

std::string quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

std::string value_text(const FilterValue& value) {
  switch (value.type) {
    case FilterValue::Type::Null: return "null";
    case FilterValue::Type::Text: return quote(value.text);
    case FilterValue::Type::DateTime: return quote(format_iso8601(value.time));
    case FilterValue::Type::Number: return format_odata_number(value.number);
    case FilterValue::Type::Bool: return value.boolean ? "true" : "false";
  }
  return "null";
}

void write(const FilterNode& node, const std::string& variable, std::string& out);

void write_child(const FilterPtr& child, bool parenthesise, const std::string& variable, std::string& out) {
  if (!child) {
    out += "true";
    return;
  }
  if (parenthesise) out += '(';
  write(*child, variable, out);
  if (parenthesise) out += ')';
}

void write(const FilterNode& node, const std::string& variable, std::string& out) {
  using Kind = FilterNode::Kind;
  switch (node.kind) {
    case Kind::Compare:
      if (is_member_field(node.field)) out += variable + "/";
      out += field_path(node.field);
      out += ' ';
      out += to_odata(node.op);
      out += ' ';
      out += value_text(node.value);
      return;
    case Kind::And:
    case Kind::Or: {
      // A child of the same kind keeps its parentheses so the tree reads back with the same shape; an Or
      // under an And needs them for precedence.
      const char* joiner = node.kind == Kind::And ? " and " : " or ";
      for (std::size_t i = 0; i < node.children.size(); ++i) {
        if (i > 0) out += joiner;
        const FilterPtr& child = node.children[i];
        const bool group = child && (child->kind == node.kind || child->kind == Kind::Or);
        write_child(child, group, variable, out);
      }
      if (node.children.empty()) out += node.kind == Kind::And ? "true" : "false";
      return;
    }
    case Kind::Not: {
      // Standard OData gives `not` a higher precedence than `eq`, so the operand is parenthesised — unless it is
      // another `not`: parentheses there would add a nesting level per `not`, and the canonical text of a filter
      // near the nesting limit would no longer parse.
      out += "not ";
      const FilterPtr child = node.children.empty() ? nullptr : node.children[0];
      write_child(child, !(child && child->kind == Kind::Not), variable, out);
      return;
    }
    case Kind::Any:
    case Kind::All:
      out += collection_path(node.collection);
      out += node.kind == Kind::Any ? "/any(" : "/all(";
      if (!node.children.empty() && node.children[0]) {
        out += node.variable + ":";
        write(*node.children[0], node.variable, out);
      }
      out += ')';
      return;
    case Kind::Constant: out += node.constant ? "true" : "false"; return;
    case Kind::Invalid: out += node.invalid_text; return;
  }
}

}  // namespace

std::string to_odata(const FilterNode& node) {
  std::string out;
  write(node, "t", out);
  return out;
}

// [SECTION] builders -----------------------------------------------------------------------------

namespace odata {
namespace {

FilterPtr invalid(std::string text) {
  auto node = std::make_shared<FilterNode>();
  node->kind = FilterNode::Kind::Invalid;
  node->invalid_text = std::move(text);
  return node;
}

FilterPtr make_compare(const std::string& path, CompareOp op, FilterValue value) {
  const bool member = path.find('/') == std::string::npos && filter_field_from_path(path, true).has_value();
  const std::optional<FilterField> field = filter_field_from_path(path, member);
  if (!field) return invalid(path + " " + to_odata(op) + " " + value_text(value));
  const FieldType type = field_type(*field);
  const bool fits = value.type == FilterValue::Type::Null ||
                    (type == FieldType::Text && value.type == FilterValue::Type::Text) ||
                    (type == FieldType::DateTime && value.type == FilterValue::Type::DateTime) ||
                    (type == FieldType::Number && value.type == FilterValue::Type::Number) ||
                    (type == FieldType::Bool && value.type == FilterValue::Type::Bool);
  const bool ordered = op == CompareOp::Eq || op == CompareOp::Ne || type != FieldType::Bool;
  if (!fits || !ordered) return invalid(path + " " + to_odata(op) + " " + value_text(value));
  auto node = std::make_shared<FilterNode>();
  node->kind = FilterNode::Kind::Compare;
  node->field = *field;
  node->op = op;
  node->value = std::move(value);
  return node;
}

// Reads builder text as the value its field holds; unreadable text stays Text so the node comes out Invalid.
FilterValue read_value(const std::string& path, const std::string& text) {
  FilterValue value;
  value.type = FilterValue::Type::Text;
  value.text = text;
  const bool member = path.find('/') == std::string::npos && filter_field_from_path(path, true).has_value();
  const std::optional<FilterField> field = filter_field_from_path(path, member);
  if (!field) return value;
  switch (field_type(*field)) {
    case FieldType::Text: break;
    case FieldType::DateTime:
      if (auto time = parse_iso8601(text); time && is_odata_time(*time)) {
        value.type = FilterValue::Type::DateTime;
        value.time = *time;
      }
      break;
    case FieldType::Number: {
      char* end = nullptr;
      const double number = std::strtod(text.c_str(), &end);
      if (!text.empty() && end == text.c_str() + text.size() && std::isfinite(number)) {
        value.type = FilterValue::Type::Number;
        value.number = number;
      }
      break;
    }
    case FieldType::Bool:
      if (text == "true" || text == "false") {
        value.type = FilterValue::Type::Bool;
        value.boolean = text == "true";
      }
      break;
  }
  return value;
}

FilterPtr time_compare(const std::string& path, CompareOp op, TimeMs time) {
  FilterValue value;
  value.type = FilterValue::Type::DateTime;
  value.time = time;
  if (!is_odata_time(time)) return invalid(path + " " + to_odata(op) + " '" + std::to_string(time) + "ms'");
  return make_compare(path, op, value);
}

FilterPtr combine(FilterNode::Kind kind, std::vector<FilterPtr> parts) {
  std::vector<FilterPtr> kept;
  for (FilterPtr& part : parts)
    if (part) kept.push_back(std::move(part));
  if (kept.empty()) return constant(kind == FilterNode::Kind::And);
  if (kept.size() == 1) return kept[0];
  auto node = std::make_shared<FilterNode>();
  node->kind = kind;
  node->children = std::move(kept);
  return node;
}

}  // namespace

FilterPtr eq(std::string path, std::string value) {
  return compare(std::move(path), CompareOp::Eq, std::move(value));
}

FilterPtr compare(std::string path, CompareOp op, std::string value) {
  return make_compare(path, op, read_value(path, value));
}

FilterPtr eq_bool(std::string path, bool value) {
  FilterValue literal;
  literal.type = FilterValue::Type::Bool;
  literal.boolean = value;
  return make_compare(path, CompareOp::Eq, literal);
}

FilterPtr ge_time(std::string path, TimeMs time) {
  return time_compare(path, CompareOp::Ge, time);
}
FilterPtr gt_time(std::string path, TimeMs time) {
  return time_compare(path, CompareOp::Gt, time);
}
FilterPtr lt_time(std::string path, TimeMs time) {
  return time_compare(path, CompareOp::Lt, time);
}
FilterPtr is_null(std::string path) {
  return make_compare(path, CompareOp::Eq, FilterValue{});
}

FilterPtr any_member(FilterCollection collection, FilterPtr body) {
  auto node = std::make_shared<FilterNode>();
  node->kind = FilterNode::Kind::Any;
  node->collection = collection;
  node->variable = "t";
  if (body) node->children.push_back(std::move(body));
  return node;
}

FilterPtr constant(bool value) {
  auto node = std::make_shared<FilterNode>();
  node->kind = FilterNode::Kind::Constant;
  node->constant = value;
  return node;
}

FilterPtr all_of(std::vector<FilterPtr> parts) {
  return combine(FilterNode::Kind::And, std::move(parts));
}
FilterPtr any_of(std::vector<FilterPtr> parts) {
  return combine(FilterNode::Kind::Or, std::move(parts));
}

FilterPtr negate(FilterPtr part) {
  auto node = std::make_shared<FilterNode>();
  node->kind = FilterNode::Kind::Not;
  node->children.push_back(part ? std::move(part) : constant(true));
  return node;
}

}  // namespace odata
}  // namespace leads
