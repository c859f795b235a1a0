// The semantics layer: each interactive widget registers a node (role, accessible name, rectangle, state) per frame,
// so tests (and later screen readers) find targets by role and name instead of by pixels.
#pragma once
#include <string>
#include <vector>

namespace leads {

struct SemanticNode {
  std::string role;  // "button", "checkbox", "tab", "textbox", "row", "cell", "status", "alert", "heading"
  std::string name;  // the accessible name, in the UI's language
  float x = 0, y = 0, width = 0, height = 0;  // CSS pixels, relative to the canvas
  bool checked = false, disabled = false, selected = false;
  bool has_checked = false;
  std::string value;  // text of a textbox, a row's lead id…
};

class Semantics {
 public:
  void begin_frame(float css_per_pixel);
  // Registers the last ImGui item under `role` and `name`.
  SemanticNode& add_last_item(const char* role, std::string name);
  // Registers a non-interactive node (status text, alert) at the last item too.
  const std::vector<SemanticNode>& nodes() const { return nodes_; }
  // JSON of the nodes plus app facts; empty when nothing changed since the last call (nothing to publish).
  std::string take_changed_json(const std::string& app_facts_json);

 private:
  float scale_ = 1.0f;
  std::vector<SemanticNode> nodes_;
  std::string last_published_;
};

Semantics& semantics();  // the frame's registry (one per app, like ImGui's own context)

}  // namespace leads
