// Colours and sizes of the workspace: a light theme close to the Partner Center look and a dark one for portals
// that use a dark look (docs/embedding.md, `theme`), applied at start-up and whenever the theme or the pixel
// ratio changes.
#pragma once
#include <imgui.h>

#include "app/host_protocol.h"

namespace leads::theme {

// The workspace's own colours beside ImGui's style colours.
struct Palette {
  ImVec4 accent;        // Microsoft blue: primary buttons, links, the active language
  ImVec4 accent_hovered, accent_active;
  ImVec4 heart_red;
  ImVec4 flame_orange;
  ImVec4 muted;         // secondary text
  ImVec4 warning;
  ImVec4 error;
  ImVec4 ok;
  ImVec4 flame_banner_now, flame_banner_later;  // the detail panel's flame banner, in its two states
};

void apply(float ui_scale, Theme theme);
const Palette& colors();  // of the theme applied last

}  // namespace leads::theme
