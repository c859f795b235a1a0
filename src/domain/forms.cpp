// Lead forms: validation as typed (errors are i18n keys naming the form's field) and the JSON Patch each produces.
//
// [SECTION] typed text helpers
// [SECTION] deal value
// [SECTION] validation
// [SECTION] patches
// [SECTION] prefilled forms
#include "domain/forms.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "domain/currencies.h"
#include "domain/partner_write.h"

namespace leads {

// [SECTION] typed text helpers --------------------------------------------------------------------

namespace {

// Trims ASCII blanks and the no-break spaces a paste from a spreadsheet brings (U+00A0, U+202F, U+2009).
std::string trim(std::string_view text) {
  auto blank_prefix = [](std::string_view s) -> std::size_t {
    if (!s.empty() && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n')) return 1;
    if (s.size() >= 2 && s.substr(0, 2) == "\xC2\xA0") return 2;
    if (s.size() >= 3 && (s.substr(0, 3) == "\xE2\x80\xAF" || s.substr(0, 3) == "\xE2\x80\x89")) return 3;
    return 0;
  };
  auto blank_suffix = [](std::string_view s) -> std::size_t {
    if (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) return 1;
    if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") return 2;
    if (s.size() >= 3 && (s.substr(s.size() - 3) == "\xE2\x80\xAF" || s.substr(s.size() - 3) == "\xE2\x80\x89"))
      return 3;
    return 0;
  };
  while (std::size_t n = blank_prefix(text)) text.remove_prefix(n);
  while (std::size_t n = blank_suffix(text)) text.remove_suffix(n);
  return std::string(text);
}

std::string upper_ascii(std::string text) {
  for (char& c : text)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return text;
}

// The typed date (in the form's style or ISO) as midnight UTC.
std::optional<TimeMs> parse_form_date(const std::string& text, DateStyle style) {
  const auto date = parse_user_date(text, style);
  if (!date) return std::nullopt;
  return midnight_utc(*date);
}

bool contact_is_blank(const ContactForm& contact) {
  return trim(contact.first_name).empty() && trim(contact.last_name).empty() && trim(contact.email).empty() &&
         trim(contact.phone).empty();
}

}  // namespace

const FieldError* FormErrors::find(std::string_view field) const {
  for (const FieldError& error : errors)
    if (error.field == field) return &error;
  return nullptr;
}

// [SECTION] deal value ----------------------------------------------------------------------------

namespace {

// Digits split by one kind of separator: the first group 1-3 digits, every later one exactly 3.
bool valid_grouping(const std::string& text, char separator, std::string& digits) {
  digits.clear();
  std::size_t group = 0;
  bool first = true;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == separator) {
      if (first ? (group < 1 || group > 3) : group != 3) return false;
      first = false;
      group = 0;
    } else {
      digits += text[i];
      ++group;
    }
  }
  return true;
}

// The integer part: plain digits, or digits grouped by exactly one kind of separator.
bool integer_digits(const std::string& text, std::string& digits) {
  char separator = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') continue;
    if (separator && c != separator) return false;
    separator = c;
  }
  if (!separator) {
    digits = text;
    return true;
  }
  return valid_grouping(text, separator, digits);
}

}  // namespace

