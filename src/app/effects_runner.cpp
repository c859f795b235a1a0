// Mapping each effect to its I/O and each result back to an action.
#include "app/effects_runner.h"

#include "app/oidc_client.h"
#include "app/visit_every.h"
#include "domain/list_store.h"

namespace leads {

void EffectsRunner::run_notify(const fx::Notify& effect) {
  const auto dispatch = dispatch_;
  std::visit(
      Overloaded{
          [&](const fx::notify::ReadSettings& e) {
            dispatch(act::Alert{act::alert::SettingsRead{e.user, platform_.read_alert_settings(e.user),
                                                         notify_permission_from(platform_.notify_permission())}});
          },
          [&](const fx::notify::SaveSettings& e) { platform_.save_alert_settings(e.user, e.json); },
          [&](const fx::notify::AskPermission&) {
            platform_.ask_notify_permission([dispatch](std::string permission) {
              dispatch(act::Alert{act::alert::PermissionKnown{notify_permission_from(permission)}});
            });
          },
          [&](const fx::notify::Show& e) { platform_.show_notification(e.notice); },
      },
      effect.what);
}

void EffectsRunner::run_views(const fx::Views& effect) {
  const auto dispatch = dispatch_;
  std::visit(Overloaded{
                 [&](const fx::views::Read& e) {
                   if (!views_) return dispatch(act::Views{act::views::Read{{e.owner, {}, "unavailable"}}});
                   views_->read(e.owner, [dispatch](ViewsRead read) {
                     dispatch(act::Views{act::views::Read{std::move(read)}});
                   });
                 },
                 [&](const fx::views::Write& e) {
                   const std::string owner = e.owner;
                   if (!views_) return dispatch(act::Views{act::views::Written{owner, false, "views.unavailable"}});
                   views_->write(owner, e.text, e.set_aside, [dispatch, owner](bool kept, const std::string& problem) {
                     dispatch(act::Views{act::views::Written{owner, kept, problem}});
                   });
                 },
             },
             effect.what);
}

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
          [&](const fx::PrepareSignIn& e) {
            // RFC 7636 §4.1: 32 random bytes make a 43-character verifier; state and nonce 16 bytes each.
            PkceMaterial material;
            material.verifier = base64url_encode(platform_.random_bytes(32));
            material.state = base64url_encode(platform_.random_bytes(16));
            material.nonce = base64url_encode(platform_.random_bytes(16));
            const SignInTrip trip = e.trip;
            const std::string verifier = material.verifier;
            platform_.sha256(verifier, [dispatch, trip, material](std::string digest) mutable {
              material.challenge = digest.size() == 32 ? base64url_encode(digest) : std::string();
              dispatch(act::SignInPrepared{trip, std::move(material)});
            });
          },
          [&](const fx::KeepPendingSignIn& e) { platform_.keep_pending_sign_in(e.json); },
          [&](const fx::GoTo& e) { platform_.go_to(e.url); },
          [&](const fx::ReplaceUrl& e) { platform_.replace_url(e.url); },
          [&](const fx::OpenSignInPopup&) { dispatch(act::SignInPopupOpened{platform_.open_sign_in_popup()}); },
          [&](const fx::NavigatePopup& e) { platform_.navigate_popup(e.url); },
          [&](const fx::TellOtherTabs& e) { platform_.tell_other_tabs(e.json); },
          [&](const fx::ListenToOtherTabs&) { platform_.listen_to_other_tabs(); },
          [&](const fx::ReadListSnapshot& e) {
            if (!snapshots_) return dispatch(act::ListSnapshotRead{{e.owner, {}, 0, "unavailable", {}, {}}});
            const std::string owner = e.owner;
            snapshots_->read(
                owner,
                [dispatch, owner](TimeMs newest_change) {
                  dispatch(act::ListSnapshotFound{owner, newest_change});
                },
                [dispatch](ListSnapshotRead read) { dispatch(act::ListSnapshotRead{std::move(read)}); });
          },
          [&](const fx::AbandonListSnapshotRead& e) {
            if (snapshots_) snapshots_->abandon(e.owner);
          },
          [&](const fx::WriteListSnapshot& e) {
            if (!snapshots_) return dispatch(act::ListSnapshotWritten{e.owner, false, "unavailable"});
            const std::string owner = e.owner;
            const ListStore& leads = *e.leads;
            const GramIndex* grams = e.grams;
            ListSnapshotBytes bytes{leads.encoded_size(grams), [&leads, grams](const auto& sink) {
                                      leads.encode_in_chunks(ListStore::kSnapshotChunkBytes, sink, grams);
                                    }};
            snapshots_->write(owner, bytes, e.synced_at, e.newest_change,
                              [dispatch, owner](bool kept, const std::string& problem) {
                                dispatch(act::ListSnapshotWritten{owner, kept, problem});
                              });
          },
          [&](const fx::ClearListSnapshots&) {
            if (!snapshots_) return dispatch(act::ListSnapshotsCleared{});
            snapshots_->clear([dispatch] { dispatch(act::ListSnapshotsCleared{}); });
          },
          [&](const fx::Notify& e) { run_notify(e); },
          [&](const fx::Views& e) { run_views(e); },
      },
      effect);
}

}  // namespace leads
