// The glossary check: every Turkish text uses Partner Center's words (docs/glossary.md) for what its English text
// says. The table is read from the doc itself, so the doc and the check cannot drift apart.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "domain/referral.h"

namespace {

struct GlossaryRow {
  std::vector<std::string> english, turkish, instead_of;
  bool label = false;  // applies only where the whole English text is the term
};

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(' ');
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(' ') - begin + 1);
}

std::vector<std::string> split(const std::string& text, const std::string& separator) {
  std::vector<std::string> parts;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find(separator, start), text.size());
    if (std::string part = trim(text.substr(start, end - start)); !part.empty()) parts.push_back(part);
    start = end + separator.size();
  }
  return parts;
}

// The rows of the doc's table: | English | Partner Center Turkish | Meaning | Instead of | Check |.
std::vector<GlossaryRow> read_glossary(const std::string& markdown) {
  std::vector<GlossaryRow> rows;
  std::istringstream lines(markdown);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("| ", 0) != 0) continue;
    std::vector<std::string> cells;
    for (std::size_t start = 1; start < line.size();) {
      const std::size_t end = std::min(line.find('|', start), line.size());
      cells.push_back(trim(line.substr(start, end - start)));
      start = end + 1;
    }
    if (cells.size() < 5 || cells[0] == "English" || cells[0].rfind("---", 0) == 0) continue;
    rows.push_back({split(cells[0], " / "), split(cells[1], " / "), split(cells[3], " / "), cells[4] == "label"});
  }
  return rows;
}

// Case folding for matching: ASCII lower case in English; in Turkish also the dotted/dotless i and the letters
// with marks ("İlk" → "ilk", "IŞIK" → "ışık").
std::string fold(const std::string& text, bool turkish) {
  static const std::pair<const char*, const char*> kUpper[] = {{"İ", "i"}, {"Ü", "ü"}, {"Ş", "ş"},
                                                               {"Ç", "ç"}, {"Ö", "ö"}, {"Ğ", "ğ"}};
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    bool replaced = false;
    for (const auto& [upper, lower] : kUpper)
      if (turkish && text.compare(i, std::strlen(upper), upper) == 0) {
        out += lower, i += std::strlen(upper) - 1, replaced = true;
        break;
      }
    if (replaced) continue;
    if (turkish && c == 'I')
      out += "ı";
    else
      out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool has_word(const std::string& text, const std::string& word) {
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    const bool starts = at == 0 || !is_letter(text[at - 1]);
    const bool ends = at + word.size() == text.size() || !is_letter(text[at + word.size()]);
    if (starts && ends) return true;
  }
  return false;
}

bool uses(const GlossaryRow& row, const std::string& english) {
  for (const std::string& term : row.english)
    if (row.label ? trim(english) == term : has_word(fold(english, false), fold(term, false))) return true;
  return false;
}

// What is wrong with one Turkish text, given its English: a glossary term without its Turkish form, or a word the
// glossary replaces. A replaced word is allowed inside a form of a row the English uses ("müşteri" inside
// "müşteri adayı", or alone where the English says "customer").
std::vector<std::string> check_text(const std::vector<GlossaryRow>& rows, const std::string& key,
                                    const std::string& english, const std::string& turkish) {
  std::vector<std::string> problems;
  const std::string text = fold(turkish, true);
  std::vector<std::pair<std::size_t, std::size_t>> allowed;  // spans of the forms of the rows in use
  std::vector<const GlossaryRow*> in_use;
  for (const GlossaryRow& row : rows) {
    if (!uses(row, english)) continue;
    in_use.push_back(&row);
    bool found = false;
    for (const std::string& form : row.turkish) {
      const std::string folded = fold(form, true);
      for (std::size_t at = text.find(folded); at != std::string::npos; at = text.find(folded, at + 1))
        allowed.emplace_back(at, at + folded.size()), found = true;
    }
    if (!found)
      problems.push_back(key + ": \"" + turkish + "\" lacks \"" + row.turkish[0] + "\" for \"" + english + "\"");
  }
  for (const GlossaryRow* row : in_use)
    for (const std::string& word : row->instead_of) {
      const std::string folded = fold(word, true);
      for (std::size_t at = text.find(folded); at != std::string::npos; at = text.find(folded, at + 1)) {
        const auto inside = [&](const auto& span) { return span.first <= at && at + folded.size() <= span.second; };
        if (std::none_of(allowed.begin(), allowed.end(), inside))
          problems.push_back(key + ": \"" + turkish + "\" says \"" + word + "\" where the glossary says \"" +
                             row->turkish[0] + "\"");
      }
    }
  return problems;
}

