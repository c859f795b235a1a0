// update(): the dispatch of every action to the feature that handles it, and the shared helpers.
//
// [SECTION] initial state
// [SECTION] shared helpers
// [SECTION] replies
// [SECTION] dispatch
// Signing in is update_sign_in.cpp's.
#include "app/update.h"

#include <algorithm>
#include <random>

#include "app/update_parts.h"
#include "app/visit_every.h"
#include "domain/partner_links.h"
#include "domain/referral_json.h"

namespace leads {

// [SECTION] initial state ------------------------------------------------------------------------

AppState initial_state(const ApiConfig& api, std::shared_ptr<const Translations> texts, Language language, TimeMs now) {
  AppState state;
  state.api = api;
  state.texts = texts ? std::move(texts) : std::make_shared<const Translations>();
  state.language = language;
  state.now = now;
  // Each client its own jitter: the platform's entropy (crypto.getRandomValues in the browser) and the clock.
  std::random_device entropy;
  state.jitter = RetryJitter((std::uint64_t{entropy()} << 32) ^ entropy() ^ static_cast<std::uint64_t>(now));
  state.view(ListTab::Marketplace).query.tab = ListTab::Marketplace;
  state.view(ListTab::Qualified).query.tab = ListTab::Qualified;
  state.view(ListTab::Favorites).query.tab = ListTab::Favorites;
  return state;
}

// [SECTION] shared helpers -----------------------------------------------------------------------

namespace detail {

constexpr int kToastMs = 6000;

std::string owner_of(const TokenClaims& claims) {
  if (claims.oid.empty()) return {};
  return (claims.tid.empty() ? std::string("-") : claims.tid) + "/" + claims.oid;
}

fx::SendHttp send(AppState& state, RequestPurpose purpose, HttpRequest request, std::string lead_id) {
  const std::uint64_t id = state.next_request_id++;
  state.pending[id] = PendingRequest{purpose, std::move(lead_id)};
  return fx::SendHttp{id, std::move(request)};
}

void reindex(AppState& state, GramIndex* kept_grams) {
  state.index.rebuild(state.leads, kept_grams);
  // A record the new list no longer holds, or holds in another version, is stale: an open detail fetches it again.
  state.records.keep_if([&](const Referral& record) {
    const std::optional<LeadRow> row = state.lead(record.id);
    return row && row->etag() == record.etag;
  });
  refresh_counts(state);
  ++state.data_version;
}

void refresh_counts(AppState& state) {
  state.counts = count_leads(state.leads, state.favorites);
  // The figures scan every lead too (~20–40 ms at 100,000 in wasm), yet are seen only in their panel: computed while
  // it is shown, and when it opens.
  state.metrics_stale = !state.show_metrics;
  if (state.show_metrics) state.metrics = compute_metrics(state.leads);
  for (TabView& view : state.views) view.stale = true;
}

namespace {
// A cached full record of another version is stale: dropped, so an open detail fetches the new one.
void drop_stale_record(AppState& state, std::string_view id, std::string_view etag) {
  if (const Referral* held = state.records.find(std::string(id)); held && held->etag != etag)
    state.records.erase(std::string(id));
}

void take_row(AppState& state, const Referral& lead) {
  state.index.update(state.leads.upsert(lead), state.leads);
  drop_stale_record(state, lead.id, lead.etag);
}

// The counts and figures scan every lead: once per change set, not once per lead (a poll may bring a thousand).
void recount(AppState& state) {
  refresh_counts(state);
  ++state.data_version;
}

// Whether the list already holds this version of the lead (same ETag).
bool holds_version(const AppState& state, std::string_view id, std::string_view etag) {
  if (etag.empty()) return false;
  const std::optional<std::uint32_t> row = state.leads.find(id);
  return row && state.leads.row(*row).etag() == etag;
}
}  // namespace

void replace_row(AppState& state, const Referral& lead) {
  take_row(state, lead);
  recount(state);
}

void replace_rows(AppState& state, const ListStore& page) {
  bool changed = false;
  for (std::uint32_t row = 0; row < page.size(); ++row) {
    const LeadRow lead = page.row(row);
    std::array<char, 36> buffer;
    const std::string_view id = lead.id_text(buffer);
    if (holds_version(state, id, lead.etag())) continue;
    state.index.update(state.leads.upsert(lead), state.leads);
    drop_stale_record(state, id, lead.etag());
    changed = true;
  }
  if (changed) recount(state);
}

bool holds_version(const AppState& state, const Referral& lead) {
  return holds_version(state, lead.id, lead.etag);
}

void replace_lead(AppState& state, const Referral& lead) {
  state.records.refresh(lead);  // a full record's answer also renews the copy the detail panel reads
  replace_row(state, lead);
}

void toast(AppState& state, std::vector<Effect>& effects, Message message, bool error,
           std::optional<std::string> undo_favorite) {
  const std::uint64_t id = state.next_toast_id++;
  state.toasts.push_back(Toast{id, std::move(message), error, std::move(undo_favorite)});
  if (state.toasts.size() > 4) state.toasts.erase(state.toasts.begin());
  effects.push_back(fx::After{kToastMs, act::DismissToast{id}});
}

}  // namespace detail

// [SECTION] replies ------------------------------------------------------------------------------

namespace {

using namespace detail;

void on_http(AppState& state, const act::HttpDone& done, std::vector<Effect>& effects) {
  auto it = state.pending.find(done.request_id);
  if (it == state.pending.end()) return;  // a reply nobody waits for any more
  const PendingRequest request = it->second;
  state.pending.erase(it);
  // A 401 from the API ends the session; the sign-in's own requests say other things with theirs.
  const bool sign_in_request =
      request.purpose == RequestPurpose::DevToken || request.purpose == RequestPurpose::Discovery ||
      request.purpose == RequestPurpose::TokenExchange || request.purpose == RequestPurpose::TokenRefresh;
  if (done.response.status == 401 && !sign_in_request) session_expired(state, effects, done.response.received_at_ms);
  switch (request.purpose) {
    case RequestPurpose::Config: on_config(state, done.response, effects); break;
    case RequestPurpose::DevToken: on_dev_token(state, done.response, effects); break;
    case RequestPurpose::Discovery: on_discovery(state, done.response, effects); break;
    case RequestPurpose::TokenExchange: on_token_exchange(state, done.response, effects); break;
    case RequestPurpose::TokenRefresh: on_token_refresh(state, done.response, effects); break;
    case RequestPurpose::ListPage: on_list_page(state, request, done.response, effects); break;
    case RequestPurpose::Poll: on_poll(state, done.response, effects); break;
    case RequestPurpose::ListCount: on_list_count(state, done.response, effects); break;
    case RequestPurpose::Write: on_write(state, request, done.response, effects); break;
    case RequestPurpose::WriteCheck: on_write_check(state, request, done.response, effects); break;
    case RequestPurpose::ConflictFetch: on_conflict_fetch(state, done.response); break;
    case RequestPurpose::RecordFetch: on_record_fetch(state, request, done.response); break;
  }
}

void reload_list(AppState& state, std::vector<Effect>& effects) {
  if (state.load.phase != LoadPhase::Loading) start_list_load(state, effects);
}

void dismiss_toast(AppState& state, std::uint64_t id) {
  state.toasts.erase(
      std::remove_if(state.toasts.begin(), state.toasts.end(), [&](const Toast& toast) { return toast.id == id; }),
      state.toasts.end());
}

void on_favorites(AppState& state, const FavoritesLoaded& loaded) {
  // Hearts clicked before the store answered are kept: the union is what the user sees.
  for (const std::string& id : loaded.ids) state.favorites.insert(id);
  // A save that already failed keeps its warning: the store opening later does not make that favorite kept.
  if (state.favorites_persistence != FavoritesPersistence::SessionOnly) {
    state.favorites_persistence =
        loaded.persistent ? FavoritesPersistence::Persistent : FavoritesPersistence::SessionOnly;
    state.favorites_problem = loaded.problem;
  }
  favorites_changed(state);
}

}  // namespace

// [SECTION] dispatch -----------------------------------------------------------------------------

std::vector<Effect> update(AppState& state, const AppAction& action) {
  std::vector<Effect> effects;
  // One handler per action: a new action without one does not compile.
  std::visit(Overloaded{
                 [&](const act::Start& a) { start_app(state, a, effects); },
                 [&](const act::TokenGiven& a) { sign_in(state, a.token, effects); },
                 [&](const act::SignInAgain&) { sign_in_again(state, effects); },
                 [&](const act::HostMessageArrived& a) { on_host_message(state, a.json, effects); },
                 [&](const act::HostUntrusted&) {
                   state.host.mode = HostMode::Untrusted;
                   state.session.phase = SignInPhase::Unavailable;
                   state.session.problem = "embed.untrusted";
                 },
                 [&](const act::TokenExpiring& a) {
                   if (state.host.mode == HostMode::Embedded && a.token == state.session.token &&
                       state.session.claims.expires_at)
                     effects.push_back(fx::PostToHost{host_token_expiring_message(*state.session.claims.expires_at)});
                 },
                 [&](const act::SignIn&) {
                   if (state.session.phase == SignInPhase::SignedOut)
                     begin_sign_in(state, SignInTrip::Redirect, effects);
                 },
                 [&](const act::SignInOnThisPage&) {
                   if (state.session.phase == SignInPhase::Expired) begin_sign_in(state, SignInTrip::Redirect, effects);
                 },
                 [&](const act::SignInPrepared& a) { on_sign_in_prepared(state, a, effects); },
                 [&](const act::SignInPopupOpened& a) { on_popup_opened(state, a.opened, effects); },
                 [&](const act::SignInPopupAnswered& a) { on_popup_answered(state, a.query, effects); },
                 [&](const act::SignInPopupClosed&) { on_popup_closed(state); },
                 [&](const act::RenewTokens& a) { renew_tokens(state, a.renewal, effects); },
                 [&](const act::SignOut&) { sign_out(state, effects); },
                 [&](const act::SignInNews& a) { on_sign_in_news(state, a.json, effects); },
                 [&](const act::HttpDone& a) { on_http(state, a, effects); },
                 [&](const act::FavoritesArrived& a) { on_favorites(state, a.loaded); },
                 [&](const act::FavoriteSaved& a) { on_favorite_saved(state, a, effects); },
                 [&](const act::FavoritesNewsArrived& a) { on_favorites_news(state, a.news); },
                 [&](const act::RetryFavoriteSaves&) { retry_favorite_saves(state, effects); },
                 [&](const act::ListSnapshotRead& a) { on_list_snapshot_read(state, a.read, effects); },
                 [&](const act::ListSnapshotWritten& a) { on_list_snapshot_written(state, a); },
                 [&](const act::ListSnapshotsCleared&) { leave_for_sign_out(state, effects); },
                 [&](const act::SignOutRemovalOverdue&) { leave_for_sign_out(state, effects); },
                 [&](const act::ListSnapshotFound& a) { on_list_snapshot_found(state, a, effects); },
                 [&](const act::ListSnapshotOverdue& a) { on_list_snapshot_overdue(state, a, effects); },
                 [&](const act::WriteListSnapshot&) { write_planned_list_snapshot(state, effects); },
                 [&](const act::RetryLoad&) { reload_list(state, effects); },
                 [&](const act::Refresh&) { reload_list(state, effects); },
                 [&](const act::RetryPage& a) { retry_page(state, a.page, effects); },
                 [&](const act::PrepareSorts& a) { prepare_sorts(state, a, effects); },
                 [&](const act::Poll& a) { start_poll(state, a.from_timer, effects); },
                 [&](const act::SelectTab& a) { state.tab = a.tab; },
                 [&](const act::SetSearch& a) {
                   TabView& view = state.view(state.tab);
                   if (view.query.search != a.text) {
                     view.query.search = a.text;
                     view.stale = true;
                   }
                 },
                 [&](const act::SetSort& a) {
                   TabView& view = state.view(state.tab);
                   view.query.sort = a.column;
                   view.query.descending = a.descending;
                   view.stale = true;
                 },
                 [&](const act::SetFilter& a) {
                   TabView& view = state.view(state.tab);
                   view.query.filter = a.filter;
                   view.stale = true;
                 },
                 [&](const act::MarkLead& a) { mark_lead(state, a.id, a.mode); },
                 [&](const act::ClearMarks&) { state.marked.clear(); },
                 [&](const act::BulkFavorite&) { bulk_favorite(state, effects); },
                 [&](const act::ExportCsv&) { export_csv(state, effects); },
                 [&](const act::ToggleFavorite& a) { toggle_favorite(state, a.id, effects, true); },
                 [&](const act::SelectLead& a) { select_lead(state, a.id); },
                 [&](const act::StepLead& a) { step_lead(state, a.delta); },
                 [&](const act::CloseDetail&) { state.selected_id.clear(); },
                 [&](const act::CopyText& a) {
                   effects.push_back(fx::CopyText{a.text});
                   toast(state, effects, {"toast.copied", {a.text}});
                 },
                 [&](const act::OpenLink& a) {
                   // A contact's mail or phone, or one of Partner Center's pages; never an address a lead carries.
                   if (a.url.rfind("mailto:", 0) == 0 || a.url.rfind("tel:", 0) == 0 ||
                       is_partner_link(a.url, state.business_profile_url))
                     effects.push_back(fx::OpenUrl{a.url});
                 },
                 [&](const act::OpenForm& a) { open_form(state, a.action, a.lead_id); },
                 [&](const act::OpenBulkDecline&) { open_bulk_decline(state); },
                 [&](const act::EditForm& a) { edit_form(state, a.values); },
                 [&](const act::SubmitForm&) { submit_form(state, effects); },
                 [&](const act::CloseForm&) {
                   if (state.form.phase != SavePhase::Saving && state.form.phase != SavePhase::Checking)
                     state.form = LeadForm{};
                 },
                 [&](const act::RetrySave&) { retry_save(state, effects); },
                 [&](const act::ReloadAndReapply&) { reload_and_reapply(state); },
                 [&](const act::ToggleMetrics&) {
                   state.show_metrics = !state.show_metrics;
                   if (state.show_metrics && state.metrics_stale) {
                     state.metrics = compute_metrics(state.leads);
                     state.metrics_stale = false;
                   }
                 },
                 [&](const act::Navigate& a) {
                   note_route_given(state, a.route);
                   navigate(state, a.route);
                 },
                 [&](const act::ToggleFilters&) { state.show_filters = !state.show_filters; },
                 [&](const act::ToggleShortcuts&) { state.show_shortcuts = !state.show_shortcuts; },
                 [&](const act::DismissToast& a) { dismiss_toast(state, a.id); },
                 [&](const act::UndoToast& a) {
                   for (const Toast& toast : state.toasts)
                     if (toast.id == a.id && toast.undo_favorite) {
                       const std::string lead_id = *toast.undo_favorite;
                       dismiss_toast(state, a.id);
                       toggle_favorite(state, lead_id, effects, false);
                       break;
                     }
                 },
                 [&](const act::SetLanguage& a) {
                   state.language = a.language;
                   restyle_form_dates(state);
                   effects.push_back(fx::SaveLanguage{a.language});
                 },
                 [&](const act::Tick& a) { state.now = a.now; },
                 [&](const act::RetryRecord&) { retry_record(state); },
                 [&](const act::Alert& a) { on_alert(state, a, effects); },
                 [&](const act::Views& a) { on_views(state, a, effects); },
             },
             action);
  if (std::holds_alternative<act::HttpDone>(action)) note_new_leads(state, effects);  // polls and refreshes
  fetch_selected_record(state, effects);  // whatever selected a lead, its full record is asked for once
  keep_views(state, effects);             // the signed-in user's layout: read once, written after it changes
  return effects;
}

void ensure_rows(AppState& state) {
  TabView& view = state.view(state.tab);
  if (!view.stale) return;
  const bool narrowing = view.rows_data_version == state.data_version && view.rows_now == state.now &&
                         narrows(view.query, view.rows_query);
  view.rows = narrowing ? narrow_rows(view.rows, state.leads, state.index, view.query.search)
                        : run_query(state.leads, state.index, view.query, state.favorites, state.now);
  view.rows_query = view.query;
  view.rows_data_version = state.data_version;
  view.rows_now = state.now;
  view.stale = false;
}

bool awaited_by_user(const AppState& state, const AppAction& action) {
  const auto* done = std::get_if<act::HttpDone>(&action);
  if (!done) return false;
  const auto pending = state.pending.find(done->request_id);
  if (pending == state.pending.end()) return false;
  switch (pending->second.purpose) {
    case RequestPurpose::RecordFetch:
    case RequestPurpose::Write:
    case RequestPurpose::WriteCheck:
    case RequestPurpose::ConflictFetch: return true;
    // Pages, polls and counts come in their own time; sign-in shows its own progress.
    case RequestPurpose::Config:
    case RequestPurpose::DevToken:
    case RequestPurpose::Discovery:
    case RequestPurpose::TokenExchange:
    case RequestPurpose::TokenRefresh:
    case RequestPurpose::ListPage:
    case RequestPurpose::Poll:
    case RequestPurpose::ListCount: return false;
  }
  return false;
}

}  // namespace leads
