// The calendar beside a date field: a button that opens a month grid under the field, driven by mouse or keyboard.
#pragma once
#include <optional>
#include <string>

#include "domain/timestamp.h"
#include "ui/view_context.h"

namespace leads {

// Draws the "Calendar" button on the current line, ends the line, and the open month grid below it. A day picked
// writes `date` in the language's date form and returns true; Enter or Esc give the keyboard back to the field
// (`field_id`, the ImGui id of its text input). Days before `earliest` are shown disabled with the reason.
bool draw_date_picker(const ViewContext& view, std::string& date, unsigned field_id, std::optional<CivilDate> earliest);

// While a grid was drawn open last frame it owns the arrows, Page Up/Down, Enter and Esc: the global shortcuts
// leave them alone. (A grid whose form closed is no longer drawn, so it stops counting.)
bool date_picker_open();

}  // namespace leads
