// The filter panel of the active tab: kind, stage and outcome, country and city, flame, expiry, value range, sender.
#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "domain/classification.h"
#include "domain/forms.h"
#include "ui/semantics.h"
#include "ui/view_context.h"

namespace leads {

namespace {

// Lays fields left to right and starts a new line when the next one would not fit, so the panel is one or two rows
// on a wide window and wraps on a narrow one. It keeps the right edge itself: after an open combo ImGui's "last item"
// is inside the popup, not the combo.
class FieldFlow {
 public:
  // Call before the field's first item, with the field's whole width in device pixels.
  void place(float width) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x * 2;
    const float limit = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (!first_ && right_ + spacing + width <= limit) ImGui::SameLine(0, spacing);
    first_ = false;
    right_ = ImGui::GetCursorScreenPos().x + width;
  }

 private:
  bool first_ = true;
  float right_ = 0;
};

// Width of a "label + widget" field, for FieldFlow::place().
float field_width(const char* label, float widget_width) {
  return ImGui::CalcTextSize(label).x + ImGui::GetStyle().ItemInnerSpacing.x + widget_width;
}

void label(const char* text) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s", text);
  ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
}

// A combo over the texts `options()` produces (index 0 = "any"); returns the picked index, or -1. The options are
// produced only while the list is open, since the country and city lists walk every lead of the tab.
struct Pick {
  int index = -1;
  std::string text;
};
Pick combo(const char* id, const std::string& name, const std::string& current, float width, float css_per_pixel,
           const std::function<std::vector<std::string>()>& options) {
  Pick picked;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::SetNextItemWidth(width);
  const bool open = ImGui::BeginCombo(id, current.c_str(), ImGuiComboFlags_HeightLarge);
  SemanticNode& node = semantics().add_last_item("combobox", name);
  node.value = current;
  node.has_expanded = true;
  node.expanded = open;
  if (!open) return picked;
  // Open, the last item is the popup window: the node takes the combo's own rectangle instead.
  node.x = at.x * css_per_pixel;
  node.y = at.y * css_per_pixel;
  node.width = width * css_per_pixel;
  node.height = ImGui::GetFrameHeight() * css_per_pixel;
  const std::vector<std::string> list = options();
  // On its first frame the popup is measured, hidden, where it will not stay: its options get no nodes until it is
  // placed, or a test would click where they are not.
  const bool placed = !ImGui::IsWindowAppearing();
  semantics().begin_group("listbox", name);
  for (int i = 0; i < static_cast<int>(list.size()); ++i) {
    ImGui::PushID(i);
    const bool selected = list[i] == current;
    if (ImGui::Selectable(list[i].c_str(), selected)) picked = {i, list[i]};
    if (selected && !placed) ImGui::SetItemDefaultFocus();
    if (placed) semantics().add_last_item("option", list[i]).selected = selected;
    ImGui::PopID();
  }
  semantics().end_group();
  ImGui::EndCombo();
  return picked;
}

bool in_tab(const AppState& state, const LeadRow& lead) {
  return in_list_tab(lead, state.tab, state.favorites);
}

// The distinct countries (or, with `country` set, the cities of that country; all cities when empty) of the tab's
// leads, sorted, after the "any" entry. Cities are listed as written; the domain matches them folded.
std::vector<std::string> places(const AppState& state, bool cities, const std::string& country,
                                const std::string& any) {
  std::set<std::string> found;
  for (std::uint32_t row = 0; row < state.leads.size(); ++row) {
    const LeadRow lead = state.leads.row(row);
    if (!in_tab(state, lead)) continue;
    if (!cities) {
      if (!lead.country().empty()) found.emplace(lead.country());
    } else if (!lead.city().empty() && (country.empty() || lead.country() == country)) {
      found.emplace(lead.city());
    }
  }
  std::vector<std::string> out{any};
  out.insert(out.end(), found.begin(), found.end());
  return out;
}

// The kinds a tab holds: the Marketplace has customer inquiries only, so it offers no kind filter at all.
std::vector<LeadKind> kinds_of(ListTab tab) {
  switch (tab) {
    case ListTab::Marketplace: return {};
    case ListTab::Qualified: return {LeadKind::MarketingQualified, LeadKind::SalesQualified};
    case ListTab::Favorites: return {LeadKind::CustomerInquiry, LeadKind::MarketingQualified, LeadKind::SalesQualified};
  }
  return {};
}

