// Reaching under cpp-httplib to the request's socket, for test mode's dropped connections.
#pragma once
#include <httplib.h>

namespace leads {

// Shuts the request's connection both ways: the client sees it close with no (or no complete) response.
bool drop_connection(const httplib::Request& req);

}  // namespace leads
