// Tests of the form table: one form per lifecycle action, each field bound to its own value and naming the wire
// path it writes, so a server error lands on the field that wrote it.
#include "domain/form_table.h"

#include <doctest/doctest.h>

#include <set>

using namespace leads;

TEST_CASE("every lifecycle action has one form, in the lifecycle's order") {
  REQUIRE(form_table().size() == lifecycle().size());
  for (std::size_t i = 0; i < lifecycle().size(); ++i) {
    CHECK(form_table()[i].action == lifecycle()[i].action);
    CHECK(&form_of(lifecycle()[i].action) == &form_table()[i]);
  }
}

TEST_CASE("each form has its own title, submit and success keys") {
  std::set<std::string> titles, toasts;
  for (const FormSpec& spec : form_table()) {
    titles.insert(spec.title_key);
    toasts.insert(spec.success_key);
  }
  CHECK(titles.size() == form_table().size());
  CHECK(toasts.size() == form_table().size());
  CHECK(std::string(form_of(Action::Accept).submit_key) == "form.next");
  CHECK(std::string(form_of(Action::AddEmployee).success_key) == "toast.employees_added");
}

TEST_CASE("every field is bound to a value of its own kind, and distinct fields to distinct values") {
  for (const FormSpec& spec : form_table()) {
    FormValues values;
    std::set<const void*> bound;
    for (const FormField& field : spec.fields) {
      const bool text = field.input != FieldInput::Reason && field.input != FieldInput::People;
      CHECK((field.text != nullptr) == text);
      CHECK((field.reason != nullptr) == (field.input == FieldInput::Reason));
      CHECK((field.people != nullptr) == (field.input == FieldInput::People));
      const void* at = text           ? static_cast<const void*>(&field.text(values))
                       : field.reason ? static_cast<const void*>(&field.reason(values))
                                      : static_cast<const void*>(&field.people(values));
      CHECK(bound.insert(at).second);
    }
  }
}

TEST_CASE("a form's validation and patch read the fields the table binds") {
  Referral lead;
  FormValues values;
  form_of(Action::Decline).fields[0].reason(values) = CloseReason::NotACustomer;
  form_of(Action::Decline).fields[1].text(values) = "no budget";
  CHECK(form_of(Action::Decline).validate(values, 0).ok());
  CHECK(form_of(Action::Decline).patch(values, lead) == decline_patch(values.decline));
  CHECK(values.decline.notes == "no budget");
  form_of(Action::Edit).fields[0].text(values) = "Deal";
  CHECK(values.edit.deal_name == "Deal");
  CHECK(form_of(Action::Lost).validate(values, 0).find("reason"));
}

TEST_CASE("a server error's target is shown on the field that writes it") {
  const struct {
    Action action;
    const char* target;
    const char* field;
  } cases[] = {
      {Action::Accept, "name", "deal_name"},
      {Action::Accept, "details/dealValue", "deal_value"},
      {Action::Accept, "details/currency", "currency"},
      {Action::Accept, "details/closingDateTime", "closing_date"},
      {Action::Accept, "details/notes", "notes"},
      {Action::Edit, "externalReferenceId", "crm_id"},
      {Action::Edit, "campaignId", "campaign_id"},
      {Action::Decline, "statusReason", "reason"},
      {Action::Lost, "statusReason", "reason"},
      {Action::Won, "statusReason", "notes"},
      {Action::Accept, "team/-", "contacts"},
      {Action::AddEmployee, "team/-", "employees"},
      {Action::Accept, "status", "status"},  // no field writes it: shown as is
  };
  for (const auto& c : cases) {
    CAPTURE(c.target);
    CHECK(field_for_target(c.action, c.target) == c.field);
  }
}

TEST_CASE("a form opens prefilled from the lead where it edits the lead") {
  Referral lead;
  lead.name = "Kurumsal e-posta";
  lead.details.currency = "TRY";
  FormValues values;
  form_of(Action::Accept).open(values, lead);
  CHECK(values.accept.deal_name == "Kurumsal e-posta");
  form_of(Action::Edit).open(values, lead);
  CHECK(values.edit.currency == "TRY");
  form_of(Action::AddEmployee).open(values, lead);
  CHECK(values.employees.employees.size() == 1);  // one empty row to type into
}
