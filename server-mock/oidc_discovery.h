// What a client needs to find and trust the provider: GET /.well-known/openid-configuration (OIDC Discovery) and
// GET /jwks (the public signing keys). Both public, readable from any origin.
#pragma once
#include <httplib.h>

#include "server_context.h"

namespace leads {

void handle_discovery(const httplib::Request& req, httplib::Response& res, const ServerContext& context);
void handle_jwks(const httplib::Request& req, httplib::Response& res, const ServerContext& context);

}  // namespace leads