std::optional<double> parse_deal_value(std::string_view typed) {
  const std::string trimmed = trim(typed);
  if (trimmed.empty() || trimmed.size() > 64) return std::nullopt;
  // Every kind of blank inside becomes ' '; anything but digits, '.', ',' and blanks is refused.
  std::string text;
  for (std::size_t i = 0; i < trimmed.size(); ++i) {
    const std::string_view rest = std::string_view(trimmed).substr(i);
    const char c = trimmed[i];
    if ((c >= '0' && c <= '9') || c == '.' || c == ',')
      text += c;
    else if (c == ' ')
      text += ' ';
    else if (rest.substr(0, 2) == "\xC2\xA0") {
      text += ' ';
      i += 1;
    } else if (rest.substr(0, 3) == "\xE2\x80\xAF" || rest.substr(0, 3) == "\xE2\x80\x89") {
      text += ' ';
      i += 2;
    } else
      return std::nullopt;
  }
  const auto last_dot = text.rfind('.');
  const auto last_comma = text.rfind(',');
  std::size_t decimal = std::string::npos;
  if (last_dot != std::string::npos && last_comma != std::string::npos) {
    decimal = std::max(last_dot, last_comma);
  } else if (last_dot != std::string::npos || last_comma != std::string::npos) {
    const std::size_t mark = last_dot != std::string::npos ? last_dot : last_comma;
    const char c = text[mark];
    const bool lone = text.find(c) == mark;
    const std::string before = text.substr(0, mark);
    const std::size_t after = text.size() - mark - 1;
    const bool short_integer = !before.empty() && before.size() <= 3 &&
                               before.find_first_not_of("0123456789") == std::string::npos && before != "0" &&
                               before[0] != '0';
    // "25.000" and "25,000" are twenty-five thousand in Turkish and English alike.
    if (lone && !(after == 3 && short_integer)) decimal = mark;
  }
  std::string integer_text = decimal == std::string::npos ? text : text.substr(0, decimal);
  std::string fraction = decimal == std::string::npos ? std::string() : text.substr(decimal + 1);
  if (decimal != std::string::npos &&
      (fraction.empty() || fraction.find_first_not_of("0123456789") != std::string::npos))
    return std::nullopt;
  std::string digits;
  if (integer_text.empty()) {
    if (fraction.empty()) return std::nullopt;
    digits = "0";
  } else if (!integer_digits(integer_text, digits)) {
    return std::nullopt;
  }
  const std::string normalized = fraction.empty() ? digits : digits + "." + fraction;
  const double value = std::strtod(normalized.c_str(), nullptr);
  if (!std::isfinite(value) || value < 0) return std::nullopt;
  return value;
}

std::string format_deal_value(double value) {
  if (!std::isfinite(value)) return {};
  char buffer[400];
  for (int decimals = 0; decimals <= 20; ++decimals) {
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    if (std::strtod(buffer, nullptr) == value) {
      std::string text = buffer;
      // Exactly three decimals would read as a thousands group ("1.234"): a trailing zero keeps it a fraction.
      if (decimals == 3) text += '0';
      return text;
    }
  }
  return buffer;
}

// [SECTION] validation ----------------------------------------------------------------------------

namespace {

void add(FormErrors& errors, std::string field, const char* key) {
  errors.errors.push_back(FieldError{std::move(field), key});
}

// Too long, or holding a control character or a bidirectional override (is_safe_text): notes may break lines.
void check_length(FormErrors& errors, const char* field, const std::string& text, std::size_t limit,
                  bool multiline = false) {
  const std::string trimmed = trim(text);
  if (text_length(trimmed) > limit)
    add(errors, field, "form.too_long");
  else if (!is_safe_text(trimmed, multiline))
    add(errors, field, "form.bad_characters");
}

void check_required_text(FormErrors& errors, const char* field, const std::string& text, std::size_t limit) {
  if (trim(text).empty())
    add(errors, field, "form.required");
  else
    check_length(errors, field, text, limit);
}

void check_deal_value(FormErrors& errors, const std::string& typed) {
  const std::string text = trim(typed);
  if (text.empty()) return add(errors, "deal_value", "form.required");
  if (parse_deal_value(text)) return;
  const bool negative = text[0] == '-' && parse_deal_value(std::string_view(text).substr(1));
  add(errors, "deal_value", negative ? "form.negative" : "form.not_a_number");
}

void check_currency(FormErrors& errors, const std::string& typed) {
  const std::string code = upper_ascii(trim(typed));
  if (code.empty())
    add(errors, "currency", "form.required");
  else if (!is_known_currency(code))
    add(errors, "currency", "form.unknown_currency");
}

void check_contacts(FormErrors& errors, const char* list, const std::vector<ContactForm>& contacts, bool at_least_one) {
  std::size_t filled = 0;
  for (std::size_t i = 0; i < contacts.size(); ++i) {
    const ContactForm& contact = contacts[i];
    if (contact_is_blank(contact)) continue;
    ++filled;
    if (auto problem =
            check_member(trim(contact.first_name), trim(contact.last_name), trim(contact.email), trim(contact.phone)))
      add(errors, std::string(list) + "/" + std::to_string(i) + "/" + problem->field, problem->key);
  }
  if (filled > kMaxMembersPerWrite) add(errors, list, "form.too_many");
  if (at_least_one && filled == 0) add(errors, list, "form.required");
}

void check_deal_fields(FormErrors& errors, const std::string& deal_name, const std::string& deal_value,
                       const std::string& currency, const std::string& notes, const std::string& crm_id,
                       const std::string& campaign_id) {
  check_required_text(errors, "deal_name", deal_name, kMaxNameLength);
  check_deal_value(errors, deal_value);
  check_currency(errors, currency);
  check_length(errors, "notes", notes, kMaxNotesLength, true);
  check_length(errors, "crm_id", crm_id, kMaxIdLength);
  check_length(errors, "campaign_id", campaign_id, kMaxIdLength);
}

void check_closing_date(FormErrors& errors, const std::string& typed, DateStyle style,
                        std::optional<TimeMs> not_before) {
  const std::string text = trim(typed);
  if (text.empty()) return add(errors, "closing_date", "form.required");
  const auto date = parse_form_date(text, style);
  if (!date) return add(errors, "closing_date", "dates.not_a_date");
  if (not_before && *date < *not_before) add(errors, "closing_date", "dates.in_past");
}

// Declining and losing: a reason from the list, and notes.
FormErrors check_close(const std::optional<CloseReason>& reason, const std::string& notes) {
  FormErrors errors;
  if (!reason) add(errors, "reason", "form.required");
  check_length(errors, "notes", notes, kMaxNotesLength, true);
  return errors;
}

}  // namespace

