// A text for the user held as its key and arguments: update() says what to tell, a view translates it when it
// draws, so switching the language re-translates what is on screen.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "app/i18n.h"

namespace leads {

struct Message {
  Message() = default;
  Message(std::string key, std::vector<std::string> args = {}) : key(std::move(key)), args(std::move(args)) {}
  std::string key;                // i18n key
  std::vector<std::string> args;  // filled into the translated text's {0}, {1}…
};

inline std::string translate(const Message& message, const Translations& texts, Language language) {
  return fill(texts.text(language, message.key), message.args);
}

}  // namespace leads
