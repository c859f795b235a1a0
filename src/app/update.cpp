// update(): how each action changes the state and which effects it asks for.
//
// [SECTION] helpers
// [SECTION] sign-in
// [SECTION] loading the list
// [SECTION] favorites
// [SECTION] dispatch
#include "app/update.h"

#include <type_traits>

#include "domain/referral_json.h"

namespace leads {

AppState initial_state(const ApiConfig& api, Language language, TimeMs now) {
  AppState state;
  state.api = api;
  state.language = language;
  state.now = now;
  state.view(ListTab::Marketplace).query.tab = ListTab::Marketplace;
  state.view(ListTab::Qualified).query.tab = ListTab::Qualified;
  state.view(ListTab::Favorites).query.tab = ListTab::Favorites;
  return state;
}

// [SECTION] helpers ------------------------------------------------------------------------------

namespace {

fx::SendHttp send(AppState& state, RequestPurpose purpose, HttpRequest request) {
  const std::uint64_t id = state.next_request_id++;
  state.pending[id] = purpose;
  return fx::SendHttp{id, std::move(request)};
}

void mark_all_stale(AppState& state) {
  for (TabView& view : state.views) view.stale = true;
}

void recount(AppState& state) { state.counts = count_leads(state.leads, state.favorites); }

// [SECTION] sign-in ------------------------------------------------------------------------------

void start_list_load(AppState& state, std::vector<Effect>& effects);

void sign_in(AppState& state, const std::string& token, std::vector<Effect>& effects) {
  state.session.token = token;
  state.api.token = token;
  state.session.claims = read_token_claims(token).value_or(TokenClaims{});
  state.session.role = role_from_claims(state.session.claims.roles);
  state.session.phase = SignInPhase::SignedIn;
  state.session.problem.clear();
  start_list_load(state, effects);
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

// [SECTION] loading the list ---------------------------------------------------------------------
// The first load shows rows as pages arrive; a refresh keeps the current rows until the new set is complete.

void start_list_load(AppState& state, std::vector<Effect>& effects) {
  if (state.session.phase != SignInPhase::SignedIn) return;
  state.load.phase = LoadPhase::Loading;
  state.load.error.reset();
  state.load.expected.reset();
  state.load.received = 0;
  state.load.skipped = 0;
  state.load.skip_reason.clear();
  state.incoming.clear();
  state.load.progressive = state.leads.empty();
  ListOptions options;
  options.orderby = "createdDateTime desc";
  effects.push_back(send(state, RequestPurpose::ListPage, list_request(state.api, options)));
}

void index_all(AppState& state) {
  state.row_of_id.clear();
  for (std::uint32_t row = 0; row < state.leads.size(); ++row) state.row_of_id[state.leads[row].id] = row;
  state.index.rebuild(state.leads);
  recount(state);
  mark_all_stale(state);
}

void on_list_page(AppState& state, const HttpResponse& response, std::vector<Effect>& effects) {
  ListPageResult result = read_list_page(response);
  if (auto* error = std::get_if<ApiError>(&result)) {
    state.load.phase = LoadPhase::Failed;
    state.load.error = *error;
    state.incoming.clear();
    return;
  }
  ListPage& page = std::get<ListPage>(result);
  if (page.count && !state.load.expected) state.load.expected = page.count;
  state.load.received += page.items.size();
  state.load.skipped += page.skipped_items;
  if (state.load.skip_reason.empty()) state.load.skip_reason = page.first_skip_reason;
  std::vector<Referral>& target = state.load.progressive ? state.leads : state.incoming;
  for (Referral& referral : page.items) target.push_back(std::move(referral));
  if (!page.next_link.empty()) {
    if (state.load.progressive) index_all(state);
    effects.push_back(send(state, RequestPurpose::ListPage, next_page_request(state.api, page.next_link)));
    return;
  }
  if (!state.load.progressive) state.leads = std::move(state.incoming);
  state.incoming.clear();
  state.load.phase = LoadPhase::Loaded;
  state.load.last_refresh = state.now;
  index_all(state);
}

// [SECTION] favorites ----------------------------------------------------------------------------

void on_favorites(AppState& state, const FavoritesLoaded& loaded) {
  // Hearts clicked before the store answered are kept: the union is what the user sees.
  for (const std::string& id : loaded.ids) state.favorites.insert(id);
  state.favorites_persistence =
      loaded.persistent ? FavoritesPersistence::Persistent : FavoritesPersistence::SessionOnly;
  state.favorites_problem = loaded.problem;
  recount(state);
  state.view(ListTab::Favorites).stale = true;
}

void toggle_favorite(AppState& state, const std::string& id, std::vector<Effect>& effects) {
  const bool favorite = !state.favorites.count(id);
  if (favorite) state.favorites.insert(id);
  else state.favorites.erase(id);
  recount(state);
  state.view(ListTab::Favorites).stale = true;
  effects.push_back(fx::SaveFavorite{id, favorite});
}

}  // namespace

// [SECTION] dispatch -----------------------------------------------------------------------------

std::vector<Effect> update(AppState& state, const Action& action) {
  std::vector<Effect> effects;
  std::visit(
      [&](const auto& a) {
        using A = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<A, act::Start>) {
          effects.push_back(fx::LoadFavorites{});
          if (state.session.token.empty()) {
            HttpRequest request;
            request.url = state.api.base_url + "/dev/token";
            request.timeout_ms = 10000;
            effects.push_back(send(state, RequestPurpose::DevToken, request));
          }
        } else if constexpr (std::is_same_v<A, act::TokenGiven>) {
          sign_in(state, a.token, effects);
        } else if constexpr (std::is_same_v<A, act::HttpDone>) {
          auto it = state.pending.find(a.request_id);
          if (it == state.pending.end()) return;  // a reply nobody waits for any more
          const RequestPurpose purpose = it->second;
          state.pending.erase(it);
          if (purpose == RequestPurpose::DevToken) on_dev_token(state, a.response, effects);
          else on_list_page(state, a.response, effects);
        } else if constexpr (std::is_same_v<A, act::RetryLoad> || std::is_same_v<A, act::Refresh>) {
          if (state.load.phase != LoadPhase::Loading) start_list_load(state, effects);
        } else if constexpr (std::is_same_v<A, act::FavoritesArrived>) {
          on_favorites(state, a.loaded);
        } else if constexpr (std::is_same_v<A, act::ToggleFavorite>) {
          toggle_favorite(state, a.id, effects);
        } else if constexpr (std::is_same_v<A, act::FavoriteSaved>) {
          if (!a.kept) {
            state.favorites_persistence = FavoritesPersistence::SessionOnly;
            if (state.favorites_problem.empty()) state.favorites_problem = "favorites.save_failed";
          }
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
        } else if constexpr (std::is_same_v<A, act::SelectLead>) {
          state.selected_id = a.id;
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
  view.rows = run_query(state.leads, state.index, view.query, state.favorites, state.now);
  view.stale = false;
}

}  // namespace leads
