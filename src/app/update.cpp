// update(): the dispatch of every action to the feature that handles it, and the shared helpers.
//
// [SECTION] initial state
// [SECTION] shared helpers
// [SECTION] sign-in
// [SECTION] dispatch
#include "app/update.h"

#include <algorithm>
#include <random>
#include <type_traits>

#include "app/update_parts.h"
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

void toast(AppState& state, std::vector<Effect>& effects, std::string text, bool error,
           std::optional<std::string> undo_favorite) {
  const std::uint64_t id = state.next_toast_id++;
  state.toasts.push_back(Toast{id, std::move(text), error, std::move(undo_favorite)});
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
  std::visit(
      [&](const auto& message) {
        using M = std::decay_t<decltype(message)>;
        if constexpr (std::is_same_v<M, host::Init>) {
          if (message.language) state.language = *message.language;
          if (message.theme) state.theme = *message.theme;
          if (message.route) navigate(state, *message.route);
          sign_in(state, message.token, effects);
        } else if constexpr (std::is_same_v<M, host::Token>) {
          sign_in(state, message.token, effects);
        } else if constexpr (std::is_same_v<M, host::Navigate>) {
          navigate(state, message.route);
        } else if constexpr (std::is_same_v<M, host::SetLanguage>) {
          state.language = message.language;
        } else if constexpr (std::is_same_v<M, host::SetTheme>) {
          state.theme = message.theme;
        }
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
  std::visit(
      [&](const auto& a) {
        using A = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<A, act::Start>) {
          effects.push_back(fx::LoadFavorites{});
          if (state.session.token.empty()) request_config(state, effects);
        } else if constexpr (std::is_same_v<A, act::TokenGiven>) {
          sign_in(state, a.token, effects);
        } else if constexpr (std::is_same_v<A, act::SignInAgain>) {
          if (state.host.mode == HostMode::Embedded) {
            state.host.token_requested = false;
            session_expired(state, effects);
          } else {
            request_dev_token(state, effects);
          }
        } else if constexpr (std::is_same_v<A, act::HostMessageArrived>) {
          on_host_message(state, a.json, effects);
        } else if constexpr (std::is_same_v<A, act::HostUntrusted>) {
          state.host.mode = HostMode::Untrusted;
          state.session.phase = SignInPhase::Unavailable;
          state.session.problem = "embed.untrusted";
        } else if constexpr (std::is_same_v<A, act::TokenExpiring>) {
          if (state.host.mode == HostMode::Embedded && a.token == state.session.token &&
              state.session.claims.expires_at)
            effects.push_back(fx::PostToHost{host_token_expiring_message(*state.session.claims.expires_at)});
        } else if constexpr (std::is_same_v<A, act::HttpDone>) {
          on_http(state, a, effects);
        } else if constexpr (std::is_same_v<A, act::FavoritesArrived>) {
          on_favorites(state, a.loaded);
        } else if constexpr (std::is_same_v<A, act::FavoriteSaved>) {
          on_favorite_saved(state, a, effects);
        } else if constexpr (std::is_same_v<A, act::FavoritesNewsArrived>) {
          on_favorites_news(state, a.news);
        } else if constexpr (std::is_same_v<A, act::RetryFavoriteSaves>) {
          retry_favorite_saves(state, effects);
        } else if constexpr (std::is_same_v<A, act::RetryLoad> || std::is_same_v<A, act::Refresh>) {
          if (state.load.phase != LoadPhase::Loading) start_list_load(state, effects);
        } else if constexpr (std::is_same_v<A, act::RetryPage>) {
          retry_page(state, a.page, effects);
        } else if constexpr (std::is_same_v<A, act::PrepareSorts>) {
          prepare_sorts(state, a, effects);
        } else if constexpr (std::is_same_v<A, act::Poll>) {
          start_poll(state, a.from_timer, effects);
        } else if constexpr (std::is_same_v<A, act::SelectTab>) {
          state.tab = a.tab;
        } else if constexpr (std::is_same_v<A, act::SetSearch>) {
          TabView& view = state.view(state.tab);
          if (view.query.search != a.text) {
            view.query.search = a.text;
            view.stale = true;
          }
        } else if constexpr (std::is_same_v<A, act::SetSort>) {
          TabView& view = state.view(state.tab);
          view.query.sort = a.column;
          view.query.descending = a.descending;
          view.stale = true;
        } else if constexpr (std::is_same_v<A, act::SetFilter>) {
          TabView& view = state.view(state.tab);
          view.query.filter = a.filter;
          view.stale = true;
        } else if constexpr (std::is_same_v<A, act::MarkLead>) {
          mark_lead(state, a.id, a.mode);
        } else if constexpr (std::is_same_v<A, act::ClearMarks>) {
          state.marked.clear();
        } else if constexpr (std::is_same_v<A, act::BulkFavorite>) {
          bulk_favorite(state, effects);
        } else if constexpr (std::is_same_v<A, act::ExportCsv>) {
          export_csv(state, effects);
        } else if constexpr (std::is_same_v<A, act::ToggleFavorite>) {
          toggle_favorite(state, a.id, effects, true);
        } else if constexpr (std::is_same_v<A, act::SelectLead>) {
          select_lead(state, a.id);
        } else if constexpr (std::is_same_v<A, act::StepLead>) {
          step_lead(state, a.delta);
        } else if constexpr (std::is_same_v<A, act::CloseDetail>) {
          state.selected_id.clear();
        } else if constexpr (std::is_same_v<A, act::CopyText>) {
          effects.push_back(fx::CopyText{a.text});
          toast(state, effects, fill(state.t("toast.copied"), {a.text}));
        } else if constexpr (std::is_same_v<A, act::OpenLink>) {
          if (a.url.rfind("mailto:", 0) == 0 || a.url.rfind("tel:", 0) == 0) effects.push_back(fx::OpenUrl{a.url});
        } else if constexpr (std::is_same_v<A, act::OpenForm>) {
          open_form(state, a.action, a.lead_id);
        } else if constexpr (std::is_same_v<A, act::OpenBulkDecline>) {
          open_bulk_decline(state);
        } else if constexpr (std::is_same_v<A, act::EditForm>) {
          edit_form(state, a.values);
        } else if constexpr (std::is_same_v<A, act::SubmitForm>) {
          submit_form(state, effects);
        } else if constexpr (std::is_same_v<A, act::CloseForm>) {
          if (state.form.phase != SavePhase::Saving && state.form.phase != SavePhase::Checking) state.form = LeadForm{};
        } else if constexpr (std::is_same_v<A, act::RetrySave>) {
          retry_save(state, effects);
        } else if constexpr (std::is_same_v<A, act::ReloadAndReapply>) {
          reload_and_reapply(state);
        } else if constexpr (std::is_same_v<A, act::ToggleMetrics>) {
          state.show_metrics = !state.show_metrics;
        } else if constexpr (std::is_same_v<A, act::Navigate>) {
          navigate(state, a.route);
        } else if constexpr (std::is_same_v<A, act::ToggleFilters>) {
          state.show_filters = !state.show_filters;
        } else if constexpr (std::is_same_v<A, act::ToggleShortcuts>) {
          state.show_shortcuts = !state.show_shortcuts;
        } else if constexpr (std::is_same_v<A, act::DismissToast>) {
          state.toasts.erase(std::remove_if(state.toasts.begin(), state.toasts.end(),
                                            [&](const Toast& toast) { return toast.id == a.id; }),
                             state.toasts.end());
        } else if constexpr (std::is_same_v<A, act::UndoToast>) {
          for (const Toast& toast : state.toasts)
            if (toast.id == a.id && toast.undo_favorite) {
              const std::string lead_id = *toast.undo_favorite;
              state.toasts.erase(std::remove_if(state.toasts.begin(), state.toasts.end(),
                                                [&](const Toast& t) { return t.id == a.id; }),
                                 state.toasts.end());
              toggle_favorite(state, lead_id, effects, false);
              break;
            }
        } else if constexpr (std::is_same_v<A, act::SetLanguage>) {
          state.language = a.language;
          effects.push_back(fx::SaveLanguage{a.language});
        } else if constexpr (std::is_same_v<A, act::Tick>) {
          state.now = a.now;
        }
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
