// The platform backend: GLFW + WebGL2 set-up, the main loop that draws only when something changed,
// and the wiring of actions, effects and the JS bridges.
//
// [SECTION] the running app
// [SECTION] canvas size and pixel ratio
// [SECTION] frames
// [SECTION] start-up
#include <GLFW/glfw3.h>
#include <dirent.h>
#include <emscripten/emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_internal.h>  // the input event queue: a frame runs another pass while input is still queued

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "app/effects_runner.h"
#include "app/route.h"
#include "app/update.h"
#include "domain/referral_json.h"
#include "platform/browser_transport.h"
#include "platform/fonts.h"
#include "platform/indexeddb_favorites.h"
#include "platform/indexeddb_list_snapshot.h"
#include "platform/indexeddb_views.h"
#include "platform/js_bridge.h"
#include "platform/webgl_renderer.h"
#include "ui/semantics.h"
#include "ui/theme.h"
#include "ui/view_context.h"

namespace leads {
PagePreferences read_page_preferences();
namespace {

// [SECTION] the running app ----------------------------------------------------------------------

constexpr float kFontSize = 15.0f;        // CSS pixels
constexpr double kInputGraceMs = 800;     // keep drawing this long after input (hover delays, animations)
constexpr double kActionGraceMs = 150;    // after data or a timer: a few frames for layouts that settle in two
constexpr int kMaxPassesPerFrame = 4;     // UI passes in one frame while input or actions are still pending
constexpr int kMaxSettlePasses = 2;       // further passes while a changed picture is still settling
constexpr double kLoadingFrameMs = 1000;  // while a load streams in untouched, a new picture this often at most
constexpr double kRecordHoldMs = 100;     // an opened lead's record this close is waited for before drawing
constexpr double kKeptListHoldMs = 1000;  // a kept list's rows coming in are waited for this long before drawing

// Timers, downloads, the clipboard and links, through emscripten and web/page_bridge.js.
class BrowserPlatform : public PlatformServices {
 public:
  void after(int delay_ms, std::function<void()> callback) override {
    auto* heap_callback = new std::function<void()>(std::move(callback));
    emscripten_set_timeout(
        [](void* data) {
          auto* fn = static_cast<std::function<void()>*>(data);
          (*fn)();
          delete fn;
        },
        delay_ms, heap_callback);
  }
  void download(const std::string& filename, const std::string& mime, const std::string& bytes) override {
    leads_download(filename.c_str(), mime.c_str(), bytes.data(), bytes.size());
  }
  void copy_text(const std::string& text) override { leads_copy_text(text.c_str()); }
  void open_url(const std::string& url) override { leads_open_url(url.c_str()); }
  void save_language(Language language) override { leads_save_language(language_code(language)); }
  void start_host(const std::vector<std::string>& origins) override {
    leads_host_start(dump_json(Json(origins)).c_str());
  }
  void post_to_host(const std::string& json) override { leads_host_post(json.c_str()); }
  std::string random_bytes(std::size_t count) override {
    std::string bytes(count, '\0');
    return leads_sign_in_random(static_cast<int>(count), bytes.data()) ? bytes : std::string();
  }
  void sha256(const std::string& text, std::function<void(std::string)> done) override {
    const int id = next_digest_++;
    digests_[id] = std::move(done);
    leads_sign_in_sha256(text.c_str(), id);
  }
  void digest_done(int id, std::string digest) {
    auto it = digests_.find(id);
    if (it == digests_.end()) return;
    auto done = std::move(it->second);
    digests_.erase(it);
    done(std::move(digest));
  }
  void keep_pending_sign_in(const std::string& json) override { leads_sign_in_keep_pending(json.c_str()); }
  void go_to(const std::string& url) override { leads_sign_in_go_to(url.c_str()); }
  void replace_url(const std::string& url) override { leads_sign_in_replace_url(url.c_str()); }
  bool open_sign_in_popup() override { return leads_sign_in_open_popup() != 0; }
  void navigate_popup(const std::string& url) override { leads_sign_in_navigate_popup(url.c_str()); }
  void tell_other_tabs(const std::string& json) override { leads_sign_in_tell(json.c_str()); }
  void listen_to_other_tabs() override { leads_sign_in_listen(); }
  std::string read_alert_settings(const std::string& user) override {
    return take_js_string(leads_alert_settings_read(user.c_str()));
  }
  void save_alert_settings(const std::string& user, const std::string& json) override {
    leads_alert_settings_save(user.c_str(), json.c_str());
  }
  std::string notify_permission() override { return take_js_string(leads_notify_permission()); }
  void ask_notify_permission(std::function<void(std::string)> done) override {
    permission_done_ = std::move(done);
    leads_notify_ask_permission();
  }
  void permission_known(std::string permission) {
    if (auto done = std::exchange(permission_done_, nullptr)) done(std::move(permission));
  }
  void show_notification(const Notice& notice) override {
    leads_notify_show(notice.tag.c_str(), notice.title.c_str(), notice.body.c_str(), notice.lead_id.c_str(),
                      language_code(language_));
  }
  void set_language(Language language) { language_ = language; }

