// The lead table of the active tab: virtualised with ImGuiListClipper, its columns read from app/lead_columns.
#include <imgui.h>
#include <imgui_internal.h>  // setting the table's sort and reading its column widths, so the state stays the truth

#include <cmath>
#include <string>
#include <vector>

#include "app/column_layout.h"
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

void draw_heart(const ViewContext& view, const LeadRow& lead, bool favorite, int column) {
  const std::string id = lead.id();
  ImGui::PushStyleColor(ImGuiCol_Text, favorite ? theme::colors().heart_red : theme::colors().muted);
  ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
  if (widgets::small_button(favorite ? icon::kHeart : icon::kHeartOutline)) view.emit(act::ToggleFavorite{id});
  ImGui::PopStyleColor(2);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", view.tc(favorite ? "favorite.remove" : "favorite.add"));
  SemanticNode& node =
      semantics().add_last_item("checkbox", view.t("favorite.label") + ": " + std::string(lead.customer()));
  node.col_index = column;
  node.has_checked = true;
  node.checked = favorite;
  node.value = id;
}

void draw_flame(const ViewContext& view, const LeadRow& lead, int column) {
  const FlameState flame = flame_state(lead.facts(), view.state.now);
  if (flame == FlameState::None) return;
  ImGui::TextColored(flame == FlameState::ContactNow ? theme::colors().flame_orange : theme::colors().muted, "%s",
                     flame == FlameState::ContactNow ? icon::kFire : icon::kClock);
  cell(view.t(flame == FlameState::ContactNow ? "a11y.flame_contact_now" : "a11y.flame_still_wanted"), column);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", view.tc(flame == FlameState::ContactNow ? "flame.contact_now" : "flame.still_wanted"));
}

// The open lead and the marked ones are shown highlighted.
bool highlighted(const AppState& state, const std::string& id) {
  return state.selected_id == id || state.marked.count(id) > 0;
}

