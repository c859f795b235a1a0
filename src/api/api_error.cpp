// Classifying API failures by status and the contract's error body.
#include "api/api_error.h"

#include <algorithm>
#include <cstdlib>

#include "api/retry_policy.h"
#include "domain/referral_json.h"

namespace leads {

namespace {
ApiErrorKind kind_of_status(int status) {
  switch (status) {
    case 0: return ApiErrorKind::Network;
    case 400: return ApiErrorKind::Invalid;
    case 401: return ApiErrorKind::Unauthenticated;
    case 403: return ApiErrorKind::Forbidden;
    case 404: return ApiErrorKind::NotFound;
    case 409: return ApiErrorKind::Conflict;
    case 412: return ApiErrorKind::PreconditionFailed;
    case 429: return ApiErrorKind::TooManyRequests;
    default: break;
  }
  if (status >= 500) return ApiErrorKind::Unavailable;
  if (status >= 200 && status < 300) return ApiErrorKind::BadResponse;
  return ApiErrorKind::Other;
}
}  // namespace

ApiError error_from_response(const HttpResponse& response) {
  ApiError error;
  error.status = response.status;
  error.kind = kind_of_status(response.status);
  if (response.status == 0) {
    error.message = response.network_error.empty() ? "no response" : response.network_error;
    return error;
  }
  if (const std::string* retry_after = response.header("retry-after")) {
    char* end = nullptr;
    const long seconds = std::strtol(retry_after->c_str(), &end, 10);
    if (end != retry_after->c_str() && *end == '\0' && seconds >= 0 && seconds < 86400) {
      error.retry_after_seconds = static_cast<int>(seconds);
    } else if (const std::optional<TimeMs> at = parse_http_date(*retry_after)) {
      // A date is measured from the server's own Date when it sent one (no clock skew), else from when the answer
      // arrived; a date in the past means now.
      std::optional<TimeMs> reference;
      if (const std::string* date = response.header("date")) reference = parse_http_date(*date);
      if (!reference && response.received_at_ms > 0) reference = response.received_at_ms;
      if (reference) {
        const TimeMs wait_ms = std::clamp<TimeMs>(*at - *reference, 0, 86399 * kSecondMs);
        error.retry_after_seconds = static_cast<int>((wait_ms + kSecondMs - 1) / kSecondMs);
      }
    }
  }
  const ParsedJson parsed = parse_json_text(response.body, JsonLimits{64 * 1024, 16});
  if (!parsed.error && parsed.value.is_object()) {
    auto it = parsed.value.find("error");
    if (it != parsed.value.end() && it->is_object()) {
      auto text_of = [&](const char* key) {
        auto field = it->find(key);
        return field != it->end() && field->is_string() ? field->get<std::string>() : std::string();
      };
      error.code = text_of("code");
      error.message = text_of("message");
      error.target = text_of("target");
    }
  }
  if (error.message.empty()) error.message = "HTTP " + std::to_string(response.status);
  return error;
}

ApiError bad_response(const HttpResponse& response, const std::string& why) {
  ApiError error;
  error.kind = ApiErrorKind::BadResponse;
  error.status = response.status;
  error.message = why;
  return error;
}

bool is_retryable(const ApiError& error) {
  return error.kind == ApiErrorKind::Network || error.kind == ApiErrorKind::TooManyRequests ||
         error.kind == ApiErrorKind::Unavailable;
}

const char* error_key(ApiErrorKind kind) {
  switch (kind) {
    case ApiErrorKind::Network: return "error.network";
    case ApiErrorKind::Unauthenticated: return "error.unauthenticated";
    case ApiErrorKind::Forbidden: return "error.forbidden";
    case ApiErrorKind::NotFound: return "error.not_found";
    case ApiErrorKind::Conflict: return "error.conflict";
    case ApiErrorKind::PreconditionFailed: return "error.precondition_failed";
    case ApiErrorKind::Invalid: return "error.invalid";
    case ApiErrorKind::TooManyRequests: return "error.too_many_requests";
    case ApiErrorKind::Unavailable: return "error.unavailable";
    case ApiErrorKind::BadResponse: return "error.bad_response";
    case ApiErrorKind::Other: break;
  }
  return "error.other";
}

}  // namespace leads