 private:
  static std::string take_js_string(char* text) {
    std::string copy = text ? text : "";
    std::free(text);
    return copy;
  }
  int next_digest_ = 1;
  std::map<int, std::function<void(std::string)>> digests_;
  std::function<void(std::string)> permission_done_;
  Language language_ = Language::English;
};

struct RunningApp {
  GLFWwindow* window = nullptr;
  AppState state;
  BrowserPlatform platform;
  std::vector<AppAction> queue;
  double redraw_until_ms = 0;
  double last_input_ms = -1e9, last_drawn_ms = 0;
  double record_wait_since_ms = -1;  // when the selected lead's record was first awaited (-1: it is not)
  std::string drawn_selected_id;     // the lead selected when a frame was last drawn
  float ui_scale = 0;                // device pixel ratio the fonts were built for
  PagePreferences preferences;       // text size, touch, high contrast: what the style was built for
  Language page_language = Language::English;
  bool told_page_language = false;
  Theme applied_theme = Theme::Light;  // the theme the style holds
  int pixel_width = 0, pixel_height = 0;
  long long last_tick_minute = -1;
  int told_height = 0;
  bool marked_first_frame = false, marked_first_rows = false, marked_all_loaded = false;
  bool marked_snapshot_shown = false, marked_snapshot_current = false;
  bool loop_paused = false;  // idle: the main loop is paused, so an idle page costs no main-thread time at all
  bool minute_wake_pending = false;
  std::string shown_hash;   // what the address bar shows
  std::string shown_title;  // what the tab shows
  bool draining = false;    // in drain_actions: a dispatch from an effect waits for its loop
  Route shown_route;
  std::unique_ptr<EffectsRunner> effects;
};

RunningApp& app() {
  static RunningApp instance;
  return instance;
}

// Whether the loop is paused, on the canvas (data-loop): once it is, the last frame drew every input and reply that
// came before, so a test may read what it published (the positions after a swipe, say) without waiting for a time.
void publish_loop_state(bool paused) {
  EM_ASM(
      {
        if (Module['canvas']) Module['canvas'].dataset.loop = $0 ? 'paused' : 'running';
      },
      paused ? 1 : 0);
}

void request_frames(double for_ms = kInputGraceMs) {
  RunningApp& running = app();
  running.redraw_until_ms = std::max(running.redraw_until_ms, leads_now_ms() + for_ms);
  if (running.loop_paused) {
    running.loop_paused = false;
    emscripten_resume_main_loop();
    publish_loop_state(false);
  }
}

// Wakes the loop just after the next minute starts (the countdowns), unless a wake is already on its way.
void wake_at_next_minute(double now_ms) {
  if (app().minute_wake_pending) return;
  app().minute_wake_pending = true;
  const int delay_ms = 60000 - static_cast<int>(std::fmod(now_ms, 60000.0)) + 20;
  emscripten_set_timeout(
      [](void*) {
        app().minute_wake_pending = false;
        request_frames(40);  // the next animation frame or two: the minute's Tick
      },
      delay_ms, nullptr);
}

// Nothing to draw: stop waking on every animation frame. Input, data, timers and resizes resume the loop; the
// countdowns change by the minute, so a timer wakes it at the next minute.
void pause_loop(double now_ms) {
  RunningApp& running = app();
  running.loop_paused = true;
  emscripten_pause_main_loop();
  publish_loop_state(true);
  wake_at_next_minute(now_ms);
}

void drain_actions();

void dispatch(AppAction action, double grace_ms = kActionGraceMs) {
  app().queue.push_back(std::move(action));
  request_frames(grace_ms);
  // A hidden page gets no animation frames: its replies and timers are handled at once, so a poll still brings new
  // leads (and their alerts) while the workspace is in the background.
  if (app().state.alerts.page_hidden && !app().draining) drain_actions();
}

std::string place_title(const AppState& state) {
  const std::optional<LeadRow> lead = state.lead(state.selected_id);
  return (lead ? std::string(lead->customer()) + " — " : std::string()) + state.t("app.title");
}

// The URL follows the state: a new place (tab, lead) is a history entry, typing in search only replaces it.
void sync_location() {
  RunningApp& running = app();
  const Route route = route_of(running.state);
  const std::string hash = route_hash(route);
  if (hash == running.shown_hash) return;
  const bool same_place =
      route.lead_id.empty() && running.shown_route.lead_id.empty() && route.tab == running.shown_route.tab;
  leads_set_hash(hash.c_str(), same_place ? 1 : 0);
  running.shown_hash = hash;
  running.shown_route = route;
  if (running.state.host.mode == HostMode::Embedded)
    leads_host_post(host_navigated_message(hash, place_title(running.state)).c_str());
}

// The tab's title: the open lead, with the count of new (unseen) leads in front while there are any.
void sync_title() {
  RunningApp& running = app();
  const std::string title = title_with_count(place_title(running.state), running.state.unseen.size());
  if (title == running.shown_title) return;
  leads_set_title(title.c_str());
  running.shown_title = title;
}

void drain_actions() {
  app().draining = true;
  // Effects may complete synchronously and dispatch more actions: loop until the queue is empty.
  for (std::size_t guard = 0; !app().queue.empty() && guard < 10000; ++guard) {
    AppAction action = std::move(app().queue.front());
    app().queue.erase(app().queue.begin());
    for (const Effect& effect : update(app().state, action)) app().effects->run(effect);
  }
  app().draining = false;
  if (app().state.session.phase == SignInPhase::SignedIn) sync_location(), sync_title();
  app().platform.set_language(app().state.language);  // what a notification declares as its language
}

// Read whole, in one call: through a stream buffer a character at a time, the translations took ~7 ms of main().
std::string read_file(const char* path) {
  std::string text;
  if (std::FILE* file = std::fopen(path, "rb")) {
    if (std::fseek(file, 0, SEEK_END) == 0)
      if (const long size = std::ftell(file); size > 0 && std::fseek(file, 0, SEEK_SET) == 0) {
        text.resize(static_cast<std::size_t>(size));
        text.resize(std::fread(text.data(), 1, text.size(), file));
      }
    std::fclose(file);
  }
  return text;
}

// Every assets/i18n/<lang>*.json file: en.json, en.metrics.json… (one per feature, merged per language).
void load_translations(Translations& texts, const char* folder) {
  std::vector<std::string> names;
  if (DIR* dir = opendir(folder)) {
    while (dirent* entry = readdir(dir)) names.emplace_back(entry->d_name);
    closedir(dir);
  }
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    if (name.size() < 7 || name.compare(name.size() - 5, 5, ".json") != 0) continue;
    const Language language = language_from_code(name.substr(0, 2));
    if (name.substr(0, 2) != language_code(language)) continue;
    texts.load(language, read_file((std::string(folder) + "/" + name).c_str()));
  }
}

// [SECTION] canvas size and pixel ratio ----------------------------------------------------------
// The canvas fills the page in CSS pixels; its backing store is CSS size × devicePixelRatio, and ImGui works in
// device pixels with fonts and sizes scaled to match, so text stays crisp on high-DPI screens.

struct CanvasPixels {
  int width = 1, height = 1;
  float ratio = 1;
};
CanvasPixels canvas_pixels() {
  double css_width = 0, css_height = 0;
  emscripten_get_element_css_size("#canvas", &css_width, &css_height);
  CanvasPixels pixels;
  pixels.ratio = static_cast<float>(std::max(1.0, emscripten_get_device_pixel_ratio()));
  pixels.width = std::max(1, static_cast<int>(css_width * pixels.ratio));
  pixels.height = std::max(1, static_cast<int>(css_height * pixels.ratio));
  return pixels;
}

void sync_canvas_size() {
  const auto [width, height, ratio] = canvas_pixels();
  const PagePreferences preferences = read_page_preferences();
  if (ratio != app().ui_scale || preferences.text_scale != app().preferences.text_scale) {
    app().ui_scale = ratio;
    app().preferences = preferences;
    load_fonts(kFontSize * preferences.text_scale, ratio);
    webgl_renderer::drop_font_texture();
    theme::apply(ratio, app().state.theme, preferences);
    app().applied_theme = app().state.theme;
    request_frames();
  } else if (!(preferences == app().preferences)) {
    app().preferences = preferences;
    theme::apply(ratio, app().state.theme, preferences);
    request_frames();
  }
  if (width != app().pixel_width || height != app().pixel_height) {
    semantics().reveal_editing();  // a phone's keyboard opened or closed: keep the edited field in view
    app().pixel_width = width;
    app().pixel_height = height;
    leads_set_canvas_pixel_size(width, height);
    request_frames();
  }
}

// [SECTION] frames -------------------------------------------------------------------------------

// The detail panel's full record: "none" (no lead open), "loading", "ready", "missing" (404), "failed".
const char* record_phase_slug(const AppState& state) {
  if (state.selected_id.empty()) return "none";
  if (state.record(state.selected_id)) return "ready";
  const char* phases[] = {"loading", "loading", "ready", "missing", "failed"};
  return state.record_fetch.lead_id == state.selected_id ? phases[static_cast<int>(state.record_fetch.phase)]
                                                         : "loading";
}

std::string app_facts() {
  const AppState& state = app().state;
  const char* phases[] = {"idle", "loading", "loaded", "failed"};
  const char* persistence[] = {"unknown", "persistent", "session"};
  const char* sign_in[] = {"waiting", "signed-in", "unavailable", "expired", "signed-out"};
  Json facts = {{"signIn", sign_in[static_cast<int>(state.session.phase)]},
                {"load", phases[static_cast<int>(state.load.phase)]},
                {"leads", state.leads.size()},
                {"tab", tab_slug(state.tab)},
                {"rows", state.view(state.tab).rows.size()},
                {"favorites", state.favorites.size()},
                {"favoritesPersistence", persistence[static_cast<int>(state.favorites_persistence)]},
                {"favoritesSaving", state.favorites_in_flight},  // writes not yet committed: a reload waits for 0
                {"language", language_code(state.language)},
                {"theme", state.theme == Theme::Dark ? "dark" : "light"},
                {"selected", state.selected_id},
                {"detail", record_phase_slug(state)}};
  // How sign-in goes, and where it stands: tests wait on these (never on a token: none is published).
  const Session& session = state.session;
  if (session.oidc.enabled) {
    const char* popups[] = {"closed", "open", "blocked"};
    facts["oidc"] = {{"problem", session.problem},
                     {"user", session.user_name},
                     {"role", to_key(session.user_role)},
                     {"tokenExpiresAt", session.oidc.expires_at},
                     {"renewals", session.oidc.renewals},
                     {"renewing", session.oidc.renewing},
                     {"popup", popups[static_cast<int>(session.oidc.popup)]}};
  } else if (!session.problem.empty()) {
    facts["signInProblem"] = session.problem;
  }
  // The list kept between visits: tests wait on its phase (shown, then current) and its writes.
  const ListSnapshotState& snapshot = state.snapshot;
  const char* snapshot_phases[] = {"unused", "reading", "shown", "current"};
  facts["snapshot"] = {{"phase", snapshot_phases[static_cast<int>(snapshot.phase)]},
                       {"asOf", snapshot.as_of},
                       {"problem", snapshot.problem},
                       {"bytesCopied", snapshot.bytes_copied},
                       {"changesAskedEarly", snapshot.changes_asked_early},
                       {"writeProblem", snapshot.write_problem},
                       {"reads", snapshot.reads},
                       {"writes", snapshot.writes},
                       {"kept", snapshot.kept}};
  const char* host_modes[] = {"standalone", "embedded", "untrusted"};
  facts["host"] = host_modes[static_cast<int>(state.host.mode)];
  facts["hostRefused"] = state.host.refused;
  const PagePreferences& preferences = app().preferences;  // what the style follows (docs/accessibility.md)
  const float scale = std::max(1.0f, app().ui_scale);
  facts["page"] = {{"width", std::lround(app().pixel_width / scale)},  // CSS px this frame was laid out for
                   {"height", std::lround(app().pixel_height / scale)},
                   {"textScale", preferences.text_scale},
                   {"touch", preferences.coarse_pointer},
                   {"highContrast", preferences.high_contrast},
                   {"reducedMotion", preferences.reduced_motion}};
  facts["alerts"] = {{"enabled", state.alerts.settings.enabled},
                     {"permission", to_key(state.alerts.permission)},
                     {"hidden", state.alerts.page_hidden},
                     {"raised", state.alerts.raised},
                     {"unseen", state.unseen.size()},
                     {"title", app().shown_title},
                     {"settingsOpen", state.show_settings}};
  facts["retryWaits"] = state.load.retry_waits;  // two clients in one outage must not wait alike
  // What is remembered for this user: tests wait for it to be read and written, and read the visible columns.
  const ViewsMemory& remembered = state.remembered;
  Json view_names = Json::array();
  for (const SavedView& saved : remembered.saved) view_names.push_back(saved.name);
  facts["views"] = {{"loaded", remembered.loaded},
                    {"names", view_names},
                    {"problem", remembered.problem},
                    {"message", remembered.message},
                    {"writeProblem", remembered.write_problem},
                    {"pending", remembered.write_armed},
                    {"writes", remembered.writes},
                    {"kept", remembered.kept},
                    {"sort", std::string(sort_name(state.view(state.tab).query.sort)) +
                                 (state.view(state.tab).query.descending ? "-desc" : "-asc")},
                    {"search", state.view(state.tab).query.search}};
  facts["columns"] = visible_column_ids(state.columns);
  if (state.load.error)
    facts["error"] = {{"kind", error_key(state.load.error->kind)}, {"status", state.load.error->status}};
  return dump_json(facts);
}

// The height the app would like inside a portal's frame: its list, within reason. Sent when it changes.
void tell_host_height() {
  RunningApp& running = app();
  if (running.state.host.mode != HostMode::Embedded) return;
  const int rows = static_cast<int>(running.state.view(running.state.tab).rows.size());
  const int height = std::clamp(220 + rows * 24, 480, 1200);
  if (height == running.told_height) return;
  running.told_height = height;
  leads_host_post(host_resize_message(height).c_str());
}

// Marks and counters the benchmark reads (window.leadsPerf, performance marks); cheap enough to keep on.
void report_performance(double query_ms, double frame_ms, bool drew) {
  RunningApp& running = app();
  if (!running.marked_first_frame) {
    running.marked_first_frame = true;
    leads_perf_mark("leads:first-frame");
  }
  if (!running.marked_first_rows && !running.state.view(running.state.tab).rows.empty()) {
    running.marked_first_rows = true;
    leads_perf_mark("leads:first-rows");
  }
  if (!running.marked_all_loaded && running.state.load.phase == LoadPhase::Loaded) {
    running.marked_all_loaded = true;
    leads_perf_mark("leads:all-loaded");
  }
  // A second visit: the kept list on screen, then brought up to date (changes and count in).
  // Both in one frame when the changes came while the kept list was still being read.
  const SnapshotPhase snapshot = running.state.snapshot.phase;
  const bool kept_list_shown = snapshot == SnapshotPhase::Shown || snapshot == SnapshotPhase::Current;
  if (!running.marked_snapshot_shown && kept_list_shown && running.state.snapshot.as_of != 0) {
    running.marked_snapshot_shown = true;
    leads_perf_mark("leads:snapshot-shown");
  }
  if (running.marked_snapshot_shown && !running.marked_snapshot_current && snapshot == SnapshotPhase::Current) {
    running.marked_snapshot_current = true;
    leads_perf_mark("leads:snapshot-current");
  }
  leads_perf_frame(query_ms, frame_ms, static_cast<double>(running.state.leads.size()), drew ? 1 : 0);
}

// One UI pass: the views draw the state and queue the actions of this frame's input.
void run_ui_pass(bool first) {
  RunningApp& running = app();
  if (first) {
    webgl_renderer::new_frame();
    ImGui_ImplGlfw_NewFrame();
  } else {
    ImGui::GetIO().DeltaTime = 1e-4f;  // the same moment: no time passes between passes of one frame
  }
  ImGui::NewFrame();
  semantics().begin_frame(1.0f / running.ui_scale);
  const ViewContext view{running.state, *running.state.texts, running.queue, running.ui_scale};
  draw_workspace(view);
  ImGui::Render();
}

void frame() {
  RunningApp& running = app();
  const double now_ms = leads_now_ms();
  const long long minute = static_cast<long long>(now_ms / 60000);
  if (minute != running.last_tick_minute) {  // countdowns change by the minute
    running.last_tick_minute = minute;
    dispatch(act::Tick{static_cast<TimeMs>(now_ms)}, 1);  // one frame shows the new minute
  }
  drain_actions();
  sync_canvas_size();
  if (running.state.theme != running.applied_theme) {  // the portal asked for the other look
    theme::apply(running.ui_scale, running.state.theme, running.preferences);
    running.applied_theme = running.state.theme;
    request_frames();
  }
  if (now_ms > running.redraw_until_ms) {
    pause_loop(now_ms);
    return;
  }

  // Pages of a long load arrive many times a second. With nobody touching the page, one picture a second shows
  // the progress: under software WebGL (no GPU: many virtual desktops, blocked drivers) each drawn frame is a full
  // raster and read-back the main thread then waits behind, and the load with it (two a second made a cold load at
  // 100,000 ~5 % slower). Input is always drawn at once.
  const bool untouched = now_ms - running.last_input_ms > kInputGraceMs;
  if (running.state.load.phase == LoadPhase::Loading && running.marked_first_rows && untouched &&
      now_ms - running.last_drawn_ms < kLoadingFrameMs) {
    request_frames(kLoadingFrameMs);
    return;
  }

  // A kept list whose rows are on their way (found, its Blob's bytes coming, then a chunk per task, see
  // web/list_snapshot_idb.js) is drawn once, with its rows, not as a loading screen before them or between two chunks:
  // under software WebGL each drawn frame is a full raster and read-back (~20-40 ms), which the rows would wait
  // behind. Input is drawn at once; a slow read shows after a second.
  const double rows_since_ms = indexeddb_list_snapshot().rows_arriving_since_ms();
  if (rows_since_ms >= 0 && untouched && emscripten_get_now() - rows_since_ms < kKeptListHoldMs) {
    request_frames();
    return;
  }

  const double frame_start = emscripten_get_now();
  double query_ms = -1;  // -1: no pass recomputed the table
  // What this frame's input changes shows in this frame: while the views queued actions (or ImGui still holds
  // input it spreads over frames), apply them and draw again before anything reaches the screen.
  for (int pass = 0; pass < kMaxPassesPerFrame; ++pass) {
    if (pass > 0) drain_actions();
    const bool stale = running.state.view(running.state.tab).stale;
    const double query_start = emscripten_get_now();
    ensure_rows(running.state);
    if (stale) query_ms = emscripten_get_now() - query_start;
    run_ui_pass(pass == 0);
    if (running.queue.empty() && GImGui->InputEventsQueue.Size == 0) break;
  }
  // A lead just opened whose record is on its way is drawn once, complete, when the record is in (at once: see
  // awaited_by_user), rather than as a skeleton and then again: each drawn frame is a full raster and read-back
  // under software WebGL, and the second one waited behind the first. Past kRecordHoldMs the skeleton shows.
  // Only a lead newly opened: a record fetched again (another version came) never holds the user's typing back.
  const bool just_opened = running.state.selected_id != running.drawn_selected_id;
  if (running.state.record_fetch.phase != RecordPhase::Loading || !just_opened)
    running.record_wait_since_ms = -1;
  else if (running.record_wait_since_ms < 0)
    running.record_wait_since_ms = now_ms;
  if (running.record_wait_since_ms >= 0 && now_ms - running.record_wait_since_ms < kRecordHoldMs) {
    request_frames();
    return;
  }
  const ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  const float clear[3] = {background.x, background.y, background.z};
  // A frame about to change the canvas runs another pass first: ImGui often settles a layout (a scrollbar, a
  // table's clipper) one frame after a change, and drawing both pictures would cost two full rasters and
  // read-backs, the second one just when the user's next key arrives.
  std::uint64_t print = webgl_renderer::fingerprint(*ImGui::GetDrawData(), clear);
  for (int settle = 0; settle < kMaxSettlePasses && !webgl_renderer::shows(print); ++settle) {
    run_ui_pass(false);
    const std::uint64_t settled = webgl_renderer::fingerprint(*ImGui::GetDrawData(), clear);
    if (settled == print) break;
    print = settled;
  }
  const bool drew = webgl_renderer::render(*ImGui::GetDrawData(), clear, print);
  if (drew) running.last_drawn_ms = now_ms;
  running.drawn_selected_id = running.state.selected_id;
  if (!running.told_page_language || running.page_language != running.state.language) {
    running.told_page_language = true;
    running.page_language = running.state.language;
    leads_set_page_language(language_code(running.state.language));  // <html lang>: a screen reader's voice
  }
  const std::string published = semantics().take_changed_json(app_facts());
  if (!published.empty()) leads_semantics_publish(published.c_str());
  report_performance(query_ms, emscripten_get_now() - frame_start, drew);
  tell_host_height();
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.WantTextInput && ImGui::IsAnyItemActive()) request_frames();  // drags (a steady caret needs no frames)
  if (!running.queue.empty()) request_frames();
}