// A numeric text box bound to an optional amount; blank clears it. Returns true when the amount changed.
bool amount_field(const ViewContext& view, const char* id, const char* label_key, std::optional<double>& amount,
                  float width) {
  std::string text = amount ? format_deal_value(*amount) : "";
  ImGui::SetNextItemWidth(width);
  bool changed = false;
  bool edited = ImGui::InputTextWithHint(id, "—", &text);
  edited |= sync_text_field(text, view.t(label_key), "decimal");
  if (edited) {
    const std::optional<double> typed = text.empty() ? std::nullopt : parse_deal_value(text);
    // A half-typed number that does not read yet keeps the last amount rather than dropping the filter.
    if ((text.empty() || typed) && typed != amount) amount = typed, changed = true;
  }
  return changed;
}

}  // namespace

void draw_filter_panel(const ViewContext& view) {
  const AppState& state = view.state;
  const float scale = view.ui_scale;
  LeadFilter filter = state.view(state.tab).query.filter;  // edited as a copy; the change arrives as an action
  bool changed = false;
  FieldFlow flow;
  // Outlined fields: on the light panel a borderless box or checkbox barely shows.
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.0f);
  auto next_field = [&](const char* label_key, float widget_width) {
    flow.place(field_width(view.tc(label_key), widget_width));
    label(view.tc(label_key));
  };

  // Kind: only where a tab holds more than one.
  for (LeadKind kind : kinds_of(state.tab)) {
    const char* name = view.tc(to_key(kind));
    flow.place(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(name).x);
    bool on = std::find(filter.kinds.begin(), filter.kinds.end(), kind) != filter.kinds.end();
    ImGui::PushID(static_cast<int>(kind));
    if (ImGui::Checkbox(name, &on)) {
      if (on)
        filter.kinds.push_back(kind);
      else
        filter.kinds.erase(std::remove(filter.kinds.begin(), filter.kinds.end(), kind), filter.kinds.end());
      changed = true;
    }
    ImGui::PopID();
    SemanticNode& node = semantics().add_last_item("checkbox", view.t(to_key(kind)));
    node.has_checked = true;
    node.checked = on;
  }

  // Stage, and the outcome when the stage is Archived.
  const Stage stages[] = {Stage::Received, Stage::Accepted, Stage::Archived};
  {
    const bool any = !filter.stage || *filter.stage == Stage::Unknown;
    const std::string current = any ? view.t("filters.any_stage") : view.t(to_key(*filter.stage));
    const float width = 130 * scale;
    next_field("filters.stage", width);
    const Pick pick = combo("##stage", view.t("filters.stage"), current, width, 1 / scale, [&] {
      std::vector<std::string> list{view.t("filters.any_stage")};
      for (Stage stage : stages) list.push_back(view.t(to_key(stage)));
      return list;
    });
    if (pick.index >= 0 && pick.text != current) {
      set_stage(filter, pick.index == 0 ? std::nullopt : std::optional<Stage>(stages[pick.index - 1]));
      changed = true;
    }
  }
  if (offers_outcome(filter)) {
    const Outcome outcomes[] = {Outcome::Won, Outcome::Lost, Outcome::Declined, Outcome::Expired};
    const std::string current = filter.outcome ? view.t(to_key(*filter.outcome)) : view.t("filters.any_outcome");
    const float width = 120 * scale;
    next_field("filters.outcome", width);
    const Pick pick = combo("##outcome", view.t("filters.outcome"), current, width, 1 / scale, [&] {
      std::vector<std::string> list{view.t("filters.any_outcome")};
      for (Outcome outcome : outcomes) list.push_back(view.t(to_key(outcome)));
      return list;
    });
    if (pick.index >= 0 && pick.text != current) {
      filter.outcome = pick.index == 0 ? std::nullopt : std::optional<Outcome>(outcomes[pick.index - 1]);
      changed = true;
    }
  }

  // Country and city: the values present in the tab's leads (cities of the chosen country only).
  struct PlaceField {
    const char* id;
    const char* label_key;
    const char* any_key;
    float width;
    std::string LeadFilter::*value;
    bool cities;
  };
  const PlaceField place_fields[] = {
      {"##country", "filters.country", "filters.any_country", 80, &LeadFilter::country, false},
      {"##city", "filters.city", "filters.any_city", 130, &LeadFilter::city, true},
  };
  for (const PlaceField& field : place_fields) {
    std::string& value = filter.*field.value;
    const std::string any = view.t(field.any_key);
    const std::string current = value.empty() ? any : value;
    const float width = field.width * scale;
    next_field(field.label_key, width);
    const Pick pick = combo(field.id, view.t(field.label_key), current, width, 1 / scale, [&] {
      return places(state, field.cities, field.cities ? filter.country : std::string(), any);
    });
    if (pick.index >= 0 && pick.text != current) {
      value = pick.index == 0 ? "" : pick.text;
      if (!field.cities) filter.city.clear();  // a city of another country would hide every row
      changed = true;
    }
  }

  // Flame: any, or one of its two states.
  {
    const FlameState flames[] = {FlameState::ContactNow, FlameState::StillWanted};
    const char* flame_keys[] = {"filters.flame_contact_now", "filters.flame_still_wanted"};
    std::string current = view.t("filters.flame_any");
    for (int i = 0; i < 2; ++i)
      if (filter.flame == flames[i]) current = view.t(flame_keys[i]);
    const float width = 130 * scale;
    next_field("filters.flame", width);
    const Pick pick = combo("##flame", view.t("filters.flame"), current, width, 1 / scale, [&] {
      return std::vector<std::string>{view.t("filters.flame_any"), view.t(flame_keys[0]), view.t(flame_keys[1])};
    });
    if (pick.index >= 0 && pick.text != current) {
      filter.flame = pick.index == 0 ? std::nullopt : std::optional<FlameState>(flames[pick.index - 1]);
      changed = true;
    }
  }

  // Expiring within N days: blank or 0 turns it off.
  if (offers_expiry(filter)) {
    const float width = 50 * scale;
    next_field("filters.expiring", width);
    std::string text = filter.expiring_within_days ? std::to_string(*filter.expiring_within_days) : "";
    ImGui::SetNextItemWidth(width);
    bool edited = ImGui::InputTextWithHint("##expiring", "—", &text, ImGuiInputTextFlags_CharsDecimal);
    edited |= sync_text_field(text, view.t("filters.expiring"), "numeric");
    if (edited) {
      int days = 0;
      for (char c : text)
        if (c >= '0' && c <= '9') days = std::min(days * 10 + (c - '0'), 9999);
      const std::optional<int> typed = days > 0 ? std::optional<int>(days) : std::nullopt;
      if (typed != filter.expiring_within_days) filter.expiring_within_days = typed, changed = true;
    }
  }

  // Value range (in the lead's own currency: the figures are compared as numbers).
  {
    const float width = 80 * scale;
    next_field("filters.min_value", width);
    changed |= amount_field(view, "##min", "filters.min_value", filter.min_value, width);
    next_field("filters.max_value", width);
    changed |= amount_field(view, "##max", "filters.max_value", filter.max_value, width);
  }

  // Sender: a part of the sending organisation's name.
  {
    const float width = 140 * scale;
    next_field("filters.sender", width);
    ImGui::SetNextItemWidth(width);
    std::string sender = filter.sender;
    bool edited = ImGui::InputTextWithHint("##sender", view.tc("filters.sender_hint"), &sender);
    edited |= sync_text_field(sender, view.t("filters.sender"), "text");
    if (edited) {
      filter.sender = sender;
      changed = true;
    }
  }

  const char* clear = view.tc("filters.clear");
  flow.place(ImGui::CalcTextSize(clear).x + ImGui::GetStyle().FramePadding.x * 2);
  if (ImGui::Button(clear)) filter = LeadFilter{}, changed = true;
  semantics().add_last_item("button", view.t("filters.clear"));
  ImGui::PopStyleVar();

  if (changed) view.emit(act::SetFilter{filter});
}

}  // namespace leads
