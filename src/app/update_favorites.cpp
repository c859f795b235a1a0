// Favorites in the browser's storage: the writes in flight, a full storage (kept in memory, said, written again
// later), another tab's changes (the same set in every tab) and the store closed for a newer version (reload).
#include "app/update_parts.h"

namespace leads::detail {

namespace {
// Writing again what a full storage refused: 4 s, 8 s, 16 s… up to a minute, jittered like the API's retries.
const RetryPolicy kFavoriteRetry{1 << 30, 4000, 60000, 60000};

void arm_favorite_retry(AppState& state, std::vector<Effect>& effects) {
  if (state.favorites_retry_armed) return;
  state.favorites_retry_armed = true;
  const int delay = retry_delay_ms(ApiError{}, state.favorites_retry_attempts++, state.jitter, kFavoriteRetry);
  effects.push_back(fx::After{delay, act::RetryFavoriteSaves{}});
}
}  // namespace

void favorites_changed(AppState& state) {
  state.counts = count_leads(state.leads, state.favorites);
  state.view(ListTab::Favorites).stale = true;
  ++state.data_version;
}

void save_favorite(AppState& state, std::vector<Effect>& effects, const std::string& id, bool favorite) {
  ++state.favorites_in_flight;
  effects.push_back(fx::SaveFavorite{id, favorite});
}

void on_favorite_saved(AppState& state, const act::FavoriteSaved& saved, std::vector<Effect>& effects) {
  if (state.favorites_in_flight > 0) --state.favorites_in_flight;
  const bool shown = state.favorites.count(saved.id) > 0;  // what the heart shows now (a later click may differ)
  if (saved.kept) {
    auto unsaved = state.favorites_unsaved.find(saved.id);
    if (unsaved != state.favorites_unsaved.end() && unsaved->second == saved.favorite) {
      state.favorites_unsaved.erase(unsaved);
      if (state.favorites_unsaved.empty()) {
        state.favorites_retry_attempts = 0;
        toast(state, effects, {"favorites.saved_again"});
      }
    }
    return;
  }
  if (saved.problem == "favorites.quota") {
    // The storage is full: the heart stays as the user left it, the user is told once, and a timer writes it again.
    const bool first = state.favorites_unsaved.empty();
    state.favorites_unsaved[saved.id] = shown;
    if (first) toast(state, effects, {"favorites.quota_toast"}, true);
    arm_favorite_retry(state, effects);
    return;
  }
  state.favorites_persistence = FavoritesPersistence::SessionOnly;
  if (state.favorites_problem.empty())
    state.favorites_problem = saved.problem.empty() ? "favorites.save_failed" : saved.problem;
}

void retry_favorite_saves(AppState& state, std::vector<Effect>& effects) {
  state.favorites_retry_armed = false;
  if (state.favorites_persistence == FavoritesPersistence::SessionOnly) return;  // nothing to write into any more
  for (const auto& [id, favorite] : state.favorites_unsaved)
    save_favorite(state, effects, id, state.favorites.count(id) > 0);
}

void on_favorites_news(AppState& state, const FavoritesNews& news) {
  if (news.kind == FavoritesNews::Kind::Closed) {
    // A newer version of the app upgraded the database in another tab (or the browser closed it): favorites stay in
    // memory, and the user is told to reload to keep saving them.
    state.favorites_persistence = FavoritesPersistence::SessionOnly;
    state.favorites_problem = news.problem.empty() ? "favorites.unavailable" : news.problem;
    return;
  }
  // Another tab's committed change: this tab shows the same set. Its write came after anything this tab could not
  // save for that lead, so it wins.
  state.favorites_unsaved.erase(news.id);
  const bool shown = state.favorites.count(news.id) > 0;
  if (shown == news.favorite) return;
  if (news.favorite)
    state.favorites.insert(news.id);
  else
    state.favorites.erase(news.id);
  favorites_changed(state);
}

}  // namespace leads::detail
