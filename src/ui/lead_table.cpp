// The lead table of the active tab: virtualised with ImGuiListClipper, a heart per row, sortable columns.
#include <imgui.h>

#include <iterator>

#include "app/format.h"
#include "domain/classification.h"
#include "domain/clocks.h"
#include "ui/icons.h"
#include "ui/semantics.h"
#include "ui/theme.h"
#include "ui/view_context.h"
#include "ui/widgets.h"

namespace leads {

namespace {

bool g_scroll_to_selected = false;  // view-local: set when the selected lead changed since the last frame

struct Column {
  const char* key;
  SortColumn sort;
  float width;  // 0: stretch
};

const Column kColumns[] = {
    {"column.customer", SortColumn::Customer, 210}, {"column.lead", SortColumn::DealName, 260},
    {"column.kind", SortColumn::Kind, 150},         {"column.stage", SortColumn::Stage, 120},
    {"column.received", SortColumn::Received, 110}, {"column.time_left", SortColumn::TimeLeft, 90},
    {"column.value", SortColumn::Value, 130},       {"column.city", SortColumn::City, 130},
};

// A cell of the grid at the last item (its text), numbered as ARIA counts columns.
void cell(std::string text, int column) {
  semantics().add_last_item("gridcell", std::move(text)).col_index = column;
}

std::string stage_text(const ViewContext& view, const Referral& lead) {
  const Stage stage = stage_of(lead);
  std::string text = view.t(to_key(stage));
  if (stage == Stage::Archived) text += " · " + view.t(to_key(outcome_of(lead)));
  if (stage == Stage::Unknown) text += " (" + lead.status.wire + "/" + lead.substatus.wire + ")";
  return text;
}

void draw_heart(const ViewContext& view, const Referral& lead, bool favorite) {
  ImGui::PushStyleColor(ImGuiCol_Text, favorite ? theme::colors().heart_red : theme::colors().muted);
  ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
  if (widgets::small_button(favorite ? icon::kHeart : icon::kHeartOutline)) view.emit(act::ToggleFavorite{lead.id});
  ImGui::PopStyleColor(2);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", view.tc(favorite ? "favorite.remove" : "favorite.add"));
  SemanticNode& node =
      semantics().add_last_item("checkbox", view.t("favorite.label") + ": " + lead.customer_profile.name);
  node.col_index = 1;
  node.has_checked = true;
  node.checked = favorite;
  node.value = lead.id;
}

void draw_flame(const ViewContext& view, const Referral& lead) {
  const FlameState flame = flame_state(lead, view.state.now);
  if (flame == FlameState::None) return;
  ImGui::TextColored(flame == FlameState::ContactNow ? theme::colors().flame_orange : theme::colors().muted, "%s",
                     flame == FlameState::ContactNow ? icon::kFire : icon::kClock);
  cell(view.t(flame == FlameState::ContactNow ? "a11y.flame_contact_now" : "a11y.flame_still_wanted"), 2);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", view.tc(flame == FlameState::ContactNow ? "flame.contact_now" : "flame.still_wanted"));
}

void draw_row(const ViewContext& view, const Referral& lead, int index) {
  const AppState& state = view.state;
  ImGui::TableNextRow();
  SemanticNode& row_start = semantics().begin_group("row", lead.customer_profile.name);
  row_start.row_index = index + 2;  // the header is row 1
  row_start.value = lead.id;
  ImGui::TableNextColumn();
  semantics().begin_group("gridcell", view.t("column.favorite")).col_index = 1;  // a row holds cells only
  draw_heart(view, lead, state.favorites.count(lead.id) > 0);
  semantics().end_group();
  ImGui::TableNextColumn();
  draw_flame(view, lead);

  ImGui::TableNextColumn();
  const bool selected = state.selected_id == lead.id;
  const bool marked = state.marked.count(lead.id) > 0;
  const bool unseen = state.unseen.count(lead.id) > 0;
  const std::string label = (unseen ? "● " : "") + lead.customer_profile.name;
  if (ImGui::Selectable(label.c_str(), selected || marked, ImGuiSelectableFlags_SpanAllColumns)) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyShift)
      view.emit(act::MarkLead{lead.id, act::MarkMode::Range});
    else if (io.KeyCtrl || io.KeySuper)
      view.emit(act::MarkLead{lead.id, act::MarkMode::Toggle});
    else {
      if (!state.marked.empty()) view.emit(act::ClearMarks{});
      view.emit(act::SelectLead{lead.id});
    }
  }
  if (selected && g_scroll_to_selected) {  // the selection moved (keys, previous/next): bring it into view
    ImGui::SetScrollHereY(0.5f);
    g_scroll_to_selected = false;
  }
  // The row acts through its selectable (which spans the row); the cell names the customer.
  SemanticNode& customer = semantics().add_last_item("gridcell", label);
  customer.col_index = 3;
  const unsigned row_item = customer.item_id;
  customer.item_id = 0;
  customer.key = "cell:" + customer.key;

