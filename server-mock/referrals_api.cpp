// Referral routes. The write rule is the domain's (apply_partner_patch); this file adds HTTP: ETags and If-Match,
// Prefer, MS-RequestId replay, and the outbox side effects.
//
// [SECTION] routing
// [SECTION] get one
// [SECTION] patch
// [SECTION] create
#include "referrals_api.h"

#include "auth.h"
#include "domain/clocks.h"
#include "domain/partner_write.h"
#include "domain/referral_json.h"
#include "http_util.h"
#include "listing.h"

namespace leads {

namespace {

void get_referral(const httplib::Request& req, httplib::Response& res, ServerContext& context, const std::string& id);
void patch_referral(const httplib::Request& req, httplib::Response& res, ServerContext& context,
                    const std::string& id);

void method_not_allowed(httplib::Response& res, const char* allow, const std::string& method) {
  res.set_header("Allow", allow);
  send_error(res, 405, "methodNotAllowed", "the method " + method + " is not allowed here; use " + allow);
}

// Replays the first answer to this MS-RequestId, if there was one; true when it did.
bool replay(const httplib::Request& req, httplib::Response& res, ServerContext& context, const std::string& user) {
  const std::string request_id = trim(req.get_header_value("MS-RequestId"));
  if (request_id.empty()) return false;
  const auto recorded = context.store.recorded(user, request_id);
  if (!recorded) return false;
  res.status = recorded->status;
  if (!recorded->etag.empty()) res.set_header("ETag", recorded->etag);
  if (!recorded->location.empty()) res.set_header("Location", recorded->location);
  if (!recorded->body.empty()) res.set_content(recorded->body, "application/json; charset=utf-8");
  res.set_header("X-Replayed-Request", "true");
  return true;
}

void remember(const httplib::Request& req, const httplib::Response& res, ServerContext& context,
              const std::string& user) {
  const std::string request_id = trim(req.get_header_value("MS-RequestId"));
  if (request_id.empty() || res.status >= 500) return;
  context.store.record(user, request_id,
                       RecordedResponse{res.status, res.get_header_value("ETag"), res.get_header_value("Location"),
                                        res.body});
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

void note_decline(ServerContext& context, const Referral& referral, TimeMs now) {
  OutboxEntry entry;
  entry.time = now;
  entry.kind = "declined";
  entry.referral_id = referral.id;
  const auto& team = referral.customer_profile.team;
  entry.recipient = !team.empty() && !team.front().email.empty() ? team.front().email : referral.customer_profile.name;
  entry.text = referral.organization_name + " cannot take on \"" + referral.name + "\" for " +
               referral.customer_profile.name + "; please choose another partner.";
  context.store.add_outbox(entry);
}

void apply_patch(const httplib::Request& req, httplib::Response& res, ServerContext& context, const std::string& id,
                 const Caller& caller) {
  const ParsedJson patch = parse_json_text(req.body, JsonLimits{context.options.max_body, 32});
  if (patch.error) {
    send_error(res, 400, "invalidRequest", "the body is not valid JSON: " + patch.error->message, "body");
    return;
  }
  if (!patch.value.is_array()) {
    send_error(res, 400, "invalidRequest", "the body must be a JSON Patch array of operations", "body");
    return;
  }
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
  WriteResult result = apply_partner_patch(*current, patch.value, caller.role, now);
  if (result.error) {
    const bool forbidden = result.error->kind == WriteErrorKind::Forbidden;
    send_error(res, forbidden ? 403 : 400, forbidden ? "accessDenied" : "invalidRequest",
               result.error->error.message, result.error->error.field);
    return;
  }
  Referral updated = std::move(*result.updated);
  updated.etag = make_etag();
  updated.updated_date_time = now;
  switch (context.store.update_if(updated, current->etag)) {
    case WriteOutcome::Written: break;
    case WriteOutcome::Stale:
      send_error(res, 412, "preconditionFailed", "the referral was changed by another request at the same time",
                 "If-Match");
      return;
    case WriteOutcome::NotFound: send_error(res, 404, "itemNotFound", "no referral with id " + id, "id"); return;
    case WriteOutcome::Failed: send_error(res, 500, "generalException", "the referral could not be saved"); return;
  }
  if (current->substatus != Substatus::Declined && updated.substatus == Substatus::Declined)
    note_decline(context, updated, now);
  if (wants_representation(req)) {
    send_referral(res, 200, updated);
  } else {
    res.status = 204;
    res.set_header("ETag", updated.etag);
  }
}

void patch_referral(const httplib::Request& req, httplib::Response& res, ServerContext& context,
                    const std::string& id) {
  auto caller = authenticate(req, res, context, Access::Act);
  if (!caller) return;
  if (replay(req, res, context, caller->identity.oid)) return;
  apply_patch(req, res, context, id, *caller);
  remember(req, res, context, caller->identity.oid);
}

}  // namespace

// [SECTION] create -------------------------------------------------------------------------------

void create_referral(const httplib::Request& req, httplib::Response& res, ServerContext& context,
                     const std::string& user) {
  if (replay(req, res, context, user)) return;
  const ParsedJson body = parse_json_text(req.body, JsonLimits{context.options.max_body, 32});
  if (body.error) {
    send_error(res, 400, "invalidRequest", "the body is not valid JSON: " + body.error->message, "body");
    return;
  }
  if (!body.value.is_object()) {
    send_error(res, 400, "invalidRequest", "the body must be a referral object", "body");
    return;
  }
  Json json = body.value;
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
  if (auto error = referral_from_json(json, referral, ReferralReadOptions{false})) {
    send_error(res, 400, "invalidRequest", error->field + " " + error->message, error->field);
  } else {
    referral.id = new_uuid();
    referral.etag = make_etag();
    if (referral.engagement_id.empty()) referral.engagement_id = new_uuid();
    if (!referral.expiration_date_time) referral.expiration_date_time = now + kExpiryWindowMs;
    if (!context.store.insert(referral)) {
      send_error(res, 500, "generalException", "the referral could not be saved");
      return;
    }
    const std::string location = absolute_base(req, context) + kReferralsBase + "/" + referral.id;
    res.set_header("Location", location);
    send_referral(res, 201, referral);
  }
  remember(req, res, context, user);
}

}  // namespace leads
