// server-mock's identity provider as a whole: opening its stores and routing its endpoints (/authorize, /token,
// /logout, /revoke, /jwks, /.well-known/openid-configuration, /sign-in.css).
#pragma once
#include <httplib.h>

#include <string>

#include "server_context.h"

namespace leads {

// Registers the clients (the origin must be known: the default client's redirect URI is built from it) and opens the
// accounts and sessions in the database. False with `error` set on failure.
bool open_oidc_provider(ServerContext& context, std::string& error);

bool is_oidc_path(const std::string& path);
// The endpoints that take an application/x-www-form-urlencoded body (at most kOidcMaxFormBytes).
bool takes_oidc_form(const std::string& path);

// Answers a request to one of the provider's paths (is_oidc_path).
void handle_oidc(const httplib::Request& req, httplib::Response& res, ServerContext& context);

}  // namespace leads
