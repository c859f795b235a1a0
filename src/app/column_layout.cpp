// The column layout's rules: what a stored or edited layout may hold, and which columns the table and CSV show.
#include "app/column_layout.h"

#include <algorithm>
#include <cstring>
#include <unordered_set>

#include "app/lead_columns.h"

namespace leads {

const LeadColumn* find_column(const std::string& id) {
  for (const LeadColumn& column : lead_columns())
    if (id == column.id) return &column;
  return nullptr;
}

bool column_can_hide(const std::string& id) {
  const LeadColumn* column = find_column(id);
  return column && column->look != CellLook::RowSelect;
}

ColumnLayout default_column_layout() {
  ColumnLayout layout;
  for (const LeadColumn& column : lead_columns()) layout.columns.push_back({column.id, true, column.width});
  return layout;
}

ColumnLayout normalized(const ColumnLayout& layout) {
  ColumnLayout whole;
  whole.revision = layout.revision;
  std::unordered_set<std::string> seen;
  for (const ColumnSetting& setting : layout.columns) {
    const LeadColumn* column = find_column(setting.id);
    if (!column || !seen.insert(setting.id).second) continue;
    ColumnSetting kept = setting;
    // A CSV-only column has no width; a table column keeps a width it can be drawn at.
    kept.width = column->width <= 0 ? 0
                 : kept.width > 0   ? std::clamp(kept.width, kMinColumnWidth, kMaxColumnWidth)
                                    : column->width;
    if (!column_can_hide(setting.id)) kept.visible = true;
    whole.columns.push_back(std::move(kept));
  }
  for (const LeadColumn& column : lead_columns())
    if (!seen.count(column.id)) whole.columns.push_back({column.id, true, column.width});
  return whole;
}

namespace {
ColumnSetting* setting_of(ColumnLayout& layout, const std::string& id) {
  for (ColumnSetting& setting : layout.columns)
    if (setting.id == id) return &setting;
  return nullptr;
}
}  // namespace

bool set_column_visible(ColumnLayout& layout, const std::string& id, bool visible) {
  ColumnSetting* setting = setting_of(layout, id);
  if (!setting || setting->visible == visible) return false;
  if (!visible) {
    if (!column_can_hide(id)) return false;
    const auto shown =
        std::count_if(layout.columns.begin(), layout.columns.end(), [](const ColumnSetting& s) { return s.visible; });
    if (shown <= 1) return false;  // never zero columns
  }
  setting->visible = visible;
  ++layout.revision;
  return true;
}

bool move_column(ColumnLayout& layout, const std::string& id, int delta) {
  auto it =
      std::find_if(layout.columns.begin(), layout.columns.end(), [&](const ColumnSetting& s) { return s.id == id; });
  if (it == layout.columns.end() || (delta != -1 && delta != 1)) return false;
  const auto index = it - layout.columns.begin();
  const auto target = index + delta;
  if (target < 0 || target >= static_cast<long>(layout.columns.size())) return false;
  std::swap(layout.columns[static_cast<std::size_t>(index)], layout.columns[static_cast<std::size_t>(target)]);
  ++layout.revision;
  return true;
}

bool set_column_width(ColumnLayout& layout, const std::string& id, float width) {
  ColumnSetting* setting = setting_of(layout, id);
  if (!setting || setting->width <= 0 || !(width > 0)) return false;
  const float bounded = std::clamp(width, kMinColumnWidth, kMaxColumnWidth);
  if (bounded == setting->width) return false;
  setting->width = bounded;
  return true;
}

namespace {
template <class Keep>
std::vector<const LeadColumn*> visible_where(const ColumnLayout& layout, Keep keep) {
  std::vector<const LeadColumn*> out;
  for (const ColumnSetting& setting : layout.columns)
    if (const LeadColumn* column = find_column(setting.id); column && setting.visible && keep(*column))
      out.push_back(column);
  return out;
}
}  // namespace

std::vector<const LeadColumn*> visible_columns(const ColumnLayout& layout) {
  return visible_where(layout, [](const LeadColumn&) { return true; });
}
std::vector<const LeadColumn*> table_columns(const ColumnLayout& layout) {
  return visible_where(layout, [](const LeadColumn& column) { return column.width > 0; });
}
std::vector<const LeadColumn*> csv_columns(const ColumnLayout& layout) {
  return visible_where(layout, [](const LeadColumn& column) { return column.csv != nullptr; });
}
std::vector<std::string> visible_column_ids(const ColumnLayout& layout) {
  std::vector<std::string> ids;
  for (const LeadColumn* column : visible_columns(layout)) ids.push_back(column->id);
  return ids;
}

}  // namespace leads
