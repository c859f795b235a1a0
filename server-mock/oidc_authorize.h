// GET|POST /authorize: the authorization endpoint (code flow with PKCE S256): checks the request, signs the person
// in (the page, or the session they already have) and sends a code back to the client's redirect URI.
#pragma once
#include <httplib.h>

#include "server_context.h"

namespace leads {

void handle_authorize(const httplib::Request& req, httplib::Response& res, ServerContext& context);

}  // namespace leads
