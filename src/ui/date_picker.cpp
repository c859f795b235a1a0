// The month grid of the date picker. Its state (open, the day under the keyboard cursor) is view-local like ImGui's
// own popups: it is not data of the app, and only the picked text leaves it, through the form's EditForm action.
// Keys: arrows move a day or a week, Page Up/Down a month, Enter picks, Esc closes; the grid's cells register as
// gridcells named with the full date ("31 Mart 2031 Pazartesi"), the cursor's cell focused so the page's mirror
// moves DOM focus with it (web/a11y_mirror.js).
#include "ui/date_picker.h"

#include <imgui.h>
#include <imgui_internal.h>

#include "app/format.h"
#include "domain/user_dates.h"
#include "ui/semantics.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace leads {

namespace {

struct PickerState {
  bool open = false;
  CivilDate cursor;
  unsigned field_id = 0;  // the field it belongs to: one picker is open at a time
};
PickerState g_picker;
int g_drawn_open_frame = -10;  // the last frame that drew the grid open

std::string month_name(const ViewContext& view, int month) {
  return view.t("dates.month." + std::to_string(month));
}
std::string weekday_name(const ViewContext& view, int weekday, bool short_name) {
  return view.t((short_name ? "dates.weekday_short." : "dates.weekday.") + std::to_string(weekday));
}
// "31 Mart 2031 Pazartesi" / "Monday, March 31, 2031": what a screen reader says for a day.
std::string full_date_name(const ViewContext& view, CivilDate day) {
  return fill(view.t("dates.full"), {std::to_string(day.day), month_name(view, day.month), std::to_string(day.year),
                                     weekday_name(view, weekday_of(day), false)});
}

void close_picker(bool focus_field) {
  if (focus_field) semantics().set_editing(g_picker.field_id);  // the field's element takes focus again
  g_picker.open = false;
}

// The keys of an open grid; true when Enter picked the cursor's day.
bool handle_keys(std::optional<CivilDate> earliest) {
  const ImGuiID owner = ImGui::GetID("##calendar-keys");
  const ImGuiKey keys[] = {ImGuiKey_LeftArrow, ImGuiKey_RightArrow, ImGuiKey_UpArrow,
                           ImGuiKey_DownArrow, ImGuiKey_PageUp,     ImGuiKey_PageDown,
                           ImGuiKey_Escape,    ImGuiKey_Enter,      ImGuiKey_KeypadEnter};
  for (ImGuiKey key : keys) ImGui::SetKeyOwner(key, owner);  // ImGui's own navigation must not move too
  auto pressed = [&](ImGuiKey key) { return ImGui::IsKeyPressed(key, owner, ImGuiInputFlags_Repeat); };
  CivilDate& cursor = g_picker.cursor;
  if (pressed(ImGuiKey_LeftArrow)) cursor = add_days(cursor, -1);
  if (pressed(ImGuiKey_RightArrow)) cursor = add_days(cursor, 1);
  if (pressed(ImGuiKey_UpArrow)) cursor = add_days(cursor, -7);
  if (pressed(ImGuiKey_DownArrow)) cursor = add_days(cursor, 7);
  if (pressed(ImGuiKey_PageUp)) cursor = add_months(cursor, -1);
  if (pressed(ImGuiKey_PageDown)) cursor = add_months(cursor, 1);
  if (pressed(ImGuiKey_Escape)) close_picker(true);
  const bool enter = pressed(ImGuiKey_Enter) || pressed(ImGuiKey_KeypadEnter);
  return enter && !(earliest && cursor < *earliest);
}

void month_header(const ViewContext& view) {
  CivilDate& cursor = g_picker.cursor;
  if (widgets::small_button("<##previous-month")) cursor = add_months(cursor, -1);
  semantics().add_last_item("button", view.t("dates.previous_month"));
  ImGui::SameLine();
  const std::string title = month_name(view, cursor.month) + " " + std::to_string(cursor.year);
  ImGui::TextUnformatted(title.c_str());
  SemanticNode& heading = semantics().add_last_item("heading", title);
  heading.level = 4;
  heading.value = "calendar";
  ImGui::SameLine();
  if (widgets::small_button(">##next-month")) cursor = add_months(cursor, 1);
  semantics().add_last_item("button", view.t("dates.next_month"));
}

// The month of the cursor, weeks in rows; returns the day clicked (or picked with the keyboard), if any.
std::optional<CivilDate> month_grid(const ViewContext& view, CivilDate selected, std::optional<CivilDate> earliest,
                                    bool enter) {
  const CivilDate cursor = g_picker.cursor;
  const DateStyle style = date_style_of(view.state.language);
  const int first_weekday = style == DateStyle::Turkish ? 0 : 6;  // Monday in Turkish, Sunday in English
  const CivilDate first{cursor.year, cursor.month, 1};
  const int lead_blanks = (weekday_of(first) - first_weekday + 7) % 7;
  const int days = days_in_month(cursor.year, cursor.month);
  const int weeks = (lead_blanks + days + 6) / 7;
  const float cell = ImGui::GetFrameHeight() * 1.25f;
  std::optional<CivilDate> picked;

  // The grid's own cursor is the keyboard's: ImGui's navigation must not mark a day too.
  ImGui::PushItemFlag(ImGuiItemFlags_NoNav, true);
  ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0.5f, 0.5f));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));  // columns line up under their day names
  SemanticNode& grid = semantics().begin_group("grid", view.t("dates.calendar"));
  grid.row_count = weeks + 1;
  semantics().begin_group("headerrow", view.t("dates.calendar")).row_index = 1;
  for (int column = 0; column < 7; ++column) {
    if (column > 0) ImGui::SameLine(0, 0);
    const int weekday = (first_weekday + column) % 7;
    ImGui::Dummy(ImVec2(cell, ImGui::GetTextLineHeight()));
    const std::string short_name = weekday_name(view, weekday, true);
    const ImVec2 at = ImGui::GetItemRectMin();
    const float centred = at.x + (cell - ImGui::CalcTextSize(short_name.c_str()).x) / 2;
    ImGui::GetWindowDrawList()->AddText(ImVec2(centred, at.y), ImGui::GetColorU32(ImGuiCol_TextDisabled),
                                        short_name.c_str());
    semantics().add_last_item("columnheader", weekday_name(view, weekday, false)).col_index = column + 1;
  }
  semantics().end_group();

  for (int week = 0; week < weeks; ++week) {
    // Each week its own name: a group's identity is its name, and rows sharing one would share one element.
    semantics().begin_group("row", fill(view.t("dates.week"), {std::to_string(week + 1)})).row_index = week + 2;
    for (int column = 0; column < 7; ++column) {
      if (column > 0) ImGui::SameLine(0, 0);
      const int day_number = week * 7 + column - lead_blanks + 1;
      if (day_number < 1 || day_number > days) {
        ImGui::Dummy(ImVec2(cell, cell));
        continue;
      }
      const CivilDate day{cursor.year, cursor.month, day_number};
      const bool before = earliest && day < *earliest;
      // Each date its own id, so the page's mirror keeps one element per date: an element moved to another row
      // (the same day number in the next month) would lose the DOM focus.
      ImGui::PushID(day.year * 10000 + day.month * 100 + day.day);
      ImGui::BeginDisabled(before);
      const bool clicked = ImGui::Selectable(std::to_string(day_number).c_str(), day == selected,
                                             ImGuiSelectableFlags_None, ImVec2(cell, cell));
      ImGui::EndDisabled();
      if (before && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s", view.tc("dates.in_past"));
      if (day == cursor)
        ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(),
                                            ImGui::GetColorU32(theme::colors().accent), 3.0f, 0, 2.0f);
      SemanticNode& node = semantics().add_last_item("gridcell", full_date_name(view, day));
      node.col_index = column + 1;
      node.selected = day == selected;
      node.disabled = before;
      node.focused = day == cursor;
      if (before) node.description = view.t("dates.in_past");
      if ((clicked && !before) || (enter && day == cursor)) picked = day;
      ImGui::PopID();
    }
    semantics().end_group();
  }
  semantics().end_group();
  ImGui::PopStyleVar(2);
  ImGui::PopItemFlag();
  if (earliest && cursor < *earliest) {  // the keyboard's cursor on a day it cannot pick: say why
    ImGui::TextDisabled("%s", view.tc("dates.in_past"));
    semantics().add_last_item("status", view.t("dates.in_past"));
  }
  return picked;
}

}  // namespace

