// The server's rule for a partner's PATCH: shape, allowed paths, value checks, lifecycle transitions, clocks.
//
// [SECTION] shared limits and plausibility checks
// [SECTION] checking each operation
// [SECTION] checking the transition and the result
#include "domain/partner_write.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <iterator>

#include "domain/classification.h"
#include "domain/clocks.h"
#include "domain/close_reasons.h"
#include "domain/json_patch.h"
#include "domain/lifecycle.h"

namespace leads {

// [SECTION] shared limits and plausibility checks -------------------------------------------------

bool is_plausible_email(std::string_view email) {
  if (email.empty() || email.size() > kMaxMemberFieldLength * 4) return false;
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos) return false;
  for (char c : email)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';')
      return false;
  const std::string_view domain = email.substr(at + 1);
  const auto last_dot = domain.rfind('.');
  if (last_dot == std::string_view::npos || last_dot == 0 || domain.size() - last_dot - 1 < 2) return false;
  if (domain.find("..") != std::string_view::npos || domain.front() == '-' || domain.back() == '-') return false;
  return true;
}

bool is_plausible_phone(std::string_view phone) {
  int digits = 0;
  for (std::size_t i = 0; i < phone.size(); ++i) {
    const char c = phone[i];
    if (c >= '0' && c <= '9')
      ++digits;
    else if (c == '+' && i == 0)
      continue;
    else if (c != ' ' && c != '(' && c != ')' && c != '-' && c != '.' && c != '/')
      return false;
  }
  return digits >= 7 && digits <= 15;
}

bool is_safe_text(std::string_view utf8, bool multiline) {
  for (std::size_t i = 0; i < utf8.size();) {
    const auto byte = static_cast<unsigned char>(utf8[i]);
    if (byte < 0x80) {
      const bool line_break = byte == '\t' || byte == '\n' || byte == '\r';
      if ((byte < 0x20 && !(multiline && line_break)) || byte == 0x7f) return false;
      ++i;
      continue;
    }
    const std::optional<char32_t> code = decode_utf8(utf8, i);  // strict: overlong forms, surrogates… refused
    if (!code) return false;
    if (*code <= 0x9F) return false;                                                                 // C1 controls
    if ((*code >= 0x202A && *code <= 0x202E) || (*code >= 0x2066 && *code <= 0x2069)) return false;  // bidi
  }
  return true;
}

namespace {
bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}
}  // namespace

std::optional<MemberProblem> check_member(std::string_view first_name, std::string_view last_name,
                                          std::string_view email, std::string_view phone) {
  if (text_length(first_name) > kMaxMemberFieldLength) return MemberProblem{"first_name", "form.too_long"};
  if (text_length(last_name) > kMaxMemberFieldLength) return MemberProblem{"last_name", "form.too_long"};
  if (text_length(email) > kMaxMemberFieldLength) return MemberProblem{"email", "form.too_long"};
  if (text_length(phone) > kMaxMemberFieldLength) return MemberProblem{"phone", "form.too_long"};
  if (!is_safe_text(first_name)) return MemberProblem{"first_name", "form.bad_characters"};
  if (!is_safe_text(last_name)) return MemberProblem{"last_name", "form.bad_characters"};
  if (!is_safe_text(email)) return MemberProblem{"email", "form.bad_characters"};
  if (!is_safe_text(phone)) return MemberProblem{"phone", "form.bad_characters"};
  if (is_blank(first_name) && is_blank(last_name)) return MemberProblem{"first_name", "form.name_required"};
  if (is_blank(email) && is_blank(phone)) return MemberProblem{"email", "form.contact_required"};
  if (!is_blank(email) && !is_plausible_email(email)) return MemberProblem{"email", "form.bad_email"};
  if (!is_blank(phone) && !is_plausible_phone(phone)) return MemberProblem{"phone", "form.bad_phone"};
  return std::nullopt;
}

namespace {
const char* member_wire_field(std::string_view form_field) {
  if (form_field == "first_name") return "firstName";
  if (form_field == "last_name") return "lastName";
  if (form_field == "phone") return "phoneNumber";
  return "email";
}
}  // namespace

