// Everything that can change the state: user intents, replies from the server and the browser, the passing of time.
#pragma once
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "api/http.h"
#include "app/i18n.h"
#include "domain/lead_query.h"
#include "store/favorites_store.h"

namespace leads {

namespace act {
struct Start {};                       // the app is ready: sign in, load favorites, then the list
struct TokenGiven { std::string token; };  // a token from the host or configuration
struct HttpDone { std::uint64_t request_id; HttpResponse response; };
struct RetryLoad {};
struct Refresh {};
struct FavoritesArrived { FavoritesLoaded loaded; };
struct ToggleFavorite { std::string id; };
struct FavoriteSaved { std::string id; bool favorite; bool kept; };
struct SelectTab { ListTab tab; };
struct SetSearch { std::string text; };
struct SetSort { SortColumn column; bool descending; };
struct SelectLead { std::string id; };
struct SetLanguage { Language language; };
struct Tick { TimeMs now; };
}  // namespace act

using Action = std::variant<act::Start, act::TokenGiven, act::HttpDone, act::RetryLoad, act::Refresh,
                            act::FavoritesArrived, act::ToggleFavorite, act::FavoriteSaved, act::SelectTab,
                            act::SetSearch, act::SetSort, act::SelectLead, act::SetLanguage, act::Tick>;

}  // namespace leads
