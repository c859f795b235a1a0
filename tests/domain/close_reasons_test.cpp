// Tests of the decline and lost reasons and their "code: notes" statusReason form.
#include "domain/close_reasons.h"

#include <doctest/doctest.h>

#include <set>

using namespace leads;

TEST_CASE("the eight reasons have distinct wire codes and keys that read back") {
  REQUIRE(all_close_reasons().size() == 8);
  std::set<std::string> codes, keys;
  for (CloseReason reason : all_close_reasons()) {
    codes.insert(to_wire(reason));
    keys.insert(to_key(reason));
    CHECK(close_reason_from_wire(to_wire(reason)) == reason);
  }
  CHECK(codes.size() == 8);
  CHECK(keys.size() == 8);
  CHECK(std::string(to_wire(CloseReason::BudgetNotAdequate)) == "budgetNotAdequate");
  CHECK(std::string(to_wire(CloseReason::AbuseSpamPhishing)) == "abuseSpamPhishing");
  CHECK(std::string(to_wire(CloseReason::Other)) == "other");
  CHECK(std::string(to_key(CloseReason::BudgetNotAdequate)) == "reason.budget_not_adequate");
  CHECK(std::string(to_key(CloseReason::ProposedTimelineTooShort)) == "reason.proposed_timeline_too_short");
}

TEST_CASE("an unknown or differently cased code is not a reason") {
  CHECK_FALSE(close_reason_from_wire("BudgetNotAdequate"));
  CHECK_FALSE(close_reason_from_wire("budget"));
  CHECK_FALSE(close_reason_from_wire(""));
}

TEST_CASE("statusReason text is the code, then ': ' and the notes when there are any") {
  CHECK(status_reason_text(CloseReason::BudgetNotAdequate, "Bütçe yetersiz") == "budgetNotAdequate: Bütçe yetersiz");
  CHECK(status_reason_text(CloseReason::Other, "") == "other");
}

TEST_CASE("statusReason text parses back into the reason and the notes") {
  auto parsed = parse_status_reason("budgetNotAdequate: Bütçe yetersiz: 2027'ye kaldı");
  CHECK(parsed.reason == CloseReason::BudgetNotAdequate);
  CHECK(parsed.notes == "Bütçe yetersiz: 2027'ye kaldı");
  parsed = parse_status_reason("notACustomer");
  CHECK(parsed.reason == CloseReason::NotACustomer);
  CHECK(parsed.notes.empty());
  parsed = parse_status_reason("other:no space");
  CHECK(parsed.reason == CloseReason::Other);
  CHECK(parsed.notes == "no space");
}

TEST_CASE("statusReason text without a known code is all notes") {
  auto parsed = parse_status_reason("Customer was delighted");
  CHECK_FALSE(parsed.reason);
  CHECK(parsed.notes == "Customer was delighted");
  parsed = parse_status_reason("tooExpensive: maybe");
  CHECK_FALSE(parsed.reason);
  CHECK(parsed.notes == "tooExpensive: maybe");
  parsed = parse_status_reason("");
  CHECK_FALSE(parsed.reason);
  CHECK(parsed.notes.empty());
}