std::optional<FieldError> check_member_fields(const Member& member, const std::string& path) {
  if (auto problem = check_member(member.first_name, member.last_name, member.email, member.phone_number)) {
    const std::string_view key = problem->key;
    std::string message = "the member is not valid";
    if (key == "form.too_long")
      message = "is longer than " + std::to_string(kMaxMemberFieldLength) + " characters";
    else if (key == "form.bad_characters")
      message = kUnsafeTextMessage;
    else if (key == "form.name_required")
      message = "a team member needs a first or last name";
    else if (key == "form.contact_required")
      message = "a team member needs an email or a phone number";
    else if (key == "form.bad_email")
      message = "is not a plausible email address";
    else if (key == "form.bad_phone")
      message = "is not a plausible phone number";
    return FieldError{path + "/" + member_wire_field(problem->field), message};
  }
  if (text_length(member.title) > kMaxMemberFieldLength)
    return FieldError{path + "/title", "is longer than " + std::to_string(kMaxMemberFieldLength) + " characters"};
  if (!is_safe_text(member.title)) return FieldError{path + "/title", kUnsafeTextMessage};
  return std::nullopt;
}

// [SECTION] checking each operation ---------------------------------------------------------------

namespace {

WriteResult invalid(std::string target, std::string message) {
  return WriteResult{std::nullopt,
                     WriteError{WriteErrorKind::Invalid, FieldError{std::move(target), std::move(message)}}};
}

// A decimal number as JSON writes it ("-12", "1250.50", "1e3"): what a numeric-string dealValue may look like.
bool is_decimal_text(const std::string& text) {
  std::size_t i = 0;
  if (i < text.size() && text[i] == '-') ++i;
  const std::size_t int_start = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  if (i == int_start) return false;
  if (i < text.size() && text[i] == '.') {
    const std::size_t frac_start = ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == frac_start) return false;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    const std::size_t exp_start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == exp_start) return false;
  }
  return i == text.size() && text.size() <= 64;
}

enum class Writable { Status, Substatus, StatusReason, Name, DealValue, Currency, ClosingDate, Notes, Id, Member };

std::optional<Writable> writable_path(const std::string& path) {
  if (path == "/name") return Writable::Name;
  if (path == "/details/dealValue") return Writable::DealValue;
  if (path == "/details/currency") return Writable::Currency;
  if (path == "/details/closingDateTime") return Writable::ClosingDate;
  if (path == "/details/notes") return Writable::Notes;
  if (path == "/externalReferenceId" || path == "/campaignId") return Writable::Id;
  if (path == "/status") return Writable::Status;
  if (path == "/substatus") return Writable::Substatus;
  if (path == "/statusReason") return Writable::StatusReason;
  if (path == "/team/-") return Writable::Member;
  return std::nullopt;
}

