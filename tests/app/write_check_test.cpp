// Tests of reading a write back: whether a patch is reflected in a lead (after an unclear failure) and which fields
// differ between two versions (after a 412).
#include "app/write_check.h"

#include <doctest/doctest.h>

#include "app_test_support.h"
#include "domain/forms.h"
#include "domain/json_patch.h"
#include "support/accept_form.h"

using namespace leads;
using namespace leads::test;

namespace {

Json replace(const char* path, Json value) {
  return Json{{"op", "replace"}, {"path", path}, {"value", value}};
}

Json add_member(const char* first, const char* last, const char* email, const char* phone) {
  return Json{{"op", "add"},
              {"path", "/team/-"},
              {"value", {{"firstName", first}, {"lastName", last}, {"email", email}, {"phoneNumber", phone}}}};
}

Member member(const char* first, const char* last, const char* email, const char* phone) {
  Member m;
  m.first_name = first;
  m.last_name = last;
  m.email = email;
  m.phone_number = phone;
  return m;
}

AcceptForm accept_values() {
  AcceptForm form = a_filled_accept_form();
  form.crm_id = "CRM-7";
  form.contacts = {ContactForm{"Ayşe", "Yılmaz", "ayse@partner.test", "+90 212 555 00 00"}};
  return form;
}

Referral after_patch(const Referral& lead, const Json& patch) {
  Json document = referral_to_json(lead);
  REQUIRE_FALSE(apply_json_patch(patch, document));
  Referral out;
  REQUIRE_FALSE(referral_from_json(document, out));
  return out;
}

}  // namespace

TEST_CASE("an accept patch is applied to the lead the server returns after applying it, not to the old one") {
  const Json patch = accept_patch(accept_values());
  const Referral before = make_lead("a");
  const Referral after = after_patch(before, patch);
  CHECK(patch_applied(patch, after));
  CHECK_FALSE(patch_applied(patch, before));
}

TEST_CASE("a replace is applied only when the lead holds exactly that value") {
  Referral lead = make_lead("a");
  lead.details.notes = "yes";
  lead.details.deal_value = 100;
  CHECK(patch_applied(Json::array({replace("/details/notes", "yes")}), lead));
  CHECK_FALSE(patch_applied(Json::array({replace("/details/notes", "no")}), lead));
  CHECK(patch_applied(Json::array({replace("/details/dealValue", 100)}), lead));
  CHECK(patch_applied(Json::array({replace("/details/dealValue", 100.0)}), lead));
  CHECK_FALSE(patch_applied(Json::array({replace("/details/dealValue", 100.5)}), lead));
  // Every operation must be there, not just some.
  CHECK_FALSE(patch_applied(Json::array({replace("/details/notes", "yes"), replace("/name", "other")}), lead));
  CHECK(patch_applied(Json::array({replace("/status", "New"), replace("/substatus", "Received")}), lead));
}

TEST_CASE("an added team member is applied when a member with the same name, email and phone exists") {
  Referral lead = make_lead("a");
  const Json patch = Json::array({add_member("Ayşe", "Yılmaz", "ayse@partner.test", "+90 212")});
  CHECK_FALSE(patch_applied(patch, lead));
  lead.team.push_back(member("Mehmet", "Demir", "mehmet@partner.test", ""));
  CHECK_FALSE(patch_applied(patch, lead));
  lead.team.push_back(member("Ayşe", "Yılmaz", "other@partner.test", "+90 212"));
  CHECK_FALSE(patch_applied(patch, lead));
  lead.team.push_back(member("Ayşe", "Yılmaz", "ayse@partner.test", "+90 212"));
  CHECK(patch_applied(patch, lead));
}

TEST_CASE("a patch that is not a list of operations with values is never taken as applied") {
  const Referral lead = make_lead("a");
  CHECK_FALSE(patch_applied(Json(), lead));
  CHECK_FALSE(patch_applied(Json::object(), lead));
  CHECK_FALSE(patch_applied(Json::array({Json{{"op", "replace"}, {"path", "/name"}}}), lead));
  CHECK_FALSE(patch_applied(Json::array({Json{{"op", "replace"}, {"value", "x"}}}), lead));
  CHECK_FALSE(patch_applied(Json::array({replace("/no/such/field", "x")}), lead));
  CHECK_FALSE(patch_applied(Json::array({add_member("", "", "", "")}), lead));
}

TEST_CASE("two identical versions have no changed fields") {
  const Referral lead = make_lead("a");
  CHECK(changed_fields(lead, lead).empty());
  Referral cosmetic = lead;
  cosmetic.etag = "\"a-v9\"";
  cosmetic.customer_profile.name = "not a field the forms edit";
  CHECK(changed_fields(lead, cosmetic).empty());
}

TEST_CASE("changed fields name every form field that differs, in the form's order") {
  const Referral mine = make_lead("a");
  Referral theirs = make_lead("a", "Active", "Accepted");
  theirs.name = "theirs";
  theirs.details.deal_value = 5;
  theirs.details.closing_date_time = kNow;
  theirs.details.notes = "n";
  theirs.external_reference_id = "crm";
  theirs.campaign_id = "cmp";
  theirs.team.push_back(member("A", "B", "a@b.test", ""));
  theirs.status_reason = "r";
  CHECK(changed_fields(mine, theirs) == std::vector<std::string>{"field.stage", "field.deal_name", "field.deal_value",
                                                                 "field.closing_date", "field.notes", "field.crm_id",
                                                                 "field.campaign_id", "field.team", "field.reason"});
}

TEST_CASE("a changed currency alone counts as a changed deal value, and a substatus alone as a changed stage") {
  const Referral mine = make_lead("a");
  Referral theirs = mine;
  theirs.details.currency = "EUR";
  CHECK(changed_fields(mine, theirs) == std::vector<std::string>{"field.deal_value"});
  theirs = mine;
  theirs.substatus = substatus_from_wire("Pending");
  CHECK(changed_fields(mine, theirs) == std::vector<std::string>{"field.stage"});
}