// The canvas follows the window: a resize must wake a paused loop.
EM_BOOL on_resize(int, const EmscriptenUiEvent*, void*) {
  request_frames();
  return EM_FALSE;
}

// Input wakes the loop up; ImGui's own callbacks (installed after these) chain to them.
void on_input() {
  app().last_input_ms = leads_now_ms();
  request_frames();
}
void on_cursor(GLFWwindow*, double, double) {
  on_input();
}
// Keys and clicks are drawn at once rather than at the next animation frame (which can be 33 ms away).
void on_button(GLFWwindow*, int, int, int) {
  on_input();
  leads_frame_soon();
}
void on_scroll(GLFWwindow*, double, double) {
  on_input();
}
void on_key(GLFWwindow*, int, int, int, int) {
  on_input();
  leads_frame_soon();
}
void on_char(GLFWwindow*, unsigned int) {
  on_input();
  leads_frame_soon();
}
void on_focus(GLFWwindow*, int) {
  on_input();
}
void on_enter(GLFWwindow*, int) {
  on_input();
}

// [SECTION] the page acting on widgets --------------------------------------------------------------
// Assistive technology, the keyboard's Tab and a finger reach widgets through web/a11y_mirror.js and
// web/pointer_bridge.js; these turn what they ask into ImGui input, so every path runs the widgets' own code.