// Checks one operation's shape, path and value; returns the error, if any.
std::optional<WriteResult> check_operation(const Json& operation, std::size_t index) {
  const std::string where = "operation " + std::to_string(index);
  if (!operation.is_object()) return invalid(std::to_string(index), where + " must be an object");
  auto op_it = operation.find("op");
  auto path_it = operation.find("path");
  auto value_it = operation.find("value");
  if (op_it == operation.end() || !op_it->is_string())
    return invalid(std::to_string(index), where + " needs \"op\" as a string");
  if (path_it == operation.end() || !path_it->is_string())
    return invalid(std::to_string(index), where + " needs \"path\" as a string");
  const std::string& op = op_it->get_ref<const std::string&>();
  const std::string& path = path_it->get_ref<const std::string&>();
  const std::string target = path.empty() || path[0] != '/' ? path : path.substr(1);
  if (op != "replace" && op != "add")
    return invalid(target, where + ": \"" + op + "\" is not supported (only replace and add)");
  const auto kind = writable_path(path);
  if (!kind) return invalid(target, where + ": a partner may not write \"" + path + "\"");
  if (*kind == Writable::Member && op != "add") return invalid(target, where + ": team members are added with \"add\"");
  if (value_it == operation.end()) return invalid(target, where + " (" + path + ") needs a value");
  const Json& value = *value_it;

  if (*kind == Writable::DealValue) {
    double number = 0;
    if (value.is_number()) {
      number = value.get<double>();
    } else if (value.is_string() && is_decimal_text(value.get_ref<const std::string&>())) {
      number = std::strtod(value.get_ref<const std::string&>().c_str(), nullptr);
    } else {
      return invalid(target, "the deal value must be a number");
    }
    if (!std::isfinite(number)) return invalid(target, "the deal value must be a finite number");
    if (number < 0) return invalid(target, "the deal value must be 0 or more");
    return std::nullopt;
  }
  if (*kind == Writable::Member) {
    if (!value.is_object()) return invalid(target, "a team member must be an object");
    Member member;
    if (auto error = member_from_json(value, "team/-", member)) return invalid(error->field, error->message);
    if (auto error = check_member_fields(member, "team/-")) return invalid(error->field, error->message);
    return std::nullopt;
  }
  if (!value.is_string()) return invalid(target, "must be a string");
  const std::string& text = value.get_ref<const std::string&>();
  const auto too_long = [&](std::size_t limit, bool multiline = false) -> std::optional<WriteResult> {
    if (text_length(text) > limit) return invalid(target, "is longer than " + std::to_string(limit) + " characters");
    if (!is_safe_text(text, multiline)) return invalid(target, kUnsafeTextMessage);
    return std::nullopt;
  };
  switch (*kind) {
    case Writable::Name:
      if (is_blank(text)) return invalid(target, "the deal name may not be empty");
      return too_long(kMaxNameLength);
    case Writable::Notes: return too_long(kMaxNotesLength, true);
    case Writable::Id: return too_long(kMaxIdLength);
    case Writable::Currency:
      if (!is_known_currency(text)) return invalid(target, "\"" + text + "\" is not an ISO 4217 currency code");
      return std::nullopt;
    case Writable::ClosingDate:
      if (!parse_iso8601(text)) return invalid(target, "must be an ISO-8601 date");
      return std::nullopt;
    case Writable::StatusReason: {
      if (text_length(parse_status_reason(text).notes) > kMaxNotesLength || text_length(text) > kMaxNotesLength + 64)
        return invalid(target, "the notes are longer than " + std::to_string(kMaxNotesLength) + " characters");
      if (!is_safe_text(text, true)) return invalid(target, kUnsafeTextMessage);
      return std::nullopt;
    }
    case Writable::Status:
      if (status_from_wire(text) == Status::Unknown || status_from_wire(text) == Status::None)
        return invalid(target, "\"" + text + "\" is not a status a partner may set");
      return std::nullopt;
    case Writable::Substatus:
      if (substatus_from_wire(text) == Substatus::Unknown)
        return invalid(target, "\"" + text + "\" is not a substatus");
      return std::nullopt;
    default: return std::nullopt;
  }
}

// [SECTION] checking the transition and the result ------------------------------------------------

bool pair_in_table(Status status, Substatus substatus) {
  switch (status) {
    case Status::New: return substatus == Substatus::Pending || substatus == Substatus::Received;
    case Status::Active: return substatus == Substatus::Accepted;
    case Status::Closed:
      return substatus == Substatus::Won || substatus == Substatus::Lost || substatus == Substatus::Declined ||
             substatus == Substatus::Expired || substatus == Substatus::Error;
    default: return false;
  }
}

int status_rank(Status status) {
  switch (status) {
    case Status::New: return 0;
    case Status::Active: return 1;
    case Status::Closed: return 2;
    default: return -1;
  }
}

// A patch that leads nowhere the lifecycle allows from the lead's stage. The target is the field a client should
// look at: a new lead's status (accept or decline), an accepted lead's substatus (won or lost).
WriteResult no_transition(const Referral& current, Stage from) {
  std::string allowed;
  for (const Transition& row : lifecycle()) {
    if (row.from != from) continue;
    const std::string pair = std::string(to_wire(row.to_status)) + "/" + to_wire(row.to_substatus);
    if (allowed.find(pair) == std::string::npos) allowed += (allowed.empty() ? "" : " or ") + pair;
  }
  return invalid(from == Stage::Received ? "status" : "substatus",
                 "a " + current.status.wire + "/" + current.substatus.wire + " referral can only become " + allowed);
}

