// Dear ImGui on WebGL 2 without reading GL state back: see webgl_renderer.h for why.
#include "platform/webgl_renderer.h"

#include <GLES3/gl3.h>
#include <imgui.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace leads::webgl_renderer {

namespace {

// The font atlas is one channel (coverage); every vertex carries its colour.
constexpr const char* kVertexShader = R"(#version 300 es
uniform vec2 scale;
uniform vec2 offset;
layout(location = 0) in vec2 position;
layout(location = 1) in vec2 uv;
layout(location = 2) in vec4 color;
out vec2 frag_uv;
out vec4 frag_color;
void main() {
  frag_uv = uv;
  frag_color = color;
  gl_Position = vec4(position * scale + offset, 0.0, 1.0);
}
)";

constexpr const char* kFragmentShader = R"(#version 300 es
precision mediump float;
uniform sampler2D atlas;
in vec2 frag_uv;
in vec4 frag_color;
out vec4 out_color;
void main() {
  out_color = vec4(frag_color.rgb, frag_color.a * texture(atlas, frag_uv).r);
}
)";

struct Renderer {
  GLuint program = 0, vertex_array = 0, vertices = 0, indices = 0, font_texture = 0;
  GLint scale_location = -1, offset_location = -1;
  std::uint64_t shown = 0;  // fingerprint of the frame on the canvas; 0: none yet, or it must be drawn again
};

Renderer& renderer() {
  static Renderer instance;
  return instance;
}

GLuint compile(GLenum kind, const char* source) {
  const GLuint shader = glCreateShader(kind);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  GLint compiled = 0;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &compiled);
  if (!compiled) {
    char log[512] = {};
    glGetShaderInfoLog(shader, sizeof log, nullptr, log);
    std::fprintf(stderr, "webgl_renderer: shader did not compile: %s\n", log);
  }
  return shader;
}

// A 64-bit fingerprint of everything a frame draws: a multiply-xorshift mix over the raw bytes, ~0.2 ms for a
// busy frame's vertices, far less than drawing them.
class Fingerprint {
 public:
  void add(const void* data, std::size_t size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
      std::uint64_t word;
      std::memcpy(&word, bytes + i, 8);
      mix(word);
    }
    std::uint64_t tail = size;
    for (; i < size; ++i) tail = tail << 8 | bytes[i];
    mix(tail);
  }
  std::uint64_t value() const { return hash_ | 1; }  // never 0, which means "draw"

 private:
  void mix(std::uint64_t word) {
    hash_ = (hash_ ^ word) * 0x9E3779B97F4A7C15ull;
    hash_ ^= hash_ >> 29;
  }
  std::uint64_t hash_ = 0xCBF29CE484222325ull;
};

}  // namespace

std::uint64_t fingerprint(const ImDrawData& data, const float clear[3]) {
  Fingerprint print;
  const float frame[9] = {data.DisplayPos.x,
                          data.DisplayPos.y,
                          data.DisplaySize.x,
                          data.DisplaySize.y,
                          data.FramebufferScale.x,
                          data.FramebufferScale.y,
                          clear[0],
                          clear[1],
                          clear[2]};
  print.add(frame, sizeof frame);
  for (int list = 0; list < data.CmdListsCount; ++list) {
    const ImDrawList& draw_list = *data.CmdLists[list];
    print.add(draw_list.VtxBuffer.Data, static_cast<std::size_t>(draw_list.VtxBuffer.Size) * sizeof(ImDrawVert));
    print.add(draw_list.IdxBuffer.Data, static_cast<std::size_t>(draw_list.IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& command : draw_list.CmdBuffer) {
      const std::uintptr_t fields[4] = {reinterpret_cast<std::uintptr_t>(command.GetTexID()), command.IdxOffset,
                                        command.ElemCount, reinterpret_cast<std::uintptr_t>(command.UserCallback)};
      print.add(&command.ClipRect, sizeof command.ClipRect);
      print.add(fields, sizeof fields);
    }
  }
  return print.value();
}

bool shows(std::uint64_t print) {
  return print == renderer().shown;
}

bool init() {
  Renderer& r = renderer();
  const GLuint vertex = compile(GL_VERTEX_SHADER, kVertexShader);
  const GLuint fragment = compile(GL_FRAGMENT_SHADER, kFragmentShader);
  r.program = glCreateProgram();
  glAttachShader(r.program, vertex);
  glAttachShader(r.program, fragment);
  glLinkProgram(r.program);
  glDeleteShader(vertex);
  glDeleteShader(fragment);
  GLint linked = 0;
  glGetProgramiv(r.program, GL_LINK_STATUS, &linked);
  if (!linked) return false;
  r.scale_location = glGetUniformLocation(r.program, "scale");
  r.offset_location = glGetUniformLocation(r.program, "offset");

  glGenVertexArrays(1, &r.vertex_array);
  glGenBuffers(1, &r.vertices);
  glGenBuffers(1, &r.indices);
  glBindVertexArray(r.vertex_array);
  glBindBuffer(GL_ARRAY_BUFFER, r.vertices);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, r.indices);  // recorded in the vertex array
  glEnableVertexAttribArray(0);
  glEnableVertexAttribArray(1);
  glEnableVertexAttribArray(2);
  const auto at = [](std::size_t offset) { return reinterpret_cast<const void*>(offset); };
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), at(offsetof(ImDrawVert, pos)));
  glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), at(offsetof(ImDrawVert, uv)));
  glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert), at(offsetof(ImDrawVert, col)));

  // The state every frame needs, set once: nothing else draws on this context.
  glUseProgram(r.program);
  glUniform1i(glGetUniformLocation(r.program, "atlas"), 0);
  glActiveTexture(GL_TEXTURE0);
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);

  ImGui::GetIO().BackendRendererName = "leads_webgl2";
  return true;
}

