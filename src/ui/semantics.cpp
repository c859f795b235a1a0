// Collecting semantic nodes from ImGui's last-item rectangle and serialising them for the page.
#include "ui/semantics.h"

#include <imgui.h>

#include "domain/referral_json.h"

namespace leads {

void Semantics::begin_frame(float css_per_pixel) {
  scale_ = css_per_pixel;
  nodes_.clear();
}

SemanticNode& Semantics::add_last_item(const char* role, std::string name) {
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  SemanticNode node;
  node.role = role;
  node.name = std::move(name);
  node.x = min.x * scale_;
  node.y = min.y * scale_;
  node.width = (max.x - min.x) * scale_;
  node.height = (max.y - min.y) * scale_;
  nodes_.push_back(std::move(node));
  return nodes_.back();
}

std::string Semantics::take_changed_json(const std::string& app_facts_json) {
  Json list = Json::array();
  for (const SemanticNode& node : nodes_) {
    Json item = {{"role", node.role}, {"name", node.name},
                 {"rect", {{"x", node.x}, {"y", node.y}, {"width", node.width}, {"height", node.height}}}};
    if (node.has_checked) item["checked"] = node.checked;
    if (node.disabled) item["disabled"] = true;
    if (node.selected) item["selected"] = true;
    if (!node.value.empty()) item["value"] = node.value;
    list.push_back(std::move(item));
  }
  std::string json = "{\"nodes\":" + dump_json(list) + ",\"app\":" + app_facts_json + "}";
  if (json == last_published_) return {};
  last_published_ = json;
  return json;
}

Semantics& semantics() {
  static Semantics instance;
  return instance;
}

}  // namespace leads
