// $orderby: parsing "createdDateTime desc,name", ordering referrals by it (ties by id), and writing it back.
#include "domain/odata.h"

namespace leads {
namespace {

constexpr std::pair<OrderField, const char*> kOrderFields[] = {
    {OrderField::CreatedDateTime, "createdDateTime"},
    {OrderField::UpdatedDateTime, "updatedDateTime"},
    {OrderField::ExpirationDateTime, "expirationDateTime"},
    {OrderField::DealValue, "details/dealValue"},
    {OrderField::Name, "name"},
};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '/';
}

std::string shown(std::string_view text) {
  constexpr std::size_t kMax = 40;
  return "'" + std::string(text.substr(0, kMax)) + (text.size() > kMax ? "…'" : "'");
}

// Missing values first: -1, 0, 1 with nullopt smallest.
template <class T>
int order_optional(const std::optional<T>& a, const std::optional<T>& b) {
  if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
  return *a < *b ? -1 : (*b < *a ? 1 : 0);
}

int order_by_field(OrderField field, const Referral& a, const Referral& b) {
  switch (field) {
    case OrderField::CreatedDateTime: return order_optional(a.created_date_time, b.created_date_time);
    case OrderField::UpdatedDateTime: return order_optional(a.updated_date_time, b.updated_date_time);
    case OrderField::ExpirationDateTime: return order_optional(a.expiration_date_time, b.expiration_date_time);
    case OrderField::DealValue: return order_optional(a.details.deal_value, b.details.deal_value);
    case OrderField::Name: {
      const int cmp = a.name.compare(b.name);
      return cmp < 0 ? -1 : (cmp > 0 ? 1 : 0);
    }
  }
  return 0;
}

}  // namespace

const char* order_field_path(OrderField field) {
  for (const auto& entry : kOrderFields)
    if (entry.first == field) return entry.second;
  return "";
}

bool operator==(const OrderBy& a, const OrderBy& b) {
  return a.keys == b.keys;
}

OrderByParse parse_orderby(std::string_view text) {
  OrderByParse result;
  const auto fail = [&](std::size_t position, std::string message) {
    result.error = ODataError{position, std::move(message)};
    result.order.keys.clear();
    return result;
  };
  if (text.size() > kMaxODataLength)
    return fail(kMaxODataLength, "$orderby is longer than " + std::to_string(kMaxODataLength) + " characters");
  std::size_t pos = 0;
  const auto skip_space = [&] {
    while (pos < text.size() && is_space(text[pos])) ++pos;
  };
  const auto read_word = [&] {
    const std::size_t start = pos;
    while (pos < text.size() && is_word_char(text[pos])) ++pos;
    return text.substr(start, pos - start);
  };
  skip_space();
  if (pos == text.size()) return fail(pos, "$orderby is empty");
  while (true) {
    skip_space();
    const std::size_t field_pos = pos;
    const std::string_view name = read_word();
    if (name.empty()) {
      if (pos == text.size()) return fail(pos, "expected a field name, found the end of $orderby");
      return fail(pos, "expected a field name, found " + shown(text.substr(pos, 1)));
    }
    std::optional<OrderField> field;
    for (const auto& entry : kOrderFields)
      if (name == entry.second) field = entry.first;
    if (!field)
      return fail(field_pos,
                  "cannot order by " + shown(name) +
                      " (use createdDateTime, updatedDateTime, expirationDateTime, details/dealValue or name)");
    for (const auto& key : result.order.keys)
      if (key.first == *field) return fail(field_pos, shown(name) + " is listed twice");
    bool descending = false;
    skip_space();
    const std::size_t word_pos = pos;
    const std::string_view direction = read_word();
    if (direction == "desc") {
      descending = true;
    } else if (!direction.empty() && direction != "asc") {
      return fail(word_pos, "expected asc or desc after " + shown(name) + ", found " + shown(direction));
    }
    result.order.keys.emplace_back(*field, descending);
    skip_space();
    if (pos == text.size()) break;
    if (text[pos] != ',') return fail(pos, "expected ',' or the end of $orderby, found " + shown(text.substr(pos, 1)));
    ++pos;
  }
  return result;
}

bool order_before(const OrderBy& order, const Referral& a, const Referral& b) {
  for (const auto& [field, descending] : order.keys) {
    const int cmp = order_by_field(field, a, b);
    if (cmp != 0) return descending ? cmp > 0 : cmp < 0;
  }
  return a.id < b.id;
}

std::string to_odata(const OrderBy& order) {
  std::string out;
  for (const auto& [field, descending] : order.keys) {
    if (!out.empty()) out += ',';
    out += order_field_path(field);
    if (descending) out += " desc";
  }
  return out;
}

}  // namespace leads
