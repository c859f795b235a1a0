// The server's front door. Every request passes one dispatcher, so Request-ID, MS-CorrelationId, CORS and the
// security headers are set in a single place, and cpp-httplib's own errors get the contract's JSON body too.
//
// [SECTION] common headers
// [SECTION] dev sign-in
// [SECTION] dispatch
// [SECTION] run
#include "server.h"

#include <csignal>
#include <sstream>
#include <cstdio>
#include <pthread.h>
#include <thread>

#include "domain/referral_json.h"
#include "http_util.h"
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

void set_common_headers(const httplib::Request& req, httplib::Response& res, const ServerContext& context) {
  if (!res.has_header("Request-ID")) res.set_header("Request-ID", new_uuid());
  const std::string correlation = req.get_header_value("MS-CorrelationId");
  if (!correlation.empty() && !res.has_header("MS-CorrelationId")) res.set_header("MS-CorrelationId", correlation);
  if (res.has_header("Content-Security-Policy")) return;  // already done (error handler after a handler)
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
                 "img-src 'self' data:; connect-src 'self'; frame-src " + context.options.frame_src +
                     "; frame-ancestors " + context.options.frame_ancestors);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  const std::string origin = req.get_header_value("Origin");
  if (origin_allowed(context, origin)) {
    res.set_header("Access-Control-Allow-Origin", origin);
    res.set_header("Access-Control-Expose-Headers", kExposedHeaders);
    res.set_header("Vary", "Origin");
  }
}

void preflight(const httplib::Request& req, httplib::Response& res, const ServerContext& context) {
  res.status = 204;
  res.set_header("Allow", "GET, HEAD, POST, PATCH, OPTIONS");
  if (origin_allowed(context, req.get_header_value("Origin"))) {
    res.set_header("Access-Control-Allow-Methods", "GET, HEAD, POST, PATCH, OPTIONS");
    res.set_header("Access-Control-Allow-Headers", kAllowedHeaders);
    res.set_header("Access-Control-Max-Age", "600");
  }
}

// [SECTION] dev sign-in --------------------------------------------------------------------------

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
  identity.roles = {req.has_param("role") ? req.get_param_value("role") : "MPN partner admin"};
  identity.issued_at = Clock::system_now();
  identity.expires_at = identity.issued_at + lifetime;
  res.set_header("Cache-Control", "no-store");
  send_json(res, 200, Json{{"token", sign_token(identity, context.options.secret)},
                           {"expiresIn", context.options.dev_token_seconds}});
}

// The app's own configuration: which portal origins may host it (the http(s) origins of --frame-ancestors) and
// whether this server offers the dev sign-in. The app reads it at start-up; it holds no secret.
void app_config(httplib::Response& res, const ServerContext& context) {
  Json origins = Json::array();
  std::istringstream words(context.options.frame_ancestors);
  for (std::string word; words >> word;)
    if (word.rfind("http://", 0) == 0 || word.rfind("https://", 0) == 0) origins.push_back(word);
  res.set_header("Cache-Control", "no-cache");
  send_json(res, 200, Json{{"hostOrigins", origins}, {"devSignIn", context.options.dev_sign_in}});
}

// [SECTION] dispatch -----------------------------------------------------------------------------

bool starts_with(const std::string& text, const std::string& prefix) { return text.compare(0, prefix.size(), prefix) == 0; }

void dispatch(const httplib::Request& req, httplib::Response& res, ServerContext& context) {
  if (req.method == "OPTIONS") return preflight(req, res, context);
  if (starts_with(req.path, "/_mock/")) {
    if (context.options.test_mode) return handle_test_mode(req, res, context);
    return send_error(res, 404, "itemNotFound", "test mode is off");
  }
  with_faults(req, res, context, [&] {
    if (starts_with(req.path, kReferralsBase)) return handle_referrals(req, res, context);
    if (req.path == "/dev/token" && context.options.dev_sign_in) return dev_token(req, res, context);
    if (req.path == "/app-config.json") return app_config(res, context);
    if (starts_with(req.path, "/v1.0/") || req.path == "/v1.0" || req.path == "/dev/token")
      return send_error(res, 404, "itemNotFound", "no resource at " + req.path);
    serve_static(req, res, context.options.app_dir);
  });
}

// [SECTION] run ----------------------------------------------------------------------------------

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
  if (!context->store.open(options.db, error)) {
    std::fprintf(stderr, "server-mock: %s\n", error.c_str());
    return 1;
  }
  if (!seed_if_empty(*context)) {
    std::fprintf(stderr, "server-mock: seeding %s failed\n", options.db.c_str());
    return 1;
  }

  httplib::Server server;
  const int threads = options.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  server.set_payload_max_length(options.max_body);
  server.set_read_timeout(10, 0);
  server.set_write_timeout(10, 0);
  server.set_keep_alive_timeout(5);
  ServerContext& ctx = *context;
  server.set_pre_routing_handler([&ctx](const httplib::Request& req, httplib::Response& res) {
    // cpp-httplib's body limit covers Content-Length bodies only: refuse chunked uploads before they are read.
    if (req.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos) {
      send_error(res, 411, "lengthRequired", "chunked request bodies are not accepted; send Content-Length", "body");
      res.set_header("Connection", "close");
      set_common_headers(req, res, ctx);
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
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
  server.set_error_handler(httplib::Server::HandlerWithResponse([&ctx](const httplib::Request& req,
                                                                        httplib::Response& res) {
    if (res.body.empty() && res.status != 304 && res.status >= 400) {
      std::string message = "request refused";
      if (res.status == 413) message = "the request body is over the limit of " + std::to_string(ctx.options.max_body) + " bytes";
      send_error(res, res.status, error_code_for(res.status), message);
    }
    set_common_headers(req, res, ctx);
    return httplib::Server::HandlerResponse::Unhandled;
  }));
  server.set_exception_handler([&ctx](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
    send_error(res, 500, "generalException", "internal error");
    set_common_headers(req, res, ctx);
  });

  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.host);
  } else if (!server.bind_to_port(options.host, port)) {
    port = -1;
  }
  if (port <= 0) {
    std::fprintf(stderr, "server-mock: cannot listen on %s:%d\n", options.host.c_str(), options.port);
    return 1;
  }
  context->bound_host = (options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host) +
                        ":" + std::to_string(port);
  std::printf("listening on http://%s\n", context->bound_host.c_str());
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
