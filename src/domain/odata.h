// OData $filter and $orderby for the referrals list: one expression tree shared by the parser and evaluator
// (server-mock) and the builder (client), so both sides agree on every field and operator.
#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/referral.h"
#include "domain/timestamp.h"

namespace leads {

// Where the text went wrong: `position` is a byte offset into the text given to the parser.
struct ODataError {
  std::size_t position = 0;
  std::string message;
};

constexpr std::size_t kMaxODataLength = 4096;
constexpr int kMaxODataNesting = 32;

// [SECTION] the $filter tree

// Every field a filter may name. The Member* fields exist only inside team/any(...) or team/all(...).
enum class FilterField {
  Status,
  Substatus,
  Qualification,
  Type,
  Direction,
  Name,
  Id,
  CreatedDateTime,
  UpdatedDateTime,
  ExpirationDateTime,
  AcceptedDateTime,
  ClosedDateTime,
  DealValue,
  Currency,
  CustomerRequestedContact,
  CustomerName,
  Country,
  City,
  InvitedByOrganizationId,
  MemberEmail,
  MemberFirstName,
  MemberLastName,
  MemberPhoneNumber,
};
enum class FieldType { Text, DateTime, Number, Bool };
// The lists a lambda may range over: `team` (partner's people) and `customerProfile/team` (customer contacts).
enum class FilterCollection { Team, CustomerTeam };

const char* field_path(FilterField field);  // "customerProfile/address/country"; members without the variable: "email"
FieldType field_type(FilterField field);
bool is_member_field(FilterField field);
const char* collection_path(FilterCollection collection);
// The field a path names: top-level paths outside a lambda, member paths ("email") inside one.
std::optional<FilterField> filter_field_from_path(std::string_view path, bool member);

// Date-times a filter can hold: years 0001 to 9999, so each one prints and re-reads as the same text.
bool is_odata_time(TimeMs time);
// A number as OData text: the shortest form that reads back to the same double ("12.5", "1e+20").
std::string format_odata_number(double value);

enum class CompareOp { Eq, Ne, Gt, Ge, Lt, Le };
const char* to_odata(CompareOp op);

// A literal, already typed by the field it is compared with.
struct FilterValue {
  enum class Type { Null, Text, DateTime, Number, Bool };
  Type type = Type::Null;
  std::string text;
  TimeMs time = 0;
  double number = 0;
  bool boolean = false;
};
bool operator==(const FilterValue& a, const FilterValue& b);

struct FilterNode;
using FilterPtr = std::shared_ptr<const FilterNode>;

struct FilterNode {
  enum class Kind {
    Compare,   // field op value
    And,       // two or more children, all true
    Or,        // two or more children, any true
    Not,       // one child
    Any,       // collection/any(variable:body): some member matches (no body: the list is not empty)
    All,       // collection/all(variable:body): every member matches
    Constant,  // true or false
    Invalid,   // made by a builder from an unknown path or an unreadable value: matches nothing, and its
               // text (`invalid_text`) fails to parse, so the server names the problem rather than ignoring it
  };
  Kind kind = Kind::Constant;
  FilterField field = FilterField::Status;
  CompareOp op = CompareOp::Eq;
  FilterValue value;
  std::vector<FilterPtr> children;
  FilterCollection collection = FilterCollection::Team;
  std::string variable;  // the lambda's variable, e.g. "t"
  bool constant = true;
  std::string invalid_text;
};
// Structural equality, used to check that parse(to_odata(t)) == t.
bool operator==(const FilterNode& a, const FilterNode& b);
inline bool operator!=(const FilterNode& a, const FilterNode& b) {
  return !(a == b);
}

struct FilterParse {
  FilterPtr tree;
  std::optional<ODataError> error;
};

// Comparisons eq ne gt ge lt le; and, or, not (not > and > or); parentheses; string literals in single quotes
// ('' escapes a quote); date-times quoted or bare ISO-8601; numbers; true, false, null; paths with '/';
// collection/any(t:t/email eq '…') and all(...). A comparison names the field on its left; a Bool field alone
// means "eq true". Bounded: at most kMaxODataLength bytes and kMaxODataNesting levels of (, not and lambdas
// (a not and the parentheses right after it are one level).
FilterParse parse_filter(std::string_view text);

// Missing values are null: `acceptedDateTime eq null` holds while it is absent; gt/ge/lt/le against null are false.
// Text compares byte-wise and case-sensitively, enums by their wire text.
bool evaluate_filter(const FilterNode& node, const Referral& referral);

// Canonical text: date-times quoted in the API's seven-digit form, numbers in their shortest exact form,
// `not (…)` always parenthesised, and parentheses wherever they keep the tree's shape.
std::string to_odata(const FilterNode& node);

// Builders for the client. An unknown path or a value its field cannot hold gives an Invalid node.
namespace odata {
FilterPtr eq(std::string path, std::string value);  // the value is read as the field's type (text, date-time, …)
FilterPtr compare(std::string path, CompareOp op, std::string value);
FilterPtr eq_bool(std::string path, bool value);
FilterPtr ge_time(std::string path, TimeMs time);
FilterPtr gt_time(std::string path, TimeMs time);
FilterPtr lt_time(std::string path, TimeMs time);
FilterPtr is_null(std::string path);
FilterPtr any_member(FilterCollection collection,
                     FilterPtr body);  // body's fields are Member* fields; null body = non-empty
FilterPtr constant(bool value);
FilterPtr all_of(std::vector<FilterPtr> parts);  // none: true; one: that part; nulls are skipped
FilterPtr any_of(std::vector<FilterPtr> parts);  // none: false; one: that part; nulls are skipped
FilterPtr negate(FilterPtr part);
}  // namespace odata

// [SECTION] $orderby

enum class OrderField { CreatedDateTime, UpdatedDateTime, ExpirationDateTime, DealValue, Name };
const char* order_field_path(OrderField field);

struct OrderBy {
  std::vector<std::pair<OrderField, bool /*descending*/>> keys;
};
bool operator==(const OrderBy& a, const OrderBy& b);

struct OrderByParse {
  OrderBy order;
  std::optional<ODataError> error;
};

// "createdDateTime desc,name": fields as in the API contract, each optionally asc|desc; a field named twice, an
// unknown field or empty text is an error with its position.
OrderByParse parse_orderby(std::string_view text);

// Missing values sort first ascending (last descending); ties are broken by id ascending so paging is stable.
bool order_before(const OrderBy& order, const Referral& a, const Referral& b);

// "createdDateTime desc,name" (asc is left out).
std::string to_odata(const OrderBy& order);

}  // namespace leads
