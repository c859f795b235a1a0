// Collecting semantic nodes from ImGui's last-item rectangle, grouping them, and serialising them for the page.
#include "ui/semantics.h"

#include <imgui.h>
#include <imgui_internal.h>  // the window's visible rectangle, and letting go of an item the page now edits

#include <algorithm>
#include <cstdio>
#include <utility>

#include "domain/referral_json.h"  // append_json_string, append_json_number

namespace leads {

namespace {

// JSON text by hand (strings and numbers by the domain's append_json_string and append_json_number, which write whole
// pixels and hundredths from integers): this runs on every changed frame (scrolling), and a tree of nlohmann values
// per node cost more than the rest of the frame's semantics together.

// The `,"name":` before a member's value, in an object that already has its first member.
void append_name(std::string& out, const char* name) {
  out += ",\"";
  out += name;
  out += "\":";
}
void append_member(std::string& out, const char* name, const std::string& value) {
  append_name(out, name);
  append_json_string(out, value);
}
void append_member(std::string& out, const char* name, double value) {
  append_name(out, name);
  append_json_number(out, value);
}
void append_flag(std::string& out, const char* name, bool value) {
  append_name(out, name);
  out += value ? "true" : "false";
}

// The states written only when they hold (the page reads a missing one as false).
const std::pair<const char*, bool SemanticNode::*> kTrueOnlyStates[] = {
    {"disabled", &SemanticNode::disabled}, {"selected", &SemanticNode::selected},
    {"invalid", &SemanticNode::invalid},   {"modal", &SemanticNode::modal},
    {"focused", &SemanticNode::focused},   {"multiline", &SemanticNode::multiline},
};

void append_node(std::string& out, const SemanticNode& node) {
  out += "{\"role\":";
  append_json_string(out, node.role);
  append_member(out, "name", node.name);
  append_member(out, "key", node.key);
  append_member(out, "parent", node.parent);
  out += ",\"rect\":{\"x\":";
  append_json_number(out, node.x);
  append_member(out, "y", node.y);
  append_member(out, "width", node.width);
  append_member(out, "height", node.height);
  out += '}';
  if (node.has_checked) append_flag(out, "checked", node.checked);
  for (const auto& [name, state] : kTrueOnlyStates)
    if (node.*state) append_flag(out, name, true);
  if (node.has_expanded) append_flag(out, "expanded", node.expanded);
  if (node.level) append_member(out, "level", node.level);
  if (node.layer) append_member(out, "layer", node.layer);
  if (node.row_index) append_member(out, "rowIndex", static_cast<double>(node.row_index));
  if (node.row_count) append_member(out, "rowCount", static_cast<double>(node.row_count));
  if (node.col_index) append_member(out, "colIndex", static_cast<double>(node.col_index));
  if (node.value_now >= 0) append_member(out, "valueNow", node.value_now);
  if (node.value_max >= 0) append_member(out, "valueMax", node.value_max);
  if (!node.sort.empty()) append_member(out, "sort", node.sort);
  if (!node.description.empty()) append_member(out, "description", node.description);
  if (!node.input_type.empty()) append_member(out, "inputType", node.input_type);
  if (!node.value.empty()) append_member(out, "value", node.value);
  out += '}';
}

std::string item_key(unsigned id) {
  char text[16];
  std::snprintf(text, sizeof text, "i%08x", id);
  return text;
}

}  // namespace

void Semantics::begin_frame(float css_per_pixel) {
  scale_ = css_per_pixel;
  nodes_.clear();
  open_groups_.clear();
  plain_keys_.clear();
  layer_window_ = nullptr;
}

// The drawing order of the current window's root among ImGui's windows (back to front), looked up once per window.
int Semantics::layer_of_current_window() {
  const ImGuiWindow* window = ImGui::GetCurrentWindowRead();
  if (!window) return 0;
  if (window->RootWindow != layer_window_) {
    const ImGuiContext& context = *ImGui::GetCurrentContext();
    layer_window_ = window->RootWindow;
    layer_ = std::max(0, context.Windows.index_from_ptr(context.Windows.find(window->RootWindow)));
  }
  return layer_;
}

SemanticNode& Semantics::add_last_item(const char* role, std::string name) {
  ImVec2 min = ImGui::GetItemRectMin();
  ImVec2 max = ImGui::GetItemRectMax();
  // Only the part a user can see (and press): rows scrolled half out or under the table's frozen header, cells
  // scrolled sideways. The draw list's clip is the cell's own (a table narrows it per column and below frozen rows).
  if (const ImGuiWindow* window = ImGui::GetCurrentWindowRead()) {
    ImRect visible = window->InnerClipRect;
    visible.ClipWith(ImRect(window->DrawList->GetClipRectMin(), window->DrawList->GetClipRectMax()));
    min = ImVec2(std::clamp(min.x, visible.Min.x, visible.Max.x), std::clamp(min.y, visible.Min.y, visible.Max.y));
    max = ImVec2(std::clamp(max.x, visible.Min.x, visible.Max.x), std::clamp(max.y, visible.Min.y, visible.Max.y));
  }
  SemanticNode node;
  node.role = role;
  node.name = std::move(name);
  node.item_id = ImGui::GetItemID();
  node.layer = layer_of_current_window();
  node.key = node.item_id ? item_key(node.item_id) : std::string(role) + ":" + node.name;
  node.parent = open_groups_.empty() ? -1 : open_groups_.back();
  node.x = min.x * scale_;
  node.y = min.y * scale_;
  node.width = (max.x - min.x) * scale_;
  node.height = (max.y - min.y) * scale_;
  // Two plain texts alike (two "Copy" labels) stay apart.
  if (!node.item_id)
    if (const int seen = plain_keys_[node.key]++; seen > 0) node.key += "#" + std::to_string(seen + 1);
  nodes_.push_back(std::move(node));
  return nodes_.back();
}

void Semantics::place(SemanticNode& node, float x0, float y0, float x1, float y1) {
  node.x = x0 * scale_, node.y = y0 * scale_;
  node.width = (x1 - x0) * scale_, node.height = (y1 - y0) * scale_;
}

SemanticNode& Semantics::add_node(const char* role, std::string name) {
  SemanticNode node;
  node.role = role;
  node.name = std::move(name);
  node.key = std::string(role) + ":" + node.name;
  if (const int seen = plain_keys_[node.key]++; seen > 0) node.key += "#" + std::to_string(seen + 1);
  node.parent = open_groups_.empty() ? -1 : open_groups_.back();
  nodes_.push_back(std::move(node));
  return nodes_.back();
}

SemanticNode& Semantics::begin_group(const char* role, std::string name, bool at_last_item) {
  if (at_last_item) {
    add_last_item(role, std::move(name));
  } else {
    SemanticNode node;
    node.role = role;
    node.name = std::move(name);
    node.key = std::string(role) + ":" + node.name + ":" + std::to_string(ImGui::GetID(node.name.c_str()));
    node.parent = open_groups_.empty() ? -1 : open_groups_.back();
    node.width = node.height = -1;  // the union of the children, at end_group
    nodes_.push_back(std::move(node));
  }
  open_groups_.push_back(static_cast<int>(nodes_.size()) - 1);
  return nodes_.back();
}

void Semantics::end_group() {
  if (open_groups_.empty()) return;
  const int group = open_groups_.back();
  open_groups_.pop_back();
  last_closed_group_ = group;
  SemanticNode& node = nodes_[static_cast<std::size_t>(group)];
  if (node.width >= 0) return;
  float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
  for (std::size_t i = static_cast<std::size_t>(group) + 1; i < nodes_.size(); ++i) {
    const SemanticNode& child = nodes_[i];
    if (child.width <= 0 && child.height <= 0) continue;
    x0 = std::min(x0, child.x), y0 = std::min(y0, child.y);
    x1 = std::max(x1, child.x + child.width), y1 = std::max(y1, child.y + child.height);
  }
  if (x1 < x0) x0 = y0 = x1 = y1 = 0;
  node.x = x0, node.y = y0, node.width = x1 - x0, node.height = y1 - y0;
}

SemanticNode* Semantics::find(const std::string& key) {
  for (SemanticNode& node : nodes_)
    if (node.key == key) return &node;
  return nullptr;
}

std::string Semantics::take_changed_json(const std::string& app_facts_json) {
  json_.clear();
  json_ += "{\"nodes\":[";
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    if (i) json_ += ',';
    append_node(json_, nodes_[i]);
  }
  json_ += "],\"app\":";
  json_ += app_facts_json;
  json_ += '}';
  if (json_ == last_published_) return {};
  last_published_ = json_;
  return json_;
}

