// Running the HTTP server: routing between the API, test mode, dev sign-in and static files; common headers.
#pragma once
#include "server_context.h"

namespace leads {

// Opens (and seeds if empty) the database, listens, prints "listening on http://HOST:PORT" and serves until
// SIGINT/SIGTERM. Returns the process exit code.
int run_server(const ServeOptions& options);

bool is_loopback_host(const std::string& host);

}  // namespace leads
