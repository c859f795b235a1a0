// Tests of naming a lead's requirements from their JSON text.
#include "domain/requirements.h"

#include <doctest/doctest.h>

using namespace leads;

TEST_CASE("requirements are named industries, products, services, solutions, whatever the order in the text") {
  CHECK(requirement_names(R"({"solutions":[{"id":"s","name":"Backup"}],"products":[{"name":"Azure"},{"name":"Teams"}],)"
                          R"("industries":[{"name":"Retail"}],"services":[{"name":"Migration"}]})") ==
        "Retail, Azure, Teams, Migration, Backup");
}

TEST_CASE("an item may be a bare name; other items, empty names and unknown lists name nothing") {
  CHECK(requirement_names(R"({"products":["Azure",{"name":""},{"id":"x"},{"name":7},3,null],"extra":["Z"]})") ==
        "Azure");
}

TEST_CASE("text that is not an object of lists names nothing and does not throw") {
  CHECK(requirement_names("{}").empty());
  CHECK(requirement_names("").empty());
  CHECK(requirement_names("{\"products\":").empty());
  CHECK(requirement_names("[\"Azure\"]").empty());
  CHECK(requirement_names(R"({"products":{"name":"Azure"}})").empty());
}
