// Where the user is, as the URL's hash: "#/qualified?stage=accepted&q=…", "#/lead/{id}". Reload, back and forward,
// and a pasted link land in the same place.
#pragma once
#include <optional>
#include <string>

#include "domain/lead_query.h"

namespace leads {

struct AppState;

struct Route {
  ListTab tab = ListTab::Marketplace;
  std::optional<Stage> stage;
  std::string search;
  std::string lead_id;  // "#/lead/{id}": the detail of one lead (its tab follows the lead)
  bool operator==(const Route& other) const {
    return tab == other.tab && stage == other.stage && search == other.search && lead_id == other.lead_id;
  }
};

// A tab's name in URLs, export file names and the page's facts: "marketplace", "qualified", "favorites".
const char* tab_slug(ListTab tab);

// Anything unknown falls back to the default route; nothing in a hash can fail.
Route parse_route(const std::string& hash);
std::string route_hash(const Route& route);
Route route_of(const AppState& state);

std::string percent_decode(const std::string& text);

}  // namespace leads
