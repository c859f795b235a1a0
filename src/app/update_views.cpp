// Views that stay, in update(): the signed-in user's remembered layout read once and applied (a link given before
// it arrived wins), written a little after it changes; saved views named, applied, renamed, deleted; the column
// chooser's changes. The rules are in app/saved_views.cpp and app/column_layout.cpp.
#include <algorithm>

#include "app/update_parts.h"
#include "app/visit_every.h"

namespace leads::detail {

namespace {

// Long enough that typing a search or dragging a column border writes once, short enough that a reload soon after
// a change still finds it.
constexpr int kWriteAfterMs = 600;

RememberedLayout layout_of(const AppState& state) {
  RememberedLayout layout;
  layout.tab = state.tab;
  for (std::size_t i = 0; i < 3; ++i) layout.queries[i] = state.views[i].query;
  layout.columns = state.columns;
  return layout;
}

void set_query(AppState& state, ListTab tab, const LeadQuery& query) {
  TabView& view = state.view(tab);
  if (same_query(view.query, query)) return;
  view.query = query;
  view.query.tab = tab;
  view.stale = true;
}

void apply_layout(AppState& state, const RememberedLayout& layout) {
  const std::uint64_t revision = state.columns.revision;
  state.columns = normalized(layout.columns);
  state.columns.revision = revision + 1;
  const bool keep_place = state.remembered.route_given;
  // A link's own tab keeps the query it named; the other tabs come back as they were left.
  const ListTab linked_tab = state.tab;
  for (std::size_t i = 0; i < 3; ++i) {
    const auto tab = static_cast<ListTab>(i);
    if (keep_place && tab == linked_tab) continue;
    set_query(state, tab, layout.queries[i]);
  }
  if (!keep_place) state.tab = layout.tab;
}

void on_read(AppState& state, const ViewsRead& read) {
  ViewsMemory& memory = state.remembered;
  if (read.owner != memory.owner || memory.loaded) return;  // another user signed in meanwhile
  memory.loaded = true;
  DecodedViews decoded = read.problem.empty() ? decode_views(read.text) : DecodedViews{std::nullopt, read.problem};
  memory.problem = decoded.problem;
  if (decoded.record) {
    memory.saved = std::move(decoded.record->views);
    apply_layout(state, decoded.record->layout);
    memory.written = decoded.record->layout;
    memory.dirty = false;
    return;
  }
  // Unreadable (corrupt, another schema): ignored, and set aside by the next write rather than lost.
  if (!read.text.empty()) memory.set_aside = read.text;
  memory.written = layout_of(state);  // nothing is written until something changes
}

void write_now(AppState& state, std::vector<Effect>& effects) {
  ViewsMemory& memory = state.remembered;
  memory.write_armed = false;
  const RememberedLayout layout = layout_of(state);
  if (!memory.loaded || memory.owner.empty() || (!memory.dirty && layout == memory.written)) return;
  memory.written = layout;
  memory.dirty = false;
  ++memory.writes;
  effects.push_back(fx::Views{fx::views::Write{memory.owner, encode_views({layout, memory.saved}), memory.set_aside}});
}

void on_written(AppState& state, const act::views::Written& written, std::vector<Effect>& effects) {
  ViewsMemory& memory = state.remembered;
  if (written.owner != memory.owner) return;
  if (written.kept) {
    ++memory.kept;
    memory.set_aside.clear();
    memory.write_problem.clear();
    return;
  }
  // Kept in memory for the session; said once per kind of failure, not at every write.
  const std::string problem = written.problem.empty() ? "views.save_failed" : written.problem;
  if (problem != memory.write_problem) toast(state, effects, {problem, {}}, true);
  memory.write_problem = problem;
}

void save_current(AppState& state, const std::string& name) {
  ViewsMemory& memory = state.remembered;
  memory.message = view_name_problem(memory.saved, name);
  if (!memory.message.empty()) return;
  memory.saved.push_back({trimmed_view_name(name), state.view(state.tab).query});
  memory.saved.back().query.tab = state.tab;
  memory.dirty = true;
}

void apply_view(AppState& state, std::size_t index) {
  ViewsMemory& memory = state.remembered;
  if (index >= memory.saved.size()) return;
  const SavedView& view = memory.saved[index];
  state.tab = view.query.tab;
  state.selected_id.clear();
  state.pending_lead.reset();
  set_query(state, view.query.tab, view.query);
  memory.message.clear();
}

void rename_view(AppState& state, std::size_t index, const std::string& name) {
  ViewsMemory& memory = state.remembered;
  if (index >= memory.saved.size()) return;
  memory.message = view_name_problem(memory.saved, name, index);
  if (!memory.message.empty()) return;
  memory.saved[index].name = trimmed_view_name(name);
  memory.dirty = true;
}

void delete_view(AppState& state, std::size_t index) {
  ViewsMemory& memory = state.remembered;
  if (index >= memory.saved.size()) return;
  memory.saved.erase(memory.saved.begin() + static_cast<long>(index));
  memory.message.clear();
  memory.dirty = true;
}

}  // namespace

void on_views(AppState& state, const act::Views& action, std::vector<Effect>& effects) {
  ViewsMemory& memory = state.remembered;
  std::visit(Overloaded{
                 [&](const act::views::TogglePanel&) {
                   memory.show_panel = !memory.show_panel;
                   memory.message.clear();
                 },
                 [&](const act::views::ToggleColumns&) { memory.show_columns = !memory.show_columns; },
                 [&](const act::views::SaveCurrent& a) { save_current(state, a.name); },
                 [&](const act::views::Apply& a) { apply_view(state, a.index); },
                 [&](const act::views::Rename& a) { rename_view(state, a.index, a.name); },
                 [&](const act::views::Delete& a) { delete_view(state, a.index); },
                 [&](const act::views::ShowColumn& a) { set_column_visible(state.columns, a.id, a.visible); },
                 [&](const act::views::MoveColumn& a) { move_column(state.columns, a.id, a.delta); },
                 [&](const act::views::ResetColumns&) {
                   const std::uint64_t revision = state.columns.revision;
                   state.columns = default_column_layout();
                   state.columns.revision = revision + 1;
                 },
                 [&](const act::views::SetColumnWidth& a) { set_column_width(state.columns, a.id, a.width); },
                 [&](const act::views::Read& a) { on_read(state, a.read); },
                 [&](const act::views::Written& a) { on_written(state, a, effects); },
                 [&](const act::views::WriteDue&) { write_now(state, effects); },
             },
             action.what);
}

void note_route_given(AppState& state, const Route& route) {
  if (state.remembered.loaded) return;
  if (!route.lead_id.empty() || !(route == route_of(state))) state.remembered.route_given = true;
}

void keep_views(AppState& state, std::vector<Effect>& effects) {
  ViewsMemory& memory = state.remembered;
  const std::string owner =
      state.session.phase == SignInPhase::SignedIn ? owner_of(state.session.claims) : std::string();
  if (!owner.empty() && owner != memory.owner) {
    // Another user's views are never shown to this one: start from this user's record.
    ViewsMemory fresh;
    fresh.owner = owner;
    fresh.route_given = memory.route_given;
    fresh.show_panel = memory.show_panel;
    fresh.show_columns = memory.show_columns;
    memory = std::move(fresh);
    effects.push_back(fx::Views{fx::views::Read{owner}});
    return;
  }
  if (!memory.loaded || memory.write_armed) return;
  if (memory.dirty || layout_of(state) != memory.written) {
    memory.write_armed = true;
    effects.push_back(fx::After{kWriteAfterMs, act::Views{act::views::WriteDue{}}});
  }
}

}  // namespace leads::detail
