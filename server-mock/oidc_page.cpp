// The provider's HTML: the sign-in page, the notices and their stylesheet.
//
// [SECTION] language
// [SECTION] texts
// [SECTION] HTML
#include "oidc_page.h"

#include <algorithm>
#include <cstdlib>

#include "demo_accounts.h"
#include "http_util.h"
#include "sign_in_css.h"

namespace leads {

namespace {

// [SECTION] language -----------------------------------------------------------------------------

std::string lower_ascii(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

// The primary subtag of a language tag ("tr-TR" → "tr").
std::string primary_language(const std::string& tag) {
  return lower_ascii(trim(tag.substr(0, tag.find('-'))));
}

}  // namespace

PageLanguage page_language(const httplib::Request& req, const std::string& ui_locales) {
  std::size_t start = 0;
  while (start < ui_locales.size()) {
    const std::size_t end = std::min(ui_locales.find(' ', start), ui_locales.size());
    const std::string language = primary_language(ui_locales.substr(start, end - start));
    if (language == "tr") return PageLanguage::Turkish;
    if (language == "en") return PageLanguage::English;
    start = end + 1;
  }
  // Accept-Language: the known language with the highest q (the first one on a tie).
  const std::string header = req.get_header_value("Accept-Language").substr(0, 1024);
  PageLanguage best = PageLanguage::English;
  double best_q = -1;
  start = 0;
  while (start < header.size()) {
    const std::size_t end = std::min(header.find(',', start), header.size());
    const std::string item = header.substr(start, end - start);
    start = end + 1;
    const std::size_t semicolon = item.find(';');
    const std::string language = primary_language(item.substr(0, semicolon));
    double q = 1;
    if (semicolon != std::string::npos) {
      const std::string parameter = trim(item.substr(semicolon + 1));
      if (parameter.rfind("q=", 0) == 0) q = std::strtod(parameter.c_str() + 2, nullptr);
    }
    if ((language == "tr" || language == "en") && q > 0 && q > best_q) {
      best = language == "tr" ? PageLanguage::Turkish : PageLanguage::English;
      best_q = q;
    }
  }
  return best;
}

namespace {

// [SECTION] texts --------------------------------------------------------------------------------
// The product and role names are the app's own (assets/i18n/*.json: app.title, role.*).

struct Texts {
  const char* lang;
  const char* product;
  const char* sign_in_title;
  const char* email;
  const char* password;
  const char* submit;
  const char* wrong_credentials;
  const char* demo_heading;
  const char* demo_note;
  const char* name;
  const char* role;
  const char* partner_admin;
  const char* referrals_admin;
  const char* referrals_user;
  const char* bad_link_title;
  const char* unknown_client;
  const char* redirect_not_allowed;
  const char* bad_request;
  const char* other_site_title;
  const char* other_site;
  const char* throttled_title;
  const char* throttled;  // followed by the minutes
  const char* minutes;
  const char* unavailable_title;
  const char* unavailable;
  const char* signed_out_title;
  const char* signed_out;
};

constexpr Texts kEnglish = {
    "en",
    "Leads workspace",
    "Sign in",
    "E-mail",
    "Password",
    "Sign in",
    "The e-mail or the password is not right. Check both and try again.",
    "Demo accounts",
    "This is a demonstration server: these accounts of Contoso Bilişim and their passwords are public and work "
    "only here. Never type a real password on this page.",
    "Name",
    "Role",
    "MPN partner admin",
    "Referrals admin",
    "Referrals user (read only)",
    "This sign-in link cannot be used",
    "The application that sent you here is not registered with this sign-in server. Nothing was sent back to it: "
    "open the application again from its usual address.",
    "The address this sign-in would return to is not registered for the application. Nothing was sent back to it: "
    "open the application again from its usual address.",
    "The sign-in request is not complete or not readable. Open the application again and sign in from there.",
    "Sign-in refused",
    "This sign-in form was sent from another site. Open the application again and sign in from there.",
    "Too many failed sign-ins",
    "Signing in is paused for this account or this network after too many failed attempts. Try again in",
    "minutes.",
    "Sign-in is not available right now",
    "The sign-in server cannot answer right now. Try again in a moment.",
    "You are signed out",
    "You have signed out of the Leads workspace on this browser. You may close this page.",
};

constexpr Texts kTurkish = {
    "tr",
    "Müşteri adayı çalışma alanı",
    "Oturum açın",
    "E-posta",
    "Parola",
    "Oturum aç",
    "E-posta ya da parola yanlış. İkisini de denetleyip yeniden deneyin.",
    "Demo hesapları",
    "Bu bir tanıtım sunucusudur: Contoso Bilişim'in bu hesapları ve parolaları herkese açıktır ve yalnızca burada "
    "çalışır. Bu sayfaya asla gerçek bir parola yazmayın.",
    "Ad",
    "Rol",
    "MPN iş ortağı yöneticisi",
    "Referans yöneticisi",
    "Referans kullanıcısı (salt okunur)",
    "Bu oturum açma bağlantısı kullanılamıyor",
    "Sizi buraya gönderen uygulama bu oturum açma sunucusuna kayıtlı değil. Ona hiçbir şey geri gönderilmedi: "
    "uygulamayı her zamanki adresinden yeniden açın.",
    "Bu oturum açmanın döneceği adres uygulama için kayıtlı değil. Ona hiçbir şey geri gönderilmedi: uygulamayı "
    "her zamanki adresinden yeniden açın.",
    "Oturum açma isteği eksik ya da okunamıyor. Uygulamayı yeniden açıp oradan oturum açın.",
    "Oturum açma reddedildi",
    "Bu oturum açma formu başka bir siteden gönderildi. Uygulamayı yeniden açıp oradan oturum açın.",
    "Çok fazla başarısız oturum açma denemesi",
    "Çok fazla başarısız denemeden sonra bu hesap ya da bu ağ için oturum açma durduruldu. Yeniden deneyebileceğiniz "
    "süre:",
    "dakika.",
    "Oturum açma şu anda kullanılamıyor",
    "Oturum açma sunucusu şu anda yanıt veremiyor. Biraz sonra yeniden deneyin.",
    "Oturumunuz kapatıldı",
    "Bu tarayıcıda Müşteri adayı çalışma alanı oturumunuz kapatıldı. Bu sayfayı kapatabilirsiniz.",
};

const Texts& texts_for(PageLanguage language) {
  return language == PageLanguage::Turkish ? kTurkish : kEnglish;
}

const char* role_label(const Texts& texts, const std::string& role) {
  if (role == "MPN partner admin") return texts.partner_admin;
  if (role == "Referrals admin") return texts.referrals_admin;
  if (role == "Referrals user") return texts.referrals_user;
  return role.c_str();
}

// [SECTION] HTML ---------------------------------------------------------------------------------

std::string escape_html(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string page_head(const Texts& texts, const std::string& title) {
  return std::string("<!doctype html>\n<html lang=\"") + texts.lang +
         "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, "
         "initial-scale=1\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<title>" +
         escape_html(title) + " – " + texts.product +
         "</title>\n<link rel=\"stylesheet\" href=\"/sign-in.css\">\n</head>\n<body>\n<main>\n<p class=\"product\">" +
         texts.product + "</p>\n<h1>" + escape_html(title) + "</h1>\n";
}

constexpr const char* kPageTail = "</main>\n</body>\n</html>\n";

// No script anywhere; styles only from /sign-in.css; the form only to us and the redirect origins; never framed.
void send_html(httplib::Response& res, int status, const std::string& html, const std::vector<std::string>& origins) {
  std::string form_action = "'self'";
  for (const std::string& origin : origins) form_action += " " + origin;
  res.status = status;
  res.set_header("Content-Security-Policy", "default-src 'none'; style-src 'self'; form-action " + form_action +
                                                "; frame-ancestors 'none'; base-uri 'none'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cache-Control", "no-store");
  res.set_content(html, "text/html; charset=utf-8");
}

}  // namespace

void send_sign_in_page(httplib::Response& res, const SignInPage& page) {
  const Texts& t = texts_for(page.language);
  std::string html = page_head(t, t.sign_in_title);
  if (page.wrong_credentials)
    html += std::string("<p class=\"alert\" role=\"alert\">") + t.wrong_credentials + "</p>\n";
  html += "<form method=\"post\" action=\"/authorize\">\n";
  for (const auto& [name, value] : page.hidden)
    html += "<input type=\"hidden\" name=\"" + escape_html(name) + "\" value=\"" + escape_html(value) + "\">\n";
  html += std::string("<label for=\"email\">") + t.email +
          "</label>\n<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required "
          "maxlength=\"320\" value=\"" +
          escape_html(page.email) + "\"" + (page.email.empty() ? " autofocus" : "") + ">\n";
  html += std::string("<label for=\"password\">") + t.password +
          "</label>\n<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" "
          "required maxlength=\"1024\"" +
          (page.email.empty() ? "" : " autofocus") + ">\n";
  html += std::string("<button type=\"submit\">") + t.submit + "</button>\n</form>\n";
  html += std::string("<section aria-labelledby=\"demo-accounts\">\n<h2 id=\"demo-accounts\">") + t.demo_heading +
          "</h2>\n<p class=\"note\">" + escape_html(t.demo_note) + "</p>\n<table>\n<thead><tr><th scope=\"col\">" +
          t.name + "</th><th scope=\"col\">" + t.email + "</th><th scope=\"col\">" + t.password +
          "</th><th scope=\"col\">" + t.role + "</th></tr></thead>\n<tbody>\n";
  for (const DemoAccount& account : kDemoAccounts)
    html += "<tr><td>" + escape_html(account.name) + "</td><td>" + escape_html(account.email) +
            "</td><td class=\"secret\">" + escape_html(account.password) + "</td><td>" +
            escape_html(role_label(t, account.role)) + "</td></tr>\n";
  html += "</tbody>\n</table>\n</section>\n";
  html += kPageTail;
  send_html(res, 200, html, page.form_origins);
}

void send_notice_page(httplib::Response& res, PageLanguage language, Notice notice, long long retry_after_seconds) {
  const Texts& t = texts_for(language);
  const char* title = t.bad_link_title;
  std::string message;
  int status = 400;
  switch (notice) {
    case Notice::UnknownClient: message = t.unknown_client; break;
    case Notice::RedirectNotAllowed: message = t.redirect_not_allowed; break;
    case Notice::BadRequest: message = t.bad_request; break;
    case Notice::OtherSite:
      status = 403;
      title = t.other_site_title;
      message = t.other_site;
      break;
    case Notice::Throttled: {
      status = 429;
      title = t.throttled_title;
      const long long minutes = std::max(1LL, (retry_after_seconds + 59) / 60);
      message = std::string(t.throttled) + " " + std::to_string(minutes) + " " + t.minutes;
      res.set_header("Retry-After", std::to_string(std::max(1LL, retry_after_seconds)));
      break;
    }
    case Notice::Unavailable:
      status = 503;
      title = t.unavailable_title;
      message = t.unavailable;
      break;
    case Notice::SignedOut:
      status = 200;
      title = t.signed_out_title;
      message = t.signed_out;
      break;
  }
  const bool alert = notice != Notice::SignedOut;
  std::string html = page_head(t, title);
  html += std::string("<p") + (alert ? " class=\"alert\" role=\"alert\"" : "") + ">" + escape_html(message) + "</p>\n";
  html += kPageTail;
  send_html(res, status, html, {});
}

void send_sign_in_css(httplib::Response& res) {
  res.status = 200;
  res.set_header("Cache-Control", "no-cache");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_content(kSignInCss, "text/css; charset=utf-8");
}

}  // namespace leads
