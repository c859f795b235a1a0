// Scope strings.
#include "oidc_scopes.h"

#include <algorithm>

#include "oidc_provider.h"

namespace leads {

namespace {
constexpr std::size_t kMaxScopeLength = 1024;
}

const std::vector<std::string>& supported_scopes() {
  static const std::vector<std::string> scopes = {"openid", "profile", "email", "offline_access", kApiScope};
  return scopes;
}

std::vector<std::string> split_scope(const std::string& scope) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start < scope.size()) {
    const std::size_t end = std::min(scope.find(' ', start), scope.size());
    if (end > start) parts.push_back(scope.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

bool has_scope(const std::string& scope, const std::string& wanted) {
  const std::vector<std::string> parts = split_scope(scope);
  return std::find(parts.begin(), parts.end(), wanted) != parts.end();
}

std::optional<std::string> scope_problem(const std::string& scope) {
  if (scope.size() > kMaxScopeLength) return "scope is too long";
  for (const std::string& part : split_scope(scope))
    if (std::find(supported_scopes().begin(), supported_scopes().end(), part) == supported_scopes().end())
      return "the scope " + part + " is not known here";
  if (!has_scope(scope, "openid")) return "scope must include openid";
  return std::nullopt;
}

bool scope_within(const std::string& asked, const std::string& granted) {
  for (const std::string& part : split_scope(asked))
    if (!has_scope(granted, part)) return false;
  return true;
}

}  // namespace leads
