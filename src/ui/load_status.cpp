// Loading progress, a failed load with its reason and Retry, and the warning when favorites will not be kept.
#include <imgui.h>

#include "app/format.h"
#include "ui/icons.h"
#include "ui/semantics.h"
#include "ui/theme.h"
#include "ui/view_context.h"

namespace leads {

void draw_load_status(const ViewContext& view) {
  const AppState& state = view.state;
  const ListLoad& load = state.load;

  if (load.phase == LoadPhase::Loading) {
    const float fraction = load.expected && *load.expected > 0
                               ? static_cast<float>(load.received) / static_cast<float>(*load.expected)
                               : 0.0f;
    const std::string text =
        fill(view.t("load.progress"),
             {format_number(static_cast<double>(load.received), 0, state.language),
              load.expected ? format_number(static_cast<double>(*load.expected), 0, state.language) : "…"});
    ImGui::ProgressBar(fraction, ImVec2(-1, 0), text.c_str());
    SemanticNode& node = semantics().add_last_item("progressbar", view.t("load.label"));
    node.value = text;
    node.value_now = static_cast<double>(load.received);
    if (load.expected) node.value_max = static_cast<double>(*load.expected);
  }

  // A list kept from an earlier visit is on screen while the changes since are asked for: say how old it is.
  if (state.snapshot.phase == SnapshotPhase::Shown) {
    const std::string text = fill(view.t("snapshot.as_of"), {format_day_time(state.snapshot.as_of, state.language)});
    ImGui::TextDisabled("%s", text.c_str());
    semantics().add_last_item("status", text).value = "snapshot";
  }

  if (load.phase == LoadPhase::Failed && load.error) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().error);
    const std::string message = std::string(icon::kWarning) + " " + view.t(error_key(load.error->kind));
    ImGui::TextWrapped("%s", message.c_str());
    ImGui::PopStyleColor();
    semantics().add_last_item("alert", view.t(error_key(load.error->kind))).value = load.error->message;
    ImGui::TextDisabled("%s", load.error->message.c_str());
    ImGui::SameLine();
    if (ImGui::Button(view.tc("action.retry"))) view.emit(act::RetryLoad{});
    semantics().add_last_item("button", view.t("action.retry"));
  }

  if (load.skipped > 0) {
    // "1 lead could not be read and is not shown (ID: …)": the count, and the ids that could be read.
    std::string text =
        fill(view.t(load.skipped == 1 ? "load.skipped_one" : "load.skipped"), {std::to_string(load.skipped)});
    if (!load.skipped_ids.empty()) {
      std::string ids;
      for (std::size_t i = 0; i < load.skipped_ids.size() && i < 5; ++i) ids += (i ? ", " : "") + load.skipped_ids[i];
      if (load.skipped_ids.size() > 5) ids += ", …";
      text += " " + fill(view.t("load.skipped_ids"), {ids});
    }
    ImGui::TextColored(theme::colors().warning, "%s", text.c_str());
    semantics().add_last_item("status", text).value = load.skip_reason;
  }

  // Inside a portal's frame the browser keeps a separate storage per portal: say so where favorites are shown.
  if (state.host.mode == HostMode::Embedded && state.tab == ListTab::Favorites &&
      state.favorites_persistence == FavoritesPersistence::Persistent) {
    ImGui::TextDisabled("%s", view.tc("favorites.partitioned"));
    semantics().add_last_item("status", view.t("favorites.partitioned"));
  }
  if (state.favorites_persistence == FavoritesPersistence::SessionOnly) {
    // Closed for a newer version in another tab: reloading fixes it, so say that rather than "cannot be saved".
    const char* key =
        state.favorites_problem == "favorites.newer_version" ? "favorites.newer_version" : "favorites.not_kept";
    const std::string text = std::string(icon::kWarning) + " " + view.t(key);
    ImGui::TextColored(theme::colors().warning, "%s", text.c_str());
    semantics().add_last_item("alert", view.t(key)).value = state.favorites_problem;
  } else if (!state.favorites_unsaved.empty()) {
    // The storage was full: these hearts live in memory until a retry writes them.
    const std::string message = fill(view.t("favorites.quota"), {std::to_string(state.favorites_unsaved.size())});
    const std::string text = std::string(icon::kWarning) + " " + message;
    ImGui::TextColored(theme::colors().warning, "%s", text.c_str());
    semantics().add_last_item("alert", message).value = "favorites.quota";
  }
}

}  // namespace leads