CivilDate earliest_accept_date(TimeMs now) {
  return utc_day_of(now);
}

FormErrors validate(const AcceptForm& form, TimeMs now) {
  FormErrors errors;
  check_deal_fields(errors, form.deal_name, form.deal_value, form.currency, form.notes, form.crm_id, form.campaign_id);
  check_closing_date(errors, form.closing_date, form.date_style, midnight_utc(earliest_accept_date(now)));
  check_contacts(errors, "contacts", form.contacts, false);
  return errors;
}

FormErrors validate(const EditForm& form, TimeMs /*now*/) {
  FormErrors errors;
  check_deal_fields(errors, form.deal_name, form.deal_value, form.currency, form.notes, form.crm_id, form.campaign_id);
  check_closing_date(errors, form.closing_date, form.date_style, std::nullopt);  // an accepted deal may run late
  return errors;
}

FormErrors validate(const DeclineForm& form) {
  return check_close(form.reason, form.notes);
}

FormErrors validate(const AddEmployeesForm& form) {
  FormErrors errors;
  check_contacts(errors, "employees", form.employees, true);
  return errors;
}

FormErrors validate(const WonForm& form) {
  FormErrors errors;
  check_length(errors, "notes", form.notes, kMaxNotesLength, true);
  return errors;
}

FormErrors validate(const LostForm& form) {
  return check_close(form.reason, form.notes);
}

// [SECTION] patches -------------------------------------------------------------------------------

namespace {

Json operation(const char* op, const char* path, Json value) {
  return Json{{"op", op}, {"path", path}, {"value", std::move(value)}};
}

Json replace(const char* path, Json value) {
  return operation("replace", path, std::move(value));
}

Json deal_value_json(const std::string& typed) {
  const auto value = parse_deal_value(typed);
  return value ? Json(*value) : Json();
}

Json closing_date_json(const std::string& typed, DateStyle style) {
  const auto date = parse_form_date(trim(typed), style);
  return date ? Json(format_iso8601(*date)) : Json();
}

void add_members(Json& patch, const std::vector<ContactForm>& contacts) {
  for (const ContactForm& contact : contacts) {
    if (contact_is_blank(contact)) continue;
    patch.push_back(operation("add", "/team/-",
                              Json{{"firstName", trim(contact.first_name)},
                                   {"lastName", trim(contact.last_name)},
                                   {"email", trim(contact.email)},
                                   {"phoneNumber", trim(contact.phone)}}));
  }
}

Json close_patch(Substatus substatus, const std::string& reason_text) {
  Json patch = Json::array();
  patch.push_back(replace("/status", to_wire(Status::Closed)));
  patch.push_back(replace("/substatus", to_wire(substatus)));
  if (!reason_text.empty()) patch.push_back(replace("/statusReason", reason_text));
  return patch;
}

}  // namespace

