// Shared pieces of update(), split by feature across update_*.cpp files (internal to src/app).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/effects.h"
#include "app/state.h"

namespace leads::detail {

// helpers (update.cpp)
// Whose kept data this session reads and writes (list snapshot, remembered views): "tenant/user" as the access token
// names them; "" without a user.
std::string owner_of(const TokenClaims& claims);
fx::SendHttp send(AppState& state, RequestPurpose purpose, HttpRequest request, std::string lead_id = {});
void reindex(AppState& state, GramIndex* kept_grams = nullptr);  // after the lead set changed wholesale
// The tabs' counts and the figures panel's figures (while it is shown; else when it opens) of the leads now held;
// every tab's rows are computed again at the next frame.
void refresh_counts(AppState& state);
void replace_lead(AppState& state, const Referral& lead);   // one lead's full record changed (or arrived)
void replace_row(AppState& state, const Referral& lead);    // one lead's list fields changed (or arrived)
void replace_rows(AppState& state, const ListStore& page);  // many at once: one recount, if any changed
// Whether the list already holds `lead` in this version (the same ETag): taking it again would change nothing.
bool holds_version(const AppState& state, const Referral& lead);
// A toast says `message` (translated as it is drawn) for a few seconds.
void toast(AppState& state, std::vector<Effect>& effects, Message message, bool error = false,
           std::optional<std::string> undo_favorite = std::nullopt);

// signing in (update_sign_in.cpp)
void start_app(AppState& state, const act::Start& start, std::vector<Effect>& effects);
void sign_in(AppState& state, const std::string& token, std::vector<Effect>& effects);  // any token, any source
void sign_in_again(AppState& state, std::vector<Effect>& effects);
// A 401, answered at `now` (the client's clock; 0: state.now).
void session_expired(AppState& state, std::vector<Effect>& effects, TimeMs now = 0);
void on_config(AppState& state, const HttpResponse& response, std::vector<Effect>& effects);
void on_host_message(AppState& state, const std::string& json, std::vector<Effect>& effects);
void on_dev_token(AppState& state, const HttpResponse& response, std::vector<Effect>& effects);
void on_discovery(AppState& state, const HttpResponse& response, std::vector<Effect>& effects);
void begin_sign_in(AppState& state, SignInTrip trip, std::vector<Effect>& effects);
void on_sign_in_prepared(AppState& state, const act::SignInPrepared& prepared, std::vector<Effect>& effects);
void on_popup_opened(AppState& state, bool opened, std::vector<Effect>& effects);
void on_popup_answered(AppState& state, const std::string& query, std::vector<Effect>& effects);
void on_popup_closed(AppState& state);
void on_token_exchange(AppState& state, const HttpResponse& response, std::vector<Effect>& effects);
void renew_tokens(AppState& state, std::uint64_t renewal, std::vector<Effect>& effects);
void on_token_refresh(AppState& state, const HttpResponse& response, std::vector<Effect>& effects);
void end_session(AppState& state, std::vector<Effect>& effects);  // renewal refused: sign in again, form kept
void sign_out(AppState& state, std::vector<Effect>& effects);
void on_sign_in_news(AppState& state, const std::string& json, std::vector<Effect>& effects);
// Signing out goes on to the provider: the kept list is removed, or its removal is overdue.
void leave_for_sign_out(AppState& state, std::vector<Effect>& effects);

// loading and syncing (update_list.cpp)
void start_list_load(AppState& state, std::vector<Effect>& effects);
void on_list_page(AppState& state, const PendingRequest& request, const HttpResponse& response,
                  std::vector<Effect>& effects);
void retry_page(AppState& state, std::uint64_t page, std::vector<Effect>& effects);
void start_poll(AppState& state, bool from_timer, std::vector<Effect>& effects);
// The poll's request: the changes after `newest` (every lead without it).
void ask_changes_since(AppState& state, std::optional<TimeMs> newest, std::vector<Effect>& effects);
std::optional<TimeMs> newest_update(const ListStore& leads);  // the newest change the list holds
void prepare_sorts(AppState& state, const act::PrepareSorts& step, std::vector<Effect>& effects);
void on_poll(AppState& state, const HttpResponse& response, std::vector<Effect>& effects);

// the list kept between visits (update_snapshot.cpp)
bool read_list_snapshot(AppState& state, std::vector<Effect>& effects);  // true: reading it; the load waits
void on_list_snapshot_found(AppState& state, const act::ListSnapshotFound& found, std::vector<Effect>& effects);
void on_list_snapshot_read(AppState& state, const ListSnapshotRead& read, std::vector<Effect>& effects);
void on_list_snapshot_overdue(AppState& state, const act::ListSnapshotOverdue& overdue, std::vector<Effect>& effects);
void on_list_count(AppState& state, const HttpResponse& response, std::vector<Effect>& effects);
void after_list_delta(AppState& state, std::vector<Effect>& effects);     // a poll's changes are in
void list_loaded_in_full(AppState& state, std::vector<Effect>& effects);  // a load finished
// Plans a write of the list if it changed since the last write (`now`), or if it also has not been written for a
// while; the write itself comes a moment later (act::WriteListSnapshot), after the list is drawn.
void keep_list_snapshot(AppState& state, std::vector<Effect>& effects, bool now);
void write_planned_list_snapshot(AppState& state, std::vector<Effect>& effects);
void on_list_snapshot_written(AppState& state, const act::ListSnapshotWritten& written);
void forget_list_snapshot(AppState& state, std::vector<Effect>& effects);  // signing out: every snapshot goes
// favorites in the browser's storage (update_favorites.cpp)
void favorites_changed(AppState& state);  // the set changed: the counts and the Favorites tab follow
void save_favorite(AppState& state, std::vector<Effect>& effects, const std::string& id, bool favorite);
void on_favorite_saved(AppState& state, const act::FavoriteSaved& saved, std::vector<Effect>& effects);
void retry_favorite_saves(AppState& state, std::vector<Effect>& effects);
void on_favorites_news(AppState& state, const FavoritesNews& news);

// forms and writes (update_forms.cpp)
void open_form(AppState& state, Action action, const std::string& lead_id);
void open_bulk_decline(AppState& state);
void edit_form(AppState& state, const FormValues& values);
void restyle_form_dates(AppState& state);  // after a language change
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
// the opened lead's full record (update_records.cpp)
void fetch_selected_record(AppState& state, std::vector<Effect>& effects);
void on_record_fetch(AppState& state, const PendingRequest& request, const HttpResponse& response);
void retry_record(AppState& state);

// alerts (update_alerts.cpp)
void on_alert(AppState& state, const act::Alert& action, std::vector<Effect>& effects);
// After every action: reads the user's alert settings once signed in, and raises the notifications of leads that
// became unseen (new since the first load) while the page is hidden.
void note_new_leads(AppState& state, std::vector<Effect>& effects);

// remembered layout, saved views, columns (update_views.cpp)
void on_views(AppState& state, const act::Views& action, std::vector<Effect>& effects);
// A place named by a link (Navigate): before the remembered layout arrives, it wins over it.
void note_route_given(AppState& state, const Route& route);
// After every action: reads the signed-in user's record once, and arms the write when the layout changed.
void keep_views(AppState& state, std::vector<Effect>& effects);
}  // namespace leads::detail
