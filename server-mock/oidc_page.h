// The pages people see at the identity provider: the sign-in page (with the demo accounts) and the notices (a bad
// sign-in link, too many attempts, signed out). Turkish or English, no script, every echoed value escaped.
#pragma once
#include <httplib.h>

#include <string>
#include <utility>
#include <vector>

namespace leads {

enum class PageLanguage { English, Turkish };

// ui_locales (space-separated, first known one wins), else the best of Accept-Language; English by default.
PageLanguage page_language(const httplib::Request& req, const std::string& ui_locales);

struct SignInPage {
  PageLanguage language = PageLanguage::English;
  std::vector<std::pair<std::string, std::string>> hidden;  // the /authorize parameters, posted back with the form
  std::string email;                                        // prefilled: login_hint, or what was typed
  bool wrong_credentials = false;
  std::vector<std::string> form_origins;  // where the form's answer may redirect (CSP form-action)
};

// 200 (the page, listing the demo accounts of demo_accounts.h), never cached.
void send_sign_in_page(httplib::Response& res, const SignInPage& page);

enum class Notice {
  UnknownClient,       // 400: client_id not registered
  RedirectNotAllowed,  // 400: redirect_uri not registered for the client
  BadRequest,          // 400: a parameter cannot be read
  OtherSite,           // 403: the sign-in form was posted from another site
  Throttled,           // 429: too many failed sign-ins
  Unavailable,         // 503: the provider cannot answer now
  SignedOut,           // 200: after /logout
};

// `retry_after_seconds` for Throttled (also sent as Retry-After).
void send_notice_page(httplib::Response& res, PageLanguage language, Notice notice, long long retry_after_seconds = 0);

// GET /sign-in.css
void send_sign_in_css(httplib::Response& res);

}  // namespace leads