Json accept_patch(const AcceptForm& form) {
  Json patch = Json::array();
  patch.push_back(replace("/status", to_wire(Status::Active)));
  patch.push_back(replace("/substatus", to_wire(Substatus::Accepted)));
  patch.push_back(replace("/name", trim(form.deal_name)));
  patch.push_back(replace("/details/dealValue", deal_value_json(form.deal_value)));
  patch.push_back(replace("/details/currency", upper_ascii(trim(form.currency))));
  patch.push_back(replace("/details/closingDateTime", closing_date_json(form.closing_date, form.date_style)));
  patch.push_back(replace("/details/notes", trim(form.notes)));
  patch.push_back(replace("/externalReferenceId", trim(form.crm_id)));
  patch.push_back(replace("/campaignId", trim(form.campaign_id)));
  add_members(patch, form.contacts);
  return patch;
}

Json edit_patch(const EditForm& form, const Referral& current) {
  Json patch = Json::array();
  if (trim(form.deal_name) != current.name) patch.push_back(replace("/name", trim(form.deal_name)));
  const auto value = parse_deal_value(form.deal_value);
  if (value != current.details.deal_value)
    patch.push_back(replace("/details/dealValue", deal_value_json(form.deal_value)));
  const std::string currency = upper_ascii(trim(form.currency));
  if (currency != current.details.currency) patch.push_back(replace("/details/currency", currency));
  const auto date = parse_form_date(trim(form.closing_date), form.date_style);
  const bool same_day = date && current.details.closing_date_time &&
                        format_date(*date) == format_date(*current.details.closing_date_time);
  if (!same_day)
    patch.push_back(replace("/details/closingDateTime", closing_date_json(form.closing_date, form.date_style)));
  if (trim(form.notes) != current.details.notes) patch.push_back(replace("/details/notes", trim(form.notes)));
  if (trim(form.crm_id) != current.external_reference_id)
    patch.push_back(replace("/externalReferenceId", trim(form.crm_id)));
  if (trim(form.campaign_id) != current.campaign_id) patch.push_back(replace("/campaignId", trim(form.campaign_id)));
  return patch;
}

Json decline_patch(const DeclineForm& form) {
  return close_patch(Substatus::Declined,
                     status_reason_text(form.reason.value_or(CloseReason::Other), trim(form.notes)));
}

Json add_employees_patch(const AddEmployeesForm& form) {
  Json patch = Json::array();
  add_members(patch, form.employees);
  return patch;
}

Json won_patch(const WonForm& form) {
  return close_patch(Substatus::Won, trim(form.notes));
}

Json lost_patch(const LostForm& form) {
  return close_patch(Substatus::Lost, status_reason_text(form.reason.value_or(CloseReason::Other), trim(form.notes)));
}

// [SECTION] prefilled forms -----------------------------------------------------------------------

AcceptForm accept_form_for(const Referral& referral) {
  AcceptForm form;
  form.deal_name = referral.name;
  if (referral.details.deal_value) form.deal_value = format_deal_value(*referral.details.deal_value);
  form.currency = referral.details.currency;
  if (referral.details.closing_date_time) form.closing_date = format_date(*referral.details.closing_date_time);
  form.notes = referral.details.notes;
  form.crm_id = referral.external_reference_id;
  form.campaign_id = referral.campaign_id;
  return form;
}

EditForm edit_form_for(const Referral& referral) {
  const AcceptForm accept = accept_form_for(referral);
  return EditForm{accept.deal_name, accept.deal_value, accept.currency,    accept.closing_date,
                  accept.notes,     accept.crm_id,     accept.campaign_id, accept.date_style};
}

namespace {
void restyle(std::string& closing_date, DateStyle& current, DateStyle wanted) {
  if (const auto date = parse_user_date(trim(closing_date), current)) closing_date = format_user_date(*date, wanted);
  current = wanted;
}
}  // namespace

void use_date_style(AcceptForm& form, DateStyle style) {
  restyle(form.closing_date, form.date_style, style);
}
void use_date_style(EditForm& form, DateStyle style) {
  restyle(form.closing_date, form.date_style, style);
}

}  // namespace leads
