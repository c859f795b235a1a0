// RFC 6902 "add" and "replace" over nlohmann::json, checking every type first (the build has no exceptions).
#include "domain/json_patch.h"

namespace leads {

std::optional<std::vector<std::string>> parse_json_pointer(const std::string& pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  if (pointer[0] != '/') return std::nullopt;
  std::string token;
  for (std::size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      tokens.push_back(std::move(token));
      token.clear();
    } else if (pointer[i] == '~') {
      if (i + 1 >= pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1')) return std::nullopt;
      token += pointer[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      token += pointer[i];
    }
  }
  return tokens;
}

namespace {

// An array index token: digits without a leading zero (RFC 6901); nullopt otherwise.
std::optional<std::size_t> array_index(const std::string& token) {
  if (token.empty() || token.size() > 9 || (token.size() > 1 && token[0] == '0')) return std::nullopt;
  std::size_t index = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return std::nullopt;
    index = index * 10 + static_cast<std::size_t>(c - '0');
  }
  return index;
}

// The value a token list points at, or nullptr.
Json* resolve(Json& document, const std::vector<std::string>& tokens, std::size_t count) {
  Json* node = &document;
  for (std::size_t i = 0; i < count; ++i) {
    if (node->is_object()) {
      auto it = node->find(tokens[i]);
      if (it == node->end()) return nullptr;
      node = &*it;
    } else if (node->is_array()) {
      auto index = array_index(tokens[i]);
      if (!index || *index >= node->size()) return nullptr;
      node = &(*node)[*index];
    } else {
      return nullptr;
    }
  }
  return node;
}

std::string field_of(const std::string& path) {
  return path.empty() ? path : path.substr(1);
}

// Applies one operation to `document`; returns the reason it cannot, or "" on success.
std::string apply_one(const std::string& op, const std::vector<std::string>& tokens, const Json& value,
                      Json& document) {
  if (tokens.empty()) {  // the whole document
    document = value;
    return {};
  }
  Json* parent = resolve(document, tokens, tokens.size() - 1);
  if (!parent) return "the parent of the path does not exist";
  const std::string& last = tokens.back();
  if (parent->is_object()) {
    auto it = parent->find(last);
    if (op == "replace" && it == parent->end()) return "replace needs an existing path";
    (*parent)[last] = value;
    return {};
  }
  if (parent->is_array()) {
    if (op == "add" && last == "-") {
      parent->push_back(value);
      return {};
    }
    auto index = array_index(last);
    if (!index) return "\"" + last + "\" is not an array index";
    if (op == "replace") {
      if (*index >= parent->size()) return "replace needs an existing array element";
      (*parent)[*index] = value;
      return {};
    }
    if (*index > parent->size()) return "array index is past the end";
    parent->insert(parent->begin() + static_cast<std::ptrdiff_t>(*index), value);
    return {};
  }
  return "the parent of the path is not an object or an array";
}

}  // namespace

std::optional<FieldError> apply_json_patch(const Json& patch, Json& document) {
  if (!patch.is_array()) return FieldError{"", "a JSON Patch must be an array of operations"};
  Json working = document;  // all or nothing
  for (std::size_t i = 0; i < patch.size(); ++i) {
    const Json& operation = patch[i];
    const std::string where = "operation " + std::to_string(i);
    if (!operation.is_object()) return FieldError{std::to_string(i), where + " must be an object"};
    auto op_it = operation.find("op");
    auto path_it = operation.find("path");
    if (op_it == operation.end() || !op_it->is_string())
      return FieldError{std::to_string(i), where + " needs \"op\" as a string"};
    if (path_it == operation.end() || !path_it->is_string())
      return FieldError{std::to_string(i), where + " needs \"path\" as a string"};
    const std::string& op = op_it->get_ref<const std::string&>();
    const std::string& path = path_it->get_ref<const std::string&>();
    if (op != "add" && op != "replace")
      return FieldError{field_of(path), where + ": \"" + op + "\" is not supported (only add and replace)"};
    auto tokens = parse_json_pointer(path);
    if (!tokens) return FieldError{std::to_string(i), where + ": \"" + path + "\" is not a JSON Pointer"};
    auto value_it = operation.find("value");
    if (value_it == operation.end())
      return FieldError{field_of(path), where + " (" + op + " " + path + ") needs a value"};
    const std::string problem = apply_one(op, *tokens, *value_it, working);
    if (!problem.empty()) return FieldError{field_of(path), where + " (" + op + " " + path + "): " + problem};
  }
  document = std::move(working);
  return std::nullopt;
}

}  // namespace leads
