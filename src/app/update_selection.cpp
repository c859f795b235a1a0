// The detail panel's lead, walking the list, multi-selection, favorites (with Undo) and the CSV export.
#include <algorithm>

#include "app/csv_export.h"
#include "app/route.h"
#include "app/update.h"
#include "app/update_parts.h"

namespace leads::detail {

void select_lead(AppState& state, const std::string& id) {
  if (!state.lead(id)) return;
  state.selected_id = id;
  state.unseen.erase(id);
  if (state.form.action && !state.form.bulk && state.form.lead_id != id && state.form.phase == SavePhase::Editing &&
      !state.form.show_errors)
    state.form = LeadForm{};  // an untouched form follows the selection away; a typed one stays
}

void step_lead(AppState& state, int delta) {
  ensure_rows(state);  // a reply earlier in the same frame may have changed the list
  const std::vector<std::uint32_t>& rows = state.view(state.tab).rows;
  if (rows.empty()) return;
  int position = -1;
  if (const auto row = state.leads.find(state.selected_id)) {
    auto found = std::find(rows.begin(), rows.end(), *row);
    if (found != rows.end()) position = static_cast<int>(found - rows.begin());
  }
  int next = position < 0 ? (delta > 0 ? 0 : static_cast<int>(rows.size()) - 1) : position + delta;
  next = std::clamp(next, 0, static_cast<int>(rows.size()) - 1);
  select_lead(state, state.leads.row(rows[static_cast<std::size_t>(next)]).id());
}

void mark_lead(AppState& state, const std::string& id, act::MarkMode mode) {
  if (!state.lead(id)) return;
  if (mode == act::MarkMode::Only) {
    state.marked = {id};
    state.mark_anchor = id;
  } else if (mode == act::MarkMode::Toggle) {
    if (!state.marked.erase(id)) state.marked.insert(id);
    state.mark_anchor = id;
  } else {  // a range from the anchor to this lead, in the order shown
    ensure_rows(state);
    const std::vector<std::uint32_t>& rows = state.view(state.tab).rows;
    auto position_of = [&](const std::string& lead_id) -> int {
      const auto row = state.leads.find(lead_id);
      if (!row) return -1;
      auto found = std::find(rows.begin(), rows.end(), *row);
      return found == rows.end() ? -1 : static_cast<int>(found - rows.begin());
    };
    const int to = position_of(id);
    const int from = state.mark_anchor.empty() ? to : position_of(state.mark_anchor);
    if (to < 0 || from < 0) return;
    for (int i = std::min(from, to); i <= std::max(from, to); ++i)
      state.marked.insert(state.leads.row(rows[static_cast<std::size_t>(i)]).id());
  }
}

void toggle_favorite(AppState& state, const std::string& id, std::vector<Effect>& effects, bool with_undo) {
  const bool favorite = !state.favorites.count(id);
  if (favorite)
    state.favorites.insert(id);
  else
    state.favorites.erase(id);
  favorites_changed(state);
  save_favorite(state, effects, id, favorite);
  if (with_undo) {
    const std::optional<LeadRow> lead = state.lead(id);
    const std::string name = lead ? std::string(lead->customer()) : id;
    toast(state, effects, {favorite ? "toast.favorite_added" : "toast.favorite_removed", {name}}, false, id);
  }
}

void bulk_favorite(AppState& state, std::vector<Effect>& effects) {
  int added = 0;
  for (const std::string& id : state.marked)
    if (!state.favorites.count(id)) {
      state.favorites.insert(id);
      save_favorite(state, effects, id, true);
      ++added;
    }
  favorites_changed(state);
  toast(state, effects, {"toast.bulk_favorited", {std::to_string(added)}});
}

void export_csv(AppState& state, std::vector<Effect>& effects) {
  ensure_rows(state);
  const TabView& view = state.view(state.tab);
  const std::string filename = std::string("leads-") + tab_slug(state.tab) + "-" + format_date(state.now) + ".csv";
  effects.push_back(fx::DownloadFile{filename, "text/csv;charset=utf-8", leads_csv(state, view.rows)});
  toast(state, effects, {"toast.exported", {std::to_string(view.rows.size())}});
}

void navigate(AppState& state, const Route& route) {
  if (!route.lead_id.empty()) {
    state.pending_lead = route.lead_id;
    open_pending_lead(state);
    return;
  }
  state.pending_lead.reset();
  state.selected_id.clear();
  state.tab = route.tab;
  TabView& view = state.view(route.tab);
  if (view.query.search != route.search || view.query.filter.stage != route.stage) {
    view.query.search = route.search;
    view.query.filter.stage = route.stage;
    view.stale = true;
  }
}

void open_pending_lead(AppState& state) {
  if (!state.pending_lead) return;
  const std::optional<LeadRow> lead = state.lead(*state.pending_lead);
  if (!lead) {
    if (state.load.phase == LoadPhase::Loaded) state.pending_lead.reset();  // not there: the list is the best landing
    return;
  }
  const Tab tab = tab_of(lead->facts());
  if (tab == Tab::Qualified)
    state.tab = ListTab::Qualified;
  else if (tab == Tab::Marketplace)
    state.tab = ListTab::Marketplace;
  select_lead(state, lead->id());
  state.pending_lead.reset();
}

}  // namespace leads::detail
