// The scopes the provider knows, and reading a space-separated scope string.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace leads {

// openid, profile, email, offline_access and the API's user_impersonation.
const std::vector<std::string>& supported_scopes();
std::vector<std::string> split_scope(const std::string& scope);
bool has_scope(const std::string& scope, const std::string& wanted);
// Why the scope of an /authorize request cannot be granted (no openid, an unknown scope), or nullopt.
std::optional<std::string> scope_problem(const std::string& scope);
// Whether every scope of `asked` is in `granted` (a refresh may narrow the scope, never widen it).
bool scope_within(const std::string& asked, const std::string& granted);

}  // namespace leads
