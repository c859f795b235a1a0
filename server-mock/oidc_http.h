// The HTTP side shared by the provider's endpoints: reading their parameters (query or form body, each once and
// bounded), building redirect URIs, the session cookie, and OAuth's JSON error answers.
#pragma once
#include <httplib.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "domain/encoding.h"

namespace leads {

// A form body of the provider's endpoints is refused above this (checked before it is read). Debian's compiled
// cpp-httplib refuses urlencoded bodies above 8 KiB itself (CPPHTTPLIB_FORM_URL_ENCODED_PAYLOAD_MAX_LENGTH), so this
// says it first; an id_token_hint, the largest field, is under 2 KiB.
constexpr std::size_t kOidcMaxFormBytes = 8 * 1024;
constexpr const char* kSessionCookie = "leads_idp_session";

struct OidcParams {
  std::map<std::string, std::string> values;
  std::string problem;  // why they cannot be used (a repeated or over-long parameter), empty when fine

  // The value, or "" when absent.
  const std::string& get(const std::string& name) const;
  bool has(const std::string& name) const { return values.count(name) > 0; }
};

// A GET's query parameters, or a POST's application/x-www-form-urlencoded body (never both: a POST's query is
// ignored). Each parameter at most once (RFC 6749 3.1), at most 64 of them, each value at most 8 KiB.
OidcParams read_params(const httplib::Request& req);

// `uri` with `params` appended to its query (percent-encoded).
std::string with_query(const std::string& uri, const std::vector<std::pair<std::string, std::string>>& params);

// A redirect (302 after a GET, 303 after a POST, so the browser follows with a GET) that is never cached.
void redirect_to(httplib::Response& res, const httplib::Request& req, const std::string& location);
// `application/x-www-form-urlencoded`, with or without parameters.
bool is_form_content_type(const std::string& value);

// The value of a cookie of the request, "" when absent or unreasonably long.
std::string cookie_of(const httplib::Request& req, const std::string& name);
// The provider's session cookie; Secure when the provider's origin is https.
void set_session_cookie(httplib::Response& res, const std::string& value, const std::string& origin);
void clear_session_cookie(httplib::Response& res, const std::string& origin);

// RFC 6749 5.2: {"error", "error_description"}, never cached.
void send_oauth_error(httplib::Response& res, int status, const std::string& error, const std::string& description);
// An endpoint that takes only POST, or GET (and HEAD) and POST: any other method gets 405 invalid_request with the
// Allow header. True when the request was refused (and answered).
enum class OauthMethods { Post, GetOrPost };
bool refuse_other_methods(const httplib::Request& req, httplib::Response& res, OauthMethods allowed);
void send_oauth_json(httplib::Response& res, int status, const std::string& body);

// A request a page of another site made (Sec-Fetch-Site, else an Origin other than ours): the sign-in form must
// come from our own page.
bool from_another_site(const httplib::Request& req, const std::string& own_origin);

}  // namespace leads
