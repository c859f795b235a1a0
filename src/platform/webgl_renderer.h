// Draws Dear ImGui's draw lists on the canvas's WebGL 2 context, which the app alone uses.
//
// ImGui's OpenGL 3 backend saves and restores every piece of GL state around each frame (about twenty glGet*
// calls) so it can live inside someone else's engine. In Chrome several of those are synchronous round trips to
// the GPU process, which under software WebGL is still busy with the last frame: ~5 ms of every frame blocked.
// This renderer owns the context, so it sets its state once and never reads any back.
#pragma once
#include <cstdint>

struct ImDrawData;

namespace leads::webgl_renderer {

// Compiles the shader and creates the buffers; false when WebGL 2 refuses (the shell then says so).
bool init();
// Uploads the font atlas if it changed (call before ImGui::NewFrame, as a backend's NewFrame does).
void new_frame();
// Forgets the atlas texture after the fonts were rebuilt (a new pixel ratio); new_frame uploads the new one.
void drop_font_texture();
// Everything a frame would draw, as one number: equal numbers, equal pictures.
std::uint64_t fingerprint(const ImDrawData& data, const float clear[3]);
// Whether the canvas already shows the frame with this fingerprint.
bool shows(std::uint64_t fingerprint);
// Clears the canvas to `clear` and draws the frame, unless it would draw exactly what the canvas already shows:
// then the GPU is not touched at all and the browser keeps showing the last frame. Returns whether it drew.
// (ImGui keeps running for a while after input, for hover delays and key repeat; most of those frames are
// identical, and under software WebGL every drawn frame costs the GPU process a full-canvas raster and read-back.)
bool render(const ImDrawData& data, const float clear[3], std::uint64_t fingerprint);

}  // namespace leads::webgl_renderer
