// The light and dark themes, scaled for the device pixel ratio.
#include "ui/theme.h"

namespace leads::theme {

namespace {

constexpr Palette kLight{
    {0.00f, 0.47f, 0.84f, 1.0f}, {0.00f, 0.40f, 0.72f, 1.0f}, {0.00f, 0.33f, 0.60f, 1.0f}, {0.86f, 0.16f, 0.24f, 1.0f},
    {0.93f, 0.42f, 0.05f, 1.0f}, {0.42f, 0.45f, 0.50f, 1.0f}, {0.75f, 0.35f, 0.00f, 1.0f}, {0.77f, 0.11f, 0.16f, 1.0f},
    {0.06f, 0.49f, 0.25f, 1.0f}, {1.00f, 0.93f, 0.86f, 1.0f}, {0.93f, 0.94f, 0.96f, 1.0f},
};

// Lighter accents on dark grey, so text and warnings keep their contrast (WCAG AA against the window colour).
constexpr Palette kDark{
    {0.00f, 0.47f, 0.84f, 1.0f}, {0.10f, 0.55f, 0.92f, 1.0f}, {0.00f, 0.40f, 0.72f, 1.0f}, {1.00f, 0.42f, 0.47f, 1.0f},
    {1.00f, 0.60f, 0.25f, 1.0f}, {0.66f, 0.69f, 0.74f, 1.0f}, {1.00f, 0.70f, 0.30f, 1.0f}, {1.00f, 0.45f, 0.45f, 1.0f},
    {0.40f, 0.85f, 0.55f, 1.0f}, {0.36f, 0.22f, 0.10f, 1.0f}, {0.20f, 0.22f, 0.26f, 1.0f},
};

// Forced colours: white and yellow on black, every frame outlined (WCAG 1.4.11 non-text contrast).
constexpr Palette kHighContrast{
    {1.00f, 1.00f, 0.00f, 1.0f}, {1.00f, 1.00f, 0.40f, 1.0f}, {1.00f, 1.00f, 0.60f, 1.0f}, {1.00f, 0.50f, 0.70f, 1.0f},
    {1.00f, 0.75f, 0.20f, 1.0f}, {0.85f, 0.85f, 0.85f, 1.0f}, {1.00f, 0.80f, 0.20f, 1.0f}, {1.00f, 0.55f, 0.55f, 1.0f},
    {0.40f, 1.00f, 0.50f, 1.0f}, {0.00f, 0.00f, 0.00f, 1.0f}, {0.00f, 0.00f, 0.00f, 1.0f},
};

const Palette* current = &kLight;
bool g_touch_sizes = false;

void high_contrast_colors(ImGuiStyle& style) {
  ImGui::StyleColorsDark(&style);
  ImVec4* colors = style.Colors;
  const ImVec4 black(0, 0, 0, 1), white(1, 1, 1, 1), yellow(1, 1, 0, 1), dark_blue(0.0f, 0.0f, 0.45f, 1.0f);
  for (int i = 0; i < ImGuiCol_COUNT; ++i) colors[i] = black;
  colors[ImGuiCol_Text] = white;
  colors[ImGuiCol_TextDisabled] = ImVec4(0.85f, 0.85f, 0.85f, 1);
  colors[ImGuiCol_Border] = white;
  colors[ImGuiCol_Separator] = white;
  colors[ImGuiCol_TableBorderStrong] = colors[ImGuiCol_TableBorderLight] = white;
  colors[ImGuiCol_ButtonHovered] = colors[ImGuiCol_FrameBgHovered] = colors[ImGuiCol_HeaderHovered] = dark_blue;
  colors[ImGuiCol_ButtonActive] = colors[ImGuiCol_HeaderActive] = colors[ImGuiCol_Header] = dark_blue;
  colors[ImGuiCol_TabActive] = colors[ImGuiCol_TabHovered] = dark_blue;
  colors[ImGuiCol_CheckMark] = colors[ImGuiCol_SliderGrab] = colors[ImGuiCol_PlotHistogram] = yellow;
  colors[ImGuiCol_ScrollbarGrab] = colors[ImGuiCol_ScrollbarGrabHovered] = white;
  colors[ImGuiCol_NavHighlight] = yellow;
  colors[ImGuiCol_TextSelectedBg] = dark_blue;
  colors[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.6f);
}

struct ThemeColor {
  ImGuiCol slot;
  ImVec4 light, dark;
};
struct SlotColor {
  ImGuiCol slot;
  ImVec4 color;
};
// The colours both themes set over ImGui's stock light and dark styles.
const ThemeColor kOurColors[] = {
    {ImGuiCol_WindowBg, ImVec4(0.98f, 0.98f, 0.99f, 1.0f), ImVec4(0.12f, 0.13f, 0.15f, 1.0f)},
    {ImGuiCol_Button, ImVec4(0.90f, 0.92f, 0.95f, 1.0f), ImVec4(0.22f, 0.24f, 0.28f, 1.0f)},
    {ImGuiCol_ButtonHovered, ImVec4(0.80f, 0.87f, 0.96f, 1.0f), ImVec4(0.28f, 0.33f, 0.42f, 1.0f)},
    {ImGuiCol_Header, ImVec4(0.85f, 0.91f, 0.98f, 1.0f), ImVec4(0.18f, 0.30f, 0.45f, 1.0f)},
    {ImGuiCol_HeaderHovered, ImVec4(0.80f, 0.88f, 0.97f, 1.0f), ImVec4(0.22f, 0.35f, 0.52f, 1.0f)},
    {ImGuiCol_Tab, ImVec4(0.90f, 0.92f, 0.95f, 1.0f), ImVec4(0.18f, 0.19f, 0.22f, 1.0f)},
    {ImGuiCol_TabActive, ImVec4(1.0f, 1.0f, 1.0f, 1.0f), ImVec4(0.26f, 0.28f, 0.33f, 1.0f)},
    {ImGuiCol_TableHeaderBg, ImVec4(0.93f, 0.94f, 0.96f, 1.0f), ImVec4(0.17f, 0.18f, 0.21f, 1.0f)},
    {ImGuiCol_TableRowBgAlt, ImVec4(0.96f, 0.97f, 0.98f, 1.0f), ImVec4(1.0f, 1.0f, 1.0f, 0.03f)},
};
// The colours only the dark theme sets; the light theme keeps ImGui's.
const SlotColor kDarkOnlyColors[] = {{ImGuiCol_Text, ImVec4(0.92f, 0.93f, 0.95f, 1.0f)},
                                     {ImGuiCol_TextDisabled, ImVec4(0.55f, 0.58f, 0.62f, 1.0f)},
                                     {ImGuiCol_ChildBg, ImVec4(0.12f, 0.13f, 0.15f, 1.0f)},
                                     {ImGuiCol_PopupBg, ImVec4(0.16f, 0.17f, 0.20f, 0.98f)},
                                     {ImGuiCol_Border, ImVec4(0.30f, 0.32f, 0.36f, 1.0f)},
                                     {ImGuiCol_FrameBg, ImVec4(0.19f, 0.20f, 0.23f, 1.0f)},
                                     {ImGuiCol_FrameBgHovered, ImVec4(0.24f, 0.26f, 0.30f, 1.0f)},
                                     {ImGuiCol_ButtonActive, ImVec4(0.20f, 0.36f, 0.55f, 1.0f)},
                                     {ImGuiCol_HeaderActive, ImVec4(0.24f, 0.40f, 0.60f, 1.0f)},
                                     {ImGuiCol_TabHovered, ImVec4(0.28f, 0.33f, 0.42f, 1.0f)},
                                     {ImGuiCol_TableBorderLight, ImVec4(0.24f, 0.26f, 0.30f, 1.0f)},
                                     {ImGuiCol_Separator, ImVec4(0.30f, 0.32f, 0.36f, 1.0f)}};

void stock_colors_and_ours(ImGuiStyle& style, Theme theme) {
  const bool dark = theme == Theme::Dark;
  if (dark)
    ImGui::StyleColorsDark(&style);
  else
    ImGui::StyleColorsLight(&style);
  for (const ThemeColor& color : kOurColors) style.Colors[color.slot] = dark ? color.dark : color.light;
  if (dark)
    for (const SlotColor& color : kDarkOnlyColors) style.Colors[color.slot] = color.color;
}

}  // namespace

const Palette& colors() {
  return *current;
}
bool touch_sizes() {
  return g_touch_sizes;
}

void apply(float ui_scale, Theme theme, const PagePreferences& preferences) {
  current = preferences.high_contrast ? &kHighContrast : theme == Theme::Dark ? &kDark : &kLight;
  ImGuiStyle style;
  if (preferences.high_contrast)
    high_contrast_colors(style);
  else
    stock_colors_and_ours(style, theme);
  style.WindowRounding = 0;
  style.FrameRounding = 4;
  style.TabRounding = 4;
  style.FramePadding = ImVec2(8, 5);
  style.ItemSpacing = ImVec2(8, 6);
  style.CellPadding = ImVec2(6, 4);
  style.WindowPadding = ImVec2(12, 10);
  if (preferences.high_contrast) style.FrameBorderSize = style.ChildBorderSize = style.TabBorderSize = 1;
  // A finger needs targets of 24 CSS pixels at least (WCAG 2.5.8); rows of the table grow to about 40.
  g_touch_sizes = preferences.coarse_pointer;
  if (g_touch_sizes) {
    style.FramePadding = ImVec2(10, 8);
    style.CellPadding = ImVec2(6, 11);
    style.ItemSpacing = ImVec2(10, 8);
    style.ScrollbarSize = 20;
    style.TouchExtraPadding = ImVec2(2, 2);
  }
  style.ScaleAllSizes(ui_scale);
  ImGui::GetStyle() = style;
}

}  // namespace leads::theme
