// Reaching under cpp-httplib to the request's socket: test-mode drops and refusing unread chunked bodies.
#pragma once
#include <httplib.h>

namespace leads {

// Shuts the request's connection both ways: the client sees it close with no (or no complete) response.
bool drop_connection(const httplib::Request& req);
// Stops reading from the request's connection, so it closes after the response instead of reading a body.
bool stop_reading(const httplib::Request& req);

}  // namespace leads
