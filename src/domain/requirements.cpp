#include "domain/requirements.h"

#include <nlohmann/json.hpp>

namespace leads {

std::string requirement_names(const std::string& requirements_json) {
  const nlohmann::json requirements = nlohmann::json::parse(requirements_json, nullptr, false);
  std::string out;
  if (!requirements.is_object()) return out;
  for (const char* key : {"industries", "products", "services", "solutions"}) {
    const auto list = requirements.find(key);
    if (list == requirements.end() || !list->is_array()) continue;
    for (const nlohmann::json& item : *list) {
      const nlohmann::json* name = &item;
      if (item.is_object()) {
        const auto found = item.find("name");
        if (found == item.end()) continue;
        name = &*found;
      }
      if (!name->is_string() || name->get_ref<const std::string&>().empty()) continue;
      if (!out.empty()) out += ", ";
      out += name->get_ref<const std::string&>();
    }
  }
  return out;
}

}  // namespace leads
