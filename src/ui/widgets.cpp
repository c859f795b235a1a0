// Shared widgets over ImGui with the semantics registered alongside.
#include "ui/widgets.h"

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "ui/semantics.h"
#include "ui/theme.h"

namespace leads::widgets {

namespace {
// What kind of text a field holds, so a phone shows the right keyboard (the form field names end with these).
const char* input_type_of(const std::string& field) {
  auto ends_with = [&](const char* suffix) {
    const std::string tail(suffix);
    return field.size() >= tail.size() && field.compare(field.size() - tail.size(), tail.size(), tail) == 0;
  };
  if (ends_with("email")) return "email";
  if (ends_with("phone")) return "tel";
  if (ends_with("deal_value")) return "decimal";
  if (ends_with("closing_date")) return "date";
  if (ends_with("first_name")) return "given-name";
  if (ends_with("last_name")) return "family-name";
  return "text";
}
}  // namespace

bool text_field(const ViewContext& view, const char* label_key, const std::string& field, std::string& value,
                const FormErrors& errors, bool show_errors, float width, bool multiline) {
  const FieldError* error = show_errors ? errors.find(field) : nullptr;
  ImGui::TextUnformatted(view.tc(label_key));
  ImGui::PushID(field.c_str());
  if (error)
    ImGui::PushStyleColor(ImGuiCol_Border, theme::colors().error),
        ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.5f);
  ImGui::SetNextItemWidth(width > 0 ? width : -1);
  const bool changed = multiline
                           ? ImGui::InputTextMultiline("##text", &value, ImVec2(-1, ImGui::GetTextLineHeight() * 4))
                           : ImGui::InputText("##text", &value);
  if (error) ImGui::PopStyleVar(), ImGui::PopStyleColor();
  const bool typed = sync_text_field(value, view.t(label_key), input_type_of(field), multiline);
  SemanticNode& node = semantics().last();
  node.invalid = error != nullptr;
  if (error) node.description = view.t(error->message);
  ImGui::PopID();
  field_error(view, field, errors, show_errors);
  return changed || typed;
}

void field_error(const ViewContext& view, const std::string& field, const FormErrors& errors, bool show_errors) {
  if (!show_errors) return;
  const FieldError* error = errors.find(field);
  if (!error) return;
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().error);
  ImGui::TextWrapped("%s", view.tc(error->message));
  ImGui::PopStyleColor();
  semantics().add_last_item("alert", view.t(error->message)).value = field;
}

bool action_button(const ViewContext& view, const std::string& label, const char* refusal_key, bool primary) {
  const bool refused = refusal_key != nullptr;
  if (primary && !refused) {
    ImGui::PushStyleColor(ImGuiCol_Button, theme::colors().accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, theme::colors().accent_hovered);  // text stays readable
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, theme::colors().accent_active);
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  }
  ImGui::BeginDisabled(refused);
  const bool pressed = ImGui::Button(label.c_str());
  ImGui::EndDisabled();
  if (primary && !refused) ImGui::PopStyleColor(4);
  if (refused && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", view.tc(refusal_key));
  SemanticNode& node = semantics().add_last_item("button", label);
  node.disabled = refused;
  if (refused) node.value = node.description = view.t(refusal_key);
  return pressed && !refused;
}

bool small_button(const char* label) {
  return theme::touch_sizes() ? ImGui::Button(label) : ImGui::SmallButton(label);
}

void same_line_if_fits(float next_width) {
  const float end = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + next_width;
  if (end <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
}

void language_switch(const ViewContext& view) {
  const ImGuiStyle& style = ImGui::GetStyle();
  for (Language language : {Language::Turkish, Language::English}) {
    same_line_if_fits(ImGui::CalcTextSize("TR").x + style.FramePadding.x * 2);
    const bool active = view.state.language == language;
    if (active)
      ImGui::PushStyleColor(ImGuiCol_Button, theme::colors().accent),
          ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    const char* label = language == Language::Turkish ? "TR" : "EN";
    if (small_button(label) && !active) view.emit(act::SetLanguage{language});
    if (active) ImGui::PopStyleColor(2);
    SemanticNode& node = semantics().add_last_item("button", language == Language::Turkish ? "Türkçe" : "English");
    node.selected = active;
  }
}

void property(const ViewContext& view, const char* label_key, const std::string& value) {
  if (value.empty()) return;
  ImGui::TextDisabled("%s", view.tc(label_key));
  ImGui::SameLine(150 * view.ui_scale);
  ImGui::TextWrapped("%s", value.c_str());
  semantics().add_last_item("text", view.t(label_key) + ": " + value);
}

}  // namespace leads::widgets
