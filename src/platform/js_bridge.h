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
// web/host_bridge.js
int leads_is_framed();
void leads_host_start(const char* origins_json);
void leads_host_post(const char* json);
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
