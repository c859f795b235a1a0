// Tests of the "add" / "replace" JSON Patch subset: pointers, arrays, and every refusal.
#include "domain/json_patch.h"

#include <doctest/doctest.h>

using namespace leads;

namespace {
Json doc() {
  return Json::parse(R"({"name":"a","details":{"notes":"","dealValue":null},"team":[{"n":1}],"a/b":{"~x":1}})");
}
Json op(const char* kind, const char* path, Json value) {
  return Json{{"op", kind}, {"path", path}, {"value", value}};
}
}  // namespace

TEST_CASE("json pointers split into unescaped tokens") {
  CHECK(parse_json_pointer("")->empty());
  CHECK(*parse_json_pointer("/details/notes") == std::vector<std::string>{"details", "notes"});
  CHECK(*parse_json_pointer("/a~1b/~0x") == std::vector<std::string>{"a/b", "~x"});
  CHECK(*parse_json_pointer("/") == std::vector<std::string>{""});
  CHECK_FALSE(parse_json_pointer("details"));
  CHECK_FALSE(parse_json_pointer("/a~2"));
  CHECK_FALSE(parse_json_pointer("/a~"));
}

TEST_CASE("replace changes an existing member, including a null one") {
  Json d = doc();
  REQUIRE_FALSE(
      apply_json_patch(Json::array({op("replace", "/name", "b"), op("replace", "/details/dealValue", 5)}), d));
  CHECK(d["name"] == "b");
  CHECK(d["details"]["dealValue"] == 5);
  REQUIRE_FALSE(apply_json_patch(Json::array({op("replace", "/a~1b/~0x", 2)}), d));
  CHECK(d["a/b"]["~x"] == 2);
}

TEST_CASE("replace refuses a path that does not exist") {
  Json d = doc();
  auto error = apply_json_patch(Json::array({op("replace", "/details/currency", "TRY")}), d);
  REQUIRE(error);
  CHECK(error->field == "details/currency");
  CHECK(error->message.find("operation 0") == 0);
  CHECK(error->message.find("existing") != std::string::npos);
  CHECK(apply_json_patch(Json::array({op("replace", "/team/1", 1)}), d));
  CHECK(apply_json_patch(Json::array({op("replace", "/team/-", 1)}), d));
}

TEST_CASE("add sets an object member, appends with '-' and inserts at an index") {
  Json d = doc();
  REQUIRE_FALSE(
      apply_json_patch(Json::array({op("add", "/details/currency", "TRY"), op("add", "/team/-", Json{{"n", 2}}),
                                    op("add", "/team/0", Json{{"n", 0}}), op("add", "/team/3", Json{{"n", 3}})}),
                       d));
  CHECK(d["details"]["currency"] == "TRY");
  REQUIRE(d["team"].size() == 4);
  CHECK(d["team"][0]["n"] == 0);
  CHECK(d["team"][1]["n"] == 1);
  CHECK(d["team"][2]["n"] == 2);
  CHECK(d["team"][3]["n"] == 3);
}

TEST_CASE("add refuses an index past the end, a non-index and a leading zero") {
  Json d = doc();
  auto error = apply_json_patch(Json::array({op("add", "/team/2", 1)}), d);
  REQUIRE(error);
  CHECK(error->field == "team/2");
  CHECK(apply_json_patch(Json::array({op("add", "/team/x", 1)}), d));
  CHECK(apply_json_patch(Json::array({op("add", "/team/01", 1)}), d));
  CHECK(apply_json_patch(Json::array({op("add", "/team/-1", 1)}), d));
}

TEST_CASE("a missing parent or a scalar parent is refused") {
  Json d = doc();
  auto error = apply_json_patch(Json::array({op("add", "/nothing/here", 1)}), d);
  REQUIRE(error);
  CHECK(error->field == "nothing/here");
  CHECK(apply_json_patch(Json::array({op("add", "/name/x", 1)}), d));
}

TEST_CASE("the whole document can be replaced with an empty path") {
  Json d = doc();
  REQUIRE_FALSE(apply_json_patch(Json::array({op("replace", "", Json{{"x", 1}})}), d));
  CHECK(d == Json{{"x", 1}});
}

TEST_CASE("only add and replace are supported") {
  for (const char* kind : {"remove", "move", "copy", "test", "Replace", ""}) {
    Json d = doc();
    auto error = apply_json_patch(Json::array({op(kind, "/name", "x")}), d);
    REQUIRE(error);
    CHECK(error->field == "name");
    CHECK(error->message.find("not supported") != std::string::npos);
  }
}

TEST_CASE("malformed operations name their index") {
  Json d = doc();
  CHECK(apply_json_patch(Json{{"op", "add"}}, d)->field == "");
  auto error = apply_json_patch(Json::array({op("add", "/name", "x"), 5}), d);
  REQUIRE(error);
  CHECK(error->field == "1");
  CHECK(error->message.find("operation 1") == 0);
  CHECK(apply_json_patch(Json::array({Json{{"path", "/name"}, {"value", 1}}}), d)->field == "0");
  CHECK(apply_json_patch(Json::array({Json{{"op", 1}, {"path", "/name"}, {"value", 1}}}), d)->field == "0");
  CHECK(apply_json_patch(Json::array({Json{{"op", "add"}, {"value", 1}}}), d)->field == "0");
  CHECK(apply_json_patch(Json::array({Json{{"op", "add"}, {"path", 3}, {"value", 1}}}), d)->field == "0");
  CHECK(apply_json_patch(Json::array({op("add", "name", 1)}), d)->field == "0");
  error = apply_json_patch(Json::array({Json{{"op", "add"}, {"path", "/name"}}}), d);
  REQUIRE(error);
  CHECK(error->field == "name");
  CHECK(error->message.find("needs a value") != std::string::npos);
  CHECK(d == doc());
}

TEST_CASE("a failing operation leaves the document untouched, even after earlier ones succeeded") {
  Json d = doc();
  auto error = apply_json_patch(
      Json::array({op("replace", "/name", "changed"), op("add", "/team/-", 1), op("replace", "/missing", 1)}), d);
  REQUIRE(error);
  CHECK(error->message.find("operation 2") == 0);
  CHECK(d == doc());
}

TEST_CASE("an empty patch changes nothing") {
  Json d = doc();
  CHECK_FALSE(apply_json_patch(Json::array(), d));
  CHECK(d == doc());
}
