// Mapping each effect to its I/O and each result back to an action.
#include "app/effects_runner.h"

#include "app/visit_every.h"

namespace leads {

void EffectsRunner::run(const Effect& effect) {
  const auto dispatch = dispatch_;  // each callback keeps its own copy: it may outlive this call
  std::visit(
      Overloaded{
          [&](const fx::SendHttp& e) {
            const std::uint64_t id = e.request_id;
            transport_.send(e.request, [dispatch, id](HttpResponse response) {
              dispatch(act::HttpDone{id, std::move(response)});
            });
          },
          [&](const fx::LoadFavorites&) {
            favorites_.watch([dispatch](FavoritesNews news) { dispatch(act::FavoritesNewsArrived{std::move(news)}); });
            favorites_.load([dispatch](FavoritesLoaded loaded) { dispatch(act::FavoritesArrived{std::move(loaded)}); });
          },
          [&](const fx::SaveFavorite& e) {
            const std::string id = e.id;
            const bool favorite = e.favorite;
            favorites_.put(id, favorite, [dispatch, id, favorite](bool kept, const std::string& problem) {
              dispatch(act::FavoriteSaved{id, favorite, kept, problem});
            });
          },
          [&](const fx::SaveLanguage& e) { platform_.save_language(e.language); },
          [&](const fx::After& e) {
            platform_.after(e.delay_ms, [dispatch, action = e.action]() { dispatch(action); });
          },
          [&](const fx::DownloadFile& e) { platform_.download(e.filename, e.mime, e.bytes); },
          [&](const fx::CopyText& e) { platform_.copy_text(e.text); },
          [&](const fx::OpenUrl& e) { platform_.open_url(e.url); },
          [&](const fx::StartHost& e) { platform_.start_host(e.origins); },
          [&](const fx::PostToHost& e) { platform_.post_to_host(e.json); },
      },
      effect);
}

}  // namespace leads
