// Ending sign-ins: GET|POST /logout (OIDC RP-initiated logout: ends the provider session, revokes its refresh
// families, clears the cookie) and POST /revoke (RFC 7009: revokes a refresh token's family).
#pragma once
#include <httplib.h>

#include "server_context.h"

namespace leads {

void handle_logout(const httplib::Request& req, httplib::Response& res, ServerContext& context);
void handle_revoke(const httplib::Request& req, httplib::Response& res, ServerContext& context);

}  // namespace leads