bool draw_date_picker(const ViewContext& view, std::string& date, unsigned field_id,
                      std::optional<CivilDate> earliest) {
  // A grid not drawn last frame belongs to a form that closed: the next form starts with it closed.
  if (g_picker.open && g_drawn_open_frame < ImGui::GetFrameCount() - 1) g_picker.open = false;
  const DateStyle style = date_style_of(view.state.language);
  const std::optional<CivilDate> typed = parse_user_date(date, style);
  const bool open = g_picker.open && g_picker.field_id == field_id;
  if (widgets::small_button((view.t("dates.calendar") + "##open-calendar").c_str())) {
    if (open) {
      close_picker(false);
    } else {
      // It opens on the typed day, else on the first day that may be picked.
      const CivilDate today = utc_day_of(view.state.now);
      g_picker = {true, typed ? *typed : earliest ? *earliest : today, field_id};
    }
  }
  SemanticNode& button = semantics().add_last_item("button", view.t("dates.open_calendar"));
  button.has_expanded = true;
  button.expanded = g_picker.open && g_picker.field_id == field_id;
  ImGui::NewLine();
  if (!g_picker.open || g_picker.field_id != field_id) return false;
  g_drawn_open_frame = ImGui::GetFrameCount();
  ImGui::PushID("calendar");
  const bool enter = handle_keys(earliest);
  bool changed = false;
  if (g_picker.open) {
    ImGui::Separator();
    month_header(view);
    if (const auto picked = month_grid(view, typed.value_or(CivilDate{0, 0, 0}), earliest, enter)) {
      date = format_user_date(*picked, style);
      changed = true;
      close_picker(true);
    }
    ImGui::Separator();
  }
  ImGui::PopID();
  return changed;
}

bool date_picker_open() {
  return g_picker.open && g_drawn_open_frame >= ImGui::GetFrameCount() - 1;
}

}  // namespace leads
