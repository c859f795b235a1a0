// The lead forms as the user types them: validation naming the field, and the exact JSON Patch each one produces.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/close_reasons.h"
#include "domain/referral_json.h"
#include "domain/user_dates.h"

namespace leads {

struct ContactForm {
  std::string first_name, last_name, email, phone;
};
struct AcceptForm {
  std::string deal_name;
  std::string deal_value;    // as typed: "1.234,56" and "1234.56" are both accepted
  std::string currency;      // ISO 4217; lower case is upper-cased
  std::string closing_date;  // as typed, in date_style's form or ISO (domain/user_dates.h); sent as ISO
  DateStyle date_style = DateStyle::English;
  std::string notes, crm_id, campaign_id;
  std::vector<ContactForm> contacts;  // rows left entirely blank are ignored
};
struct EditForm {
  std::string deal_name, deal_value, currency, closing_date, notes, crm_id, campaign_id;
  DateStyle date_style = DateStyle::English;  // how closing_date is read (see AcceptForm)
};
struct DeclineForm {
  std::optional<CloseReason> reason;
  std::string notes;
};
struct AddEmployeesForm {
  std::vector<ContactForm> employees;  // rows left entirely blank are ignored; at least one is needed
};
struct WonForm {
  std::string notes;
};
struct LostForm {
  std::optional<CloseReason> reason;
  std::string notes;
};

// Field names are the form's own: "deal_name", "deal_value", "currency", "closing_date", "notes", "crm_id",
// "campaign_id", "reason", "contacts", "contacts/0/email", "employees", "employees/1/phone", …
// Messages are i18n keys: "form.required", "form.too_long", "form.not_a_number", "form.negative",
// "form.unknown_currency", "dates.not_a_date", "dates.in_past", "form.bad_email", "form.bad_phone",
// "form.name_required", "form.contact_required", "form.too_many", "form.bad_characters" (a control character or a
// bidirectional override: is_safe_text).
struct FormErrors {
  std::vector<FieldError> errors;
  bool ok() const { return errors.empty(); }
  const FieldError* find(std::string_view field) const;
};

FormErrors validate(const AcceptForm& form, TimeMs now);  // the closing date may not be before today (UTC)
CivilDate earliest_accept_date(TimeMs now);               // that first allowed day: today (UTC)
FormErrors validate(const EditForm& form, TimeMs now);    // the closing date must be a real date; past is fine
FormErrors validate(const DeclineForm& form);
FormErrors validate(const AddEmployeesForm& form);
FormErrors validate(const WonForm& form);
FormErrors validate(const LostForm& form);

// Finite and >= 0. Both "1.234,56" (tr) and "1,234.56" (en) work, as do blanks as thousands separators. When both
// '.' and ',' appear the last one is the decimal mark; a lone mark followed by exactly three digits after a
// non-zero 1-3 digit integer part groups thousands ("25.000" and "25,000" are 25000); otherwise it is decimal.
std::optional<double> parse_deal_value(std::string_view typed);
// The shortest text that parse_deal_value reads back as exactly `value` ("1250.5", "25000", "1.2340").
std::string format_deal_value(double value);

// Each assumes the form validated. Text is sent trimmed, the currency upper-cased, the date as midnight UTC.
Json accept_patch(const AcceptForm& form);
Json edit_patch(const EditForm& form, const Referral& current);  // only the fields that differ from `current`
Json decline_patch(const DeclineForm& form);
Json add_employees_patch(const AddEmployeesForm& form);
Json won_patch(const WonForm& form);
Json lost_patch(const LostForm& form);

AcceptForm accept_form_for(const Referral& referral);  // prefilled from the lead (the date in ISO)
EditForm edit_form_for(const Referral& referral);

// Reads the form's date in `style` from now on; a date already there that reads in the old style is rewritten in
// the new one (prefilled ISO, or typed before the language changed), anything else is kept as typed.
void use_date_style(AcceptForm& form, DateStyle style);
void use_date_style(EditForm& form, DateStyle style);

}  // namespace leads
