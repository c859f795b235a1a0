// Tests of the hash route: parsing, writing, and that nothing in a hash can fail.
#include "app/route.h"

#include <doctest/doctest.h>

using namespace leads;

TEST_CASE("a tab, stage and search round-trip through the hash") {
  Route route;
  route.tab = ListTab::Qualified;
  route.stage = Stage::Accepted;
  route.search = "Şahin & Co";
  const std::string hash = route_hash(route);
  CHECK(hash == "#/qualified?stage=accepted&q=%C5%9Eahin%20%26%20Co");
  CHECK(parse_route(hash) == route);
}

TEST_CASE("each tab has its own slug, and the hash of a tab is its slug") {
  CHECK(std::string(tab_slug(ListTab::Marketplace)) == "marketplace");
  CHECK(std::string(tab_slug(ListTab::Qualified)) == "qualified");
  CHECK(std::string(tab_slug(ListTab::Favorites)) == "favorites");
  for (ListTab tab : {ListTab::Marketplace, ListTab::Qualified, ListTab::Favorites}) {
    Route route;
    route.tab = tab;
    CHECK(route_hash(route) == std::string("#/") + tab_slug(tab));
    CHECK(parse_route(route_hash(route)).tab == tab);
  }
}

TEST_CASE("a lead link names the lead only") {
  const Route route = parse_route("#/lead/abc%2F1");
  CHECK(route.lead_id == "abc/1");
  CHECK(route_hash(route) == "#/lead/abc/1");
}

TEST_CASE("unknown or malformed hashes fall back to the default view") {
  for (const char* hash : {"", "#", "#/nowhere", "#/qualified?stage=frozen", "#/favorites?%zz=1&q=%", "garbage"}) {
    const Route route = parse_route(hash);
    CHECK(route.lead_id.empty());
    CHECK_FALSE(route.stage);
  }
  CHECK(parse_route("#/favorites").tab == ListTab::Favorites);
  CHECK(parse_route("#/qualified?q=a+b").search == "a b");
  CHECK(parse_route("#/marketplace?q=" + std::string(500, 'x')).search.size() == 200);
}
