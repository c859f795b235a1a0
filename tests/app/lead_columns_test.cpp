// Tests of the column table: ids unique, every column shown or exported, every sort key reachable from exactly one
// column, and the cells the table shows (stage, time left, place) read from the one place that decides them.
#include "app/lead_columns.h"

#include <doctest/doctest.h>

#include <set>

#include "app_test_support.h"

using namespace leads;
using namespace leads::test;

namespace {
const LeadColumn& column_named(const std::string& id) {
  for (const LeadColumn& column : lead_columns())
    if (column.id == id) return column;
  FAIL("no column " << id);
  return *lead_columns().begin();
}

AppState state_with(Referral lead) {
  AppState state = initial_state(ApiConfig{kBaseUrl, "", ""}, test_texts(), Language::English, kNow);
  state.leads.upsert(lead);
  return state;
}
}  // namespace

TEST_CASE("every column has its own id and is shown by the table, exported, or both") {
  std::set<std::string> ids;
  for (const LeadColumn& column : lead_columns()) {
    CAPTURE(column.id);
    CHECK(ids.insert(column.id).second);
    const bool in_table = column.width > 0, has_cell = column.cell != nullptr, exported = column.csv != nullptr;
    CHECK((in_table || exported));
    const bool widget = column.look == CellLook::Heart || column.look == CellLook::Flame;
    if (in_table) CHECK((widget || has_cell));  // a table column draws a widget or a text
    if (!in_table) CHECK_FALSE(has_cell);       // nothing draws a cell the table does not have
  }
}

TEST_CASE("every sort key is reached from exactly one column, and the sorted orders are as many as the keys") {
  std::set<int> sorts;
  for (const LeadColumn& column : lead_columns())
    if (column.sort) {
      CAPTURE(column.id);
      CHECK(column.width > 0);  // a sort is chosen from the table's header
      CHECK(static_cast<std::size_t>(*column.sort) < sort_column_count());
      CHECK(sorts.insert(static_cast<int>(*column.sort)).second);
    }
  CHECK(sorts.size() == sort_column_count());
}

TEST_CASE("the table shows the place where the CSV has the city and the country apart") {
  Referral lead = make_lead("p");
  lead.customer_profile.address.city = "İzmir";
  const AppState state = state_with(lead);
  CHECK(column_named("city").cell(state, state.leads.row(0)) == "İzmir, TR");
  CHECK(column_named("city").csv(state, state.leads.row(0)) == "İzmir");
  CHECK(column_named("country").csv(state, state.leads.row(0)) == "TR");
}

TEST_CASE("the stage and time-left cells: an archived lead names its outcome and has no time left") {
  const AppState received = state_with(make_lead("r"));
  CHECK(column_named("stage").cell(received, received.leads.row(0)) == "Received");
  CHECK(column_named("time_left").cell(received, received.leads.row(0)) == "13 d 0 h");
  CHECK(column_named("time_left").look == CellLook::Urgency);
  const AppState won = state_with(make_lead("w", "Closed", "Won"));
  CHECK(column_named("stage").cell(won, won.leads.row(0)) == "Archived · Won");
  CHECK(column_named("time_left").cell(won, won.leads.row(0)).empty());
  const AppState unknown = state_with(make_lead("u", "Open", "Waiting"));
  CHECK(column_named("stage").csv(unknown, unknown.leads.row(0)) == "Unknown stage (Open/Waiting)");
}
