// The form table: one row per lifecycle action, its fields bound to FormValues, its checks and its patch.
#include "domain/form_table.h"

#include <type_traits>

namespace leads {

namespace {

// A field's value inside FormValues: `Form` picks the form (&FormValues::accept), `Member` the field in it.
template <auto Form, auto Member>
auto& value_of(FormValues& values) {
  return (values.*Form).*Member;
}

template <auto Form>
using FormOf = std::remove_reference_t<decltype(std::declval<FormValues&>().*Form)>;

// Accept and Edit share the deal's seven fields; only the notes' label differs.
template <auto Form>
std::vector<FormField> deal_fields(const char* notes_key) {
  using F = FormOf<Form>;
  return {
      {"deal_name", "form.deal_name", "name", FieldInput::Text, false, &value_of<Form, &F::deal_name>},
      {"deal_value", "form.deal_value", "details/dealValue", FieldInput::Narrow, false,
       &value_of<Form, &F::deal_value>},
      {"currency", "form.currency", "details/currency", FieldInput::Currency, true, &value_of<Form, &F::currency>},
      {"closing_date", "form.closing_date", "details/closingDateTime", FieldInput::ClosingDate, false,
       &value_of<Form, &F::closing_date>},
      {"notes", notes_key, "details/notes", FieldInput::Notes, false, &value_of<Form, &F::notes>},
      {"crm_id", "form.crm_id", "externalReferenceId", FieldInput::Narrow, false, &value_of<Form, &F::crm_id>},
      {"campaign_id", "form.campaign_id", "campaignId", FieldInput::Narrow, true, &value_of<Form, &F::campaign_id>},
  };
}

// Decline and Lost: a reason and notes, both written into statusReason.
template <auto Form>
std::vector<FormField> close_fields() {
  using F = FormOf<Form>;
  return {{"reason", "form.reason", "statusReason", FieldInput::Reason, false, nullptr, &value_of<Form, &F::reason>},
          {"notes", "form.notes", "statusReason", FieldInput::Notes, false, &value_of<Form, &F::notes>}};
}

FormField people_field(const char* name, const char* caption, std::vector<ContactForm>& (*people)(FormValues&)) {
  return {name, caption, "team/-", FieldInput::People, false, nullptr, nullptr, people};
}

std::vector<FormField> accept_fields() {
  std::vector<FormField> fields = deal_fields<&FormValues::accept>("form.notes_expected");
  fields.push_back(
      people_field("contacts", "form.extra_contacts", &value_of<&FormValues::accept, &AcceptForm::contacts>));
  return fields;
}

std::vector<FormField> employee_fields() {
  return {people_field("employees", nullptr, &value_of<&FormValues::employees, &AddEmployeesForm::employees>)};
}

// Won's notes go into statusReason, with no reason code.
std::vector<FormField> won_fields() {
  return {
      {"notes", "form.notes", "statusReason", FieldInput::Notes, false, &value_of<&FormValues::won, &WonForm::notes>}};
}

std::vector<FormSpec> build_table() {
  return {
      {Action::Accept, "form.accept_title", "form.next", "toast.accepted", accept_fields(),
       [](const FormValues& v, TimeMs now) { return validate(v.accept, now); },
       [](const FormValues& v, const Referral&) { return accept_patch(v.accept); },
       [](FormValues& v, const Referral& lead) { v.accept = accept_form_for(lead); }},
      {Action::Decline, "form.decline_title", "form.close_deal", "toast.declined", close_fields<&FormValues::decline>(),
       [](const FormValues& v, TimeMs) { return validate(v.decline); },
       [](const FormValues& v, const Referral&) { return decline_patch(v.decline); },
       [](FormValues&, const Referral&) {}},
      {Action::Edit, "form.edit_title", "form.save", "toast.edited", deal_fields<&FormValues::edit>("form.notes"),
       [](const FormValues& v, TimeMs now) { return validate(v.edit, now); },
       [](const FormValues& v, const Referral& lead) { return edit_patch(v.edit, lead); },
       [](FormValues& v, const Referral& lead) { v.edit = edit_form_for(lead); }},
      {Action::AddEmployee, "form.employees_title", "form.add_employees", "toast.employees_added", employee_fields(),
       [](const FormValues& v, TimeMs) { return validate(v.employees); },
       [](const FormValues& v, const Referral&) { return add_employees_patch(v.employees); },
       [](FormValues& v, const Referral&) { v.employees.employees.resize(1); }},
      {Action::Won, "form.won_title", "form.mark_won", "toast.won", won_fields(),
       [](const FormValues& v, TimeMs) { return validate(v.won); },
       [](const FormValues& v, const Referral&) { return won_patch(v.won); }, [](FormValues&, const Referral&) {}},
      {Action::Lost, "form.lost_title", "form.mark_lost", "toast.lost", close_fields<&FormValues::lost>(),
       [](const FormValues& v, TimeMs) { return validate(v.lost); },
       [](const FormValues& v, const Referral&) { return lost_patch(v.lost); }, [](FormValues&, const Referral&) {}},
  };
}

}  // namespace

const std::vector<FormSpec>& form_table() {
  static const std::vector<FormSpec> kTable = build_table();
  return kTable;
}

const FormSpec& form_of(Action action) {
  for (const FormSpec& spec : form_table())
    if (spec.action == action) return spec;
  return form_table().front();  // every Action has a form (forms_test checks)
}

std::string field_for_target(Action action, const std::string& target) {
  for (const FormField& field : form_of(action).fields)
    if (target == field.wire_path) return field.name;
  return target;
}

void use_date_style(FormValues& values, DateStyle style) {
  use_date_style(values.accept, style);
  use_date_style(values.edit, style);
}

}  // namespace leads
