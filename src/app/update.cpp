// update(): the dispatch of every action to the feature that handles it, and the shared helpers.
//
// [SECTION] initial state
// [SECTION] shared helpers
// [SECTION] sign-in
// [SECTION] dispatch
#include "app/update.h"

#include <algorithm>
#include <random>

#include "app/update_parts.h"
#include "app/visit_every.h"
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

fx::SendHttp send(AppState& state, RequestPurpose purpose, HttpRequest request, std::string lead_id) {
  const std::uint64_t id = state.next_request_id++;
  state.pending[id] = PendingRequest{purpose, std::move(lead_id)};
  return fx::SendHttp{id, std::move(request)};
}

void reindex(AppState& state) {
  state.row_of_id.clear();
  for (std::uint32_t row = 0; row < state.leads.size(); ++row) state.row_of_id[state.leads[row].id] = row;
  state.index.rebuild(state.leads);
  state.counts = count_leads(state.leads, state.favorites);
  state.metrics = compute_metrics(state.leads);
  for (TabView& view : state.views) view.stale = true;
  ++state.data_version;
}

void replace_lead(AppState& state, Referral lead) {
  auto it = state.row_of_id.find(lead.id);
  if (it == state.row_of_id.end()) {
    const auto row = static_cast<std::uint32_t>(state.leads.size());
    state.row_of_id[lead.id] = row;
    state.index.update(row, lead);
    state.leads.push_back(std::move(lead));
  } else {
    state.index.update(it->second, lead);
    state.leads[it->second] = std::move(lead);
  }
  state.counts = count_leads(state.leads, state.favorites);
  state.metrics = compute_metrics(state.leads);
  for (TabView& view : state.views) view.stale = true;
  ++state.data_version;
}

void toast(AppState& state, std::vector<Effect>& effects, Message message, bool error,
           std::optional<std::string> undo_favorite) {
  const std::uint64_t id = state.next_toast_id++;
  state.toasts.push_back(Toast{id, std::move(message), error, std::move(undo_favorite)});
  if (state.toasts.size() > 4) state.toasts.erase(state.toasts.begin());
  effects.push_back(fx::After{kToastMs, act::DismissToast{id}});
}

void session_expired(AppState& state, std::vector<Effect>& effects) {
  state.session.phase = SignInPhase::Expired;
  state.session.problem = "error.unauthenticated";
  if (state.host.mode == HostMode::Embedded && !state.host.token_requested) {
    state.host.token_requested = true;  // the portal is asked once; the other failed calls wait for its answer
    effects.push_back(fx::PostToHost{host_token_refused_message()});
  }
}

}  // namespace detail

// [SECTION] sign-in ------------------------------------------------------------------------------

