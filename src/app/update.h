// The one place state changes: update(state, action) -> effects to run.
#pragma once
#include <vector>

#include "app/actions.h"
#include "app/effects.h"
#include "app/state.h"

namespace leads {

std::vector<Effect> update(AppState& state, const AppAction& action);

// Recomputes the active tab's rows if they are stale (cheap when they are not); called before drawing.
void ensure_rows(AppState& state);

}  // namespace leads
