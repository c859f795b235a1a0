// The /_mock/ routes of test mode (clock, faults, outbox, reset, injection, key rotation) and applying faults to
// requests.
#pragma once
#include <httplib.h>

#include <functional>

#include "server_context.h"

namespace leads {

void handle_test_mode(const httplib::Request& req, httplib::Response& res, ServerContext& context);

// Runs `handle` under the first matching fault rule (delay, canned error, mangled body, dropped connection).
void with_faults(const httplib::Request& req, httplib::Response& res, ServerContext& context,
                 const std::function<void()>& handle);

}  // namespace leads