// A click at a point (CSS pixels): pointer there, press, release, then the pointer leaves (no hover left behind).
// ImGui spreads these over successive passes of the frame, as it does for real clicks.
void click_at(float css_x, float css_y) {
  ImGuiIO& io = ImGui::GetIO();
  const float scale = app().ui_scale;
  io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
  io.AddMousePosEvent(css_x * scale, css_y * scale);
  io.AddMouseButtonEvent(ImGuiMouseButton_Left, true);
  io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
  io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
  on_input();
  leads_frame_soon();
}

void activate_node(const std::string& key) {
  const SemanticNode* node = semantics().find(key);
  if (!node || node->width <= 0 || node->height <= 0) return;
  click_at(node->x + node->width / 2, node->y + node->height / 2);
}

// A finger's drag (CSS pixels): the panel under it scrolls by as much as the finger moved.
void scroll_at(float css_x, float css_y, float css_dx, float css_dy) {
  ImGuiIO& io = ImGui::GetIO();
  const float scale = app().ui_scale;
  const float font = ImGui::GetFontSize();
  io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
  io.AddMousePosEvent(css_x * scale, css_y * scale);
  // ImGui scrolls 5 font heights per vertical wheel step and 2 per horizontal one (UpdateMouseWheel).
  io.AddMouseWheelEvent(css_dx * scale / (2 * font), css_dy * scale / (5 * font));
  on_input();
}

