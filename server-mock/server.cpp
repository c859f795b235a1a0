// The server's front door. Every request passes one dispatcher, so Request-ID, MS-CorrelationId, CORS and the
// security headers are set in a single place, and cpp-httplib's own errors get the contract's JSON body too.
//
// [SECTION] common headers
// [SECTION] dev sign-in
// [SECTION] request gate
// [SECTION] dispatch
// [SECTION] run
#include "server.h"

#include <pthread.h>

#include <algorithm>
#include <cctype>
#include <csignal>
#include <cstdio>
#include <sstream>
#include <thread>

#include "auth.h"
#include "domain/referral_json.h"
#include "http_front.h"
#include "http_util.h"
#include "oidc.h"
#include "oidc_http.h"
#include "referrals_api.h"
#include "seed.h"
#include "static_files.h"
#include "test_mode.h"
#include "token.h"

namespace leads {

namespace {

// [SECTION] common headers -----------------------------------------------------------------------

constexpr const char* kAllowedHeaders = "Authorization, If-Match, Prefer, MS-RequestId, MS-CorrelationId, Content-Type";
constexpr const char* kExposedHeaders = "ETag, Retry-After, Request-ID, MS-CorrelationId, Location";

bool origin_allowed(const ServerContext& context, const std::string& origin) {
  for (const std::string& allowed : context.options.cors_origins)
    if (!origin.empty() && origin == allowed) return true;
  return false;
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

// Answers that must never be kept by a cache: the API, test mode and the dev sign-in.
bool is_api_path(const std::string& path) {
  return starts_with(path, "/v1.0/") || path == "/v1.0" || starts_with(path, "/_mock/") || path == "/dev/token";
}

// scheme://host[:port] of a URL ("https://login.microsoftonline.com/t/v2.0" → "https://login.microsoftonline.com").
std::string origin_of(const std::string& url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return {};
  return url.substr(0, url.find('/', scheme_end + 3));
}

// Where the app's pages may fetch from: --connect-src, plus another identity provider the app is told to use.
std::string connect_sources(const ServeOptions& options) {
  const std::string provider = origin_of(options.sign_in_authority);
  return provider.empty() ? options.connect_src : options.connect_src + " " + provider;
}

void set_common_headers(const httplib::Request& req, httplib::Response& res, const ServerContext& context) {
  if (!res.has_header("Request-ID")) res.set_header("Request-ID", new_uuid());
  const std::string correlation = req.get_header_value("MS-CorrelationId");
  if (!correlation.empty() && !res.has_header("MS-CorrelationId")) res.set_header("MS-CorrelationId", correlation);
  if (res.has_header("Content-Security-Policy")) return;  // already done (error handler after a handler)
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
                 "img-src 'self' data:; connect-src " +
                     connect_sources(context.options) + "; base-uri 'none'; form-action 'none'; frame-src " +
                     context.options.frame_src + "; frame-ancestors " + context.options.frame_ancestors);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  if (is_api_path(req.path) && !res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
  // The dev sign-in is never readable by another origin, whatever --cors-origin allows; the provider's endpoints
  // answer CORS themselves (their origins are the registered clients').
  const std::string origin = req.get_header_value("Origin");
  if (req.path != "/dev/token" && !is_oidc_path(req.path) && origin_allowed(context, origin)) {
    res.set_header("Access-Control-Allow-Origin", origin);
    res.set_header("Access-Control-Expose-Headers", kExposedHeaders);
    res.set_header("Vary", "Origin");
  }
}

void preflight(const httplib::Request& req, httplib::Response& res, const ServerContext& context) {
  res.status = 204;
  res.set_header("Allow", "GET, HEAD, POST, PATCH, OPTIONS");
  if (req.path != "/dev/token" && origin_allowed(context, req.get_header_value("Origin"))) {
    res.set_header("Access-Control-Allow-Methods", "GET, HEAD, POST, PATCH, OPTIONS");
    res.set_header("Access-Control-Allow-Headers", kAllowedHeaders);
    res.set_header("Access-Control-Max-Age", "600");
  }
}

// [SECTION] dev sign-in --------------------------------------------------------------------------

// The dev sign-in's user: a partner admin of the seeded partner (Contoso Bilişim) unless another role is asked for.
void dev_token(const httplib::Request& req, httplib::Response& res, const ServerContext& context) {
  if (req.method != "GET" && req.method != "HEAD") {
    res.set_header("Allow", "GET");
    return send_error(res, 405, "methodNotAllowed", "use GET");
  }
  const TimeMs lifetime = context.options.dev_token_seconds * kSecondMs;
  Identity identity;
  identity.name = "Deniz Aydın";
  identity.email = "deniz.aydin@contoso.com.tr";
  identity.oid = "7f3c1d2e-5a4b-4c6d-8e9f-0a1b2c3d4e5f";
  identity.tid = "4f5c2a8e-7d1b-4c3e-9a6f-0b2d8e1c5a77";
  identity.roles = {req.has_param("role") ? req.get_param_value("role") : "MPN partner admin"};
  identity.issued_at = Clock::system_now();  // token lifetimes follow real time (clock.h)
  identity.expires_at = identity.issued_at + lifetime;
  const std::string token = context.keys->sign(access_token_claims(identity, context.origin, "dev-sign-in", "dev"));
  if (token.empty()) return send_error(res, 500, "generalException", "the token could not be signed");
  res.set_header("Cache-Control", "no-store");
  send_json(res, 200, Json{{"token", token}, {"expiresIn", context.options.dev_token_seconds}});
}

// The app's own configuration: which portal origins may host it (the http(s) origins of --frame-ancestors), whether
// this server offers the dev sign-in, and which OpenID Connect provider to sign in with (this server unless
// --authority and the others say otherwise, e.g. Microsoft Entra ID), and the partner's business profile page
// (--business-profile-url). The app reads it at start-up; it holds no secret.
void app_config(httplib::Response& res, const ServerContext& context) {
  Json origins = Json::array();
  std::istringstream words(context.options.frame_ancestors);
  for (std::string word; words >> word;)
    if (word.rfind("http://", 0) == 0 || word.rfind("https://", 0) == 0) origins.push_back(word);
  const ServeOptions& options = context.options;
  auto or_default = [](const std::string& given, const std::string& fallback) {
    return given.empty() ? fallback : given;
  };
  const Json sign_in = {{"authority", or_default(options.sign_in_authority, context.origin)},
                        {"clientId", or_default(options.sign_in_client_id, kDefaultClientId)},
                        {"scopes", or_default(options.sign_in_scopes, kDefaultSignInScopes)},
                        {"redirectUri", or_default(options.sign_in_redirect_uri, context.origin + "/")}};
  res.set_header("Cache-Control", "no-cache");
  send_json(res, 200,
            Json{{"hostOrigins", origins},
                 {"devSignIn", options.dev_sign_in},
                 {"signIn", sign_in},
                 {"businessProfileUrl", options.business_profile_url}});
}

// [SECTION] request gate -------------------------------------------------------------------------
// Runs after the head is read and before any byte of the body: who may send a body is decided here, so a body is
// read only for a caller whose token is good, only in its Content-Length form, uncompressed and within the limit.

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

bool takes_body(const std::string& method) {
  return method == "POST" || method == "PATCH" || method == "PUT";
}

// A Host this server answers to: one of its configured names (no DNS rebinding: a page of another name that
// resolves to this address gets nothing).
bool host_allowed(const ServerContext& context, const std::string& host) {
  const std::string name = lower(trim(host));
  return std::find(context.host_names.begin(), context.host_names.end(), name) != context.host_names.end();
}

// A request the dev sign-in must refuse: one a page of another origin makes (the browser says so in Origin or
// Sec-Fetch-Site). Requests from outside a browser carry neither.
bool cross_origin(const httplib::Request& req, const ServerContext& context) {
  const std::string site = lower(trim(req.get_header_value("Sec-Fetch-Site")));
  if (!site.empty() && site != "same-origin" && site != "none") return true;
  if (!req.has_header("Origin")) return false;
  const std::string origin = lower(trim(req.get_header_value("Origin")));
  return origin != "http://" + lower(trim(req.get_header_value("Host"))) && origin != lower(context.origin);
}

bool bearer_is(const httplib::Request& req, const std::string& expected) {
  const std::string header = req.get_header_value("Authorization");
  if (expected.empty() || header.size() < 7 || lower(header.substr(0, 7)) != "bearer ") return false;
  const std::string given = trim(header.substr(7));
  if (given.size() != expected.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < given.size(); ++i) difference |= static_cast<unsigned char>(given[i] ^ expected[i]);
  return difference == 0;
}

httplib::Server::HandlerResponse gate(const httplib::Request& req, httplib::Response& res, ServerContext& context) {
  using Handled = httplib::Server::HandlerResponse;
  const bool has_length = req.has_header("Content-Length");
  const std::string length_text = trim(req.get_header_value("Content-Length"));
  // The front has checked Content-Length is digits and consistent.
  const unsigned long long length = has_length ? std::strtoull(length_text.c_str(), nullptr, 10) : 0;
  const bool body_pending = length > 0 || req.has_header("Transfer-Encoding");
  auto refuse = [&](int status, const std::string& code, const std::string& message, const std::string& target = "") {
    send_error(res, status, code, message, target);
    if (body_pending) res.set_header("Connection", "close");  // the body stays unread; the front closes
    set_common_headers(req, res, context);
    return Handled::Handled;
  };
  auto refused = [&] {  // `res` already holds the refusal (authenticate)
    if (body_pending) res.set_header("Connection", "close");
    set_common_headers(req, res, context);
    return Handled::Handled;
  };

  if (!host_allowed(context, req.get_header_value("Host")))
    return refuse(421, "misdirectedRequest", "this server does not answer to the host name in Host", "Host");

  // Framing: a body only with Content-Length, only uncompressed, only within the limit.
  if (req.has_header("Transfer-Encoding"))
    return refuse(411, "lengthRequired", "Transfer-Encoding is not accepted on requests; send Content-Length",
                  "Transfer-Encoding");
  const std::string encoding = lower(trim(req.get_header_value("Content-Encoding")));
  if (!encoding.empty() && encoding != "identity")
    return refuse(415, "unsupportedMediaType", "compressed request bodies are not accepted", "Content-Encoding");
  if (takes_body(req.method) && !has_length)
    return refuse(411, "lengthRequired", "a " + req.method + " needs a Content-Length", "Content-Length");
  if (!takes_body(req.method) && length > 0)
    return refuse(400, "invalidRequest", "a " + req.method + " request takes no body", "body");
  if (length > context.options.max_body)
    return refuse(413, "payloadTooLarge",
                  "the request body is over the limit of " + std::to_string(context.options.max_body) + " bytes",
                  "body");

  if (starts_with(req.path, "/_mock/")) {
    if (!context.options.test_mode) return refuse(404, "itemNotFound", "test mode is off");
    if (!bearer_is(req, context.options.test_token)) {
      res.set_header("WWW-Authenticate", "Bearer");
      return refuse(401, "unauthenticated", "test-mode routes need Authorization: Bearer <the --test-token>");
    }
    if (takes_body(req.method) && !is_json_content_type(req.get_header_value("Content-Type")))
      return refuse(415, "unsupportedMediaType", "test-mode requests must be application/json", "Content-Type");
    return Handled::Unhandled;
  }
  if (req.path == "/dev/token" && cross_origin(req, context))
    return refuse(403, "accessDenied", "the dev sign-in answers only pages of this server's own origin");
  // The provider's forms: anyone may post them (signing in is what they are for), as a small urlencoded form.
  if (takes_body(req.method) && takes_oidc_form(req.path)) {
    if (length > kOidcMaxFormBytes)
      return refuse(413, "payloadTooLarge",
                    "the form is over the limit of " + std::to_string(kOidcMaxFormBytes) + " bytes", "body");
    if (!is_form_content_type(req.get_header_value("Content-Type")))
      return refuse(415, "unsupportedMediaType", "send application/x-www-form-urlencoded", "Content-Type");
    return Handled::Unhandled;
  }
  if (takes_body(req.method)) {
    // Only the API takes bodies, and only from a caller whose token is good: checked before the body is read.
    if (!starts_with(req.path, kReferralsBase)) {
      res.set_header("Allow", "GET, HEAD");
      return refuse(405, "methodNotAllowed", "the method " + req.method + " is not allowed here");
    }
    const Access access = req.method == "POST" && context.options.test_mode ? Access::Read : Access::Act;
    if (!authenticate(req, res, context, access)) return refused();
  }
  return Handled::Unhandled;
}

// [SECTION] dispatch -----------------------------------------------------------------------------

void dispatch(const httplib::Request& req, httplib::Response& res, ServerContext& context) {
  if (req.method == "OPTIONS")
    return is_oidc_path(req.path) ? handle_oidc(req, res, context) : preflight(req, res, context);
  if (starts_with(req.path, "/_mock/")) {
    if (context.options.test_mode) return handle_test_mode(req, res, context);
    return send_error(res, 404, "itemNotFound", "test mode is off");
  }
  with_faults(req, res, context, [&] {
    if (starts_with(req.path, kReferralsBase)) return handle_referrals(req, res, context);
    if (req.path == "/dev/token" && context.options.dev_sign_in) return dev_token(req, res, context);
    if (req.path == "/app-config.json") return app_config(res, context);
    if (is_oidc_path(req.path)) return handle_oidc(req, res, context);
    if (starts_with(req.path, "/v1.0/") || req.path == "/v1.0" || req.path == "/dev/token")
      return send_error(res, 404, "itemNotFound", "no resource at " + req.path);
    serve_static(req, res, context.options.app_dir);
  });
}

// [SECTION] run ----------------------------------------------------------------------------------

// The Host values this server answers to: its bound host and port, the public origin's authority, and
// localhost's names when it listens on a loopback address. Lower case; the default port may be left out.
std::vector<std::string> allowed_host_names(const ServeOptions& options, const std::string& origin,
                                            const std::string& host, int port) {
  std::vector<std::string> names;
  auto add = [&](const std::string& name, int default_port, int actual_port) {
    names.push_back(lower(name) + ":" + std::to_string(actual_port));
    if (actual_port == default_port) names.push_back(lower(name));
  };
  add(host, 80, port);
  if (is_loopback_host(options.host)) {
    add("localhost", 80, port);
    add("127.0.0.1", 80, port);
  }
  const std::size_t scheme_end = origin.find("://");
  if (scheme_end != std::string::npos) {
    const bool https = lower(origin.substr(0, scheme_end)) == "https";
    std::string authority = origin.substr(scheme_end + 3);
    authority = authority.substr(0, authority.find('/'));
    const std::size_t colon = authority.rfind(':');
    const bool has_port = colon != std::string::npos && authority.find(']', colon) == std::string::npos;
    const int origin_port = has_port ? std::atoi(authority.c_str() + colon + 1) : (https ? 443 : 80);
    add(has_port ? authority.substr(0, colon) : authority, https ? 443 : 80, origin_port);
  }
  return names;
}

// Only a database without any lead is seeded: one whose rows were all quarantined still holds data.
bool seed_if_empty(ServerContext& context) {
  if (context.store.holds_data()) return true;
  return context.store.replace_all(seed_referrals(context.options.seed, context.options.leads, context.clock.now()));
}

}  // namespace

bool is_loopback_host(const std::string& host) {
  return host == "localhost" || host == "::1" || starts_with(host, "127.");
}

int run_server(const ServeOptions& options) {
  if (options.test_mode && !is_loopback_host(options.host)) {
    std::fprintf(stderr, "server-mock: --test-mode is only allowed on a loopback host, not %s\n", options.host.c_str());
    return 2;
  }
  // Signals go to one waiting thread, so the server is stopped outside any signal handler.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  auto context = std::make_unique<ServerContext>();
  context->options = options;
  if (options.now) context->clock.set(*options.now);
  std::string error;
  context->keys = KeyRing::open_for_database(options.db, error);
  if (!context->keys) {
    std::fprintf(stderr, "server-mock: %s\n", error.c_str());
    return 1;
  }
  if (options.test_mode && context->options.test_token.empty()) context->options.test_token = random_hex(16);
  if (!context->store.open(options.db, error)) {
    std::fprintf(stderr, "server-mock: %s\n", error.c_str());
    return 1;
  }
  if (!seed_if_empty(*context)) {
    std::fprintf(stderr, "server-mock: seeding %s failed\n", options.db.c_str());
    return 1;
  }

  HttpLimits limits;
  limits.core_workers = static_cast<std::size_t>(options.threads);
  limits.max_workers = std::max<std::size_t>(limits.max_workers, limits.core_workers);
  HttpFront server(limits);
  server.set_payload_max_length(options.max_body);
  server.set_keep_alive_max_count(limits.keep_alive_max_requests);
  server.set_keep_alive_timeout(limits.keep_alive_idle_ms / 1000);
  ServerContext& ctx = *context;
  server.set_pre_routing_handler(
      [&ctx](const httplib::Request& req, httplib::Response& res) { return gate(req, res, ctx); });
  auto handler = [&ctx](const httplib::Request& req, httplib::Response& res) {
    dispatch(req, res, ctx);
    set_common_headers(req, res, ctx);
  };
  const char* kAnyPath = "/.*";
  server.Get(kAnyPath, handler);
  server.Post(kAnyPath, handler);
  server.Patch(kAnyPath, handler);
  server.Put(kAnyPath, handler);
  server.Delete(kAnyPath, handler);
  server.Options(kAnyPath, handler);
  server.set_error_handler(
      httplib::Server::HandlerWithResponse([&ctx](const httplib::Request& req, httplib::Response& res) {
        if (res.body.empty() && res.status != 304 && res.status >= 400) {
          std::string message = "request refused";
          if (res.status == 413)
            message = "the request body is over the limit of " + std::to_string(ctx.options.max_body) + " bytes";
          send_error(res, res.status, error_code_for(res.status), message);
        }
        set_common_headers(req, res, ctx);
        return httplib::Server::HandlerResponse::Unhandled;
      }));
  server.set_exception_handler([&ctx](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
    send_error(res, 500, "generalException", "internal error");
    set_common_headers(req, res, ctx);
  });

  const int port = server.bind(options.host, options.port, error);
  if (port <= 0) {
    std::fprintf(stderr, "server-mock: cannot listen on %s:%d: %s\n", options.host.c_str(), options.port,
                 error.c_str());
    return 1;
  }
  const std::string host = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  context->bound_host = host + ":" + std::to_string(port);
  context->origin = options.public_origin.empty() ? "http://" + context->bound_host : options.public_origin;
  while (!context->origin.empty() && context->origin.back() == '/') context->origin.pop_back();
  context->host_names = allowed_host_names(options, context->origin, host, port);
  if (!open_oidc_provider(*context, error)) {
    std::fprintf(stderr, "server-mock: %s\n", error.c_str());
    return 1;
  }
  std::printf("listening on http://%s\n", context->bound_host.c_str());
  if (options.test_mode && options.test_token.empty())
    std::printf("test token: %s\n", context->options.test_token.c_str());
  std::fflush(stdout);

  std::thread stopper([&server, signals] {
    int signal = 0;
    sigwait(&signals, &signal);
    server.stop();
  });
  const bool ok = server.listen_after_bind();
  // listen ended without a signal (an error): wake the waiting thread so it can finish.
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  return ok ? 0 : 1;
}

}  // namespace leads
