// Tests of update() for favorites: the heart with Undo, bulk favorites, and the store's answers (late arrival,
// a save that was not kept, a store that cannot persist).
#include <doctest/doctest.h>

#include "app_test_support.h"

using namespace leads;
using namespace leads::test;

namespace {

TestApp three_leads() {
  TestApp app;
  app.load({make_lead("a"), make_lead("b"), make_lead("c")});
  return app;
}

}  // namespace

TEST_CASE("a heart saves the favorite and offers Undo in a toast") {
  TestApp app = three_leads();
  const auto effects = app.dispatch(act::ToggleFavorite{"a"});
  CHECK(app.state.favorites.count("a"));
  const auto saves = effects_of<fx::SaveFavorite>(effects);
  REQUIRE(saves.size() == 1);
  CHECK(saves[0].id == "a");
  CHECK(saves[0].favorite);
  REQUIRE(app.state.toasts.size() == 1);
  CHECK(shown_text(app.state, app.state.toasts[0]) == "Customer a added to favorites");
  CHECK(app.state.toasts[0].undo_favorite == std::optional<std::string>("a"));
  CHECK(timers_of<act::DismissToast>(effects).size() == 1);
  CHECK(app.state.counts.favorites.total() == 1);
  app.dispatch(act::SelectTab{ListTab::Favorites});
  app.draw();
  CHECK(app.row_ids() == std::vector<std::string>{"a"});
}

TEST_CASE("a toast keeps its key and arguments, so a language switch re-translates it") {
  TestApp app = three_leads();
  app.dispatch(act::ToggleFavorite{"a"});
  REQUIRE(app.state.toasts.size() == 1);
  CHECK(app.state.toasts[0].message.key == "toast.favorite_added");
  CHECK(app.state.toasts[0].message.args == std::vector<std::string>{"Customer a"});
  app.dispatch(act::SetLanguage{Language::Turkish});
  CHECK(shown_text(app.state, app.state.toasts[0]) == "Customer a Sık Kullanılanlara eklendi");
}

TEST_CASE("Undo in the toast reverts the heart and saves that too") {
  TestApp app = three_leads();
  app.dispatch(act::ToggleFavorite{"a"});
  const std::uint64_t toast = app.state.toasts[0].id;
  const auto effects = app.dispatch(act::UndoToast{toast});
  CHECK_FALSE(app.state.favorites.count("a"));
  const auto saves = effects_of<fx::SaveFavorite>(effects);
  REQUIRE(saves.size() == 1);
  CHECK(saves[0].id == "a");
  CHECK_FALSE(saves[0].favorite);
  CHECK(app.state.toasts.empty());  // no toast about the undo itself
  CHECK(app.state.counts.favorites.total() == 0);
  app.dispatch(act::SelectTab{ListTab::Favorites});
  app.draw();
  CHECK(app.row_ids().empty());
}

TEST_CASE("a second heart click removes the favorite") {
  TestApp app = three_leads();
  app.dispatch(act::ToggleFavorite{"a"});
  const auto effects = app.dispatch(act::ToggleFavorite{"a"});
  CHECK_FALSE(app.state.favorites.count("a"));
  REQUIRE(effects_of<fx::SaveFavorite>(effects).size() == 1);
  CHECK_FALSE(effects_of<fx::SaveFavorite>(effects)[0].favorite);
  CHECK(shown_text(app.state, app.state.toasts.back()) == "Customer a removed from favorites");
}

TEST_CASE("Undo on a toast without one, or on a dismissed toast, changes nothing") {
  TestApp app = three_leads();
  app.dispatch(act::CopyText{"x"});
  CHECK(app.dispatch(act::UndoToast{app.state.toasts[0].id}).empty());
  app.dispatch(act::ToggleFavorite{"a"});
  const std::uint64_t toast = app.state.toasts.back().id;
  app.dispatch(act::DismissToast{toast});
  CHECK(app.dispatch(act::UndoToast{toast}).empty());
  CHECK(app.state.favorites.count("a"));
}