// [SECTION] start-up -----------------------------------------------------------------------------

void dispatch_from_page(AppAction action) {
  dispatch(std::move(action));
}

// Handled now rather than at the next animation frame, which a page going to the background does not get, and
// which can be a full software raster away.
void dispatch_from_page_now(AppAction action) {
  dispatch(std::move(action));
  if (!app().draining) drain_actions();
}

bool start() {
  RunningApp& running = app();
  if (!glfwInit()) return false;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  // An opaque canvas with no depth or stencil buffer: ImGui needs neither, and the compositor need not blend it.
  glfwWindowHint(GLFW_ALPHA_BITS, 0);
  glfwWindowHint(GLFW_DEPTH_BITS, 0);
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
  // Made at the canvas's size: a drawing buffer made at another size was allocated again at once (~10 ms before
  // the first frame).
  const CanvasPixels pixels = canvas_pixels();
  running.window = glfwCreateWindow(pixels.width, pixels.height, "Leads", nullptr, nullptr);
  if (!running.window) return false;
  running.pixel_width = pixels.width;
  running.pixel_height = pixels.height;
  glfwMakeContextCurrent(running.window);
  running.preferences = read_page_preferences();
  leads_notify_start();

  // The state and the first requests come once WebGL is known to work but before ImGui and the renderer start: the
  // configuration (then the token, the kept list and its changes) is on its way meanwhile, not after the first frame.
  auto texts = std::make_shared<Translations>();
  load_translations(*texts, "/assets/i18n");
  char* saved = leads_saved_language();
  const Language language = language_from_code(saved ? saved : "en");
  std::free(saved);
  running.state = initial_state(ApiConfig{}, texts, language, static_cast<TimeMs>(leads_now_ms()));
  if (leads_is_framed())
    running.state.host.mode = HostMode::Embedded;
  else if (leads_prefers_dark())
    running.state.theme = Theme::Dark;    // opened by URL: the browser's preference
  running.state.snapshot.enabled = true;  // the list is kept between visits (IndexedDB), read once signed in
  running.effects = std::make_unique<EffectsRunner>(
      browser_transport(), indexeddb_favorites(), running.platform,
      [](AppAction action) {
        // An effect's answer (a reply, a stored value, a timer) is applied when it comes, so the next step of a chain
        // (configuration, token, kept list; a load's next page) starts then rather than after the next animation
        // frame, which can be a full software raster away. Only drawing waits for a frame, except the lead the user
        // opened or their save, drawn at once.
        const bool at_once = awaited_by_user(app().state, action);
        dispatch_from_page_now(std::move(action));
        if (at_once) leads_frame_soon();
      },
      &indexeddb_list_snapshot(), &indexeddb_views());
  indexeddb_list_snapshot().set_run_actions([] {
    if (!app().draining) drain_actions();
  });
  char* hash = leads_current_hash();
  running.shown_hash = hash ? hash : "";
  running.shown_route = parse_route(running.shown_hash);
  if (!running.shown_hash.empty()) dispatch(act::Navigate{running.shown_route});
  std::free(hash);
  // Opened by URL: the query may be an OpenID Connect answer, and sessionStorage the round trip it belongs to (taken
  // now, so it is never read twice). A portal's frame signs in with the portal's token instead.
  act::Start start_action;
  if (running.state.host.mode != HostMode::Embedded) {
    char* query = leads_sign_in_launch_query();
    char* pending = leads_sign_in_take_pending();
    start_action.launch_query = query ? query : "";
    start_action.pending_sign_in = pending ? pending : "";
    std::free(query);
    std::free(pending);
  }
  dispatch_from_page_now(std::move(start_action));

  glfwSetCursorPosCallback(running.window, on_cursor);
  glfwSetMouseButtonCallback(running.window, on_button);
  glfwSetScrollCallback(running.window, on_scroll);
  glfwSetKeyCallback(running.window, on_key);
  glfwSetCharCallback(running.window, on_char);
  glfwSetWindowFocusCallback(running.window, on_focus);
  glfwSetCursorEnterCallback(running.window, on_enter);
  emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, false, on_resize);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout is not persisted in the browser's virtual file system
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  // A steady caret: a blinking one redraws the whole canvas twice a second while a field has focus (a battery cost,
  // and under software WebGL a keystroke that lands during such a redraw waits for it); WCAG 2.2.2 also asks that
  // blinking can be stopped.
  io.ConfigInputTextCursorBlink = false;
  ImGui_ImplGlfw_InitForOpenGL(running.window, true);
  if (!webgl_renderer::init()) return false;
  leads_input_bridge_start();  // after GLFW set its listeners up: keys, touches and the mirror's fields

  sync_canvas_size();
  return true;
}

}  // namespace

