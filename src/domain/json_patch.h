// The RFC 6902 subset the contract allows: "replace" and "add" operations over a JSON document.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/referral_json.h"

namespace leads {

// A JSON Pointer (RFC 6901) split into unescaped tokens; nullopt if malformed (not "" and not starting with '/',
// or a '~' not followed by 0 or 1).
std::optional<std::vector<std::string>> parse_json_pointer(const std::string& pointer);

// Applies the operations in order to `document`. On error the document is left unchanged and the error's field is
// the operation's path without the leading '/' (or "<index>" when the operation has no usable path) and the message
// starts with "operation <index>". "add" on an array takes an index or "-" (append); "replace" needs an existing path.
std::optional<FieldError> apply_json_patch(const Json& patch, Json& document);

}  // namespace leads