TEST_CASE("stored favorites arriving late are merged with hearts clicked before") {
  TestApp app;
  const auto start = app.start();
  REQUIRE(effects_of<fx::LoadFavorites>(start).size() == 1);
  app.answer(RequestPurpose::DevToken, response(200, Json{{"token", make_token()}}.dump()));
  app.answer(RequestPurpose::ListPage, page_response({make_lead("a"), make_lead("b"), make_lead("c")}));
  app.dispatch(act::ToggleFavorite{"b"});
  app.dispatch(act::FavoritesArrived{FavoritesLoaded{{"a"}, true, ""}});
  CHECK(app.state.favorites == std::unordered_set<std::string>{"a", "b"});
  CHECK(app.state.favorites_persistence == FavoritesPersistence::Persistent);
  CHECK(app.state.counts.favorites.total() == 2);
  app.dispatch(act::SelectTab{ListTab::Favorites});
  app.draw();
  CHECK(app.row_ids().size() == 2);
}

TEST_CASE("a store that cannot persist says favorites are kept for this session only") {
  TestApp app = three_leads();
  app.dispatch(act::FavoritesArrived{FavoritesLoaded{{}, false, "favorites.unavailable"}});
  CHECK(app.state.favorites_persistence == FavoritesPersistence::SessionOnly);
  CHECK(app.state.favorites_problem == "favorites.unavailable");
}

TEST_CASE("a favorite that was not kept switches to session-only and keeps the heart") {
  TestApp app = three_leads();
  app.dispatch(act::FavoritesArrived{FavoritesLoaded{{}, true, ""}});
  app.dispatch(act::ToggleFavorite{"a"});
  app.dispatch(act::FavoriteSaved{"a", true, false});
  CHECK(app.state.favorites_persistence == FavoritesPersistence::SessionOnly);
  CHECK(app.state.favorites_problem == "favorites.save_failed");
  CHECK(app.state.favorites.count("a"));
}

TEST_CASE("a favorite that was kept changes nothing") {
  TestApp app = three_leads();
  app.dispatch(act::FavoritesArrived{FavoritesLoaded{{}, true, ""}});
  app.dispatch(act::FavoriteSaved{"a", true, true});
  CHECK(app.state.favorites_persistence == FavoritesPersistence::Persistent);
  CHECK(app.state.favorites_problem.empty());
}

// The store's load and put answer in any order. When a put fails before the load answers, the user has been told
// favorites are session-only; the load arriving afterwards must not take that back.
TEST_CASE("stored favorites arriving after a failed save keep the session-only warning") {
  TestApp app = three_leads();
  app.dispatch(act::ToggleFavorite{"a"});
  app.dispatch(act::FavoriteSaved{"a", true, false});
  app.dispatch(act::FavoritesArrived{FavoritesLoaded{{"b"}, true, ""}});
  CHECK(app.state.favorites == std::unordered_set<std::string>{"a", "b"});
  CHECK(app.state.favorites_persistence == FavoritesPersistence::SessionOnly);
  CHECK(app.state.favorites_problem == "favorites.save_failed");
}

TEST_CASE("bulk favorite adds only the marked leads that are not favorites yet") {
  TestApp app = three_leads();
  app.dispatch(act::ToggleFavorite{"a"});
  app.dispatch(act::MarkLead{"a", act::MarkMode::Toggle});
  app.dispatch(act::MarkLead{"b", act::MarkMode::Toggle});
  const auto effects = app.dispatch(act::BulkFavorite{});
  const auto saves = effects_of<fx::SaveFavorite>(effects);
  REQUIRE(saves.size() == 1);
  CHECK(saves[0].id == "b");
  CHECK(saves[0].favorite);
  CHECK(app.state.favorites == std::unordered_set<std::string>{"a", "b"});
  CHECK(shown_text(app.state, app.state.toasts.back()) == "Added 1 leads");
  CHECK(app.state.counts.favorites.total() == 2);
}

// [SECTION] a full storage, other tabs, a newer version ---------------------------------------------

