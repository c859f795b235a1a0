// The semantics layer: each widget registers a node (role, accessible name, rectangle, state) per frame, grouped
// under its container (tab list, grid, row, dialog…). The page mirrors the nodes as a DOM tree with ARIA over the
// canvas (web/a11y_mirror.js): screen readers, keyboard focus and the text-editing element work through it, and
// tests find targets by role and name instead of by pixels.
#pragma once
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace leads {

struct SemanticNode {
  std::string role;  // an ARIA role: "button", "checkbox", "tab", "textbox", "row", "gridcell", "status", "alert"…
  std::string name;  // the accessible name, in the UI's language
  std::string key;   // stable identity across frames: the ImGui item id, or role and name for plain text
  unsigned item_id = 0;                       // the ImGui item the node acts on (0: not interactive)
  int parent = -1;                            // index of the container node, -1 at the top
  float x = 0, y = 0, width = 0, height = 0;  // CSS pixels, relative to the canvas, clipped to what is visible
  bool checked = false, disabled = false, selected = false;
  bool has_checked = false;
  bool invalid = false;  // a text field whose value is refused (the error is the description)
  bool modal = false;    // a dialog that blocks the rest
  bool focused = false;  // ImGui holds focus on it (a text field being edited, a combo's popup)
  bool expanded = false, has_expanded = false;
  bool multiline = false;  // a text field of several lines (notes)
  int level = 0;           // headings: 1 for the app, 2 for a lead, 3 for a form
  int layer = 0;           // the drawing order of its window (popups and toasts above the workspace)
  long long row_index = 0, row_count = 0, col_index = 0;  // grids, 1-based as ARIA counts them
  double value_now = -1, value_max = -1;                  // progress bars
  std::string sort;                                       // column headers: "ascending", "descending", "none"
  std::string description;                                // why a button is disabled, what is wrong with a field
  std::string input_type;  // text fields: "text", "search", "email", "tel", "decimal", "date"
  std::string value;       // text of a textbox, a row's lead id, a link's href…
};

class Semantics {
 public:
  void begin_frame(float css_per_pixel);
  // Registers the last ImGui item under `role` and `name`.
  SemanticNode& add_last_item(const char* role, std::string name);
  // Moves a node to a rectangle in ImGui's pixels (an open combo's own box: its last item is then the popup).
  void place(SemanticNode& node, float x0, float y0, float x1, float y1);
  // A node with no rectangle (a column scrolled out of view): still read by a screen reader.
  SemanticNode& add_node(const char* role, std::string name);
  // A container (tab list, grid, row, dialog, list box): nodes added until end_group are its children. Its rectangle
  // is the last item's when `at_last_item`, else the union of its children's.
  SemanticNode& begin_group(const char* role, std::string name, bool at_last_item = false);
  void end_group();
  SemanticNode& last_group() { return nodes_[static_cast<std::size_t>(last_closed_group_)]; }  // after end_group
  SemanticNode& last() { return nodes_.back(); }  // only after adding a node
  SemanticNode* find(const std::string& key);
  // JSON of the nodes plus app facts; empty when nothing changed since the last call (nothing to publish).
  std::string take_changed_json(const std::string& app_facts_json);

  // The page's editing element and assistive technology acting on widgets (see web/a11y_mirror.js).
  void set_editing(unsigned item_id) {
    if (item_id && item_id != editing_id_) reveal_editing();
    editing_id_ = item_id;
  }
  // The edited field is scrolled into view on its next pass (focus arrived, or a phone keyboard shrank the page).
  void reveal_editing() { reveal_pending_ = true; }
  bool take_reveal() { return std::exchange(reveal_pending_, false); }
  unsigned editing() const { return editing_id_; }
  void set_pending_text(unsigned item_id, std::string text) { pending_text_ = {item_id, std::move(text)}; }
  // The text the page's editing element holds for this field, once, if it changed.
  std::optional<std::string> take_text(unsigned item_id);

 private:
  float scale_ = 1.0f;
  std::vector<SemanticNode> nodes_;
  std::vector<int> open_groups_;
  int last_closed_group_ = 0;
  std::string last_published_;
  std::string json_;                                 // reused between frames
  std::unordered_map<std::string, int> plain_keys_;  // keys of plain texts this frame, to number repeats
  const void* layer_window_ = nullptr;               // the root window whose drawing order is in layer_
  int layer_ = 0;
  int layer_of_current_window();
  unsigned editing_id_ = 0;
  bool reveal_pending_ = false;
  std::optional<std::pair<unsigned, std::string>> pending_text_;
};

Semantics& semantics();  // the frame's registry (one per app, like ImGui's own context)

// A text field drawn by ImGui and edited through the page's editing element: takes the page's text into `value`
// (true when it changed), keeps ImGui from also editing it, and registers the field. Call right after the widget.
bool sync_text_field(std::string& value, const std::string& name, const char* input_type, bool multiline = false);

}  // namespace leads
