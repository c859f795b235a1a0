// The lead table of the active tab: virtualised with ImGuiListClipper, its columns read from app/lead_columns.
#include <imgui.h>

#include <vector>

#include "app/lead_columns.h"
#include "domain/clocks.h"
#include "domain/lead_display.h"
#include "ui/icons.h"
#include "ui/semantics.h"
#include "ui/theme.h"
#include "ui/view_context.h"
#include "ui/widgets.h"

namespace leads {

namespace {

bool g_scroll_to_selected = false;  // view-local: set when the selected lead changed since the last frame

// A cell of the grid at the last item (its text), numbered as ARIA counts columns.
void cell(std::string text, int column) {
  semantics().add_last_item("gridcell", std::move(text)).col_index = column;
}

void draw_heart(const ViewContext& view, const Referral& lead, bool favorite, int column) {
  ImGui::PushStyleColor(ImGuiCol_Text, favorite ? theme::colors().heart_red : theme::colors().muted);
  ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
  if (widgets::small_button(favorite ? icon::kHeart : icon::kHeartOutline)) view.emit(act::ToggleFavorite{lead.id});
  ImGui::PopStyleColor(2);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", view.tc(favorite ? "favorite.remove" : "favorite.add"));
  SemanticNode& node =
      semantics().add_last_item("checkbox", view.t("favorite.label") + ": " + lead.customer_profile.name);
  node.col_index = column;
  node.has_checked = true;
  node.checked = favorite;
  node.value = lead.id;
}

void draw_flame(const ViewContext& view, const Referral& lead, int column) {
  const FlameState flame = flame_state(lead, view.state.now);
  if (flame == FlameState::None) return;
  ImGui::TextColored(flame == FlameState::ContactNow ? theme::colors().flame_orange : theme::colors().muted, "%s",
                     flame == FlameState::ContactNow ? icon::kFire : icon::kClock);
  cell(view.t(flame == FlameState::ContactNow ? "a11y.flame_contact_now" : "a11y.flame_still_wanted"), column);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", view.tc(flame == FlameState::ContactNow ? "flame.contact_now" : "flame.still_wanted"));
}

// The row's selectable spans every column: clicking anywhere on the row selects (or, with a modifier, marks) it.
// Returns its item id: the row, not the cell, acts.
unsigned draw_row_select(const ViewContext& view, const Referral& lead, int column) {
  const AppState& state = view.state;
  const bool selected = state.selected_id == lead.id;
  const bool unseen = state.unseen.count(lead.id) > 0;
  const std::string label = (unseen ? "● " : "") + lead.customer_profile.name;
  if (ImGui::Selectable(label.c_str(), selected || state.marked.count(lead.id) > 0,
                        ImGuiSelectableFlags_SpanAllColumns)) {
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
  customer.col_index = column;
  const unsigned row_item = customer.item_id;
  customer.item_id = 0;
  customer.key = "cell:" + customer.key;
  return row_item;
}

void draw_row(const ViewContext& view, const Referral& lead, int index) {
  const AppState& state = view.state;
  ImGui::TableNextRow();
  SemanticNode& row_start = semantics().begin_group("row", lead.customer_profile.name);
  row_start.row_index = index + 2;  // the header is row 1
  row_start.value = lead.id;
  unsigned row_item = 0;
  int column_number = 0;  // as ARIA counts columns, from 1
  for (const LeadColumn& column : lead_columns()) {
    if (column.width <= 0) continue;
    ImGui::TableNextColumn();
    ++column_number;
    switch (column.look) {
      case CellLook::Heart:
        semantics().begin_group("gridcell", view.t(column.header_key)).col_index = column_number;  // cells only
        draw_heart(view, lead, state.favorites.count(lead.id) > 0, column_number);
        semantics().end_group();
        break;
      case CellLook::Flame: draw_flame(view, lead, column_number); break;
      case CellLook::RowSelect: row_item = draw_row_select(view, lead, column_number); break;
      case CellLook::Text:
      case CellLook::Urgency: {
        const std::string text = column.cell(state, lead);
        if (text.empty()) break;
        const bool urgent = column.look == CellLook::Urgency && is_urgent(lead, state.now);
        ImGui::TextColored(urgent ? theme::colors().warning : ImGui::GetStyleColorVec4(ImGuiCol_Text), "%s",
                           text.c_str());
        cell(text, column_number);
        break;
      }
    }
  }
  semantics().end_group();
  SemanticNode& row = semantics().last_group();
  row.item_id = row_item;
  row.selected = state.selected_id == lead.id;
  row.checked = state.marked.count(lead.id) > 0;
  row.has_checked = row.checked;
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
  std::vector<const LeadColumn*> columns;  // the table's own, in order (the CSV has more)
  for (const LeadColumn& column : lead_columns())
    if (column.width > 0) columns.push_back(&column);
  if (!ImGui::BeginTable("##leads", static_cast<int>(columns.size()), flags)) return;
  ImGui::TableSetupScrollFreeze(3, 1);  // the heart, the flame and the customer stay when scrolling sideways
  for (const LeadColumn* column : columns) {
    ImGuiTableColumnFlags column_flags = ImGuiTableColumnFlags_WidthFixed;
    if (!column->sort)
      column_flags |= ImGuiTableColumnFlags_NoSort;
    else if (*column->sort == LeadQuery{}.sort)
      column_flags |= ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending;
    // An icon column has no visible header; "###" keeps a column's identity (and sort state) across languages.
    const bool icon = column->look == CellLook::Heart || column->look == CellLook::Flame;
    const std::string label = (icon ? "" : view.t(column->header_key)) + (icon ? "##" : "###") + column->id;
    ImGui::TableSetupColumn(label.c_str(), column_flags, column->width * view.ui_scale,
                            column->sort ? static_cast<ImGuiID>(*column->sort) : 0);
  }
  // The header row by hand (as TableHeadersRow does) so each header registers its sort state.
  SemanticNode& grid = semantics().begin_group("grid", view.t("a11y.lead_list"));
  grid.row_count = static_cast<long long>(tab_view.rows.size()) + 1;
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  // The header row: "headerrow" to the page's tests and the benchmark (data rows alone are "row"), role=row in the DOM.
  semantics().begin_group("headerrow", view.t("a11y.lead_list")).row_index = 1;
  for (int index = 0; index < static_cast<int>(columns.size()); ++index) {
    const LeadColumn& column = *columns[static_cast<std::size_t>(index)];
    const bool visible = ImGui::TableSetColumnIndex(index);
    if (visible) {
      ImGui::PushID(index);
      ImGui::TableHeader(ImGui::TableGetColumnName(index));
      ImGui::PopID();
    }
    // A column scrolled out of view is still a column to a screen reader (and keeps its sort state).
    const std::string& header_name = view.t(column.header_key);
    SemanticNode& header = visible ? semantics().add_last_item("columnheader", header_name)
                                   : semantics().add_node("columnheader", header_name);
    header.col_index = index + 1;
    if (column.sort) {
      const bool sorted = tab_view.query.sort == *column.sort;
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