PagePreferences read_page_preferences() {
  PagePreferences preferences;
  preferences.text_scale = static_cast<float>(std::clamp(leads_text_scale(), 0.75, 3.0));
  const int flags = leads_page_flags();
  preferences.coarse_pointer = flags & 1;
  preferences.high_contrast = flags & 2;
  preferences.reduced_motion = flags & 4;
  return preferences;
}

}  // namespace leads

extern "C" EMSCRIPTEN_KEEPALIVE void leads_frame_now() {
  leads::frame();
}

// The portal: a message from its window and allowed origin (checked in C++), or a frame by a site not allowed.
extern "C" EMSCRIPTEN_KEEPALIVE void leads_host_message(const char* json) {
  leads::dispatch_from_page(leads::act::HostMessageArrived{json ? json : ""});
}
extern "C" EMSCRIPTEN_KEEPALIVE void leads_host_untrusted() {
  leads::dispatch_from_page(leads::act::HostUntrusted{});
}
extern "C" EMSCRIPTEN_KEEPALIVE void leads_host_post_ready() {
  leads_host_post(leads::host_ready_message().c_str());
}

// Signing in (web/sign_in_bridge.js): WebCrypto's digest, a popup's answer or its closing, another tab's news.
extern "C" EMSCRIPTEN_KEEPALIVE void leads_sign_in_digest(int id, const char* bytes, int length) {
  leads::app().platform.digest_done(id, std::string(bytes, static_cast<std::size_t>(std::max(0, length))));
  leads::request_frames(leads::kActionGraceMs);
}
extern "C" EMSCRIPTEN_KEEPALIVE void leads_sign_in_popup_answer(const char* query) {
  leads::dispatch_from_page(leads::act::SignInPopupAnswered{query ? query : ""});
}
extern "C" EMSCRIPTEN_KEEPALIVE void leads_sign_in_popup_closed() {
  leads::dispatch_from_page(leads::act::SignInPopupClosed{});
}
extern "C" EMSCRIPTEN_KEEPALIVE void leads_sign_in_news(const char* json) {
  leads::dispatch_from_page(leads::act::SignInNews{json ? json : ""});
}