TEST_CASE("a full storage keeps the favorite in memory, says so once, and writes it again later until it fits") {
  TestApp app = three_leads();
  app.dispatch(act::FavoritesArrived{FavoritesLoaded{{}, true, ""}});
  app.dispatch(act::ToggleFavorite{"a"});
  app.dispatch(act::ToggleFavorite{"b"});
  CHECK(app.state.favorites_in_flight == 2);
  auto effects = app.dispatch(act::FavoriteSaved{"a", true, false, "favorites.quota"});
  CHECK(app.state.favorites.count("a"));                                       // the heart stays
  CHECK(app.state.favorites_persistence == FavoritesPersistence::Persistent);  // not given up on
  CHECK(app.state.favorites_unsaved == std::map<std::string, bool>{{"a", true}});
  REQUIRE(app.state.toasts.size() == 3);
  CHECK(app.state.toasts.back().error);
  auto retries = timers_of<act::RetryFavoriteSaves>(effects);
  REQUIRE(retries.size() == 1);
  CHECK(retries[0].delay_ms >= 2000);
  CHECK(retries[0].delay_ms <= 4000);
  effects = app.dispatch(act::FavoriteSaved{"b", true, false, "favorites.quota"});
  CHECK(app.state.toasts.size() == 3);                         // said once
  CHECK(timers_of<act::RetryFavoriteSaves>(effects).empty());  // one timer
  CHECK(app.state.favorites_unsaved.size() == 2);
  CHECK(app.state.favorites_in_flight == 0);

  app.dispatch(act::ToggleFavorite{"b"});  // the user takes b back while it waits: the retry writes what is shown
  app.dispatch(act::FavoriteSaved{"b", false, false, "favorites.quota"});
  const auto saves = effects_of<fx::SaveFavorite>(app.dispatch(act::RetryFavoriteSaves{}));
  REQUIRE(saves.size() == 2);
  CHECK(saves[0].id == "a");
  CHECK(saves[0].favorite);
  CHECK(saves[1].id == "b");
  CHECK_FALSE(saves[1].favorite);
  // Still full: a longer wait.
  retries = timers_of<act::RetryFavoriteSaves>(app.dispatch(act::FavoriteSaved{"a", true, false, "favorites.quota"}));
  REQUIRE(retries.size() == 1);
  CHECK(retries[0].delay_ms >= 4000);
  app.dispatch(act::FavoriteSaved{"b", false, true});
  CHECK(app.state.favorites_unsaved == std::map<std::string, bool>{{"a", true}});
  app.dispatch(act::RetryFavoriteSaves{});
  app.dispatch(act::FavoriteSaved{"a", true, true});
  CHECK(app.state.favorites_unsaved.empty());
  CHECK(shown_text(app.state, app.state.toasts.back()) ==
        "favorites.saved_again");  // (the test texts have no such key)
  CHECK(app.state.favorites_in_flight == 0);
}

TEST_CASE("another tab's committed change shows in this tab without being written again") {
  TestApp app = three_leads();
  app.dispatch(act::FavoritesArrived{FavoritesLoaded{{}, true, ""}});
  FavoritesNews news;
  news.id = "c";
  news.favorite = true;
  const auto effects = app.dispatch(act::FavoritesNewsArrived{news});
  CHECK(effects_of<fx::SaveFavorite>(effects).empty());
  CHECK(app.state.favorites == std::unordered_set<std::string>{"c"});
  CHECK(app.state.counts.favorites.total() == 1);
  app.dispatch(act::SelectTab{ListTab::Favorites});
  app.draw();
  CHECK(app.row_ids() == std::vector<std::string>{"c"});
  news.favorite = false;
  app.dispatch(act::FavoritesNewsArrived{news});
  app.draw();
  CHECK(app.row_ids().empty());
  CHECK(app.state.toasts.empty());
}

TEST_CASE("the store closed for a newer version in another tab asks for a reload and keeps the hearts in memory") {
  TestApp app = three_leads();
  app.dispatch(act::FavoritesArrived{FavoritesLoaded{{"a"}, true, ""}});
  FavoritesNews news;
  news.kind = FavoritesNews::Kind::Closed;
  news.problem = "favorites.newer_version";
  app.dispatch(act::FavoritesNewsArrived{news});
  CHECK(app.state.favorites_persistence == FavoritesPersistence::SessionOnly);
  CHECK(app.state.favorites_problem == "favorites.newer_version");
  app.dispatch(act::ToggleFavorite{"b"});
  CHECK(app.state.favorites == std::unordered_set<std::string>{"a", "b"});
  // Nothing is retried into a closed store.
  CHECK(effects_of<fx::SaveFavorite>(app.dispatch(act::RetryFavoriteSaves{})).empty());
}
