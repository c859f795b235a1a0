// Translation tables and placeholder filling.
#include "app/i18n.h"

#include <vector>

#include "domain/referral_json.h"

namespace leads {

const char* language_code(Language language) {
  return language == Language::Turkish ? "tr" : "en";
}
Language language_from_code(std::string_view code) {
  return code == "tr" ? Language::Turkish : Language::English;
}

bool Translations::load(Language language, std::string_view json_text) {
  const ParsedJson parsed = parse_json_text(json_text, JsonLimits{1 << 20, 4});
  if (parsed.error || !parsed.value.is_object()) return false;
  std::unordered_map<std::string, std::string> table;
  for (auto it = parsed.value.begin(); it != parsed.value.end(); ++it) {
    if (!it.value().is_string()) return false;
    table[it.key()] = it.value().get<std::string>();
  }
  for (auto& [key, text] : table) tables_[static_cast<int>(language)][key] = std::move(text);
  return true;
}

const std::string& Translations::text(Language language, const std::string& key) const {
  const auto& table = tables_[static_cast<int>(language)];
  if (auto it = table.find(key); it != table.end()) return it->second;
  const auto& english = tables_[static_cast<int>(Language::English)];
  if (auto it = english.find(key); it != english.end()) return it->second;
  return missing_.emplace(key, key).first->second;
}

std::size_t Translations::size(Language language) const {
  return tables_[static_cast<int>(language)].size();
}

std::string fill(const std::string& pattern, const std::vector<std::string>& args) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' && pattern[i + 1] >= '0' &&
        pattern[i + 1] <= '9') {
      const std::size_t index = static_cast<std::size_t>(pattern[i + 1] - '0');
      if (index < args.size()) {
        out += args[index];
        i += 2;
        continue;
      }
    }
    out += pattern[i];
  }
  return out;
}

}  // namespace leads
