// Tests of the wire field tables as the readers and the writer use them: every row is written and read back, the
// writer leaves out only what a row says to, and a required row is required by both readers.
#include "domain/referral_fields.h"

#include <doctest/doctest.h>

#include <string>

#include "domain/referral_json.h"
#include "domain/referral_page_reader.h"

using namespace leads;

namespace {

const JsonLimits kPageLimits{1 << 20, 32};

// A lead with every field set, so that nothing the writer may leave out is empty; dates as the writer writes them.
const char* kFullLead = R"({
  "id": "r-1", "engagementId": "e-1", "name": "Kurumsal e-posta geçişi", "organizationId": "org",
  "organizationName": "Şirket", "externalReferenceId": "CRM-1", "campaignId": "camp",
  "createdDateTime": "2026-09-21T09:30:00.0000000Z", "updatedDateTime": "2026-09-22T09:30:00.0000000Z",
  "expirationDateTime": "2026-09-23T09:30:00.0000000Z", "acceptedDateTime": "2026-09-24T09:30:00.0000000Z",
  "closedDateTime": "2026-09-25T09:30:00.0000000Z",
  "status": "Closed", "substatus": "Won", "statusReason": "Won", "type": "Shared", "qualification": "Direct",
  "direction": "Incoming",
  "customerProfile": {"name": "Şahin Lojistik", "size": "51to250employees",
    "address": {"addressLine1": "Cad. 1", "addressLine2": "Kat 2", "city": "İstanbul", "state": "İstanbul",
      "postalCode": "34000", "country": "TR", "region": "EMEA"},
    "team": [{"firstName": "Ayşe", "lastName": "Yılmaz", "email": "ayse@ornek.com.tr", "phoneNumber": "+90 212",
      "title": "BT Müdürü", "contactPreference": {"locale": "tr-TR", "disableNotifications": true}}]},
  "consent": {"consentToToShareInfoWithOthers": true, "consentToContact": true,
    "consentToShareReferralWithMicrosoftSellers": true},
  "details": {"notes": "40 lisans", "dealValue": 1250.5, "currency": "TRY",
    "closingDateTime": "2026-12-31T00:00:00.0000000Z", "requirements": {"products": [{"id": "p1"}]},
    "customerRequestedContact": true},
  "team": [{"firstName": "Can", "lastName": "Öz", "email": "can@ornek.com.tr", "phoneNumber": "+90 216",
    "title": "Satış", "contactPreference": {"locale": "tr-TR", "disableNotifications": false}}],
  "inviteContext": {"notes": "not", "invitedBy": {"organizationId": "msft", "organizationName": "Microsoft"}},
  "eTag": "\"v1\"", "links": {"self": {"uri": "/x"}}
})";

Referral full_lead() {
  Referral lead;
  REQUIRE_FALSE(referral_from_json(Json::parse(kFullLead), lead));
  return lead;
}

// Every property of `json` named by the rows of `wire`, nested objects and members included; "" when all are there.
std::string missing_property(const WireObject& wire, const Json& json, const std::string& path) {
  for (const WireField& field : wire) {
    const std::string name(field.name);
    if (!json.contains(name)) return path + name;
    if (field.shape == WireShape::Object) {
      const std::string missing = missing_property(*field.nested, json[name], path + name + "/");
      if (!missing.empty()) return missing;
    }
    if (field.shape == WireShape::Members)
      for (const Json& member : json[name]) {
        const std::string missing = missing_property(*field.nested, member, path + name + "/0/");
        if (!missing.empty()) return missing;
      }
  }
  return "";
}

}  // namespace

TEST_CASE("every row of the wire tables is written, and both readers read it back to the same lead") {
  const Json written = referral_to_json(full_lead());
  CHECK(missing_property(referral_wire(), written, "") == "");
  CHECK(written == Json::parse(kFullLead));
  Referral dom;
  REQUIRE_FALSE(referral_from_json(written, dom));
  CHECK(referral_to_json(dom) == written);
  const std::optional<ReferralPage> page = read_referral_page(dump_json(Json{{"value", {written}}}), kPageLimits);
  REQUIRE(page);
  REQUIRE(page->items.size() == 1);
  CHECK(referral_to_json(page->items[0]) == written);
}

TEST_CASE("the writer leaves out an empty title, unset top-level dates and null links; other unset values are null") {
  Referral lead;
  lead.id = "r-1";
  lead.status = status_from_wire("New");
  lead.team.emplace_back();
  const Json written = referral_to_json(lead);
  for (const char* left_out :
       {"createdDateTime", "updatedDateTime", "expirationDateTime", "acceptedDateTime", "closedDateTime", "links"})
    CHECK_MESSAGE(!written.contains(left_out), left_out);
  CHECK_FALSE(written["team"][0].contains("title"));
  CHECK(written["team"][0]["firstName"] == "");
  CHECK(written["details"]["closingDateTime"].is_null());  // unset, but written as null
  CHECK(written["details"].contains("closingDateTime"));
  CHECK(written["details"]["dealValue"].is_null());
  CHECK(written["details"].contains("dealValue"));
  CHECK(written["statusReason"] == "");
}

TEST_CASE("a required row is required by both readers; the id only once the lead is stored") {
  for (const WireField& field : referral_wire()) {
    if (field.need == WireNeed::Optional) continue;
    Json json = referral_to_json(full_lead());
    json.erase(std::string(field.name));
    Referral lead;
    const std::optional<FieldError> error = referral_from_json(json, lead);
    REQUIRE(error);
    CHECK(error->field == field.name);
    CHECK(error->message == "is required");
    CHECK_FALSE(read_referral_page(dump_json(Json{{"value", {json}}}), kPageLimits));
    CHECK(static_cast<bool>(referral_from_json(json, lead, {false})) == (field.need == WireNeed::Required));
  }
  int required = 0;
  for (const WireField& field : referral_wire()) required += field.need != WireNeed::Optional;
  CHECK(required == 2);  // the id and the status
}
