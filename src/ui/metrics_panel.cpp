// "Getting more leads": the partner's own response and outcome figures beside the advice that goes with them.
#include <imgui.h>

#include "app/format.h"
#include "ui/semantics.h"
#include "ui/theme.h"
#include "ui/view_context.h"

namespace leads {

namespace {
std::string percent(double rate, Language language) { return format_number(rate * 100.0, 0, language) + " %"; }

std::string amounts(const std::vector<CurrencyAmount>& values, Language language) {
  std::string out;
  for (const CurrencyAmount& value : values)
    out += (out.empty() ? "" : " · ") + format_money(value.amount, value.currency, language);
  return out.empty() ? "—" : out;
}

void figure(const ViewContext& view, const char* key, const std::string& value) {
  ImGui::TableNextColumn();
  ImGui::TextDisabled("%s", view.tc(key));
  ImGui::TextUnformatted(value.c_str());
  semantics().add_last_item("status", view.t(key)).value = value;
}
}  // namespace

void draw_metrics_panel(const ViewContext& view) {
  const LeadMetrics& m = view.state.metrics;
  const Language language = view.state.language;
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
  ImGui::TextUnformatted(view.tc("metrics.title"));
  ImGui::PopStyleColor();
  semantics().add_last_item("heading", view.t("metrics.title"));
  if (ImGui::BeginTable("##figures", 4)) {
    figure(view, "metrics.median_response", m.median_response ? format_duration(*m.median_response, language) : "—");
    figure(view, "metrics.p90_response", m.p90_response ? format_duration(*m.p90_response, language) : "—");
    figure(view, "metrics.acceptance_rate", percent(m.acceptance_rate, language));
    figure(view, "metrics.win_rate", percent(m.win_rate, language));
    figure(view, "metrics.received", std::to_string(m.received));
    figure(view, "metrics.accepted", std::to_string(m.accepted));
    figure(view, "metrics.won", std::to_string(m.won));
    figure(view, "metrics.lost", std::to_string(m.lost));
    ImGui::EndTable();
  }
  ImGui::TextDisabled("%s", view.tc("metrics.pipeline"));
  ImGui::SameLine();
  ImGui::TextUnformatted(amounts(m.pipeline, language).c_str());
  ImGui::TextDisabled("%s", view.tc("metrics.won_value"));
  ImGui::SameLine();
  ImGui::TextUnformatted(amounts(m.won_value, language).c_str());
  ImGui::Separator();
  ImGui::TextWrapped("%s", view.tc("metrics.advice"));
}

}  // namespace leads