std::optional<std::string> Semantics::take_text(unsigned item_id) {
  if (!pending_text_ || pending_text_->first != item_id) return std::nullopt;
  std::string text = std::move(pending_text_->second);
  pending_text_.reset();
  return text;
}

Semantics& semantics() {
  static Semantics instance;
  return instance;
}

bool sync_text_field(std::string& value, const std::string& name, const char* input_type, bool multiline) {
  const unsigned id = ImGui::GetItemID();
  Semantics& registry = semantics();
  const bool editing = id != 0 && registry.editing() == id;
  // The page's element edits this field: ImGui must not hold it too, or its own copy of the text would win.
  if (editing && ImGui::IsItemActive()) ImGui::ClearActiveID();
  if (editing && registry.take_reveal()) {
    const ImGuiWindow* window = ImGui::GetCurrentWindowRead();
    const ImRect item(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (window && !window->InnerClipRect.Contains(item)) ImGui::SetScrollHereY(0.5f);
  }
  bool changed = false;
  if (std::optional<std::string> text = registry.take_text(id); text && *text != value) {
    value = std::move(*text);
    changed = true;
  }
  SemanticNode& node = registry.add_last_item("textbox", name);
  node.value = value;
  node.input_type = input_type;
  node.multiline = multiline;
  // ImGui took focus (a click on the canvas, the "/" shortcut): the page moves its element there.
  node.focused = editing || ImGui::IsItemActive();
  return changed;
}

}  // namespace leads
