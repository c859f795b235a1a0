// The $filter evaluator: decides whether one referral matches a parsed or built tree (server-mock's list).
#include "domain/odata.h"

namespace leads {
namespace {

// A field's value in one referral: text, an optional instant or number, or a flag.
struct FieldValue {
  FieldType type = FieldType::Text;
  const std::string* text = nullptr;
  std::optional<TimeMs> time;
  std::optional<double> number;
  bool flag = false;
};

FieldValue read_field(FilterField field, const Referral& r, const Member* member) {
  FieldValue v;
  v.type = field_type(field);
  static const std::string kEmpty;
  v.text = &kEmpty;
  switch (field) {
    case FilterField::Status: v.text = &r.status.wire; break;
    case FilterField::Substatus: v.text = &r.substatus.wire; break;
    case FilterField::Qualification: v.text = &r.qualification.wire; break;
    case FilterField::Type: v.text = &r.type.wire; break;
    case FilterField::Direction: v.text = &r.direction.wire; break;
    case FilterField::Name: v.text = &r.name; break;
    case FilterField::Id: v.text = &r.id; break;
    case FilterField::CreatedDateTime: v.time = r.created_date_time; break;
    case FilterField::UpdatedDateTime: v.time = r.updated_date_time; break;
    case FilterField::ExpirationDateTime: v.time = r.expiration_date_time; break;
    case FilterField::AcceptedDateTime: v.time = r.accepted_date_time; break;
    case FilterField::ClosedDateTime: v.time = r.closed_date_time; break;
    case FilterField::DealValue: v.number = r.details.deal_value; break;
    case FilterField::Currency: v.text = &r.details.currency; break;
    case FilterField::CustomerRequestedContact: v.flag = r.details.customer_requested_contact; break;
    case FilterField::CustomerName: v.text = &r.customer_profile.name; break;
    case FilterField::Country: v.text = &r.customer_profile.address.country; break;
    case FilterField::City: v.text = &r.customer_profile.address.city; break;
    case FilterField::InvitedByOrganizationId: v.text = &r.invite_context.invited_by.organization_id; break;
    case FilterField::MemberEmail:
      if (member) v.text = &member->email;
      break;
    case FilterField::MemberFirstName:
      if (member) v.text = &member->first_name;
      break;
    case FilterField::MemberLastName:
      if (member) v.text = &member->last_name;
      break;
    case FilterField::MemberPhoneNumber:
      if (member) v.text = &member->phone_number;
      break;
  }
  return v;
}

// -1, 0, 1 as a three-way comparison would give.
template <class T>
int order(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

bool holds(CompareOp op, int cmp) {
  switch (op) {
    case CompareOp::Eq: return cmp == 0;
    case CompareOp::Ne: return cmp != 0;
    case CompareOp::Gt: return cmp > 0;
    case CompareOp::Ge: return cmp >= 0;
    case CompareOp::Lt: return cmp < 0;
    case CompareOp::Le: return cmp <= 0;
  }
  return false;
}

// Null compares equal only to null; ordering against a null on either side is false.
bool null_result(CompareOp op, bool both_null) {
  if (op == CompareOp::Eq) return both_null;
  if (op == CompareOp::Ne) return !both_null;
  return false;
}

bool compare(const FilterNode& node, const Referral& r, const Member* member) {
  if (is_member_field(node.field) && !member) return false;
  const FieldValue field = read_field(node.field, r, member);
  const FilterValue& literal = node.value;
  const bool literal_null = literal.type == FilterValue::Type::Null;
  switch (field.type) {
    case FieldType::Text: {
      if (!literal_null && literal.type != FilterValue::Type::Text) return false;
      // Empty text stands for null: the wire's absent and empty strings read alike.
      const bool literal_empty = literal_null || literal.text.empty();
      if (literal_empty || field.text->empty()) return null_result(node.op, literal_empty && field.text->empty());
      return holds(node.op, order(*field.text, literal.text));
    }
    case FieldType::DateTime:
      if (literal_null || !field.time) return null_result(node.op, literal_null && !field.time);
      if (literal.type != FilterValue::Type::DateTime) return false;
      return holds(node.op, order(*field.time, literal.time));
    case FieldType::Number:
      if (literal_null || !field.number) return null_result(node.op, literal_null && !field.number);
      if (literal.type != FilterValue::Type::Number) return false;
      return holds(node.op, order(*field.number, literal.number));
    case FieldType::Bool:
      if (literal_null) return null_result(node.op, false);
      if (literal.type != FilterValue::Type::Bool) return false;
      if (node.op != CompareOp::Eq && node.op != CompareOp::Ne) return false;
      return holds(node.op, field.flag == literal.boolean ? 0 : 1);
  }
  return false;
}

bool evaluate(const FilterNode& node, const Referral& r, const Member* member) {
  using Kind = FilterNode::Kind;
  switch (node.kind) {
    case Kind::Compare: return compare(node, r, member);
    case Kind::And:
      for (const FilterPtr& child : node.children)
        if (child && !evaluate(*child, r, member)) return false;
      return true;
    case Kind::Or:
      for (const FilterPtr& child : node.children)
        if (!child || evaluate(*child, r, member)) return true;
      return false;
    case Kind::Not: return node.children.empty() || !node.children[0] || !evaluate(*node.children[0], r, member);
    case Kind::Any:
    case Kind::All: {
      if (member) return false;  // lambdas do not nest
      const std::vector<Member>& list = node.collection == FilterCollection::Team ? r.team : r.customer_profile.team;
      const FilterNode* body = node.children.empty() ? nullptr : node.children[0].get();
      if (node.kind == Kind::Any) {
        if (!body) return !list.empty();
        for (const Member& m : list)
          if (evaluate(*body, r, &m)) return true;
        return false;
      }
      for (const Member& m : list)
        if (body && !evaluate(*body, r, &m)) return false;
      return true;
    }
    case Kind::Constant: return node.constant;
    case Kind::Invalid: return false;
  }
  return false;
}

}  // namespace

bool evaluate_filter(const FilterNode& node, const Referral& referral) {
  return evaluate(node, referral, nullptr);
}

}  // namespace leads
