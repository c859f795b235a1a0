// The one state value of the app: changed only by update(), read by the views.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "api/api_error.h"
#include "api/jwt_claims.h"
#include "api/referrals_api.h"
#include "app/i18n.h"
#include "domain/lead_query.h"
#include "domain/referral.h"
#include "domain/roles.h"

namespace leads {

enum class SignInPhase { Waiting, SignedIn, Unavailable };

struct Session {
  SignInPhase phase = SignInPhase::Waiting;
  std::string token;
  TokenClaims claims;
  Role role = Role::None;
  std::string problem;  // why sign-in is unavailable
};

enum class LoadPhase { Idle, Loading, Loaded, Failed };

// Progress of fetching the whole list, page after page.
struct ListLoad {
  LoadPhase phase = LoadPhase::Idle;
  std::optional<std::int64_t> expected;  // @odata.count of the first page
  std::size_t received = 0;
  std::size_t skipped = 0;               // rows the client could not read
  std::string skip_reason;
  std::optional<ApiError> error;
  std::optional<TimeMs> last_refresh;
  bool progressive = false;  // first load: rows appear as pages arrive
};

enum class FavoritesPersistence { Unknown, Persistent, SessionOnly };

// One tab's own query (filters, search, sort) and its current rows, so switching tabs keeps each as it was.
struct TabView {
  LeadQuery query;
  std::vector<std::uint32_t> rows;  // indices into AppState::leads, in display order
  bool stale = true;                // rows must be recomputed before the next draw
};

enum class RequestPurpose { DevToken, ListPage };

struct AppState {
  ApiConfig api;
  Language language = Language::English;
  Session session;
  ListLoad load;
  std::vector<Referral> leads;
  std::vector<Referral> incoming;  // a refresh's pages, swapped in when complete
  std::unordered_map<std::string, std::uint32_t> row_of_id;
  LeadIndex index;
  TabCounts counts;
  std::unordered_set<std::string> favorites;
  FavoritesPersistence favorites_persistence = FavoritesPersistence::Unknown;
  std::string favorites_problem;
  ListTab tab = ListTab::Marketplace;
  std::array<TabView, 3> views;
  std::string selected_id;
  TimeMs now = 0;
  std::uint64_t next_request_id = 1;
  std::map<std::uint64_t, RequestPurpose> pending;  // what each request in flight is for

  TabView& view(ListTab which) { return views[static_cast<int>(which)]; }
  const TabView& view(ListTab which) const { return views[static_cast<int>(which)]; }
};

AppState initial_state(const ApiConfig& api, Language language, TimeMs now);

}  // namespace leads
