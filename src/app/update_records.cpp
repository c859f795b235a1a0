// The opened lead's full record: the list keeps only list fields, so opening a lead fetches the rest by id (with its
// ETag, which the forms send back as If-Match) into a small cache of recently opened leads.
#include "app/update_parts.h"

namespace leads::detail {

void fetch_selected_record(AppState& state, std::vector<Effect>& effects) {
  RecordFetch& fetch = state.record_fetch;
  const std::string& id = state.selected_id;
  if (id.empty() || state.session.phase != SignInPhase::SignedIn) return;
  if (state.record(id)) {
    fetch = RecordFetch{id, RecordPhase::Ready, std::nullopt};
    return;
  }
  if (fetch.lead_id == id && fetch.phase != RecordPhase::Idle && fetch.phase != RecordPhase::Ready) return;
  fetch = RecordFetch{id, RecordPhase::Loading, std::nullopt};
  effects.push_back(send(state, RequestPurpose::RecordFetch, get_request(state.api, id), id));
}

void on_record_fetch(AppState& state, const PendingRequest& request, const HttpResponse& response) {
  ReferralResult result = read_referral(response);
  if (auto* record = std::get_if<Referral>(&result)) {
    // The list row follows a newer record. One of the row's own version (same ETag) changes nothing in the list:
    // no recount, no re-sorted view (at 100,000 leads that was most of the time it took to open a lead).
    if (!holds_version(state, *record)) replace_lead(state, *record);
    state.records.put(std::move(*record));
    if (state.record_fetch.lead_id == request.lead_id) state.record_fetch.phase = RecordPhase::Ready;
    return;
  }
  if (state.record_fetch.lead_id != request.lead_id) return;  // the user moved on: nothing to say
  const ApiError& error = std::get<ApiError>(result);
  state.record_fetch.phase = error.kind == ApiErrorKind::NotFound ? RecordPhase::Missing : RecordPhase::Failed;
  state.record_fetch.error = error;
}

void retry_record(AppState& state) {
  if (state.record_fetch.phase == RecordPhase::Failed) state.record_fetch.phase = RecordPhase::Idle;
}

}  // namespace leads::detail
