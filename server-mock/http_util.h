// Small HTTP helpers shared by the routes: the contract's error body, JSON replies, ids and header reading.
#pragma once
#include <httplib.h>

#include <string>

#include "domain/referral.h"

namespace leads {

// `{"error":{"code","message","target"?}}` with the given status.
void send_error(httplib::Response& res, int status, const std::string& code, const std::string& message,
                const std::string& target = "");
void send_json(httplib::Response& res, int status, const Json& body);
// A body already written as JSON text (a list page, a recorded answer): the one place that names the content type.
void send_json_text(httplib::Response& res, int status, const std::string& body);

// The contract's code for an HTTP status ("invalidRequest" for 400, …).
const char* error_code_for(int status);

std::string new_uuid();
std::string trim(const std::string& text);
// `application/json` with or without parameters (charset…).
bool is_json_content_type(const std::string& value);

}  // namespace leads
