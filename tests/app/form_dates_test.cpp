// Tests of the forms' dates in update(): prefilled in the UI language's form, typed in it and sent as ISO, and
// rewritten when the language changes while the form is open (what cannot be read is kept as typed).
#include "app_test_support.h"

using namespace leads;
using namespace leads::test;

namespace {

Referral accepted_with_date() {
  Referral lead = make_lead("c", "Active", "Accepted");
  lead.details.deal_value = 1000;
  lead.details.currency = "TRY";
  lead.details.closing_date_time = *parse_iso8601("2031-03-31T00:00:00Z");
  return lead;
}

std::string sent_closing_date(const fx::SendHttp& request) {
  for (const Json& operation : parse_json_text(request.request.body).value)
    if (operation["path"] == "/details/closingDateTime") return operation["value"].get<std::string>();
  return "";
}

}  // namespace

TEST_CASE("the edit form opens with the lead's date in the UI language's form") {
  TestApp turkish(Language::Turkish);
  turkish.load({accepted_with_date()});
  turkish.open_form(Action::Edit, "c");
  CHECK(turkish.state.form.values.edit.closing_date == "31.03.2031");
  CHECK(turkish.state.form.errors.ok());
  TestApp english;
  english.load({accepted_with_date()});
  english.open_form(Action::Edit, "c");
  CHECK(english.state.form.values.edit.closing_date == "Mar 31, 2031");
}

TEST_CASE("a Turkish date typed into the accept form is sent as ISO midnight UTC") {
  TestApp app(Language::Turkish);
  app.load({make_lead("a")});
  app.open_form(Action::Accept, "a");
  FormValues values = app.state.form.values;
  values.accept.deal_value = "1.250,50";
  values.accept.currency = "TRY";
  values.accept.closing_date = "31.3.2031";
  app.dispatch(act::EditForm{values});
  REQUIRE(app.state.form.errors.ok());
  const auto requests = effects_of<fx::SendHttp>(app.dispatch(act::SubmitForm{}));
  REQUIRE(requests.size() == 1);
  CHECK(sent_closing_date(requests[0]) == "2031-03-31T00:00:00.0000000Z");
  CHECK(app.state.form.values.accept.closing_date == "31.3.2031");  // the form keeps what was typed
}

TEST_CASE("switching the language rewrites the open form's date; an unreadable one stays and is still refused") {
  TestApp app(Language::Turkish);
  app.load({accepted_with_date()});
  app.open_form(Action::Edit, "c");
  app.dispatch(act::SetLanguage{Language::English});
  CHECK(app.state.form.values.edit.closing_date == "Mar 31, 2031");
  CHECK(app.state.form.initial.edit.closing_date == "Mar 31, 2031");  // still "untouched" for a conflict's rebase
  CHECK(app.state.form.errors.ok());
  FormValues values = app.state.form.values;
  values.edit.closing_date = "31.02.2031";
  app.dispatch(act::EditForm{values});
  app.dispatch(act::SetLanguage{Language::Turkish});
  CHECK(app.state.form.values.edit.closing_date == "31.02.2031");
  REQUIRE(app.state.form.errors.find("closing_date"));
  CHECK(app.state.form.errors.find("closing_date")->message == "dates.not_a_date");
}
