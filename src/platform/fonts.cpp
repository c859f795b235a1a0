// Font atlas set-up: only the glyph ranges the two languages and the icons need, to keep the atlas small.
#include "platform/fonts.h"

#include <imgui.h>

#include <cstdio>

#include "ui/icons.h"

namespace leads {

namespace {
bool file_exists(const char* path) {
  if (FILE* file = std::fopen(path, "rb")) {
    std::fclose(file);
    return true;
  }
  return false;
}
}  // namespace

bool load_fonts(float css_font_size, float ui_scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  static const ImWchar kTextRanges[] = {
#include "platform/text_glyph_ranges.inc"
      0,
  };
  static const ImWchar kIconRanges[] = {icon::kFirst, icon::kLast, 0};
  const char* text_font = "/fonts/Inter-Regular.otf";
  const char* icon_font = "/fonts/fontawesome-webfont.ttf";
  const float size = css_font_size * ui_scale;
  if (!file_exists(text_font) || !file_exists(icon_font)) {
    ImFontConfig config;
    config.SizePixels = size;
    io.Fonts->AddFontDefault(&config);
    return false;
  }
  ImFontConfig text_config;
  // Glyphs snapped to whole pixels need no horizontal oversampling: half the rasterising at start-up (the atlas is
  // built before the first frame), and text stays crisp.
  text_config.OversampleH = 1;
  text_config.PixelSnapH = true;
  io.Fonts->AddFontFromFileTTF(text_font, size, &text_config, kTextRanges);
  ImFontConfig icon_config;
  icon_config.MergeMode = true;
  icon_config.GlyphMinAdvanceX = size;
  icon_config.PixelSnapH = true;
  io.Fonts->AddFontFromFileTTF(icon_font, size * 0.9f, &icon_config, kIconRanges);
  return true;
}

}  // namespace leads
