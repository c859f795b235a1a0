// Test mode: a settable clock, fault rules, the notifications outbox, re-seeding (which also lifts the sign-in
// throttle), lead injection and key rotation.
//
// [SECTION] routes
// [SECTION] faults
#include "test_mode.h"

#include <chrono>
#include <thread>

#include "connection_control.h"
#include "domain/referral_json.h"
#include "http_util.h"
#include "referral_store.h"
#include "referrals_api.h"
#include "seed.h"

namespace leads {

namespace {

// [SECTION] routes -------------------------------------------------------------------------------

bool read_body(const httplib::Request& req, httplib::Response& res, Json& out, bool allow_empty) {
  if (allow_empty && trim(req.body).empty()) {
    out = Json::object();
    return true;
  }
  ParsedJson parsed = parse_json_text(req.body);
  if (parsed.error) {
    send_error(res, 400, "invalidRequest", "the body is not valid JSON: " + parsed.error->message, "body");
    return false;
  }
  out = std::move(parsed.value);
  return true;
}

void clock_route(const httplib::Request& req, httplib::Response& res, ServerContext& context) {
  if (req.method == "POST") {
    Json body;
    if (!read_body(req, res, body, false)) return;
    if (!body.is_object()) return send_error(res, 400, "invalidRequest", "the body must be an object", "body");
    if (body.contains("now")) {
      const Json& now = body["now"];
      const auto time = now.is_string() ? parse_iso8601(now.get<std::string>()) : std::nullopt;
      if (!time) return send_error(res, 400, "invalidRequest", "now must be an ISO-8601 date-time", "now");
      context.clock.set(*time);
    } else if (body.contains("advanceSeconds")) {
      const Json& seconds = body["advanceSeconds"];
      if (!seconds.is_number())
        return send_error(res, 400, "invalidRequest", "advanceSeconds must be a number", "advanceSeconds");
      context.clock.advance(static_cast<TimeMs>(seconds.get<double>() * 1000));
    } else {
      return send_error(res, 400, "invalidRequest", "give now or advanceSeconds", "body");
    }
  } else if (req.method != "GET") {
    res.set_header("Allow", "GET, POST");
    return send_error(res, 405, "methodNotAllowed", "use GET or POST");
  }
  send_json(res, 200, Json{{"now", format_iso8601(context.clock.now())}});
}

void faults_route(const httplib::Request& req, httplib::Response& res, ServerContext& context) {
  if (req.method == "DELETE") {
    context.faults.clear();
    res.status = 204;
    return;
  }
  if (req.method == "POST") {
    Json body;
    if (!read_body(req, res, body, false)) return;
    if (body.is_object()) body = Json::array({body});
    if (!body.is_array()) return send_error(res, 400, "invalidRequest", "the body must be a list of rules", "body");
    std::vector<FaultRule> rules;
    for (std::size_t i = 0; i < body.size(); ++i) {
      FaultRule rule;
      if (auto error = fault_rule_from_json(body[i], std::to_string(i), rule))
        return send_error(res, 400, "invalidRequest", error->field + " " + error->message, error->field);
      rules.push_back(std::move(rule));
    }
    if (!context.faults.add(std::move(rules)))
      return send_error(res, 400, "invalidRequest",
                        "at most " + std::to_string(kMaxFaultRules) + " fault rules may be active", "body");
  } else if (req.method != "GET") {
    res.set_header("Allow", "GET, POST, DELETE");
    return send_error(res, 405, "methodNotAllowed", "use GET, POST or DELETE");
  }
  Json list = Json::array();
  for (const FaultRule& rule : context.faults.rules()) list.push_back(fault_rule_to_json(rule));
  send_json(res, 200, Json{{"value", list}});
}

void outbox_route(const httplib::Request& req, httplib::Response& res, ServerContext& context) {
  if (req.method != "GET") {
    res.set_header("Allow", "GET");
    return send_error(res, 405, "methodNotAllowed", "use GET");
  }
  context.store.expire_due(context.clock.now());
  Json list = Json::array();
  for (const OutboxEntry& entry : context.store.outbox())
    list.push_back({{"id", entry.id},
                    {"time", format_iso8601(entry.time)},
                    {"kind", entry.kind},
                    {"referralId", entry.referral_id},
                    {"recipient", entry.recipient},
                    {"text", entry.text}});
  send_json(res, 200, Json{{"value", list}});
}

void reset_route(const httplib::Request& req, httplib::Response& res, ServerContext& context) {
  if (req.method != "POST") {
    res.set_header("Allow", "POST");
    return send_error(res, 405, "methodNotAllowed", "use POST");
  }
  Json body;
  if (!read_body(req, res, body, true)) return;
  if (!body.is_object()) return send_error(res, 400, "invalidRequest", "the body must be an object", "body");
  std::uint64_t seed = context.options.seed;
  std::size_t leads = context.options.leads;
  if (body.contains("seed")) {
    if (!body["seed"].is_number_unsigned()) return send_error(res, 400, "invalidRequest", "seed must be >= 0", "seed");
    seed = body["seed"].get<std::uint64_t>();
  }
  if (body.contains("leads")) {
    if (!body["leads"].is_number_unsigned() || body["leads"].get<std::uint64_t>() > 100000)
      return send_error(res, 400, "invalidRequest", "leads must be 0 to 100000", "leads");
    leads = body["leads"].get<std::size_t>();
  }
  context.faults.clear();
  context.oidc.throttle.clear();
  if (!context.store.replace_all(seed_referrals(seed, leads, context.clock.now())))
    return send_error(res, 500, "generalException", "re-seeding failed");
  send_json(res, 200, Json{{"seed", seed}, {"leads", leads}});
}

// A lead stored as given, past the API's write checks and limits, up to what the store itself reads back (8 MiB,
// 64 levels): for tests of what a client does with stored data it cannot read (too deep, too large).
void raw_referral_route(const httplib::Request& req, httplib::Response& res, ServerContext& context) {
  if (req.method != "POST") {
    res.set_header("Allow", "POST");
    return send_error(res, 405, "methodNotAllowed", "use POST");
  }
  const ParsedJson body = parse_json_text(req.body, JsonLimits{8u << 20, 64});
  if (body.error)
    return send_error(res, 400, "invalidRequest", "the body is not valid JSON: " + body.error->message, "body");
  Referral referral;
  if (auto error = referral_from_json(body.value, referral))
    return send_error(res, 400, "invalidRequest", error->field + " " + error->message, error->field);
  if (referral.etag.empty()) referral.etag = make_etag();
  if (context.store.insert_unchecked(referral).outcome != WriteOutcome::Written)
    return send_error(res, 409, "conflict", "the referral could not be stored");
  send_json(res, 201, Json{{"id", referral.id}});
}

// A key rotation as `server-mock rotate-keys` does it, while the server runs: a new key signs, the previous one stays
// published, the one before is dropped. Answers the new signing kid and the JWKS.
void rotate_keys_route(const httplib::Request& req, httplib::Response& res, ServerContext& context) {
  if (req.method != "POST") {
    res.set_header("Allow", "POST");
    return send_error(res, 405, "methodNotAllowed", "use POST");
  }
  std::string error;
  if (!context.keys || !context.keys->rotate(error))
    return send_error(res, 500, "generalException", "the keys could not be rotated: " + error);
  send_json(res, 200, Json{{"signing", context.keys->signing_kid()}, {"jwks", context.keys->jwks()}});
}

}  // namespace

void handle_test_mode(const httplib::Request& req, httplib::Response& res, ServerContext& context) {
  const std::string& path = req.path;
  if (path == "/_mock/clock") return clock_route(req, res, context);
  if (path == "/_mock/faults") return faults_route(req, res, context);
  if (path == "/_mock/outbox") return outbox_route(req, res, context);
  if (path == "/_mock/reset") return reset_route(req, res, context);
  if (path == "/_mock/raw-referrals") return raw_referral_route(req, res, context);
  if (path == "/_mock/rotate-keys") return rotate_keys_route(req, res, context);
  if (path == "/_mock/referrals") {
    if (req.method != "POST") {
      res.set_header("Allow", "POST");
      return send_error(res, 405, "methodNotAllowed", "use POST");
    }
    return create_referral(req, res, context, "test-mode");
  }
  send_error(res, 404, "itemNotFound", "no test-mode route " + path);
}

// [SECTION] faults -------------------------------------------------------------------------------

void with_faults(const httplib::Request& req, httplib::Response& res, ServerContext& context,
                 const std::function<void()>& handle) {
  const std::optional<FaultRule> fault =
      context.options.test_mode ? context.faults.take(req.method, req.path) : std::nullopt;
  if (!fault) return handle();
  if (fault->latency_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(fault->latency_ms));
  if (fault->body == FaultBody::Drop) {
    drop_connection(req);
    return;
  }
  if (fault->status != 0) {
    const std::string code = error_code_for(fault->status);
    send_error(res, fault->status, code, "injected fault: " + code);
  } else {
    handle();
  }
  for (const auto& [name, value] : fault->headers) res.set_header(name.c_str(), value);
  switch (fault->body) {
    case FaultBody::CrashAfterCommit: drop_connection(req); break;
    case FaultBody::NotJson:
      res.set_content("<html><body>Upstream error</body></html>", "application/json; charset=utf-8");
      break;
    case FaultBody::Truncated: {
      // Promise the whole body, send half, then fail: the client sees the connection end early.
      auto body = std::make_shared<std::string>(res.body);
      const std::string type = res.get_header_value("Content-Type");
      res.body.clear();
      res.set_content_provider(body->size() + 1, type.c_str(), [body](size_t offset, size_t, httplib::DataSink& sink) {
        if (offset == 0) sink.write(body->data(), body->size() / 2);
        return offset == 0;
      });
      break;
    }
    case FaultBody::Oversized: {
      // A well-formed but huge list page: 64 MiB of one long string, streamed.
      constexpr std::size_t kSize = 64u << 20;
      const std::string head = "{\"value\":[],\"padding\":\"";
      const std::string tail = "\"}";
      res.body.clear();  // cpp-httplib sends a non-empty body in preference to the provider
      // With a charset the type is not one cpp-httplib compresses, so the client really receives 64 MiB.
      res.set_content_provider(kSize, "application/json; charset=utf-8",
                               [head, tail](size_t offset, size_t length, httplib::DataSink& sink) {
                                 std::string chunk;
                                 const std::size_t n = std::min<std::size_t>(length, 65536);
                                 for (std::size_t i = 0; i < n; ++i) {
                                   const std::size_t at = offset + i;
                                   if (at < head.size())
                                     chunk += head[at];
                                   else if (at >= kSize - tail.size())
                                     chunk += tail[at - (kSize - tail.size())];
                                   else
                                     chunk += 'x';
                                 }
                                 sink.write(chunk.data(), chunk.size());
                                 return true;
                               });
      break;
    }
    case FaultBody::None:
    case FaultBody::Drop: break;
  }
}

}  // namespace leads
