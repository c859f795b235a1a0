// GET on the referrals collection: OData $filter/$orderby/$top/$skip/$count/$select with stable nextLink paging.
#pragma once
#include <httplib.h>

#include "server_context.h"

namespace leads {

// The absolute base of links in responses ("http://host:port"), from the Host header when present.
std::string absolute_base(const httplib::Request& req, const ServerContext& context);

// Fills `res` with the page (200) or a 400 invalidRequest whose target names the offending option.
void list_referrals(const httplib::Request& req, httplib::Response& res, ServerContext& context);

}  // namespace leads
