// Shared pieces of update(), split by feature across update_*.cpp files (internal to src/app).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/effects.h"
#include "app/state.h"

namespace leads::detail {

// helpers (update.cpp)
fx::SendHttp send(AppState& state, RequestPurpose purpose, HttpRequest request, std::string lead_id = {});
void reindex(AppState& state);                      // after the lead set changed wholesale
void replace_lead(AppState& state, Referral lead);  // one lead changed (or arrived)
// A toast says `message` (translated as it is drawn) for a few seconds.
void toast(AppState& state, std::vector<Effect>& effects, Message message, bool error = false,
           std::optional<std::string> undo_favorite = std::nullopt);
void session_expired(AppState& state, std::vector<Effect>& effects);

// loading and syncing (update_list.cpp)
void start_list_load(AppState& state, std::vector<Effect>& effects);
void on_list_page(AppState& state, const PendingRequest& request, const HttpResponse& response,
                  std::vector<Effect>& effects);
void retry_page(AppState& state, std::uint64_t page, std::vector<Effect>& effects);
void start_poll(AppState& state, bool from_timer, std::vector<Effect>& effects);
void prepare_sorts(AppState& state, const act::PrepareSorts& step, std::vector<Effect>& effects);
void on_poll(AppState& state, const HttpResponse& response, std::vector<Effect>& effects);

// favorites in the browser's storage (update_favorites.cpp)
void save_favorite(AppState& state, std::vector<Effect>& effects, const std::string& id, bool favorite);
void on_favorite_saved(AppState& state, const act::FavoriteSaved& saved, std::vector<Effect>& effects);
void retry_favorite_saves(AppState& state, std::vector<Effect>& effects);
void on_favorites_news(AppState& state, const FavoritesNews& news);

// forms and writes (update_forms.cpp)
void open_form(AppState& state, Action action, const std::string& lead_id);
void open_bulk_decline(AppState& state);
void edit_form(AppState& state, const FormValues& values);
void submit_form(AppState& state, std::vector<Effect>& effects);
void retry_save(AppState& state, std::vector<Effect>& effects);
void reload_and_reapply(AppState& state);
void on_write(AppState& state, const PendingRequest& request, const HttpResponse& response,
              std::vector<Effect>& effects);
void on_write_check(AppState& state, const PendingRequest& request, const HttpResponse& response,
                    std::vector<Effect>& effects);
void on_conflict_fetch(AppState& state, const HttpResponse& response);

// selection, favorites, export (update_selection.cpp)
void select_lead(AppState& state, const std::string& id);
void step_lead(AppState& state, int delta);
void mark_lead(AppState& state, const std::string& id, act::MarkMode mode);
void toggle_favorite(AppState& state, const std::string& id, std::vector<Effect>& effects, bool with_undo);
void bulk_favorite(AppState& state, std::vector<Effect>& effects);
void export_csv(AppState& state, std::vector<Effect>& effects);
void navigate(AppState& state, const Route& route);
void open_pending_lead(AppState& state);  // when leads arrive

}  // namespace leads::detail
