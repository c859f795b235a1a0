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

// [SECTION] sparse blocks: a slot no row of a block has takes no bitmap there

TEST_CASE("a slot no row of a block has rules out that block and no other") {
  GramIndex grams;
  for (std::size_t row = 0; row < 3 * 4096; ++row) grams.set_row(row, "plain text");
  grams.set_row(10, "rare qx");    // block 0
  grams.set_row(9000, "rare qx");  // block 2; block 1 has no "qx" at all
  CHECK(rows_of(grams.candidates({"qx"}), 3 * 4096) == Rows{10, 9000});
  CHECK(rows_of(grams.candidates({"plain", "qx"}), 3 * 4096).empty());  // rows 10 and 9000 lost "plain"
  CHECK(rows_of(grams.candidates({"rare", "q"}), 3 * 4096) == Rows{10, 9000});
  CHECK(rows_of(grams.candidates({"pl"}), 3 * 4096).size() == 3 * 4096 - 2);
}

TEST_CASE("a search of a slot no row has finds nothing in any block") {
  GramIndex grams;
  for (std::size_t row = 0; row < 10000; ++row) grams.set_row(row, row % 2 ? "ali" : "veli");
  CHECK(rows_of(grams.candidates({"zq"}), 10000).empty());
  CHECK(rows_of(grams.candidates({"\xc3\xa7"}), 10000).empty());  // no byte >= 128 anywhere
  CHECK(rows_of(grams.candidates({"li", "x"}), 10000).empty());
  CHECK(rows_of(grams.candidates({"li"}), 10000).size() == 10000);
}

TEST_CASE("a row re-set to a text without a slot leaves that slot's other rows alone") {
  GramIndex grams;
  for (std::size_t row = 0; row < 5000; ++row) grams.set_row(row, "ab");
  grams.set_row(4500, "xyz");
  grams.set_row(4600, "xyz");
  grams.set_row(4500, "ab");  // block 1's "xy" bitmap now holds only row 4600
  CHECK(rows_of(grams.candidates({"xy"}), 5000) == Rows{4600});
  grams.set_row(4600, "ab");  // and now none: the bitmap stays, empty
  CHECK(rows_of(grams.candidates({"xy"}), 5000).empty());
  CHECK(rows_of(grams.candidates({"ab"}), 5000).size() == 5000);
  grams.set_row(100, "xyz");  // block 0 meets the slot for the first time after its rows were all set
  CHECK(rows_of(grams.candidates({"xyz"}), 5000) == Rows{100});
}

TEST_CASE("rows beyond the first block, at each block's edges and as a block widens") {
  GramIndex grams;
  const Rows edges{4095, 4096, 4097, 4159, 4160, 8191, 8192, 12287};
  for (std::size_t row = 0; row <= 12287; ++row) grams.set_row(row, "common");
  for (std::size_t row : edges) grams.set_row(row, "common edge");
  CHECK(rows_of(grams.candidates({"edge"}), 12288) == edges);
  CHECK(rows_of(grams.candidates({"ed"}), 12288) == edges);
  CHECK(rows_of(grams.candidates({"mm"}), 12288).size() == 12288);
  // A block's first rows need few words per bitmap; the words grow as later rows of the block are set.
  GramIndex growing;
  growing.set_row(4096, "first");
  growing.set_row(8000, "first last");
  CHECK(rows_of(growing.candidates({"first"}), 8192) == Rows{4096, 8000});
  CHECK(rows_of(growing.candidates({"last"}), 8192) == Rows{8000});
}

TEST_CASE("a block pays only for the slots its rows use") {
  GramIndex grams;
  for (std::size_t row = 0; row < 4096; ++row) grams.set_row(row, "ab");
  // "a", "b" and "ab": three bitmaps of 512 bytes and a table of the slots, not one bitmap for every slot.
  CHECK(grams.heap_bytes() < 32 * 1024);
  CHECK(grams.heap_bytes() >= 3 * 512);
}

