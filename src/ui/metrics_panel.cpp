// "Getting more leads": the partner's own response and outcome figures, each with Partner Center's tip that concerns
// it, the next steps (links to the business profile and the CRM connectors), a funnel, a histogram of response times
// and the reasons for declines and losses.
#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "app/format.h"
#include "domain/partner_links.h"
#include "ui/semantics.h"
#include "ui/theme.h"
#include "ui/view_context.h"
#include "ui/widgets.h"

namespace leads {

namespace {

// [SECTION] figures ------------------------------------------------------------------------------

// Turkish writes the sign first ("%33"), English after ("33%").
std::string percent(double rate, Language language) {
  const std::string number = format_number(rate * 100.0, 0, language);
  return language == Language::Turkish ? "%" + number : number + "%";
}

constexpr const char* kAmountSeparator = " · ";  // between amounts of different currencies

std::string amounts(const std::vector<CurrencyAmount>& values, Language language) {
  std::string out;
  for (const CurrencyAmount& value : values)
    out += (out.empty() ? "" : kAmountSeparator) + format_money(value.amount, value.currency, language);
  return out.empty() ? "—" : out;
}

std::string count(int value, Language language) {
  return format_number(value, 0, language);
}

// A figure, and under it the tip of Partner Center's "Getting more leads" that concerns it (if any).
void figure(const ViewContext& view, const char* key, const std::string& value, const std::string& hint = {},
            const char* tip_key = nullptr) {
  ImGui::TableNextColumn();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", view.tc(key));  // wrapped: a long Turkish label must not be cut at 360 px
  ImGui::PopStyleColor();
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().accent);
  // One amount per line ("€2,710,000.00" then "₺141,850,000.00"): wrapping would break a number in two.
  ImGui::BeginGroup();
  for (std::size_t start = 0; start <= value.size();) {
    const std::size_t end = std::min(value.find(kAmountSeparator, start), value.size());
    ImGui::TextUnformatted(value.c_str() + start, value.c_str() + end);
    start = end + std::strlen(kAmountSeparator);
  }
  ImGui::EndGroup();
  ImGui::PopStyleColor();
  if (!hint.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", hint.c_str());
  SemanticNode& node = semantics().add_last_item("status", view.t(key));
  node.value = value;
  if (!tip_key) return;
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().muted);
  ImGui::TextWrapped("%s", view.tc(tip_key));
  ImGui::PopStyleColor();
  // Named after its figure, so a screen reader says which figure the tip is about.
  SemanticNode& tip = semantics().add_last_item("note", view.t("metrics.tip") + " · " + view.t(key));
  tip.value = view.t(tip_key);
}

void draw_figures(const ViewContext& view, const LeadMetrics& m, int columns) {
  const Language language = view.state.language;
  if (!ImGui::BeginTable("##figures", columns, ImGuiTableFlags_SizingStretchSame)) return;
  const auto duration = [&](const std::optional<TimeMs>& time) {
    return time ? format_duration(*time, language) : std::string("—");
  };
  figure(view, "metrics.median_response", duration(m.median_response), {}, "metrics.tip_response");
  figure(view, "metrics.p90_response", duration(m.p90_response));
  figure(view, "metrics.acceptance_rate", percent(m.acceptance_rate, language),
         fill(view.t("metrics.acceptance_hint"),
              {count(m.accepted, language), count(m.declined, language), count(m.expired, language)}),
         "metrics.tip_acceptance");
  figure(view, "metrics.win_rate", percent(m.win_rate, language),
         fill(view.t("metrics.win_hint"), {count(m.won, language), count(m.lost, language)}), "metrics.tip_outcomes");
  figure(view, "metrics.received", count(m.received, language), {}, "metrics.tip_profile");
  figure(view, "metrics.accepted", count(m.accepted, language));
  figure(view, "metrics.won", count(m.won, language));
  figure(view, "metrics.lost", count(m.lost, language));
  figure(view, "metrics.declined", count(m.declined, language));
  figure(view, "metrics.expired", count(m.expired, language), {}, "metrics.tip_locations");
  figure(view, "metrics.pipeline_value", amounts(m.pipeline, language));
  figure(view, "metrics.won_total", amounts(m.won_value, language));
  ImGui::EndTable();
}

// [SECTION] charts -------------------------------------------------------------------------------
// Drawn into a Dummy item of the chart's size so the layout (and the semantics rectangle) knows where it is.

void heading(const ViewContext& view, const char* key) {
  ImGui::TextUnformatted(view.tc(key));
}

void image_node(const std::string& name, const std::string& value) {
  semantics().add_last_item("img", name).value = value;
}

ImU32 color(const ImVec4& c, float alpha = 1.0f) {
  return ImGui::GetColorU32(ImVec4(c.x, c.y, c.z, c.w * alpha));
}

// One horizontal bar per entry, its length proportional to the largest, the label and the count drawn over it.
// `centred` draws a funnel: bars centred on the axis instead of growing from the left.
void draw_bars(const std::vector<std::pair<std::string, int>>& entries, bool centred, const ImVec4& tint) {
  const float width = std::max(ImGui::GetContentRegionAvail().x, 60.0f);
  const float line = ImGui::GetTextLineHeight();
  const float row = line + ImGui::GetStyle().FramePadding.y * 2;
  const float gap = ImGui::GetStyle().ItemSpacing.y * 0.5f;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, entries.size() * (row + gap)));
  int largest = 1;
  for (const auto& entry : entries) largest = std::max(largest, entry.second);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float pad = ImGui::GetStyle().FramePadding.x;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const float top = origin.y + i * (row + gap);
    const float length = std::max(2.0f, width * entries[i].second / largest);
    const float left = centred ? origin.x + (width - length) * 0.5f : origin.x;
    draw->AddRectFilled(ImVec2(origin.x, top), ImVec2(origin.x + width, top + row), color(theme::colors().muted, 0.12f),
                        3);
    draw->AddRectFilled(ImVec2(left, top), ImVec2(left + length, top + row), color(tint, 0.45f), 3);
    const std::string number = std::to_string(entries[i].second);
    const float number_width = ImGui::CalcTextSize(number.c_str()).x;
    const float text_y = top + (row - line) * 0.5f;
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    // The label is clipped before the count so a long reason never runs into it.
    const ImVec4 clip(origin.x, top, origin.x + width - number_width - pad * 2, top + row);
    draw->AddText(nullptr, 0, ImVec2(origin.x + pad, text_y), text, entries[i].first.c_str(), nullptr, 0, &clip);
    draw->AddText(ImVec2(origin.x + width - number_width - pad, text_y), text, number.c_str());
  }
}

