// Tests of the rule for a lead created by POST: the stage a new lead may have and the same field checks as a PATCH.
#include "domain/incoming_lead.h"

#include <doctest/doctest.h>

#include "domain/partner_write.h"
#include "support/lead_builder.h"

using namespace leads;

namespace {

// What a partner's POST carries: a named deal with one customer contact.
Referral incoming() {
  return test::a_lead()
      .name("Yeni müşteri adayı")
      .customer("Anadolu Lojistik")
      .contact(Member{"Ayşe", "Şahin", "ayse@anadolu.com.tr", "", "", {}, {}})
      .deal(0, "TRY");
}

std::string target(const Referral& ref) {
  const auto error = check_incoming_lead(ref);
  return error ? error->field : "ok";
}

}  // namespace

TEST_CASE("an incoming lead starts New/Received or New/Pending, never accepted or closed") {
  Referral ref = incoming();
  CHECK(target(ref) == "ok");
  ref.substatus = wire_enum(Substatus::Pending);
  CHECK(target(ref) == "ok");
  ref.status = wire_enum(Status::Closed);
  ref.substatus = wire_enum(Substatus::Won);
  CHECK(target(ref) == "status");
  ref = incoming();
  ref.status = wire_enum(Status::Active);
  CHECK(target(ref) == "status");
  ref = incoming();
  ref.substatus = wire_enum(Substatus::Accepted);
  CHECK(target(ref) == "substatus");
  ref = incoming();
  ref.closed_date_time = 0;
  CHECK(target(ref) == "closedDateTime");
  ref = incoming();
  ref.status_reason = "other: x";
  CHECK(target(ref) == "statusReason");
}

TEST_CASE("an incoming lead's value is 0 or more and its currency an ISO 4217 code") {
  Referral ref = incoming();
  ref.details.deal_value = -1;
  CHECK(target(ref) == "details/dealValue");
  ref = incoming();
  ref.details.currency = "XXX";
  CHECK(target(ref) == "details/currency");
  ref.details.currency = "try";
  CHECK(target(ref) == "details/currency");
  ref.details.currency = "";
  ref.details.deal_value.reset();
  CHECK(target(ref) == "ok");
}

TEST_CASE("an incoming lead's members are valid and bounded, and its names hold no hidden characters") {
  Referral ref = incoming();
  ref.customer_profile.team.push_back(Member{"", "", "not-an-email", "", "", {}, {}});
  CHECK(target(ref) == "customerProfile/team/1/firstName");
  ref = incoming();
  ref.customer_profile.team[0].email = "not-an-email";
  CHECK(target(ref) == "customerProfile/team/0/email");
  ref = incoming();
  ref.team.assign(kMaxTeamSize + 1, Member{"Ali", "Veli", "ali@example.com", "", "", {}, {}});
  CHECK(target(ref) == "team");
  ref.team.resize(kMaxTeamSize);
  CHECK(target(ref) == "ok");
  ref = incoming();
  ref.customer_profile.name = "Evil \u202Ecod.exe";
  CHECK(target(ref) == "customerProfile/name");
  ref = incoming();
  ref.name = std::string("Deal\0", 5);
  CHECK(target(ref) == "name");
  ref = incoming();
  ref.details.notes = "two\nlines";
  CHECK(target(ref) == "ok");
  ref.details.notes = std::string(kMaxNotesLength + 1, 'n');
  CHECK(target(ref) == "details/notes");
}
