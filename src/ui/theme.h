// Colours and sizes of the workspace, applied once at start-up (and again when the pixel ratio changes).
#pragma once
#include <imgui.h>

namespace leads::theme {
void apply(float ui_scale);
inline const ImVec4 kAccent{0.00f, 0.47f, 0.84f, 1.0f};     // Microsoft blue
inline const ImVec4 kHeartRed{0.86f, 0.16f, 0.24f, 1.0f};
inline const ImVec4 kFlameOrange{0.93f, 0.42f, 0.05f, 1.0f};
inline const ImVec4 kMuted{0.42f, 0.45f, 0.50f, 1.0f};
inline const ImVec4 kWarning{0.75f, 0.35f, 0.00f, 1.0f};
inline const ImVec4 kError{0.77f, 0.11f, 0.16f, 1.0f};
inline const ImVec4 kOk{0.06f, 0.49f, 0.25f, 1.0f};
}  // namespace leads::theme