void draw_funnel(const ViewContext& view, const LeadMetrics& m) {
  heading(view, "metrics.funnel");
  const Language language = view.state.language;
  draw_bars({{view.t("metrics.received"), m.received},
             {view.t("metrics.accepted"), m.accepted},
             {view.t("metrics.won"), m.won}},
            true, theme::colors().accent);
  image_node(view.t("metrics.funnel"),
             fill(view.t("metrics.funnel_summary"),
                  {count(m.received, language), count(m.accepted, language), count(m.won, language)}));
}

// Response-time bins; the last one, past the 14-day expiry, shows only when a lead falls in it.
struct Bin {
  const char* key;
  TimeMs below;
};
const Bin kBins[] = {{"metrics.bin_1h", kHourMs},    {"metrics.bin_4h", 4 * kHourMs}, {"metrics.bin_24h", 24 * kHourMs},
                     {"metrics.bin_3d", 3 * kDayMs}, {"metrics.bin_7d", 7 * kDayMs},  {"metrics.bin_14d", 14 * kDayMs},
                     {"metrics.bin_more", 0}};
constexpr int kBinCount = sizeof kBins / sizeof kBins[0];

void draw_histogram(const ViewContext& view, const LeadMetrics& m) {
  heading(view, "metrics.histogram");
  int counts[kBinCount] = {};
  for (TimeMs time : m.response_times) {
    int bin = kBinCount - 1;
    for (int i = 0; i + 1 < kBinCount; ++i)
      if (time < kBins[i].below) {
        bin = i;
        break;
      }
    ++counts[bin];
  }
  const int bins = counts[kBinCount - 1] > 0 ? kBinCount : kBinCount - 1;
  int largest = 1;
  for (int i = 0; i < bins; ++i) largest = std::max(largest, counts[i]);

  const float width = std::max(ImGui::GetContentRegionAvail().x, 60.0f);
  const float line = ImGui::GetTextLineHeight();
  const float bars_height = line * 5;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, line + bars_height + line * 1.4f));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float slot = width / bins;
  const float base = origin.y + line + bars_height;
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 muted = color(theme::colors().muted);
  std::string summary;
  for (int i = 0; i < bins; ++i) {
    const float left = origin.x + slot * i + slot * 0.12f;
    const float right = origin.x + slot * (i + 1) - slot * 0.12f;
    const float height = std::max(1.0f, bars_height * counts[i] / largest);
    draw->AddRectFilled(ImVec2(left, base - height), ImVec2(right, base), color(theme::colors().accent, 0.7f), 2);
    const std::string number = std::to_string(counts[i]);
    const float centre = (left + right) * 0.5f;
    draw->AddText(ImVec2(centre - ImGui::CalcTextSize(number.c_str()).x * 0.5f, base - height - line), text,
                  number.c_str());
    const char* name = view.tc(kBins[i].key);
    const float name_width = ImGui::CalcTextSize(name).x;
    // Narrow slots stagger their labels on two lines so neighbours never overlap.
    const float drop = name_width > slot * 0.95f && i % 2 ? line * 0.7f : 0;
    draw->AddText(ImVec2(centre - name_width * 0.5f, base + 2 + drop), muted, name);
    summary += (summary.empty() ? "" : "; ") + view.t(kBins[i].key) + ": " + number;
  }
  draw->AddLine(ImVec2(origin.x, base), ImVec2(origin.x + width, base), muted);
  image_node(view.t("metrics.histogram"), summary);
}

