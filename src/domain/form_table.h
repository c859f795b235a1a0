// The form of each lifecycle action as one table: its fields (and the wire path each writes), validation, patch,
// what it opens with, and its title/submit/success i18n keys. The form views and update_forms read it.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/close_reasons.h"
#include "domain/forms.h"
#include "domain/lifecycle.h"

namespace leads {

// The values of every form; only the open form's part is used.
struct FormValues {
  AcceptForm accept;
  EditForm edit;
  DeclineForm decline;
  AddEmployeesForm employees;
  WonForm won;
  LostForm lost;
};

// How a field is typed: the view draws each kind the same way in every form.
enum class FieldInput { Text, Narrow, Notes, Currency, ClosingDate, Reason, People };

struct FormField {
  const char* name;       // the form's own name, which its errors carry: "deal_name", "contacts"
  const char* label_key;  // "form.deal_name"; for People the caption above the rows (nullptr: none)
  const char* wire_path;  // what it writes, as a server error's target names it: "details/dealValue"
  FieldInput input;
  bool beside_previous;                                          // drawn on the same line as the field before
  std::string& (*text)(FormValues&) = nullptr;                   // every input but Reason and People
  std::optional<CloseReason>& (*reason)(FormValues&) = nullptr;  // Reason
  std::vector<ContactForm>& (*people)(FormValues&) = nullptr;    // People
};

struct FormSpec {
  Action action;  // the lifecycle action the form performs: its kind
  const char* title_key;
  const char* submit_key;
  const char* success_key;  // the toast once the server took it
  std::vector<FormField> fields;
  FormErrors (*validate)(const FormValues& values, TimeMs now);
  Json (*patch)(const FormValues& values, const Referral& lead);
  void (*open)(FormValues& values, const Referral& lead);  // what the form starts with (prefilled from the lead)
};

const std::vector<FormSpec>& form_table();  // one row per lifecycle action
const FormSpec& form_of(Action action);

// The field of `action`'s form that a server error's target ("details/dealValue") points at, so the error shows
// where the user can fix it; the target itself when no field writes it.
std::string field_for_target(Action action, const std::string& target);

// The dates of every form read and shown in `style` (see use_date_style in forms.h).
void use_date_style(FormValues& values, DateStyle style);

}  // namespace leads