// The row's selectable spans every column: pressing anywhere on the row selects (or, with a modifier, marks) it.
// On the press, as a file manager or a mail client selects, not on the release: the lead's record is asked for while
// the button is still down, and its detail is drawn once, complete, by the time it comes up.
// Returns its item id: the row, not the cell, acts.
unsigned draw_row_select(const ViewContext& view, const LeadRow& lead, int column) {
  const std::string id = lead.id();
  const AppState& state = view.state;
  const bool selected = state.selected_id == id;
  const bool unseen = state.unseen.count(id) > 0;
  const std::string label = (unseen ? "● " : "") + std::string(lead.customer());
  if (ImGui::Selectable(label.c_str(), highlighted(state, id),
                        ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_SelectOnClick)) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyShift)
      view.emit(act::MarkLead{id, act::MarkMode::Range});
    else if (io.KeyCtrl || io.KeySuper)
      view.emit(act::MarkLead{id, act::MarkMode::Toggle});
    else {
      if (!state.marked.empty()) view.emit(act::ClearMarks{});
      view.emit(act::SelectLead{id});
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

void draw_row(const ViewContext& view, const std::vector<const LeadColumn*>& columns, const LeadRow& lead, int index) {
  const std::string id = lead.id();
  const AppState& state = view.state;
  ImGui::TableNextRow();
  // The selectable's highlight covers its text line; a touch screen's taller rows (more cell padding) would show a
  // band of plain background above and below it. The row's own background, in the same colour, fills the row.
  if (highlighted(state, id)) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::GetColorU32(ImGuiCol_Header));
  SemanticNode& row_start = semantics().begin_group("row", std::string(lead.customer()));
  row_start.row_index = index + 2;  // the header is row 1
  row_start.value = id;
  unsigned row_item = 0;
  int column_number = 0;  // as ARIA counts columns, from 1
  for (const LeadColumn* shown : columns) {
    const LeadColumn& column = *shown;
    ImGui::TableNextColumn();
    ++column_number;
    switch (column.look) {
      case CellLook::Heart:
        semantics().begin_group("gridcell", view.t(column.header_key)).col_index = column_number;  // cells only
        draw_heart(view, lead, state.favorites.count(id) > 0, column_number);
        semantics().end_group();
        break;
      case CellLook::Flame: draw_flame(view, lead, column_number); break;
      case CellLook::RowSelect: row_item = draw_row_select(view, lead, column_number); break;
      case CellLook::Text:
      case CellLook::Urgency: {
        const std::string text = column.cell(state, lead);
        if (text.empty()) break;
        const bool urgent = column.look == CellLook::Urgency && is_urgent(lead.facts(), state.now);
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
  row.selected = state.selected_id == id;
  row.checked = state.marked.count(id) > 0;
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

// What the ImGui table's sort shows, as this view last set or read it. The query's sort is the truth: a sort that
// changed elsewhere (a saved view, the remembered layout) is pushed into the table, and a click on a header is sent
// as an action. A new table (the columns changed) starts from ImGui's default: pushed over at once.
struct ShownSort {
  ImGuiID table = 0;
  SortColumn column = SortColumn::Received;
  bool descending = true;
  bool ignore_next = false;  // this frame: the sorted column is hidden, so the table's own pick is not the user's
};
ShownSort g_shown_sort;

void push_sort(const LeadQuery& query, const std::vector<const LeadColumn*>& columns) {
  const ImGuiID table = ImGui::GetCurrentTable() ? ImGui::GetCurrentTable()->ID : 0;
  if (g_shown_sort.table == table && g_shown_sort.column == query.sort && g_shown_sort.descending == query.descending)
    return;
  g_shown_sort = {table, query.sort, query.descending, true};
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i]->sort == query.sort) {
      ImGui::TableSetColumnSortDirection(
          static_cast<int>(i), query.descending ? ImGuiSortDirection_Descending : ImGuiSortDirection_Ascending, false);
      g_shown_sort.ignore_next = false;
    }
}

// A border the user dragged (or double-clicked to fit) becomes the column's width in the state.
void report_widths(const ViewContext& view, const std::vector<const LeadColumn*>& columns) {
  const ImGuiTable* table = ImGui::GetCurrentTable();
  if (!table || table->IsInitializing || table->ResizedColumn != -1) return;  // wait for the drag's end
  for (std::size_t i = 0; i < columns.size() && static_cast<int>(i) < table->ColumnsCount; ++i) {
    const float request = table->Columns[static_cast<int>(i)].WidthRequest;
    if (request <= 0) continue;
    const float width = std::round(request / view.ui_scale);
    for (const ColumnSetting& setting : view.state.columns.columns)
      if (setting.id == columns[i]->id && std::fabs(setting.width - width) >= 1)
        view.emit(act::Views{act::views::SetColumnWidth{setting.id, width}});
  }
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
                                // No Hideable or Reorderable: the column chooser does both, in the state.
                                ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable |
                                // Columns keep readable widths; a narrow window scrolls sideways instead of squeezing.
                                ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit;
  // The user's visible columns in their order (the CSV has more). A change of order or visibility is a new table
  // (its id holds the layout's revision), so ImGui's per-index widths and sort never carry over to another column.
  const std::vector<const LeadColumn*> columns = table_columns(state.columns);
  if (columns.empty()) return;
  const std::string table_id = "##leads" + std::to_string(state.columns.revision);
  if (!ImGui::BeginTable(table_id.c_str(), static_cast<int>(columns.size()), flags)) return;
  // The first columns (by default the heart, the flame and the customer) stay when scrolling sideways.
  ImGui::TableSetupScrollFreeze(std::min(3, static_cast<int>(columns.size())), 1);
  for (const LeadColumn* column : columns) {
    ImGuiTableColumnFlags column_flags = ImGuiTableColumnFlags_WidthFixed;
    if (!column->sort)
      column_flags |= ImGuiTableColumnFlags_NoSort;
    else if (*column->sort == LeadQuery{}.sort)
      column_flags |= ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending;
    // An icon column has no visible header; "###" keeps a column's identity (and sort state) across languages.
    const bool icon = column->look == CellLook::Heart || column->look == CellLook::Flame;
    const std::string label = (icon ? "" : view.t(column->header_key)) + (icon ? "##" : "###") + column->id;
    float width = column->width;
    for (const ColumnSetting& setting : state.columns.columns)
      if (setting.id == column->id) width = setting.width;
    ImGui::TableSetupColumn(label.c_str(), column_flags, width * view.ui_scale,
                            column->sort ? static_cast<ImGuiID>(*column->sort) : 0);
  }
  push_sort(tab_view.query, columns);
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
      if (!g_shown_sort.ignore_next && (column != tab_view.query.sort || descending != tab_view.query.descending)) {
        view.emit(act::SetSort{column, descending});
        g_shown_sort.column = column;
        g_shown_sort.descending = descending;
      }
      specs->SpecsDirty = false;
    }
  }
  g_shown_sort.ignore_next = false;
  report_widths(view, columns);

  static std::string last_selected;
  int selected_index = -1;
  if (state.selected_id != last_selected) {
    last_selected = state.selected_id;
    if (const auto selected_row = state.leads.find(state.selected_id))
      for (std::size_t i = 0; i < tab_view.rows.size(); ++i)
        if (tab_view.rows[i] == *selected_row) selected_index = static_cast<int>(i);
    g_scroll_to_selected = selected_index >= 0;
  }
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(tab_view.rows.size()));
  if (selected_index >= 0) clipper.IncludeItemByIndex(selected_index);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const LeadRow lead = state.leads.row(tab_view.rows[static_cast<std::size_t>(i)]);
      ImGui::PushID(lead.id().c_str());  // by id, not row: a refresh renumbers rows
      draw_row(view, columns, lead, i);
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
  semantics().end_group();
}

}  // namespace leads
