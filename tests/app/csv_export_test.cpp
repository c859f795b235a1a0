// Tests of the CSV export: the BOM, translated headers, one line per row in the order given, the separator per
// language, quoting of separators, quotes and line breaks, formula neutralisation, and the ExportCsv action.
#include "app/csv_export.h"

#include <doctest/doctest.h>

#include "app_test_support.h"

using namespace leads;
using namespace leads::test;

namespace {

const std::string kBom = "\xEF\xBB\xBF";

AppState state_with(std::vector<Referral> leads, Language language) {
  AppState state = initial_state(ApiConfig{kBaseUrl, "", ""}, test_texts(), language, kNow);
  state.leads = ListStore::of(leads);
  return state;
}

std::vector<std::string> lines_of(const std::string& csv) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = csv.find("\r\n", start)) != std::string::npos; start = end + 2)
    lines.push_back(csv.substr(start, end - start));
  CHECK(start == csv.size());  // every line ends with CRLF, nothing trails
  return lines;
}

Referral valued_lead() {
  Referral lead = make_lead("r-1");
  lead.name = "E-posta geçişi";
  lead.customer_profile.name = "Anadolu Gıda";
  lead.customer_profile.address.city = "İzmir";
  lead.details.deal_value = 1250.5;
  lead.details.currency = "TRY";
  return lead;
}

}  // namespace

TEST_CASE("the English export starts with a BOM, has a header row and uses commas") {
  const AppState state = state_with({valued_lead()}, Language::English);
  const std::string csv = leads_csv(state, {0});
  REQUIRE(csv.rfind(kBom, 0) == 0);
  const auto lines = lines_of(csv.substr(kBom.size()));
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "Favorite,Customer,Lead,Kind,Stage,Received,Time left,Est. value,Currency,City,Country,Lead ID");
  CHECK(lines[1] ==
        ",Anadolu Gıda,E-posta geçişi,Customer inquiry,Received,\"Nov 20, 2026\",13 d 0 h,\"1,250.50\",TRY,"
        "İzmir,TR,r-1");
}

TEST_CASE("the Turkish export uses semicolons, Turkish headers and Turkish numbers and dates") {
  AppState state = state_with({valued_lead()}, Language::Turkish);
  state.favorites.insert("r-1");
  const std::string csv = leads_csv(state, {0});
  REQUIRE(csv.rfind(kBom, 0) == 0);
  const auto lines = lines_of(csv.substr(kBom.size()));
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] ==
        "Sık kullanılan;Müşteri;Müşteri adayı;Tür;Aşama;Alındı;Kalan süre;Tahmini anlaşma değeri;Para "
        "birimi;Şehir;Ülke;Müşteri adayı kimliği");
  CHECK(lines[1] ==
        "evet;Anadolu Gıda;E-posta geçişi;Müşteri sorgusu;Alındı;20.11.2026;13 g 0 sa;1.250,50;TRY;İzmir;TR;r-1");
}

TEST_CASE("the export has one line per row, in the order given, and skips rows that do not exist") {
  const AppState state = state_with({make_lead("a"), make_lead("b"), make_lead("c")}, Language::English);
  const auto lines = lines_of(leads_csv(state, {2, 0, 7}).substr(kBom.size()));
  REQUIRE(lines.size() == 3);
  CHECK(lines[1].substr(lines[1].rfind(',') + 1) == "c");
  CHECK(lines[2].substr(lines[2].rfind(',') + 1) == "a");
  CHECK(lines_of(leads_csv(state, {}).substr(kBom.size())).size() == 1);
}

TEST_CASE("an archived lead's stage names its outcome and has no time left") {
  Referral won = make_lead("w", "Closed", "Won");
  const AppState state = state_with({won}, Language::English);
  const auto lines = lines_of(leads_csv(state, {0}).substr(kBom.size()));
  REQUIRE(lines.size() == 2);
  CHECK(lines[1].find(",Archived · Won,\"Nov 20, 2026\",,") != std::string::npos);
}

