// A lead's requirements (industries, products, services, solutions), kept as their JSON text, read for showing.
#pragma once
#include <string>

namespace leads {

// The names in the requirements, industries first, then products, services and solutions, joined with ", ".
// An item is a name, or an object whose "name" is one; anything else (and text that is not JSON) names nothing.
std::string requirement_names(const std::string& requirements_json);

}  // namespace leads
