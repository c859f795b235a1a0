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

// Whether this action is the reply to a request the user is waiting to see answered (the lead they opened, a save
// and its checks), rather than one that arrives on its own (list pages, polls, sign-in plumbing). The platform
// draws such a reply at once instead of at the next animation frame.
bool awaited_by_user(const AppState& state, const AppAction& action);

}  // namespace leads
