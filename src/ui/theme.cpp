// A light, quiet theme close to the Partner Center look, scaled for the device pixel ratio.
#include "ui/theme.h"

namespace leads::theme {

void apply(float ui_scale) {
  ImGuiStyle style;
  ImGui::StyleColorsLight(&style);
  style.WindowRounding = 0;
  style.FrameRounding = 4;
  style.TabRounding = 4;
  style.FramePadding = ImVec2(8, 5);
  style.ItemSpacing = ImVec2(8, 6);
  style.CellPadding = ImVec2(6, 4);
  style.WindowPadding = ImVec2(12, 10);
  ImVec4* colors = style.Colors;
  colors[ImGuiCol_WindowBg] = ImVec4(0.98f, 0.98f, 0.99f, 1.0f);
  colors[ImGuiCol_Button] = ImVec4(0.90f, 0.92f, 0.95f, 1.0f);
  colors[ImGuiCol_ButtonHovered] = ImVec4(0.80f, 0.87f, 0.96f, 1.0f);
  colors[ImGuiCol_Header] = ImVec4(0.85f, 0.91f, 0.98f, 1.0f);
  colors[ImGuiCol_HeaderHovered] = ImVec4(0.80f, 0.88f, 0.97f, 1.0f);
  colors[ImGuiCol_Tab] = ImVec4(0.90f, 0.92f, 0.95f, 1.0f);
  colors[ImGuiCol_TabActive] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
  colors[ImGuiCol_TableHeaderBg] = ImVec4(0.93f, 0.94f, 0.96f, 1.0f);
  colors[ImGuiCol_TableRowBgAlt] = ImVec4(0.96f, 0.97f, 0.98f, 1.0f);
  style.ScaleAllSizes(ui_scale);
  ImGui::GetStyle() = style;
}

}  // namespace leads::theme