TEST_CASE("candidates are exactly the rows that hold every slot of the search, in a random index") {
  // A naive model: each row's text, read whole for every search.
  std::vector<std::string> texts(9000);
  std::uint32_t state = 12345;
  const auto next = [&] { return state = state * 1664525u + 1013904223u; };
  const std::string alphabet = "abcdeqz \xc3\xa7";
  GramIndex grams;
  for (int change = 0; change < 12000; ++change) {
    const std::size_t row = next() % texts.size();
    std::string text;
    for (std::size_t length = next() % 7; length > 0; --length) text += alphabet[next() % alphabet.size()];
    texts[row] = text;
    grams.set_row(row, text);
  }
  const std::vector<std::string> searches{"a", "q", "z", "ab", "qz", "abc", "\xc3", "\xc3\xa7", "a z", "dq e"};
  for (const std::string& search : searches) {
    std::vector<std::string> words;
    for (std::size_t start = 0, end; start <= search.size(); start = end + 1) {
      end = std::min(search.find(' ', start), search.size());
      words.push_back(search.substr(start, end - start));
    }
    GramIndex single;  // each row alone, so its slots are exactly the rows' own
    Rows expected;
    const GramIndex::Candidates got = grams.candidates(words);
    for (std::size_t row = 0; row < texts.size(); ++row) {
      single.clear();
      single.set_row(0, texts[row]);
      if (single.candidates(words).has(0)) expected.push_back(row);
    }
    CHECK_MESSAGE(rows_of(got, texts.size()) == expected, search);
  }
}

TEST_CASE("rows added in order, some set again while their word is gathered, read at any point") {
  // The way a load fills the index: new rows in order (now and then one skipped), an earlier row changed between
  // them, a search at any moment. Each search is checked against every row's text read whole.
  std::vector<std::string> texts;
  std::uint32_t state = 777;
  const auto next = [&] {  // the high bits: a power-of-two generator's low bits repeat with short periods
    state = state * 1664525u + 1013904223u;
    return state >> 12;
  };
  const std::string alphabet = "abqz \xc3\xa7";
  const auto random_text = [&] {
    std::string text;
    for (std::size_t length = next() % 6; length > 0; --length) text += alphabet[next() % alphabet.size()];
    return text;
  };
  const auto expected_rows = [&](const std::vector<std::string>& words) {
    GramIndex single;
    Rows rows;
    for (std::size_t row = 0; row < texts.size(); ++row) {
      single.clear();
      single.set_row(0, texts[row]);
      if (single.candidates(words).has(0)) rows.push_back(row);
    }
    return rows;
  };
  GramIndex grams;
  while (texts.size() < 9000) {
    if (next() % 50 == 0) texts.emplace_back();  // a row never set
    texts.push_back(random_text());
    grams.set_row(texts.size() - 1, texts.back());
    if (next() % 8 == 0) {  // an earlier row changes, often one of the word being gathered
      const std::size_t back = next() % 2 ? next() % 64 : next() % texts.size();
      const std::size_t row = texts.size() - 1 - std::min(back, texts.size() - 1);
      texts[row] = random_text();
      grams.set_row(row, texts[row]);
    }
    if (next() % 300 == 0) {
      const std::vector<std::string> words{std::string(1, alphabet[next() % 4]) + alphabet[next() % 4]};
      REQUIRE_MESSAGE(rows_of(grams.candidates(words), texts.size()) == expected_rows(words), words[0]);
    }
  }
  for (const char* search : {"a", "q", "ab", "zq", "\xc3\xa7", "aq"})
    CHECK_MESSAGE(rows_of(grams.candidates({search}), texts.size()) == expected_rows({search}), search);
  CHECK(grams.rows() == texts.size());
}

TEST_CASE("an index moved while it gathers a word keeps that word's rows; the one moved from can be used again") {
  GramIndex grams;
  grams.set_row(0, "ab");
  grams.set_row(1, "qz");  // both still gathered, not yet in a block
  GramIndex moved = std::move(grams);
  CHECK(rows_of(moved.candidates({"ab"}), 2) == Rows{0});
  CHECK(rows_of(moved.candidates({"qz"}), 2) == Rows{1});
  grams.set_row(0, "qz");  // no clear(): a moved-from index is still one that can be used
  CHECK(rows_of(grams.candidates({"qz"}), 2) == Rows{0});
  CHECK(rows_of(grams.candidates({"ab"}), 2).empty());
}
