// Tests of the byte and byte-pair bitmaps that decide, or narrow down, which rows a search reads.
#include "domain/gram_index.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace leads;

namespace {

std::vector<std::size_t> rows_of(const GramIndex::Candidates& candidates, std::size_t row_count) {
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < row_count; ++row)
    if (candidates.has(row)) rows.push_back(row);
  return rows;
}

using Rows = std::vector<std::size_t>;

}  // namespace

TEST_CASE("one letter and two letters or digits are decided by the bitmaps alone") {
  GramIndex grams;
  grams.set_row(0, "ali veli");
  grams.set_row(1, "ayse 42");
  grams.set_row(2, "mehmet");
  const auto one = grams.candidates({"v"});
  CHECK(one.exact);
  CHECK(rows_of(one, 3) == Rows{0});
  const auto pair = grams.candidates({"li"});
  CHECK(pair.exact);
  CHECK(rows_of(pair, 3) == Rows{0});
  const auto digits = grams.candidates({"42"});
  CHECK(digits.exact);
  CHECK(rows_of(digits, 3) == Rows{1});
  // Every word must be there: "a" is in rows 0 and 1, "me" only in row 2.
  CHECK(rows_of(grams.candidates({"a", "me"}), 3).empty());
  CHECK(rows_of(grams.candidates({"e", "me"}), 3) == Rows{2});
}

TEST_CASE("longer words and pairs with other bytes leave candidates that must be read") {
  GramIndex grams;
  grams.set_row(0, "ist anbul");  // the word itself
  grams.set_row(1, "is st");      // both pairs, not the word
  grams.set_row(2, "tsi");
  const auto word = grams.candidates({"ist"});
  CHECK_FALSE(word.exact);
  const Rows rows = rows_of(word, 3);
  REQUIRE_FALSE(rows.empty());
  CHECK(rows.front() == 0);                                     // the real match is never ruled out
  CHECK(std::find(rows.begin(), rows.end(), 2) == rows.end());  // no "is" pair: ruled out
  CHECK_FALSE(grams.candidates({"a@"}).exact);                  // '@' pairs share hashed slots
}

TEST_CASE("a row given a new text forgets its old one") {
  GramIndex grams;
  grams.set_row(0, "kadikoy");
  grams.set_row(1, "besiktas");
  CHECK(rows_of(grams.candidates({"ka"}), 2) == Rows{0});
  grams.set_row(0, "uskudar");
  CHECK(rows_of(grams.candidates({"ka"}), 2).empty());
  CHECK(rows_of(grams.candidates({"sk"}), 2) == Rows{0});
  CHECK(rows_of(grams.candidates({"kt"}), 2) == Rows{1});
}

TEST_CASE("rows across many blocks, appended out of order, and rows never set") {
  GramIndex grams;
  grams.set_row(9000, "zz");  // a later block first: the rows before it exist but hold nothing
  for (std::size_t row = 0; row < 5000; ++row) grams.set_row(row, row % 1000 == 0 ? "qx" : "ab");
  const auto rare = grams.candidates({"qx"});
  CHECK(rows_of(rare, 9001) == Rows{0, 1000, 2000, 3000, 4000});
  CHECK(rows_of(grams.candidates({"zz"}), 9001) == Rows{9000});
  CHECK_FALSE(rare.has(123456));  // beyond every row
  grams.clear();
  CHECK(rows_of(grams.candidates({"ab"}), 9001).empty());
}

TEST_CASE("an empty index has no candidates") {
  const GramIndex grams;
  CHECK(rows_of(grams.candidates({"a"}), 10).empty());
}
