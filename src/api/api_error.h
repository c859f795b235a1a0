// Errors of the referrals API, classified the way the client must react to them.
#pragma once
#include <optional>
#include <string>

#include "api/http.h"

namespace leads {

enum class ApiErrorKind {
  Network,             // no answer: offline, dropped connection, timeout
  Unauthenticated,     // 401: the token is missing, bad or expired
  Forbidden,           // 403: the user's role may not do this
  NotFound,            // 404
  Conflict,            // 409
  PreconditionFailed,  // 412: someone else changed the lead (stale ETag)
  Invalid,             // 400: the server refused the request (target names the field)
  TooManyRequests,     // 429
  Unavailable,         // 503 and other 5xx
  BadResponse,         // a 2xx whose body is not what the contract says
  Other,               // any other status
};

struct ApiError {
  ApiErrorKind kind = ApiErrorKind::Other;
  int status = 0;
  std::string code;     // the contract's error code, e.g. "preconditionFailed"
  std::string message;  // for logs and details; the UI shows a translated text chosen by kind
  std::string target;
  std::optional<int> retry_after_seconds;  // Retry-After in seconds, or its HTTP date as seconds from the answer
};

// Reads a non-2xx (or failed) response into an ApiError; tolerates any body, including none or non-JSON.
ApiError error_from_response(const HttpResponse& response);
ApiError bad_response(const HttpResponse& response, const std::string& why);

// Reads whether a failed call may be retried as is (reads; writes only with the same MS-RequestId).
bool is_retryable(const ApiError& error);

// (How long to wait before a retry: api/retry_policy.h.)

// i18n key for the error's user-facing text, e.g. "error.network".
const char* error_key(ApiErrorKind kind);

}  // namespace leads
