// Serving the built web app from --app-dir: MIME types, validators and 304, gzip, no path traversal.
#pragma once
#include <httplib.h>

#include <string>

namespace leads {

// GET/HEAD of any path outside the API; 404 when the file is missing, 400 for a path that tries to climb out.
void serve_static(const httplib::Request& req, httplib::Response& res, const std::string& app_dir);

const char* mime_type_for(const std::string& path);

}  // namespace leads