void new_frame() {
  Renderer& r = renderer();
  if (r.font_texture) return;
  ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  atlas.GetTexDataAsAlpha8(&pixels, &width, &height);  // a quarter of the RGBA upload
  glGenTextures(1, &r.font_texture);
  glBindTexture(GL_TEXTURE_2D, r.font_texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
  atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(r.font_texture)));
}

void drop_font_texture() {
  Renderer& r = renderer();
  if (!r.font_texture) return;
  glDeleteTextures(1, &r.font_texture);
  r.font_texture = 0;
  r.shown = 0;  // the same vertices may now sample different glyphs
  ImGui::GetIO().Fonts->SetTexID(nullptr);
}

bool render(const ImDrawData& data, const float clear[3], std::uint64_t print) {
  Renderer& r = renderer();
  const ImVec2 origin = data.DisplayPos, size = data.DisplaySize, pixel_scale = data.FramebufferScale;
  const int width = static_cast<int>(size.x * pixel_scale.x), height = static_cast<int>(size.y * pixel_scale.y);
  if (width <= 0 || height <= 0) return false;
  if (print == r.shown) return false;
  r.shown = print;

  glViewport(0, 0, width, height);
  glDisable(GL_SCISSOR_TEST);
  glClearColor(clear[0], clear[1], clear[2], 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  glEnable(GL_SCISSOR_TEST);
  // ImGui's space (origin top left, y down) to clip space.
  glUniform2f(r.scale_location, 2.0f / size.x, -2.0f / size.y);
  glUniform2f(r.offset_location, -1.0f - 2.0f * origin.x / size.x, 1.0f + 2.0f * origin.y / size.y);

  GLuint bound_texture = 0;
  constexpr GLenum kIndexType = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;
  for (int list = 0; list < data.CmdListsCount; ++list) {
    const ImDrawList& draw_list = *data.CmdLists[list];
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(draw_list.VtxBuffer.Size) * sizeof(ImDrawVert),
                 draw_list.VtxBuffer.Data, GL_STREAM_DRAW);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(draw_list.IdxBuffer.Size) * sizeof(ImDrawIdx),
                 draw_list.IdxBuffer.Data, GL_STREAM_DRAW);
    for (const ImDrawCmd& command : draw_list.CmdBuffer) {
      if (command.UserCallback) {  // the views add none; honour the contract anyway
        if (command.UserCallback != ImDrawCallback_ResetRenderState) command.UserCallback(&draw_list, &command);
        continue;
      }
      // The clip rectangle in framebuffer pixels; GL counts y from the bottom.
      const float left = (command.ClipRect.x - origin.x) * pixel_scale.x;
      const float top = (command.ClipRect.y - origin.y) * pixel_scale.y;
      const float right = (command.ClipRect.z - origin.x) * pixel_scale.x;
      const float bottom = (command.ClipRect.w - origin.y) * pixel_scale.y;
      if (right <= left || bottom <= top) continue;
      glScissor(static_cast<int>(left), static_cast<int>(height - bottom), static_cast<int>(right - left),
                static_cast<int>(bottom - top));
      const auto texture = static_cast<GLuint>(reinterpret_cast<std::intptr_t>(command.GetTexID()));
      if (texture != bound_texture) {
        glBindTexture(GL_TEXTURE_2D, texture);
        bound_texture = texture;
      }
      glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(command.ElemCount), kIndexType,
                     reinterpret_cast<const void*>(static_cast<std::size_t>(command.IdxOffset) * sizeof(ImDrawIdx)));
    }
  }
  return true;
}

}  // namespace leads::webgl_renderer
