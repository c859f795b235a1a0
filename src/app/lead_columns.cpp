// The column table: one row per column of the lead list, read by the lead table, the CSV export and the sorts.
#include "app/lead_columns.h"

#include <iterator>

#include "app/format.h"
#include "app/lead_text.h"
#include "domain/classification.h"
#include "domain/lead_display.h"

namespace leads {

namespace {

std::string favorite_csv(const AppState& state, const LeadRow& lead) {
  return state.favorites.count(lead.id()) ? state.t("csv.yes") : "";
}
std::string customer(const AppState&, const LeadRow& lead) {
  return std::string(lead.customer());
}
std::string deal_name(const AppState&, const LeadRow& lead) {
  return std::string(lead.name());
}
std::string kind(const AppState& state, const LeadRow& lead) {
  return state.t(to_key(lead_kind(lead.facts())));
}
std::string received(const AppState& state, const LeadRow& lead) {
  const TimeMs created = lead.facts().created;
  return created != kNoTime ? format_day(created, state.language) : "";
}
std::string money(const AppState& state, const LeadRow& lead) {
  const LeadFacts& facts = lead.facts();
  return facts.has_value ? format_money(facts.value, std::string(lead.currency()), state.language) : "";
}
// A spreadsheet wants the number alone: the currency has a column of its own.
std::string value_number(const AppState& state, const LeadRow& lead) {
  return lead.facts().has_value ? format_number(lead.facts().value, 2, state.language) : "";
}
std::string currency(const AppState&, const LeadRow& lead) {
  return std::string(lead.currency());
}
std::string place(const AppState&, const LeadRow& lead) {
  return place_of(lead.city(), lead.country());
}
std::string city(const AppState&, const LeadRow& lead) {
  return std::string(lead.city());
}
std::string country(const AppState&, const LeadRow& lead) {
  return std::string(lead.country());
}
std::string lead_id(const AppState&, const LeadRow& lead) {
  return lead.id();
}

const LeadColumn kColumns[] = {
    {"favorite", "column.favorite", std::nullopt, 26, CellLook::Heart, nullptr, favorite_csv},
    {"flame", "flame.label", std::nullopt, 22, CellLook::Flame, nullptr, nullptr},
    {"customer", "column.customer", SortColumn::Customer, 210, CellLook::RowSelect, customer, customer},
    {"lead", "column.lead", SortColumn::DealName, 260, CellLook::Text, deal_name, deal_name},
    {"kind", "column.kind", SortColumn::Kind, 150, CellLook::Text, kind, kind},
    {"stage", "column.stage", SortColumn::Stage, 120, CellLook::Text, stage_text, stage_text},
    {"received", "column.received", SortColumn::Received, 110, CellLook::Text, received, received},
    {"time_left", "column.time_left", SortColumn::TimeLeft, 90, CellLook::Urgency, time_left_text, time_left_text},
    {"value", "column.value", SortColumn::Value, 130, CellLook::Text, money, value_number},
    {"currency", "column.currency", std::nullopt, 0, CellLook::Text, nullptr, currency},
    // The table shows the place ("İzmir, TR"), the CSV its two parts.
    {"city", "column.city", SortColumn::City, 130, CellLook::Text, place, city},
    {"country", "column.country", std::nullopt, 0, CellLook::Text, nullptr, country},
    {"id", "column.id", std::nullopt, 0, CellLook::Text, nullptr, lead_id},
};

}  // namespace

LeadColumns lead_columns() {
  return LeadColumns{kColumns, std::size(kColumns)};
}

}  // namespace leads
