// Who is calling: the bearer token checked, the role read through the domain's role rules.
#pragma once
#include <httplib.h>

#include <optional>

#include "domain/roles.h"
#include "server_context.h"
#include "token.h"

namespace leads {

struct Caller {
  Identity identity;
  Role role = Role::None;
};

enum class Access { Read, Act };

// The caller, or nullopt with `res` already holding the 401 (no or bad token) or 403 (role may not read/act).
std::optional<Caller> authenticate(const httplib::Request& req, httplib::Response& res, const ServerContext& context,
                                   Access access);

}  // namespace leads
