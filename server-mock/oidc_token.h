// POST /token: the token endpoint. The authorization_code grant (the code with its PKCE verifier) and the
// refresh_token grant (rotation: each refresh token works once; a reused one revokes its family). Answers to
// browsers of the registered redirect origins (CORS).
#pragma once
#include <httplib.h>

#include "server_context.h"

namespace leads {

void handle_token(const httplib::Request& req, httplib::Response& res, ServerContext& context);

// CORS for the endpoints a browser app calls with fetch (/token, /revoke): the Origin echoed when it is the origin
// of a registered redirect URI; an OPTIONS preflight answered. True when the request was a preflight (answered).
bool answer_cors(const httplib::Request& req, httplib::Response& res, const ServerContext& context);

}  // namespace leads
