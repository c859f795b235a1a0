// The user's columns of the lead list: which show, in which order, how wide. The model is the one truth (not
// imgui.ini): the table draws it, the CSV writes its visible columns in its order, and it is remembered per user.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace leads {

struct LeadColumn;  // app/lead_columns.h (which needs the state, and the state holds this layout)

struct ColumnSetting {
  std::string id;  // a LeadColumn's id
  bool visible = true;
  float width = 0;  // in CSS pixels; 0 for a column only the CSV has
  bool operator==(const ColumnSetting& other) const {
    return id == other.id && visible == other.visible && width == other.width;
  }
};

struct ColumnLayout {
  std::vector<ColumnSetting> columns;  // every column of the table in lead_columns(), once, in the user's order
  std::uint64_t revision = 0;          // bumped when order or visibility changes (the table starts over)
  bool operator==(const ColumnLayout& other) const { return columns == other.columns; }
  bool operator!=(const ColumnLayout& other) const { return !(*this == other); }
};

constexpr float kMinColumnWidth = 16, kMaxColumnWidth = 2000;

// Every column, as lead_columns() lists them, shown, at its default width.
ColumnLayout default_column_layout();

// A layout read from storage or built by hand made whole: unknown and repeated ids dropped, missing columns added
// (shown) after the rest, widths bounded, and the column that opens a lead always shown (so never zero columns).
ColumnLayout normalized(const ColumnLayout& layout);

// The column that selects a row (the customer): hiding it would leave no way to open a lead from the table.
bool column_can_hide(const std::string& id);

// Each returns false (and changes nothing) when refused: an unknown id, the last step, a column that must stay.
bool set_column_visible(ColumnLayout& layout, const std::string& id, bool visible);
bool move_column(ColumnLayout& layout, const std::string& id, int delta);  // -1 up (left), +1 down (right)
bool set_column_width(ColumnLayout& layout, const std::string& id, float width);

// The visible columns in order: all of them, the table's (width > 0), or the CSV's (those with a CSV text).
std::vector<const LeadColumn*> visible_columns(const ColumnLayout& layout);
std::vector<const LeadColumn*> table_columns(const ColumnLayout& layout);
std::vector<const LeadColumn*> csv_columns(const ColumnLayout& layout);
std::vector<std::string> visible_column_ids(const ColumnLayout& layout);

const LeadColumn* find_column(const std::string& id);

}  // namespace leads