// This file is compiled from its absolute path (natively and to wasm under Node with its real file system), so the
// repository is found from it.
std::filesystem::path repository() {
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every assets/i18n/<language>*.json merged, as the app merges them.
std::map<std::string, std::string> texts_of(const std::string& language) {
  std::map<std::string, std::string> texts;
  for (const auto& entry : std::filesystem::directory_iterator(repository() / "assets" / "i18n")) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(language, 0) != 0 || (name[2] != '.' || entry.path().extension() != ".json")) continue;
    const leads::Json json = leads::Json::parse(read_file(entry.path()), nullptr, false);
    REQUIRE_MESSAGE(json.is_object(), name);
    for (const auto& [key, value] : json.items())
      if (value.is_string()) texts[key] = value.get<std::string>();
  }
  return texts;
}

std::vector<GlossaryRow> the_glossary() {
  return read_glossary(read_file(repository() / "docs" / "glossary.md"));
}

}  // namespace

TEST_CASE("the glossary table is read from docs/glossary.md") {
  const std::vector<GlossaryRow> rows = the_glossary();
  REQUIRE(rows.size() >= 20);
  CHECK(rows[0].english == std::vector<std::string>{"lead", "leads"});
  CHECK(rows[0].turkish == std::vector<std::string>{"müşteri adayı", "müşteri adayları"});
  CHECK(std::find(rows[0].instead_of.begin(), rows[0].instead_of.end(), "müşteri") != rows[0].instead_of.end());
  CHECK(std::any_of(rows.begin(), rows.end(), [](const GlossaryRow& row) { return row.label; }));
}

TEST_CASE("the glossary check catches a lead called a customer") {
  const std::vector<GlossaryRow> rows = the_glossary();
  CHECK(check_text(rows, "k", "Accept this lead", "Bu müşteriyi kabul et").size() == 2);  // no form, and "müşteri"
  CHECK(check_text(rows, "k", "Marketplace leads", "Pazar yeri müşteri adayları").size() >= 1);
  CHECK(check_text(rows, "k", "Lead", "Fırsat").size() == 2);
  CHECK(check_text(rows, "k", "Favorites", "Favoriler").size() == 2);
  CHECK(check_text(rows, "k", "Referrals admin", "Yönlendirme yöneticisi").size() >= 2);
  CHECK(check_text(rows, "k", "Search customer, lead", "Müşteri, müşteri ara").size() == 1);  // no lead form
}

TEST_CASE("the glossary check keeps müşteri where the customer is meant, and suffixes after a form") {
  const std::vector<GlossaryRow> rows = the_glossary();
  CHECK(check_text(rows, "k", "What the customer needs", "Müşterinin ihtiyacı").empty());
  CHECK(check_text(rows, "k", "Search customer, lead", "Müşteri, müşteri adayı ara").empty());
  CHECK(check_text(rows, "k", "Accept this lead", "Bu müşteri adayını kabul et").empty());
  CHECK(check_text(rows, "k", "Favorites", "SIK KULLANILANLAR").empty());  // Turkish capitals fold to ı and i
  CHECK(check_text(rows, "k", "Sign in", "Oturum aç").empty());            // no term: nothing to check
}

TEST_CASE("label rows apply where the English is the label itself") {
  const std::vector<GlossaryRow> rows = the_glossary();
  CHECK(check_text(rows, "k", "Won", "Kazanılan").size() == 1);
  CHECK(check_text(rows, "k", "Won", "Kazanıldı").empty());
  CHECK(check_text(rows, "k", "Won value", "Kazanılan değer").empty());
  CHECK(check_text(rows, "k", "Only leads can be declined", "Yalnızca müşteri adayları reddedilebilir").empty());
}

TEST_CASE("every Turkish text uses the glossary's words for what its English says") {
  const std::vector<GlossaryRow> rows = the_glossary();
  const auto english = texts_of("en");
  const auto turkish = texts_of("tr");
  REQUIRE(turkish.size() > 250);
  std::string problems;
  for (const auto& entry : turkish) {  // not a structured binding: clang 14 cannot capture one in doctest's lambda
    const std::string& key = entry.first;
    const std::string& text = entry.second;
    const auto source = english.find(key);
    CHECK_MESSAGE(source != english.end(), (key + " has no English text"));
    if (source != english.end())
      for (const std::string& problem : check_text(rows, key, source->second, text)) problems += problem + "\n";
  }
  CHECK_MESSAGE(problems.empty(), problems);
}
