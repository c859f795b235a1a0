// The functions the web/ JS libraries provide to C++, and the ones C++ exports for their callbacks.
#pragma once
#include <cstddef>
#include <cstdint>

extern "C" {
// web/http_fetch.js
void leads_http_send(std::uint32_t request_id, const char* method, const char* url, const char* headers_json,
                     const char* body, std::size_t body_length, int timeout_ms, double max_bytes);
// web/favorites_idb.js
void leads_favorites_open();
void leads_favorites_put(const char* id, int favorite);
// web/list_snapshot_idb.js
void leads_snapshot_read(const char* owner);
void leads_snapshot_abandon();  // the read under way: its answers are dropped
void leads_snapshot_write_begin(std::size_t length);
void leads_snapshot_write_chunk(const char* bytes, std::size_t length);
void leads_snapshot_write(const char* owner, double synced_at, double newest_change);
void leads_snapshot_clear();
// web/views_idb.js
void leads_views_read(const char* owner);  // answers leads_views_loaded(owner, text, problem)
void leads_views_write(const char* owner, const char* text, const char* set_aside);  // answers leads_views_written
// web/host_bridge.js
int leads_is_framed();
void leads_host_start(const char* origins_json);
void leads_host_post(const char* json);
// web/sign_in_bridge.js
int leads_sign_in_random(int count, char* out);       // 1: filled by crypto.getRandomValues
void leads_sign_in_sha256(const char* text, int id);  // answers leads_sign_in_digest(id, …)
char* leads_sign_in_launch_query();                   // malloc'd location.search; the caller frees
char* leads_sign_in_take_pending();                   // malloc'd, removed from sessionStorage; the caller frees
void leads_sign_in_keep_pending(const char* json);
void leads_sign_in_go_to(const char* url);
void leads_sign_in_replace_url(const char* url);
int leads_sign_in_open_popup(void);  // 0: blocked
void leads_sign_in_navigate_popup(const char* url);
void leads_sign_in_listen(void);
void leads_sign_in_tell(const char* json);
// web/notify_bridge.js
void leads_notify_start(void);           // reports visibility now and on every change (leads_page_visibility)
char* leads_notify_permission(void);     // malloc'd "granted", "denied", "default" or "unsupported"; the caller frees
void leads_notify_ask_permission(void);  // answers leads_notify_permission_known(permission)
void leads_notify_show(const char* tag, const char* title, const char* body, const char* lead_id, const char* lang);
char* leads_alert_settings_read(const char* user);  // malloc'd JSON, "" when none; the caller frees
void leads_alert_settings_save(const char* user, const char* json);
// web/a11y_mirror.js
void leads_semantics_publish(const char* json);
// web/input_bridge.js
void leads_input_bridge_start(void);
// web/page_bridge.js
void leads_set_title(const char* title);
void leads_set_page_language(const char* code);  // <html lang>
double leads_text_scale(void);                   // the browser's text size over the usual 16 px
int leads_page_flags(void);                      // 1: coarse pointer (touch), 2: forced colours, 4: reduced motion
void leads_set_canvas_pixel_size(int width, int height);
char* leads_saved_language();  // malloc'd; the caller frees
void leads_save_language(const char* code);
void leads_app_ready();
void leads_download(const char* filename, const char* mime, const char* bytes, std::size_t length);
void leads_copy_text(const char* text);
void leads_open_url(const char* url);
char* leads_current_hash();  // malloc'd; the caller frees
void leads_set_hash(const char* hash, int replace);
void leads_perf_mark(const char* name);
int leads_prefers_dark(void);  // page_bridge.js: prefers-color-scheme: dark
void leads_frame_soon(void);   // web/frame_soon.js: calls leads_frame_now() once the input event is handled
void leads_perf_frame(double query_ms, double frame_ms, double leads, int drew);
double leads_now_ms();
}
