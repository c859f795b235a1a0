// The referrals endpoints under /v1.0/engagements/referrals: list, get one, PATCH (partner writes), POST (inject).
#pragma once
#include <httplib.h>

#include "server_context.h"

namespace leads {

// Any request whose path starts with kReferralsBase: routes by path and method (405 with Allow, 404 beyond).
void handle_referrals(const httplib::Request& req, httplib::Response& res, ServerContext& context);

// Creates an incoming lead from a request body (POST on the collection, and test mode's /_mock/referrals).
void create_referral(const httplib::Request& req, httplib::Response& res, ServerContext& context,
                     const std::string& user);

}  // namespace leads
