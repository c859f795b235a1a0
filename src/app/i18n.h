// Translated UI text: flat key -> text tables per language, loaded from assets/i18n/<lang>.json.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace leads {

enum class Language { English, Turkish };

const char* language_code(Language language);        // "en", "tr"
Language language_from_code(std::string_view code);  // anything but "tr" is English

class Translations {
 public:
  // Adds one file of a language's texts (a flat JSON object) to its table, so each feature can keep its own file;
  // returns false, changing nothing, if the text is not a flat object of strings.
  bool load(Language language, std::string_view json_text);
  // The text for `key` in `language`, else in English, else the key itself (so a missing text shows, never crashes).
  const std::string& text(Language language, const std::string& key) const;
  std::size_t size(Language language) const;

 private:
  std::unordered_map<std::string, std::string> tables_[2];
  mutable std::unordered_map<std::string, std::string> missing_;
};

// Replaces {0}, {1}… in a translated text.
std::string fill(const std::string& pattern, const std::vector<std::string>& values);
inline std::string fill(const std::string& pattern, std::initializer_list<std::string> values) {
  return fill(pattern, std::vector<std::string>(values));
}

}  // namespace leads
