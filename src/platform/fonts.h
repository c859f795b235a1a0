// Loads Inter (text, with Turkish letters) and merges Font Awesome's icons into one atlas, sized for the pixel ratio.
#pragma once

namespace leads {
// Returns false if a font file is missing (ImGui's built-in font is used then).
bool load_fonts(float css_font_size, float ui_scale);
}  // namespace leads