namespace {

using namespace detail;

void request_dev_token(AppState& state, std::vector<Effect>& effects) {
  HttpRequest request;
  request.url = state.api.base_url + "/dev/token";
  request.timeout_ms = 10000;
  effects.push_back(send(state, RequestPurpose::DevToken, request));
}

constexpr TimeMs kTokenWarningMs = 60 * kSecondMs;

void sign_in(AppState& state, const std::string& token, std::vector<Effect>& effects) {
  const bool resumed = state.session.phase == SignInPhase::Expired;
  const bool refreshed = state.session.phase == SignInPhase::SignedIn;  // a fresh token for a working session
  state.session.token = token;
  state.api.token = token;
  state.session.claims = read_token_claims(token).value_or(TokenClaims{});
  state.session.role = role_from_claims(state.session.claims.roles);
  state.session.phase = SignInPhase::SignedIn;
  state.session.problem.clear();
  state.host.token_requested = false;
  if (state.host.mode == HostMode::Embedded && state.session.claims.expires_at) {
    const TimeMs delay = std::max<TimeMs>(0, *state.session.claims.expires_at - kTokenWarningMs - state.now);
    effects.push_back(fx::After{static_cast<int>(std::min<TimeMs>(delay, 24 * kHourMs)), act::TokenExpiring{token}});
  }
  // A fresh token changes nothing the user sees: the list is not loaded again (100,000 leads would take seconds).
  const bool list_usable = state.load.phase == LoadPhase::Loaded || state.load.phase == LoadPhase::Loading;
  if (!(refreshed && list_usable) && !(resumed && state.load.phase == LoadPhase::Loaded))
    start_list_load(state, effects);
  // A save refused for an expired token goes again now, with its same request id.
  if (resumed && state.form.phase == SavePhase::Failed && state.form.error &&
      state.form.error->kind == ApiErrorKind::Unauthenticated)
    retry_save(state, effects);
}

void request_config(AppState& state, std::vector<Effect>& effects) {
  HttpRequest request;
  request.url = state.api.base_url + "/app-config.json";
  request.timeout_ms = 10000;
  effects.push_back(send(state, RequestPurpose::Config, request));
}

// Standalone: the dev sign-in if this server offers it. Embedded: wait for the portal's token.
void on_config(AppState& state, const HttpResponse& response, std::vector<Effect>& effects) {
  std::vector<std::string> origins;
  bool dev_sign_in = response.status != 200;  // no configuration: try the dev sign-in, it says if it is absent
  if (response.status == 200) {
    const ParsedJson parsed = parse_json_text(response.body, JsonLimits{64 * 1024, 4});
    if (!parsed.error && parsed.value.is_object()) {
      const Json& config = parsed.value;
      if (auto list = config.find("hostOrigins"); list != config.end() && list->is_array())
        for (const Json& origin : *list)
          if (origin.is_string()) origins.push_back(origin.get<std::string>());
      if (auto dev = config.find("devSignIn"); dev != config.end() && dev->is_boolean()) dev_sign_in = dev->get<bool>();
    }
  }
  if (state.host.mode == HostMode::Embedded) {
    effects.push_back(fx::StartHost{origins});
    return;
  }
  if (dev_sign_in) {
    request_dev_token(state, effects);
    return;
  }
  state.session.phase = SignInPhase::Unavailable;
  state.session.problem = "signin.not_configured";
}

void on_host_message(AppState& state, const std::string& json, std::vector<Effect>& effects) {
  if (state.host.mode != HostMode::Embedded) return;
  HostParse parsed = state.host.reader.read(json);
  if (!parsed.message) {
    ++state.host.refused;
    state.host.last_refusal = parsed.refusal;
    effects.push_back(fx::PostToHost{host_rejected_message(parsed.id, parsed.refusal)});
    return;
  }
  std::visit(Overloaded{
                 [&](const host::Init& message) {
                   if (message.language) state.language = *message.language;
                   if (message.theme) state.theme = *message.theme;
                   if (message.route) navigate(state, *message.route);
                   sign_in(state, message.token, effects);
                 },
                 [&](const host::Token& message) { sign_in(state, message.token, effects); },
                 [&](const host::Navigate& message) { navigate(state, message.route); },
                 [&](const host::SetLanguage& message) { state.language = message.language; },
                 [&](const host::SetTheme& message) { state.theme = message.theme; },
             },
             *parsed.message);
}

void on_dev_token(AppState& state, const HttpResponse& response, std::vector<Effect>& effects) {
  if (response.status == 200) {
    const ParsedJson parsed = parse_json_text(response.body, JsonLimits{64 * 1024, 4});
    if (!parsed.error && parsed.value.is_object()) {
      auto token = parsed.value.find("token");
      if (token != parsed.value.end() && token->is_string() && !token->get<std::string>().empty()) {
        sign_in(state, token->get<std::string>(), effects);
        return;
      }
    }
  }
  state.session.phase = SignInPhase::Unavailable;
  state.session.problem = response.status == 0 ? error_key(ApiErrorKind::Network) : "signin.not_configured";
}

void on_http(AppState& state, const act::HttpDone& done, std::vector<Effect>& effects) {
  auto it = state.pending.find(done.request_id);
  if (it == state.pending.end()) return;  // a reply nobody waits for any more
  const PendingRequest request = it->second;
  state.pending.erase(it);
  if (done.response.status == 401 && request.purpose != RequestPurpose::DevToken) session_expired(state, effects);
  switch (request.purpose) {
    case RequestPurpose::Config: on_config(state, done.response, effects); break;
    case RequestPurpose::DevToken: on_dev_token(state, done.response, effects); break;
    case RequestPurpose::ListPage: on_list_page(state, request, done.response, effects); break;
    case RequestPurpose::Poll: on_poll(state, done.response, effects); break;
    case RequestPurpose::Write: on_write(state, request, done.response, effects); break;
    case RequestPurpose::WriteCheck: on_write_check(state, request, done.response, effects); break;
    case RequestPurpose::ConflictFetch: on_conflict_fetch(state, done.response); break;
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
  state.counts = count_leads(state.leads, state.favorites);
  state.view(ListTab::Favorites).stale = true;
  ++state.data_version;
}

}  // namespace

// [SECTION] dispatch -----------------------------------------------------------------------------

std::vector<Effect> update(AppState& state, const AppAction& action) {
  std::vector<Effect> effects;
  // One handler per action: a new action without one does not compile.
  std::visit(Overloaded{
                 [&](const act::Start&) {
                   effects.push_back(fx::LoadFavorites{});
                   if (state.session.token.empty()) request_config(state, effects);
                 },
                 [&](const act::TokenGiven& a) { sign_in(state, a.token, effects); },
                 [&](const act::SignInAgain&) {
                   if (state.host.mode == HostMode::Embedded) {
                     state.host.token_requested = false;
                     session_expired(state, effects);
                   } else {
                     request_dev_token(state, effects);
                   }
                 },
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
                 [&](const act::HttpDone& a) { on_http(state, a, effects); },
                 [&](const act::FavoritesArrived& a) { on_favorites(state, a.loaded); },
                 [&](const act::FavoriteSaved& a) { on_favorite_saved(state, a, effects); },
                 [&](const act::FavoritesNewsArrived& a) { on_favorites_news(state, a.news); },
                 [&](const act::RetryFavoriteSaves&) { retry_favorite_saves(state, effects); },
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
                   if (a.url.rfind("mailto:", 0) == 0 || a.url.rfind("tel:", 0) == 0)
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
                 [&](const act::ToggleMetrics&) { state.show_metrics = !state.show_metrics; },
                 [&](const act::Navigate& a) { navigate(state, a.route); },
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
                   effects.push_back(fx::SaveLanguage{a.language});
                 },
                 [&](const act::Tick& a) { state.now = a.now; },
             },
             action);
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

}  // namespace leads
