// Mapping each effect to its I/O and each result back to an action.
#include "app/effects_runner.h"

#include <type_traits>

namespace leads {

void EffectsRunner::run(const Effect& effect) {
  std::visit(
      [&](const auto& e) {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, fx::SendHttp>) {
          const std::uint64_t id = e.request_id;
          transport_.send(e.request, [dispatch = dispatch_, id](HttpResponse response) {
            dispatch(act::HttpDone{id, std::move(response)});
          });
        } else if constexpr (std::is_same_v<E, fx::LoadFavorites>) {
          favorites_.watch(
              [dispatch = dispatch_](FavoritesNews news) { dispatch(act::FavoritesNewsArrived{std::move(news)}); });
          favorites_.load(
              [dispatch = dispatch_](FavoritesLoaded loaded) { dispatch(act::FavoritesArrived{std::move(loaded)}); });
        } else if constexpr (std::is_same_v<E, fx::SaveFavorite>) {
          const std::string id = e.id;
          const bool favorite = e.favorite;
          favorites_.put(id, favorite, [dispatch = dispatch_, id, favorite](bool kept, const std::string& problem) {
            dispatch(act::FavoriteSaved{id, favorite, kept, problem});
          });
        } else if constexpr (std::is_same_v<E, fx::SaveLanguage>) {
          platform_.save_language(e.language);
        } else if constexpr (std::is_same_v<E, fx::After>) {
          platform_.after(e.delay_ms, [dispatch = dispatch_, action = e.action]() { dispatch(action); });
        } else if constexpr (std::is_same_v<E, fx::DownloadFile>) {
          platform_.download(e.filename, e.mime, e.bytes);
        } else if constexpr (std::is_same_v<E, fx::CopyText>) {
          platform_.copy_text(e.text);
        } else if constexpr (std::is_same_v<E, fx::OpenUrl>) {
          platform_.open_url(e.url);
        } else if constexpr (std::is_same_v<E, fx::StartHost>) {
          platform_.start_host(e.origins);
        } else if constexpr (std::is_same_v<E, fx::PostToHost>) {
          platform_.post_to_host(e.json);
        }
      },
      effect);
}

}  // namespace leads
