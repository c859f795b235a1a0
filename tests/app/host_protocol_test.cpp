// Tests of the portal protocol's reader (docs/embedding.md): what it accepts, and each refusal with its reason.
#include "app/host_protocol.h"

#include <doctest/doctest.h>

#include "app_test_support.h"

using namespace leads;
using namespace leads::test;

namespace {

std::string message(Json body) {
  if (!body.contains("v")) body["v"] = 1;
  return body.dump();
}

HostParse read(HostMessageReader& reader, Json body) {
  return reader.read(message(std::move(body)));
}

}  // namespace

TEST_CASE("an init message carries the token, language, theme and route") {
  HostMessageReader reader;
  const HostParse parsed = read(reader, {{"type", "leads.init"},
                                         {"id", "m1"},
                                         {"token", make_token()},
                                         {"language", "tr"},
                                         {"theme", "dark"},
                                         {"route", "#/qualified"}});
  REQUIRE(parsed.message);
  const auto& init = std::get<host::Init>(*parsed.message);
  CHECK(init.language == Language::Turkish);
  CHECK(init.theme == Theme::Dark);
  REQUIRE(init.route);
  CHECK(init.route->tab == ListTab::Qualified);
  CHECK(parsed.id == "m1");
}

TEST_CASE("an init message without a theme leaves the theme to the app") {
  HostMessageReader reader;
  const HostParse parsed = read(reader, {{"type", "leads.init"}, {"id", "m1"}, {"token", make_token()}});
  REQUIRE(parsed.message);
  CHECK_FALSE(std::get<host::Init>(*parsed.message).theme);
}

TEST_CASE("a theme message switches between light and dark") {
  HostMessageReader reader;
  HostParse parsed = read(reader, {{"type", "leads.theme"}, {"id", "t1"}, {"theme", "light"}});
  REQUIRE(parsed.message);
  CHECK(std::get<host::SetTheme>(*parsed.message).theme == Theme::Light);
  parsed = read(reader, {{"type", "leads.theme"}, {"id", "t2"}, {"theme", "dark"}});
  REQUIRE(parsed.message);
  CHECK(std::get<host::SetTheme>(*parsed.message).theme == Theme::Dark);
}

TEST_CASE("each malformed portal message is refused with its reason") {
  struct Case {
    const char* what;
    Json body;
    const char* reason_part;
  };
  const Case cases[] = {
      {"unknown theme", {{"type", "leads.theme"}, {"id", "a"}, {"theme", "sepia"}}, "theme"},
      {"theme not a text", {{"type", "leads.theme"}, {"id", "b"}, {"theme", 5}}, "theme"},
      {"init with a bad theme",
       {{"type", "leads.init"}, {"id", "c"}, {"token", make_token()}, {"theme", "blue"}},
       "theme"},
      {"unknown type", {{"type", "leads.dance"}, {"id", "d"}}, "unknown message type"},
      {"wrong version", {{"v", 2}, {"type", "leads.navigate"}, {"id", "e"}, {"route", "#/"}}, "version"},
      {"no id", {{"type", "leads.navigate"}, {"route", "#/"}}, "id"},
      {"not a JWT", {{"type", "leads.token"}, {"id", "f"}, {"token", "abc"}}, "JWT"},
      {"bad language", {{"type", "leads.language"}, {"id", "g"}, {"language", "de"}}, "language"},
      {"bad route", {{"type", "leads.navigate"}, {"id", "h"}, {"route", "http://evil/"}}, "route"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    HostMessageReader reader;
    const HostParse parsed = read(reader, c.body);
    CHECK_FALSE(parsed.message);
    CHECK(parsed.refusal.find(c.reason_part) != std::string::npos);
  }
}

TEST_CASE("a replayed message id is refused") {
  HostMessageReader reader;
  const Json body{{"type", "leads.theme"}, {"id", "same"}, {"theme", "dark"}};
  CHECK(read(reader, body).message);
  const HostParse again = read(reader, body);
  CHECK_FALSE(again.message);
  CHECK(again.refusal.find("replay") != std::string::npos);
}

TEST_CASE("the app's state follows the portal's theme messages") {
  TestApp app;
  app.state.host.mode = HostMode::Embedded;
  app.dispatch(act::HostMessageArrived{
      message({{"type", "leads.init"}, {"id", "i"}, {"token", make_token()}, {"theme", "dark"}})});
  CHECK(app.state.theme == Theme::Dark);
  app.dispatch(act::HostMessageArrived{message({{"type", "leads.theme"}, {"id", "t"}, {"theme", "light"}})});
  CHECK(app.state.theme == Theme::Light);
  app.dispatch(act::HostMessageArrived{message({{"type", "leads.theme"}, {"id", "u"}, {"theme", "neon"}})});
  CHECK(app.state.theme == Theme::Light);
  CHECK(app.state.host.refused == 1);
}
