// Referral routes. The write rules are the domain's (apply_partner_patch, check_incoming_lead, check_record); this
// file adds HTTP: ETags and If-Match, Prefer, MS-RequestId replay (idempotency.h), and the outbox side effects.
//
// [SECTION] routing
// [SECTION] get one
// [SECTION] patch
// [SECTION] create
#include "referrals_api.h"

#include "auth.h"
#include "domain/clocks.h"
#include "domain/incoming_lead.h"
#include "domain/partner_write.h"
#include "domain/referral_json.h"
#include "http_util.h"
#include "idempotency.h"
#include "listing.h"

namespace leads {

namespace {

void get_referral(const httplib::Request& req, httplib::Response& res, ServerContext& context, const std::string& id);
void patch_referral(const httplib::Request& req, httplib::Response& res, ServerContext& context, const std::string& id);

void method_not_allowed(httplib::Response& res, const char* allow, const std::string& method) {
  res.set_header("Allow", allow);
  send_error(res, 405, "methodNotAllowed", "the method " + method + " is not allowed here; use " + allow);
}

// The request's body as JSON of the kind the route takes, or nullopt once a 400 naming the body is sent.
std::optional<Json> read_body(const httplib::Request& req, httplib::Response& res, const ServerContext& context,
                              Json::value_t kind, const char* wrong_kind) {
  ParsedJson body = parse_json_text(req.body, JsonLimits{context.options.max_body, 32});
  if (body.error) {
    send_error(res, 400, "invalidRequest", "the body is not valid JSON: " + body.error->message, "body");
    return std::nullopt;
  }
  if (body.value.type() != kind) {
    send_error(res, 400, "invalidRequest", wrong_kind, "body");
    return std::nullopt;
  }
  return std::move(body.value);
}

// A record the store refused (domain/record_limits.h): 413 when it is too large, else 400; the target names the field.
void send_refused(httplib::Response& res, const WriteReport& report) {
  if (!report.problem) return send_error(res, 500, "generalException", "the referral could not be saved");
  const bool too_large = report.problem->kind == RecordProblemKind::TooLarge;
  send_error(
      res, too_large ? 413 : 400, too_large ? "payloadTooLarge" : "invalidRequest",
      (report.problem->error.field.empty() ? "" : report.problem->error.field + ": ") + report.problem->error.message,
      report.problem->error.field.empty() ? "body" : report.problem->error.field);
}

// [SECTION] routing ------------------------------------------------------------------------------

}  // namespace

void handle_referrals(const httplib::Request& req, httplib::Response& res, ServerContext& context) {
  std::string rest = req.path.substr(std::string(kReferralsBase).size());
  if (!rest.empty() && rest[0] != '/') {
    send_error(res, 404, "itemNotFound", "no resource at " + req.path);
    return;
  }
  if (rest.empty() || rest == "/") {
    if (req.method == "GET" || req.method == "HEAD") {
      if (authenticate(req, res, context, Access::Read)) list_referrals(req, res, context);
    } else if (req.method == "POST") {
      auto caller = authenticate(req, res, context, context.options.test_mode ? Access::Read : Access::Act);
      if (caller) create_referral(req, res, context, caller->identity.oid);
    } else {
      method_not_allowed(res, "GET, POST", req.method);
    }
    return;
  }
  const std::string id = rest.substr(1);
  if (id.find('/') != std::string::npos) {
    send_error(res, 404, "itemNotFound", "no resource at " + req.path);
    return;
  }
  if (req.method == "GET" || req.method == "HEAD") {
    if (authenticate(req, res, context, Access::Read)) get_referral(req, res, context, id);
  } else if (req.method == "PATCH") {
    patch_referral(req, res, context, id);
  } else {
    method_not_allowed(res, "GET, PATCH", req.method);
  }
}

namespace {

// [SECTION] get one ------------------------------------------------------------------------------

void send_referral(httplib::Response& res, int status, const Referral& referral) {
  res.set_header("ETag", referral.etag);
  send_json(res, status, referral_to_json(referral));
}

void get_referral(const httplib::Request&, httplib::Response& res, ServerContext& context, const std::string& id) {
  context.store.expire_due(context.clock.now());
  const ReferralPtr referral = context.store.find(id);
  if (!referral) {
    send_error(res, 404, "itemNotFound", "no referral with id " + id, "id");
    return;
  }
  send_referral(res, 200, *referral);
}

// [SECTION] patch --------------------------------------------------------------------------------

bool wants_representation(const httplib::Request& req) {
  return req.get_header_value("Prefer").find("return=representation") != std::string::npos;
}

// If-Match: absent or "*" matches anything; otherwise one of its comma-separated tags must be the current eTag.
bool if_match_holds(const std::string& header, const std::string& etag) {
  const std::string value = trim(header);
  if (value.empty() || value == "*") return true;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t end = value.find(',', start);
    if (end == std::string::npos) end = value.size();
    if (trim(value.substr(start, end - start)) == etag) return true;
    start = end + 1;
  }
  return false;
}

OutboxEntry decline_note(const Referral& referral, TimeMs now) {
  OutboxEntry entry;
  entry.time = now;
  entry.kind = "declined";
  entry.referral_id = referral.id;
  const auto& team = referral.customer_profile.team;
  entry.recipient = !team.empty() && !team.front().email.empty() ? team.front().email : referral.customer_profile.name;
  entry.text = referral.organization_name + " cannot take on \"" + referral.name + "\" for " +
               referral.customer_profile.name + "; please choose another partner.";
  return entry;
}

void apply_patch(const httplib::Request& req, httplib::Response& res, ServerContext& context, const std::string& id,
                 const Caller& caller, const IdempotentRequest& idempotent) {
  const std::optional<Json> patch =
      read_body(req, res, context, Json::value_t::array, "the body must be a JSON Patch array of operations");
  if (!patch) return;
  const TimeMs now = context.clock.now();
  context.store.expire_due(now);
  const ReferralPtr current = context.store.find(id);
  if (!current) {
    send_error(res, 404, "itemNotFound", "no referral with id " + id, "id");
    return;
  }
  if (!if_match_holds(req.get_header_value("If-Match"), current->etag)) {
    send_error(res, 412, "preconditionFailed", "the referral has changed since it was read (If-Match does not match)",
               "If-Match");
    return;
  }
  WriteResult result = apply_partner_patch(*current, *patch, caller.role, now);
  if (result.error) {
    const bool forbidden = result.error->kind == WriteErrorKind::Forbidden;
    send_error(res, forbidden ? 403 : 400, forbidden ? "accessDenied" : "invalidRequest", result.error->error.message,
               result.error->error.field);
    return;
  }
  Referral updated = std::move(*result.updated);
  updated.etag = make_etag();
  updated.updated_date_time = now;
  // The answer is known before the write: it is committed with the row, so a retry after a crash replays it.
  RecordedResponse answer{204, updated.etag, "", "", ""};
  if (wants_representation(req)) {
    answer.status = 200;
    answer.body = dump_json(referral_to_json(updated));
  }
  WriteExtras extras = idempotent.extras(answer);
  if (current->substatus != Substatus::Declined && updated.substatus == Substatus::Declined)
    extras.outbox = decline_note(updated, now);
  const WriteReport report = context.store.update_if(updated, current->etag, extras);
  switch (report.outcome) {
    case WriteOutcome::Written: break;
    case WriteOutcome::Stale:
      send_error(res, 412, "preconditionFailed", "the referral was changed by another request at the same time",
                 "If-Match");
      return;
    case WriteOutcome::NotFound: send_error(res, 404, "itemNotFound", "no referral with id " + id, "id"); return;
    case WriteOutcome::Refused: send_refused(res, report); return;
    case WriteOutcome::Failed: send_error(res, 500, "generalException", "the referral could not be saved"); return;
  }
  send_recorded(res, answer);
}

void patch_referral(const httplib::Request& req, httplib::Response& res, ServerContext& context,
                    const std::string& id) {
  auto caller = authenticate(req, res, context, Access::Act);
  if (!caller) return;
  IdempotentRequest idempotent(req, context.store, context.requests, caller->identity.oid);
  if (idempotent.answered(res)) return;
  apply_patch(req, res, context, id, *caller, idempotent);
}

}  // namespace

