// Forms and writes: validation as the user types, PATCH with If-Match and a stable MS-RequestId, automatic retries
// of throttled writes, checking the lead after an unclear failure, and the 412 reload-and-re-apply path.
//
// [SECTION] which form does what (the form table)
// [SECTION] opening and editing
// [SECTION] sending
// [SECTION] answers
#include <algorithm>
#include <cmath>

#include "app/format.h"
#include "app/update_parts.h"
#include "app/write_check.h"
#include "domain/clocks.h"
#include "domain/json_patch.h"

namespace leads::detail {

namespace {

constexpr int kMaxAutomaticWriteRetries = 2;

// [SECTION] which form does what (the form table) ---------------------------------------------------

FormErrors validate_values(const LeadForm& form, TimeMs now) {
  return form_of(*form.action).validate(form.values, now);
}

// A bulk decline reads each marked lead's stage and ETag: the full record when it is cached, else its list fields
// (a decline needs no more, and fetching every marked record first would make a bulk action slow).
std::optional<Referral> bulk_record(const AppState& state, const std::string& id) {
  if (const Referral* record = state.record(id)) return *record;
  if (const std::optional<LeadRow> row = state.lead(id)) return list_record(*row);
  return std::nullopt;
}

std::string new_request_id(AppState& state) {
  return "w-" + state.session.claims.oid + "-" + std::to_string(state.now) + "-" +
         std::to_string(state.next_request_id);
}

}  // namespace

// [SECTION] opening and editing ------------------------------------------------------------------

void open_form(AppState& state, Action action, const std::string& lead_id) {
  const Referral* lead = state.record(lead_id);  // the forms work on the full record (fetched when opened)
  if (!lead) return;
  if (why_refused(*lead, action, state.session.role, state.now)) return;  // the button said why
  LeadForm form;
  form.action = action;
  form.lead_id = lead_id;
  form.base_etag = lead->etag;
  form_of(action).open(form.values, *lead);
  use_date_style(form.values, date_style_of(state.language));
  form.errors = validate_values(form, state.now);
  form.initial = form.values;
  state.form = std::move(form);
  state.selected_id = lead_id;
}

void open_bulk_decline(AppState& state) {
  LeadForm form;
  form.action = Action::Decline;
  form.bulk = true;
  for (const std::string& id : state.marked)
    if (const std::optional<Referral> lead = bulk_record(state, id))
      if (!why_refused(*lead, Action::Decline, state.session.role, state.now)) form.bulk_ids.push_back(id);
  if (form.bulk_ids.empty()) return;
  std::sort(form.bulk_ids.begin(), form.bulk_ids.end());
  form.errors = validate_values(form, state.now);
  state.form = std::move(form);
}

// The language changed: the open form's dates are read, and the untouched ones shown, the new language's way.
void restyle_form_dates(AppState& state) {
  if (!state.form.action) return;
  const DateStyle style = date_style_of(state.language);
  use_date_style(state.form.initial, style);
  FormValues values = state.form.values;
  use_date_style(values, style);
  edit_form(state, values);
}

void edit_form(AppState& state, const FormValues& values) {
  if (!state.form.action || state.form.phase == SavePhase::Saving || state.form.phase == SavePhase::Checking) return;
  state.form.values = values;
  state.form.errors = validate_values(state.form, state.now);
}

// [SECTION] sending ------------------------------------------------------------------------------

namespace {

void send_write(AppState& state, const std::string& lead_id, const std::string& etag, const Json& patch,
                const std::string& request_id, std::vector<Effect>& effects) {
  effects.push_back(
      send(state, RequestPurpose::Write, patch_request(state.api, lead_id, patch, etag, request_id), lead_id));
}

void send_bulk(AppState& state, std::vector<Effect>& effects) {
  LeadForm& form = state.form;
  form.bulk_pending = 0;
  form.bulk_failed.clear();
  for (const std::string& id : form.bulk_ids) {
    const std::optional<Referral> lead = bulk_record(state, id);
    if (!lead) continue;
    const std::string request_id = form.request_id + "-" + id;
    send_write(state, id, lead->etag, form_of(Action::Decline).patch(form.values, *lead), request_id, effects);
    ++form.bulk_pending;
  }
}

}  // namespace

void submit_form(AppState& state, std::vector<Effect>& effects) {
  LeadForm& form = state.form;
  if (!form.action || form.phase == SavePhase::Saving || form.phase == SavePhase::Checking) return;
  form.show_errors = true;
  form.errors = validate_values(form, state.now);
  if (!form.errors.ok()) return;
  form.error.reset();
  form.attempts = 0;
  if (form.request_id.empty()) form.request_id = new_request_id(state);
  form.phase = SavePhase::Saving;
  if (form.bulk) {
    send_bulk(state, effects);
    return;
  }
  const Referral* lead = state.record(form.lead_id);
  const std::optional<LeadRow> row = state.lead(form.lead_id);
  if (!lead && !row) {
    form.phase = SavePhase::Failed;
    form.error = ApiError{ApiErrorKind::NotFound, 404, "itemNotFound", "", "", std::nullopt};
    return;
  }
  // The list row is at least as new as the record (a poll drops a record it made stale): refuse by it first.
  if (auto refusal = why_refused(row ? row->facts() : facts_of(*lead), *form.action, state.session.role, state.now)) {
    form.phase = SavePhase::Failed;
    form.error = ApiError{ApiErrorKind::Invalid, 0, refusal->key, refusal->key, "", std::nullopt};
    return;
  }
  if (!lead) {  // its newer record is on its way (the detail fetches it): the user saves again once it is here
    form.phase = SavePhase::Failed;
    form.error = ApiError{ApiErrorKind::Invalid, 0, "detail.record_loading", "detail.record_loading", "", std::nullopt};
    return;
  }
  form.patch = form_of(*form.action).patch(form.values, *lead);
  send_write(state, form.lead_id, form.base_etag, form.patch, form.request_id, effects);
}

void retry_save(AppState& state, std::vector<Effect>& effects) {
  LeadForm& form = state.form;
  if (!form.action) return;
  if (form.bulk) {
    // Only the leads that failed are sent again, each with its own request id so a lost answer is not applied twice.
    form.bulk_ids = form.bulk_failed;
    form.phase = SavePhase::Saving;
    send_bulk(state, effects);
    return;
  }
  if (form.patch.is_null() || form.phase == SavePhase::Conflict) {
    submit_form(state, effects);
    return;
  }
  form.phase = SavePhase::Saving;
  send_write(state, form.lead_id, form.base_etag, form.patch, form.request_id, effects);
}

namespace {
// A field the user left as prefilled takes the other writer's value; a field the user typed keeps the user's.
void rebase_form(const FormSpec& spec, FormValues& values, FormValues& initial, const Referral& theirs) {
  FormValues fresh;
  spec.open(fresh, theirs);
  use_date_style(fresh, values.accept.date_style);
  for (const FormField& field : spec.fields) {
    if (!field.text) continue;
    if (field.text(values) == field.text(initial)) field.text(values) = field.text(fresh);
    field.text(initial) = field.text(fresh);
  }
}
}  // namespace

void reload_and_reapply(AppState& state) {
  LeadForm& form = state.form;
  if (form.phase != SavePhase::Conflict || !form.theirs) return;
  Referral theirs = *form.theirs;
  rebase_form(form_of(*form.action), form.values, form.initial, theirs);
  form.base_etag = theirs.etag;
  form.theirs.reset();
  form.their_changes.clear();
  form.request_id.clear();  // a new logical change on the new version
  form.patch = Json();
  form.error.reset();
  form.phase = SavePhase::Editing;
  replace_lead(state, theirs);
  state.records.put(std::move(theirs));
  form.errors = validate_values(form, state.now);
}

// [SECTION] answers ------------------------------------------------------------------------------

namespace {

void succeed(AppState& state, Referral updated, std::vector<Effect>& effects) {
  const char* success_key = form_of(*state.form.action).success_key;
  replace_lead(state, updated);
  state.form = LeadForm{};
  toast(state, effects, {success_key});
}

void on_bulk_answer(AppState& state, const PendingRequest& request, const HttpResponse& response,
                    std::vector<Effect>& effects) {
  LeadForm& form = state.form;
  if (!form.bulk) return;
  --form.bulk_pending;
  ReferralResult result = read_referral(response);
  if (response.status == 204) {
    // Declined, without a body: read the lead so the list shows it archived.
    ++form.bulk_done;
    state.marked.erase(request.lead_id);
    effects.push_back(
        send(state, RequestPurpose::WriteCheck, get_request(state.api, request.lead_id), request.lead_id));
  } else if (auto* lead = std::get_if<Referral>(&result)) {
    ++form.bulk_done;
    replace_lead(state, *lead);
    state.marked.erase(request.lead_id);
  } else {
    form.bulk_failed.push_back(request.lead_id);
    form.error = std::get<ApiError>(result);
  }
  if (form.bulk_pending > 0) return;
  if (form.bulk_failed.empty()) {
    const int done = form.bulk_done;
    state.form = LeadForm{};
    toast(state, effects, {"toast.bulk_declined", {std::to_string(done)}});
  } else {
    form.phase = SavePhase::Failed;
  }
}

}  // namespace

void on_write(AppState& state, const PendingRequest& request, const HttpResponse& response,
              std::vector<Effect>& effects) {
  LeadForm& form = state.form;
  if (form.bulk) {
    on_bulk_answer(state, request, response, effects);
    return;
  }
  if (!form.action || form.lead_id != request.lead_id) return;
  if (response.status == 204) {  // no body: read the lead to show what the server made of it
    form.phase = SavePhase::Checking;
    effects.push_back(send(state, RequestPurpose::WriteCheck, get_request(state.api, form.lead_id), form.lead_id));
    return;
  }
  ReferralResult result = read_referral(response);
  if (auto* lead = std::get_if<Referral>(&result)) {
    succeed(state, std::move(*lead), effects);
    return;
  }
  const ApiError error = std::get<ApiError>(result);
  form.error = error;
  switch (error.kind) {
    case ApiErrorKind::PreconditionFailed:
      form.phase = SavePhase::Conflict;
      effects.push_back(send(state, RequestPurpose::ConflictFetch, get_request(state.api, form.lead_id), form.lead_id));
      return;
    case ApiErrorKind::Invalid:
      form.phase = SavePhase::Editing;
      form.show_errors = true;
      form.request_id.clear();  // the server remembers this refusal under its id: the corrected save is a new change
      form.errors.errors.push_back(FieldError{field_for_target(*form.action, error.target), "form.server_refused"});
      return;
    case ApiErrorKind::TooManyRequests:
    case ApiErrorKind::Unavailable:
      if (form.attempts < kMaxAutomaticWriteRetries) {
        effects.push_back(fx::After{retry_delay_ms(error, form.attempts, state.jitter, state.retry), act::RetrySave{}});
        ++form.attempts;
        return;
      }
      break;
    default: break;
  }
  if (error.kind == ApiErrorKind::Network || error.kind == ApiErrorKind::Unavailable ||
      error.kind == ApiErrorKind::BadResponse) {
    // The write may have been applied before the answer was lost: look before saying it failed.
    form.phase = SavePhase::Checking;
    effects.push_back(send(state, RequestPurpose::WriteCheck, get_request(state.api, form.lead_id), form.lead_id));
    return;
  }
  form.phase = SavePhase::Failed;
}

void on_write_check(AppState& state, const PendingRequest& request, const HttpResponse& response,
                    std::vector<Effect>& effects) {
  LeadForm& form = state.form;
  if (!form.action || form.bulk) {  // a bulk write answered 204: only the lead needs refreshing
    ReferralResult result = read_referral(response);
    if (auto* lead = std::get_if<Referral>(&result)) replace_lead(state, *lead);
    return;
  }
  if (form.lead_id != request.lead_id) return;
  ReferralResult result = read_referral(response);
  if (auto* lead = std::get_if<Referral>(&result)) {
    if (response.status == 200 && (!form.error || (lead->etag != form.base_etag && patch_applied(form.patch, *lead)))) {
      succeed(state, std::move(*lead), effects);
      return;
    }
    replace_lead(state, *lead);  // not applied: keep the fresh copy, and the user's form
  }
  if (!form.error) form.error = std::get_if<ApiError>(&result) ? std::get<ApiError>(result) : ApiError{};
  form.phase = SavePhase::Failed;
}

void on_conflict_fetch(AppState& state, const HttpResponse& response) {
  LeadForm& form = state.form;
  if (!form.action) return;
  ReferralResult result = read_referral(response);
  if (auto* theirs = std::get_if<Referral>(&result)) {
    if (const Referral* mine = state.record(form.lead_id)) form.their_changes = changed_fields(*mine, *theirs);
    form.theirs = std::move(*theirs);
    form.phase = SavePhase::Conflict;
    return;
  }
  form.phase = SavePhase::Failed;
  form.error = std::get<ApiError>(result);
}

}  // namespace leads::detail