TEST_CASE("fields holding the separator, a quote or a line break are quoted, quotes doubled") {
  CHECK(csv_field("Acme, Ltd", ',') == "\"Acme, Ltd\"");
  CHECK(csv_field("Acme, Ltd", ';') == "Acme, Ltd");
  CHECK(csv_field("Acme; Ltd", ';') == "\"Acme; Ltd\"");
  CHECK(csv_field("Acme; Ltd", ',') == "Acme; Ltd");
  CHECK(csv_field("the \"best\" one", ',') == "\"the \"\"best\"\" one\"");
  CHECK(csv_field("line one\nline two", ';') == "\"line one\nline two\"");
  CHECK(csv_field("line one\r\nline two", ',') == "\"line one\r\nline two\"");
  CHECK(csv_field("plain", ',') == "plain");
  CHECK(csv_field("", ',').empty());
}

TEST_CASE("a field starting like a formula is neutralised") {
  CHECK(csv_field("=1+2", ',') == "'=1+2");
  CHECK(csv_field("+90 212 555 00 00", ';') == "'+90 212 555 00 00");
  CHECK(csv_field("-5", ',') == "'-5");
  CHECK(csv_field("@SUM(A1)", ',') == "'@SUM(A1)");
  CHECK(csv_field("=HYPERLINK(\"http://x.test\",\"a,b\")", ',') ==
        "\"'=HYPERLINK(\"\"http://x.test\"\",\"\"a,b\"\")\"");
  CHECK(csv_field("a=b", ',') == "a=b");
  CHECK(csv_field("e-mail", ',') == "e-mail");
}

TEST_CASE("a customer name built to break the file stays in its own column") {
  Referral lead = make_lead("x");
  lead.customer_profile.name = "=cmd|' /C calc'!A0, \"quoted\"\nnext";
  const AppState state = state_with({lead}, Language::English);
  const std::string csv = leads_csv(state, {0});
  CHECK(csv.find(",\"'=cmd|' /C calc'!A0, \"\"quoted\"\"\nnext\",") != std::string::npos);
}

TEST_CASE("the separator follows the language") {
  CHECK(csv_separator(Language::English) == ',');
  CHECK(csv_separator(Language::Turkish) == ';');
}

TEST_CASE("exporting downloads the current tab's rows as a dated CSV file and says how many") {
  TestApp app;
  Referral qualified = make_lead("q");
  qualified.qualification = wire_enum(Qualification::MarketingQualified);
  qualified.invite_context.invited_by.organization_id = "msft";
  app.load({make_lead("a"), make_lead("b"), qualified});
  const auto effects = app.dispatch(act::ExportCsv{});
  const auto files = effects_of<fx::DownloadFile>(effects);
  REQUIRE(files.size() == 1);
  CHECK(files[0].filename == "leads-marketplace-2026-11-21.csv");
  CHECK(files[0].mime == "text/csv;charset=utf-8");
  REQUIRE(files[0].bytes.rfind(kBom, 0) == 0);
  CHECK(lines_of(files[0].bytes.substr(kBom.size())).size() == 3);
  REQUIRE(app.state.toasts.size() == 1);
  CHECK(shown_text(app.state, app.state.toasts[0]) == "Exported 2 leads");

  app.dispatch(act::SelectTab{ListTab::Qualified});
  const auto qualified_files = effects_of<fx::DownloadFile>(app.dispatch(act::ExportCsv{}));
  REQUIRE(qualified_files.size() == 1);
  CHECK(qualified_files[0].filename == "leads-qualified-2026-11-21.csv");
  CHECK(lines_of(qualified_files[0].bytes.substr(kBom.size())).size() == 2);
}

TEST_CASE("cells starting with TAB or CR are neutralised like formulas") {
  CHECK(csv_field("\t=1+2", ',') == "'\t=1+2");
  CHECK(csv_field("\r=1+2", ',') == "\"'\r=1+2\"");
  CHECK(csv_field("a\tb", ',') == "a\tb");
}
