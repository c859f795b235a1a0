// Colours and sizes of the workspace: a light theme close to the Partner Center look and a dark one for portals
// that use a dark look (docs/embedding.md, `theme`), applied at start-up and whenever the theme or the pixel
// ratio changes.
#pragma once
#include <imgui.h>

#include "app/host_protocol.h"

namespace leads::theme {

// The workspace's own colours beside ImGui's style colours.
struct Palette {
  ImVec4 accent;  // Microsoft blue: primary buttons, links, the active language
  ImVec4 accent_hovered, accent_active;
  ImVec4 heart_red;
  ImVec4 flame_orange;
  ImVec4 muted;  // secondary text
  ImVec4 warning;
  ImVec4 error;
  ImVec4 ok;
  ImVec4 flame_banner_now, flame_banner_later;  // the detail panel's flame banner, in its two states
};

}  // namespace leads::theme

namespace leads {
// What the page says of its reader and device (web/page_bridge.js), read each frame and applied to the style.
struct PagePreferences {
  float text_scale = 1.0f;      // the browser's text size setting over the usual 16 px
  bool coarse_pointer = false;  // a finger: larger targets, taller rows
  bool high_contrast = false;   // forced colours (Windows high contrast): a high-contrast palette
  bool reduced_motion = false;  // no momentum scrolling, no animation
  bool operator==(const PagePreferences& other) const {
    return text_scale == other.text_scale && coarse_pointer == other.coarse_pointer &&
           high_contrast == other.high_contrast && reduced_motion == other.reduced_motion;
  }
};
}  // namespace leads

namespace leads::theme {

void apply(float ui_scale, Theme theme, const PagePreferences& preferences = {});
const Palette& colors();  // of the theme applied last
bool touch_sizes();       // targets sized for a finger (small buttons become full-size ones)

}  // namespace leads::theme