// [SECTION] create -------------------------------------------------------------------------------

void create_referral(const httplib::Request& req, httplib::Response& res, ServerContext& context,
                     const std::string& user) {
  IdempotentRequest idempotent(req, context.store, context.requests, user);
  if (idempotent.answered(res)) return;
  std::optional<Json> body = read_body(req, res, context, Json::value_t::object, "the body must be a referral object");
  if (!body) return;
  Json json = std::move(*body);
  const TimeMs now = context.clock.now();
  // The server owns identity and bookkeeping; the stage defaults to a freshly received lead.
  json.erase("id");
  json.erase("eTag");
  json["createdDateTime"] = format_iso8601(now);
  json["updatedDateTime"] = format_iso8601(now);
  if (!json.contains("status") || json["status"].is_null()) {
    json["status"] = "New";
    if (!json.contains("substatus") || json["substatus"].is_null()) json["substatus"] = "Received";
  }
  if (!json.contains("direction") || json["direction"].is_null()) json["direction"] = "Incoming";
  if (!json.contains("type") || json["type"].is_null()) json["type"] = "Independent";
  if (!json.contains("qualification") || json["qualification"].is_null()) json["qualification"] = "Direct";
  Referral referral;
  if (auto error = referral_from_json(json, referral, ReferralReadOptions{false}))
    return send_error(res, 400, "invalidRequest", error->field + " " + error->message, error->field);
  // Outside test mode a created lead passes the rules a partner's write passes; test mode injects any stage.
  if (!context.options.test_mode)
    if (auto error = check_incoming_lead(referral))
      return send_error(res, 400, "invalidRequest", error->field + " " + error->message, error->field);
  referral.id = new_uuid();
  referral.etag = make_etag();
  if (referral.engagement_id.empty()) referral.engagement_id = new_uuid();
  if (!referral.expiration_date_time) referral.expiration_date_time = now + kExpiryWindowMs;
  const std::string location = absolute_base(req, context) + kReferralsBase + "/" + referral.id;
  const RecordedResponse answer{201, referral.etag, location, dump_json(referral_to_json(referral)), ""};
  const WriteReport report = context.store.insert(referral, idempotent.extras(answer));
  if (report.outcome == WriteOutcome::Refused) return send_refused(res, report);
  if (report.outcome != WriteOutcome::Written)
    return send_error(res, 500, "generalException", "the referral could not be saved");
  send_recorded(res, answer);
}

}  // namespace leads
