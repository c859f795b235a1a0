// The lead list's columns, each described once: the lead table draws them, the CSV export writes them, and a
// sortable one names its sort key (the domain keeps one sorted order per SortColumn, see lead_query.cpp).
#pragma once
#include <cstddef>
#include <optional>
#include <string>

#include "app/state.h"

namespace leads {

// How the lead table draws a cell: its text, or a widget of its own.
enum class CellLook {
  Text,
  Heart,      // the favorite toggle
  Flame,      // the contact-now / still-wanted icon
  RowSelect,  // the selectable that spans the row (clicking anywhere on the row selects the lead)
  Urgency,    // text, in the warning color while is_urgent()
};

using LeadText = std::string (*)(const AppState& state, const LeadRow& lead);

struct LeadColumn {
  const char* id;                  // stable name of the column ("customer"), whatever the language
  const char* header_key;          // i18n key of its header
  std::optional<SortColumn> sort;  // nullopt: the column does not sort
  float width;                     // in the lead table, in CSS pixels; 0: the CSV alone has it
  CellLook look;                   // in the lead table
  LeadText cell;                   // the table's text (what a screen reader hears); nullptr for Heart and Flame
  LeadText csv;                    // the exported text; nullptr: not exported
};

// The rows of the column table, in the order the table and the CSV show them.
struct LeadColumns {
  const LeadColumn* first;
  std::size_t count;
  const LeadColumn* begin() const { return first; }
  const LeadColumn* end() const { return first + count; }
};
LeadColumns lead_columns();

}  // namespace leads
