// Tests of the ISO 4217 table, its search (the currency combo) and the forms' currency validation.
#include "domain/currencies.h"

#include <doctest/doctest.h>

#include <set>
#include <string>

#include "domain/forms.h"
#include "domain/timestamp.h"
#include "support/accept_form.h"

using namespace leads;

namespace {

std::vector<std::string> codes(const std::vector<const Currency*>& list) {
  std::vector<std::string> out;
  for (const Currency* currency : list) out.emplace_back(currency->code);
  return out;
}

bool contains(const std::vector<std::string>& list, const std::string& code) {
  return std::find(list.begin(), list.end(), code) != list.end();
}

}  // namespace

TEST_CASE("every active ISO 4217 currency: three upper-case letters, unique, each with both names") {
  const auto& all = all_currencies();
  CHECK(all.size() >= 150);
  std::set<std::string> seen;
  for (const Currency* currency : all) {
    CAPTURE(currency->code);
    REQUIRE(currency->code.size() == 3);
    for (char c : currency->code) CHECK((c >= 'A' && c <= 'Z'));
    CHECK(seen.insert(std::string(currency->code)).second);
    CHECK(!currency->english.empty());
    CHECK(!currency->turkish.empty());
    CHECK(find_currency(currency->code) == currency);
  }
  for (const char* code : {"TRY", "USD", "EUR", "GBP", "JPY", "CHF", "AED", "SAR", "XCG", "ZWG"})
    CHECK_MESSAGE(seen.count(code) == 1, code);
  CHECK(codes(all).at(0) == "TRY");  // the usual ones first
  CHECK(codes(all).at(3) == "GBP");
}

TEST_CASE("only active codes, upper case exactly, are known") {
  for (const char* code : {"TRY", "JPY", "XOF"}) CHECK(is_known_currency(code));
  for (const char* code : {"", "try", "TR", "TRYY", "XXX", "XAU", "XDR", "ZWL", "ANG", "HRK"})
    CHECK_FALSE_MESSAGE(is_known_currency(code), code);
  CHECK(find_currency("TRY")->turkish == "Türk lirası");
  CHECK(find_currency("EUR")->english == "Euro");
}

TEST_CASE("the currency search finds by code and by name in either language, folded") {
  CHECK(codes(search_currencies("TRY")).at(0) == "TRY");
  CHECK(codes(search_currencies("try")).at(0) == "TRY");
  const auto lira = codes(search_currencies("lira"));
  CHECK(lira.at(0) == "TRY");    // the usual one first among names
  CHECK(contains(lira, "EGP"));  // Mısır lirası
  CHECK_FALSE(contains(lira, "USD"));
  CHECK(codes(search_currencies("euro")) == std::vector<std::string>{"EUR"});
  CHECK(contains(codes(search_currencies("TÜRK")), "TRY"));
  CHECK(contains(codes(search_currencies("turk")), "TRY"));  // ü folds to u
  CHECK(contains(codes(search_currencies("yen")), "JPY"));
  CHECK(codes(search_currencies("ABD doları")) == std::vector<std::string>{"USD"});
  const auto us = codes(search_currencies("US"));
  CHECK(us.at(0) == "USD");  // a code starting with it comes before names containing it
  CHECK(search_currencies("").size() == all_currencies().size());
  CHECK(search_currencies("qqq").empty());
}

TEST_CASE("the forms accept any active ISO 4217 code and refuse others with form.unknown_currency") {
  const TimeMs now = *parse_iso8601("2026-11-20T10:00:00Z");
  AcceptForm form = test::a_filled_accept_form();
  for (const char* code : {"JPY", "chf", " xof "}) {
    form.currency = code;
    CHECK_MESSAGE(validate(form, now).ok(), code);
  }
  for (const char* code : {"ABC", "XXX", "ZWL", "lira"}) {
    form.currency = code;
    const FormErrors errors = validate(form, now);
    const FieldError* error = errors.find("currency");
    REQUIRE_MESSAGE(error, code);
    CHECK(error->message == "form.unknown_currency");
  }
}