// Back, forward or an edited address: go where the URL says.
extern "C" EMSCRIPTEN_KEEPALIVE void leads_hash_changed(const char* hash) {
  leads::dispatch_from_page(leads::act::Navigate{leads::parse_route(hash ? hash : "")});
}

// web/notify_bridge.js: the page went to the background or came back; the browser answered the permission request.
extern "C" EMSCRIPTEN_KEEPALIVE void leads_page_visibility(int hidden) {
  leads::dispatch_from_page_now(leads::act::Alert{leads::act::alert::PageVisibility{hidden != 0}});
}
extern "C" EMSCRIPTEN_KEEPALIVE void leads_notify_permission_known(const char* permission) {
  leads::app().platform.permission_known(permission ? permission : "");
}

// The page regained focus or visibility: check for changes now rather than at the next poll.
extern "C" EMSCRIPTEN_KEEPALIVE void leads_page_focused() {
  leads::dispatch_from_page(leads::act::Poll{false});
}

// The page's mirror of the semantics tree and its pointer bridge (web/a11y_mirror.js, web/pointer_bridge.js).
extern "C" EMSCRIPTEN_KEEPALIVE void leads_a11y_activate(const char* key) {
  leads::activate_node(key ? key : "");
}
extern "C" EMSCRIPTEN_KEEPALIVE void leads_a11y_focus(const char* key) {
  const leads::SemanticNode* node = leads::semantics().find(key ? key : "");
  leads::semantics().set_editing(node && node->role == "textbox" ? node->item_id : 0);
  leads::request_frames();
}
extern "C" EMSCRIPTEN_KEEPALIVE void leads_a11y_blur() {
  leads::semantics().set_editing(0);
  leads::request_frames();
}
extern "C" EMSCRIPTEN_KEEPALIVE void leads_a11y_text(const char* key, const char* text) {
  const leads::SemanticNode* node = leads::semantics().find(key ? key : "");
  if (!node || node->role != "textbox") return;
  leads::semantics().set_pending_text(node->item_id, text ? text : "");
  leads::on_input();
  leads_frame_soon();
}
extern "C" EMSCRIPTEN_KEEPALIVE void leads_pointer_tap(double x, double y) {
  leads::click_at(static_cast<float>(x), static_cast<float>(y));
}
extern "C" EMSCRIPTEN_KEEPALIVE void leads_pointer_scroll(double x, double y, double dx, double dy) {
  leads::scroll_at(static_cast<float>(x), static_cast<float>(y), static_cast<float>(dx), static_cast<float>(dy));
}
// Text size, pointer, contrast or motion preferences changed: the next frame rebuilds the style.
extern "C" EMSCRIPTEN_KEEPALIVE void leads_preferences_changed() {
  leads::request_frames();
}

int main() {
  if (!leads::start()) {
    EM_ASM({
      if (window.leadsShell) window.leadsShell.failNoWebGL();
    });
    return 1;
  }
  leads_app_ready();
  emscripten_set_main_loop(leads::frame, 0, false);
  return 0;
}