void draw_reasons(const ViewContext& view, const char* key, const std::vector<std::pair<CloseReason, int>>& reasons,
                  const ImVec4& tint) {
  heading(view, key);
  std::string summary;
  std::vector<std::pair<std::string, int>> entries;
  for (const auto& [reason, number] : reasons) {
    entries.emplace_back(view.t(to_key(reason)), number);
    // "; " between entries: reason names have commas of their own ("Abuse, spam or phishing").
    summary += (summary.empty() ? "" : "; ") + view.t(to_key(reason)) + ": " + std::to_string(number);
  }
  if (entries.empty()) {
    ImGui::TextDisabled("%s", view.tc("metrics.none_yet"));
    summary = view.t("metrics.none_yet");
  } else {
    draw_bars(entries, false, tint);
  }
  image_node(view.t(key), summary);
}

// [SECTION] next steps ---------------------------------------------------------------------------

// A link opened in a new tab (the page bridge's job): the business profile and the CRM connectors' docs.
void next_step_link(const ViewContext& view, const char* key, const std::string& url) {
  const char* label = view.tc(key);
  const float text_width = ImGui::CalcTextSize(label).x;
  widgets::same_line_if_fits(text_width);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().accent);
  const bool pressed = ImGui::Selectable(label, false, 0, ImVec2(text_width, 0));
  ImGui::PopStyleColor();
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  ImGui::GetWindowDrawList()->AddLine(ImVec2(min.x, max.y - 1), ImVec2(min.x + text_width, max.y - 1),
                                      ImGui::GetColorU32(theme::colors().accent));
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand), ImGui::SetTooltip("%s", url.c_str());
  semantics().add_last_item("link", view.t(key)).value = url;
  if (pressed) view.emit(act::OpenLink{url});
}

// Under the title, so they are in view as soon as the panel opens.
void draw_next_steps(const ViewContext& view) {
  ImGui::TextDisabled("%s", view.tc("metrics.next_steps"));
  next_step_link(view, "metrics.link_profile", view.state.business_profile_url);
  next_step_link(view, "metrics.link_dynamics", std::string(kDynamicsConnectorUrl));
  next_step_link(view, "metrics.link_salesforce", std::string(kSalesforceConnectorUrl));
}

}  // namespace

void draw_metrics_panel(const ViewContext& view) {
  const LeadMetrics& m = view.state.metrics;
  // Columns follow the width in CSS pixels: a row of charts at 1280 px, one chart under another at 360 px.
  const float css_width = ImGui::GetContentRegionAvail().x / view.ui_scale;
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().accent);
  ImGui::TextUnformatted(view.tc("metrics.title"));
  ImGui::PopStyleColor();
  semantics().add_last_item("heading", view.t("metrics.title")).level = 2;
  draw_next_steps(view);
  ImGui::Spacing();

  draw_figures(view, m, std::clamp(static_cast<int>(css_width / 150), 2, 6));
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::Spacing();

  const int columns = std::clamp(static_cast<int>(css_width / 250), 1, 4);
  const ImGuiTableFlags flags =
      ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_PadOuterX | (columns > 1 ? ImGuiTableFlags_BordersInnerV : 0);
  if (ImGui::BeginTable("##charts", columns, flags)) {
    ImGui::TableNextColumn();
    draw_funnel(view, m);
    ImGui::TableNextColumn();
    draw_histogram(view, m);
    ImGui::TableNextColumn();
    draw_reasons(view, "metrics.decline_reasons", m.decline_reasons, theme::colors().warning);
    ImGui::TableNextColumn();
    draw_reasons(view, "metrics.lost_reasons", m.lost_reasons, theme::colors().error);
    ImGui::EndTable();
  }
}

}  // namespace leads