  const auto text_cell = [](const std::string& text, int column) {
    ImGui::TextUnformatted(text.c_str());
    cell(text, column);
  };
  ImGui::TableNextColumn();
  text_cell(lead.name, 4);
  ImGui::TableNextColumn();
  text_cell(view.t(to_key(lead_kind(lead))), 5);
  ImGui::TableNextColumn();
  text_cell(stage_text(view, lead), 6);
  ImGui::TableNextColumn();
  if (lead.created_date_time) text_cell(format_day(*lead.created_date_time, state.language), 7);
  ImGui::TableNextColumn();
  if (stage_of(lead) == Stage::Received) {
    const TimeMs left = expiry_time_left(lead, state.now);
    if (left != kNoExpiry) {
      const bool urgent = left < 48 * kHourMs;
      const std::string text = format_duration(left, state.language);
      ImGui::TextColored(urgent ? theme::colors().warning : ImGui::GetStyleColorVec4(ImGuiCol_Text), "%s",
                         text.c_str());
      cell(text, 8);
    }
  }
  ImGui::TableNextColumn();
  if (lead.details.deal_value)
    text_cell(format_money(*lead.details.deal_value, lead.details.currency, state.language), 9);
  ImGui::TableNextColumn();
  const std::string place =
      lead.customer_profile.address.city +
      (lead.customer_profile.address.country.empty() ? "" : ", " + lead.customer_profile.address.country);
  text_cell(place, 10);
  semantics().end_group();
  SemanticNode& row = semantics().last_group();
  row.item_id = row_item;
  row.selected = selected;
  row.checked = marked;
  row.has_checked = marked;
}

const char* empty_key(ListTab tab, const LeadQuery& query) {
  if (!query.search.empty()) return "empty.search";
  switch (tab) {
    case ListTab::Marketplace: return "empty.marketplace";
    case ListTab::Qualified: return "empty.qualified";
    case ListTab::Favorites: return "empty.favorites";
  }
  return "empty.marketplace";
}

}  // namespace

void draw_lead_table(const ViewContext& view) {
  const AppState& state = view.state;
  const TabView& tab_view = state.view(state.tab);
  if (tab_view.rows.empty()) {
    if (state.load.phase == LoadPhase::Loaded || state.tab == ListTab::Favorites) {
      ImGui::Spacing();
      ImGui::TextDisabled("%s", view.tc(empty_key(state.tab, tab_view.query)));
      semantics().add_last_item("status", view.t(empty_key(state.tab, tab_view.query)));
    }
    return;
  }

  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable | ImGuiTableFlags_Hideable |
                                // Columns keep readable widths; a narrow window scrolls sideways instead of squeezing.
                                ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("##leads", 2 + static_cast<int>(std::size(kColumns)), flags)) return;
  ImGui::TableSetupScrollFreeze(3, 1);
  ImGui::TableSetupColumn("##heart", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort,
                          26 * view.ui_scale);
  ImGui::TableSetupColumn("##flame", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort,
                          22 * view.ui_scale);
  for (const Column& column : kColumns) {
    ImGuiTableColumnFlags column_flags = ImGuiTableColumnFlags_WidthFixed;
    if (column.sort == SortColumn::Received)
      column_flags |= ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending;
    // "###" keeps the column's identity (and its sort state) across a language switch.
    const std::string label = view.t(column.key) + "###" + column.key;
    ImGui::TableSetupColumn(label.c_str(), column_flags, column.width * view.ui_scale,
                            static_cast<ImGuiID>(column.sort));
  }
  // The header row by hand (as TableHeadersRow does) so each header registers its sort state.
  SemanticNode& grid = semantics().begin_group("grid", view.t("a11y.lead_list"));
  grid.row_count = static_cast<long long>(tab_view.rows.size()) + 1;
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  // The header row: "headerrow" to the page's tests and the benchmark (data rows alone are "row"), role=row in the DOM.
  semantics().begin_group("headerrow", view.t("a11y.lead_list")).row_index = 1;
  for (int column = 0; column < ImGui::TableGetColumnCount(); ++column) {
    const char* shown = column == 0 ? view.tc("column.favorite") : column == 1 ? view.tc("flame.label") : nullptr;
    const std::string header_name = shown ? shown : view.t(kColumns[column - 2].key);
    const bool visible = ImGui::TableSetColumnIndex(column);
    if (visible) {
      ImGui::PushID(column);
      ImGui::TableHeader(ImGui::TableGetColumnName(column));
      ImGui::PopID();
    }
    // A column scrolled out of view is still a column to a screen reader (and keeps its sort state).
    SemanticNode& header = visible ? semantics().add_last_item("columnheader", header_name)
                                   : semantics().add_node("columnheader", header_name);
    header.col_index = column + 1;
    if (column >= 2) {
      const bool sorted = tab_view.query.sort == kColumns[column - 2].sort;
      header.sort = !sorted ? "none" : tab_view.query.descending ? "descending" : "ascending";
    }
  }
  semantics().end_group();

  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
    if (specs->SpecsDirty && specs->SpecsCount > 0) {
      const ImGuiTableColumnSortSpecs& spec = specs->Specs[0];
      const auto column = static_cast<SortColumn>(spec.ColumnUserID);
      const bool descending = spec.SortDirection == ImGuiSortDirection_Descending;
      if (column != tab_view.query.sort || descending != tab_view.query.descending)
        view.emit(act::SetSort{column, descending});
      specs->SpecsDirty = false;
    }
  }

  static std::string last_selected;
  int selected_index = -1;
  if (state.selected_id != last_selected) {
    last_selected = state.selected_id;
    if (auto it = state.row_of_id.find(state.selected_id); it != state.row_of_id.end())
      for (std::size_t i = 0; i < tab_view.rows.size(); ++i)
        if (tab_view.rows[i] == it->second) selected_index = static_cast<int>(i);
    g_scroll_to_selected = selected_index >= 0;
  }
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(tab_view.rows.size()));
  if (selected_index >= 0) clipper.IncludeItemByIndex(selected_index);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const Referral& lead = state.leads[tab_view.rows[static_cast<std::size_t>(i)]];
      ImGui::PushID(lead.id.c_str());
      draw_row(view, lead, i);
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
  semantics().end_group();
}

}  // namespace leads