// What a transition needs of the lead as the patch leaves it, and the field the refusal names.
std::optional<WriteResult> check_need(Need need, const Referral& lead, const char* doing) {
  const std::string needs = std::string(doing) + " needs ";
  switch (need) {
    case Need::DealName:
      if (is_blank(lead.name)) return invalid("name", needs + "a deal name");
      return std::nullopt;
    case Need::DealValue:
      if (!lead.details.deal_value) return invalid("details/dealValue", needs + "a deal value");
      return std::nullopt;
    case Need::Currency:
      if (!is_known_currency(lead.details.currency))
        return invalid("details/currency", needs + "an ISO 4217 currency code");
      return std::nullopt;
    case Need::ClosingDate:
      if (!lead.details.closing_date_time) return invalid("details/closingDateTime", needs + "a closing date");
      return std::nullopt;
    case Need::ReasonCode:
      if (!parse_status_reason(lead.status_reason).reason)
        return invalid("statusReason", needs + "a statusReason starting with one of the reason codes");
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

WriteResult apply_partner_patch(const Referral& current, const Json& patch, Role role, TimeMs now) {
  if (!role_may_act(role))
    return WriteResult{std::nullopt, WriteError{WriteErrorKind::Forbidden,
                                                FieldError{"", "this role may read referrals but not change them"}}};
  if (!patch.is_array()) return invalid("", "the body must be a JSON Patch array");
  if (patch.size() > kMaxPatchOperations)
    return invalid("", "at most " + std::to_string(kMaxPatchOperations) + " operations per request");
  std::size_t members_added = 0;
  for (std::size_t i = 0; i < patch.size(); ++i) {
    if (auto error = check_operation(patch[i], i)) return *error;
    if (patch[i].find("path")->get_ref<const std::string&>() == "/team/-") ++members_added;
  }
  if (members_added > kMaxMembersPerWrite)
    return invalid("team", "at most " + std::to_string(kMaxMembersPerWrite) + " team members per request");

  const Stage stage = stage_of(current);
  if (stage == Stage::Archived) return invalid("status", "a closed referral accepts no change");
  if (stage == Stage::Unknown)
    return invalid("status",
                   "a referral in status " + current.status.wire + "/" + current.substatus.wire + " cannot be changed");
  if (is_past_expiry(current, now)) return invalid("status", "the referral has expired");

  Json document = referral_to_json(current);
  if (auto error = apply_json_patch(patch, document)) return invalid(error->field, error->message);
  Referral updated;
  if (auto error = referral_from_json(document, updated)) return invalid(error->field, error->message);

  const Status from = current.status.value;
  const Status to = updated.status.value;
  const Substatus to_sub = updated.substatus.value;
  if (status_rank(to) < status_rank(from))
    return invalid("status",
                   "status never moves backwards (" + current.status.wire + " to " + updated.status.wire + ")");
  if (!pair_in_table(to, to_sub))
    return invalid("substatus",
                   "substatus " + updated.substatus.wire + " does not go with status " + updated.status.wire);
  const Transition* transition = transition_between(stage, to, to_sub);
  if (!transition) return no_transition(current, stage);
  for (Need need : transition->needs)
    if (auto error = check_need(need, updated, transition->doing)) return *error;
  if (updated.team.size() > kMaxTeamSize)
    return invalid("team", "a referral has at most " + std::to_string(kMaxTeamSize) + " team members");

  if (from == Status::New && to == Status::Active) updated.accepted_date_time = now;
  if (to == Status::Closed) updated.closed_date_time = now;
  updated.updated_date_time = now;
  updated.etag = current.etag;
  return WriteResult{std::move(updated), std::nullopt};
}

}  // namespace leads
