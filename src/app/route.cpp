// Parsing and writing the hash route.
#include "app/route.h"

#include "api/referrals_api.h"
#include "app/state.h"

namespace leads {

namespace {
struct TabSlug {
  ListTab tab;
  const char* slug;
};
const TabSlug kTabSlugs[] = {
    {ListTab::Marketplace, "marketplace"}, {ListTab::Qualified, "qualified"}, {ListTab::Favorites, "favorites"}};
const char* kStageNames[] = {"received", "accepted", "archived"};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

const char* tab_slug(ListTab tab) {
  for (const TabSlug& entry : kTabSlugs)
    if (entry.tab == tab) return entry.slug;
  return kTabSlugs[0].slug;
}

std::string percent_decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

Route parse_route(const std::string& hash) {
  Route route;
  std::string path = hash;
  if (!path.empty() && path[0] == '#') path.erase(0, 1);
  std::string query;
  if (auto question = path.find('?'); question != std::string::npos) {
    query = path.substr(question + 1);
    path.erase(question);
  }
  if (path.rfind("/lead/", 0) == 0) {
    route.lead_id = percent_decode(path.substr(6));
    return route;
  }
  for (const TabSlug& entry : kTabSlugs)
    if (path == std::string("/") + entry.slug) route.tab = entry.tab;
  std::size_t start = 0;
  while (start < query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    const std::string pair = query.substr(start, end - start);
    const auto equals = pair.find('=');
    const std::string key = pair.substr(0, equals);
    const std::string value = equals == std::string::npos ? "" : percent_decode(pair.substr(equals + 1));
    if (key == "q") route.search = value.substr(0, 200);
    if (key == "stage")
      for (int i = 0; i < 3; ++i)
        if (value == kStageNames[i]) route.stage = static_cast<Stage>(i);
    start = end + 1;
  }
  return route;
}

std::string route_hash(const Route& route) {
  if (!route.lead_id.empty()) return "#/lead/" + url_encode(route.lead_id);
  std::string hash = std::string("#/") + tab_slug(route.tab);
  std::string query;
  if (route.stage && *route.stage != Stage::Unknown)
    query += std::string("stage=") + kStageNames[static_cast<int>(*route.stage)];
  if (!route.search.empty()) query += (query.empty() ? "" : "&") + std::string("q=") + url_encode(route.search);
  return query.empty() ? hash : hash + "?" + query;
}

Route route_of(const AppState& state) {
  Route route;
  if (state.pending_lead) {
    route.lead_id = *state.pending_lead;
    return route;
  }
  if (!state.selected_id.empty()) {
    route.lead_id = state.selected_id;
    return route;
  }
  route.tab = state.tab;
  const LeadQuery& query = state.view(state.tab).query;
  route.stage = query.filter.stage;
  route.search = query.search;
  return route;
}

}  // namespace leads
