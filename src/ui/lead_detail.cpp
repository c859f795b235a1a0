// The detail panel of the selected lead: flame banner, actions by stage (with the reason when refused), the open
// form, the customer and their contacts, what they need, the sender's notes, the timeline and the deal.
#include <imgui.h>

#include "app/format.h"
#include "app/lead_text.h"
#include "domain/classification.h"
#include "domain/clocks.h"
#include "domain/close_reasons.h"
#include "domain/lead_display.h"
#include "domain/lifecycle.h"
#include "domain/requirements.h"
#include "ui/icons.h"
#include "ui/semantics.h"
#include "ui/theme.h"
#include "ui/view_context.h"
#include "ui/widgets.h"

namespace leads {

namespace {

// The list fields show at once; the rest waits for the full record.
void draw_navigation(const ViewContext& view, const LeadRow& lead) {
  const std::string customer(lead.customer());
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().accent);
  ImGui::TextWrapped("%s", customer.c_str());
  ImGui::PopStyleColor();
  SemanticNode& heading = semantics().add_last_item("heading", customer);
  heading.value = lead.id();
  heading.level = 2;
  if (widgets::small_button("<")) view.emit(act::StepLead{-1});
  semantics().add_last_item("button", view.t("detail.previous"));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (k)", view.tc("detail.previous"));
  ImGui::SameLine();
  if (widgets::small_button(">")) view.emit(act::StepLead{+1});
  semantics().add_last_item("button", view.t("detail.next"));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (j)", view.tc("detail.next"));
  ImGui::SameLine();
  if (widgets::small_button(view.tc("detail.close"))) view.emit(act::CloseDetail{});
  semantics().add_last_item("button", view.t("detail.close"));
  ImGui::SameLine();
  ImGui::TextDisabled("%s", std::string(lead.name()).c_str());
}

void draw_flame_banner(const ViewContext& view, const LeadFacts& lead) {
  const FlameState flame = flame_state(lead, view.state.now);
  if (flame == FlameState::None) return;
  const bool now = flame == FlameState::ContactNow;
  const char* key = now ? "flame.contact_now" : "flame.still_wanted";
  ImGui::PushStyleColor(ImGuiCol_ChildBg, now ? theme::colors().flame_banner_now : theme::colors().flame_banner_later);
  ImGui::BeginChild("##flame", ImVec2(-1, ImGui::GetTextLineHeightWithSpacing() * 2.2f), ImGuiChildFlags_Border);
  ImGui::TextColored(now ? theme::colors().flame_orange : theme::colors().muted, "%s",
                     now ? icon::kFire : icon::kClock);
  ImGui::SameLine();
  ImGui::TextWrapped("%s", view.tc(key));
  ImGui::EndChild();
  ImGui::PopStyleColor();
  semantics().add_last_item("alert", view.t(key)).value = now ? "contact-now" : "still-wanted";
}

void draw_stage_line(const ViewContext& view, const LeadRow& lead) {
  std::string text = view.t(to_key(lead_kind(lead.facts()))) + " · " + stage_text(view.state, lead);
  const std::string left = time_left_text(view.state, lead);
  if (!left.empty()) text += " · " + fill(view.t("detail.time_left"), {left});
  ImGui::TextUnformatted(text.c_str());
  semantics().add_last_item("status", text).value = to_key(stage_of(lead.facts()));
}

// Until the full record is here: that it is coming, that the lead is gone (404), or why it failed, with Retry.
void draw_record_state(const ViewContext& view) {
  const RecordFetch& fetch = view.state.record_fetch;
  if (fetch.lead_id == view.state.selected_id && fetch.phase == RecordPhase::Missing) {
    ImGui::TextWrapped("%s %s", icon::kWarning, view.tc("detail.record_missing"));
    semantics().add_last_item("alert", view.t("detail.record_missing")).value = "missing";
    return;
  }
  if (fetch.lead_id == view.state.selected_id && fetch.phase == RecordPhase::Failed && fetch.error) {
    const std::string message = fill(view.t("detail.record_failed"), {view.t(error_key(fetch.error->kind))});
    ImGui::TextWrapped("%s %s", icon::kWarning, message.c_str());
    semantics().add_last_item("alert", message).value = "failed";
    if (widgets::action_button(view, view.t("action.retry"), nullptr)) view.emit(act::RetryRecord{});
    return;
  }
  ImGui::TextDisabled("%s", view.tc("detail.record_loading"));
  semantics().add_last_item("status", view.t("detail.record_loading")).value = "loading";
}

void draw_actions(const ViewContext& view, const Referral& lead) {
  const AppState& state = view.state;
  const Stage stage = stage_of(lead);
  if (stage == Stage::Archived) {
    const ParsedStatusReason reason = parse_status_reason(lead.status_reason);
    std::string text = fill(view.t("detail.archived"), {view.t(to_key(outcome_of(lead)))});
    if (reason.reason) text += " — " + view.t(to_key(*reason.reason));
    if (!reason.notes.empty()) text += ": " + reason.notes;
    ImGui::TextWrapped("%s", text.c_str());
    semantics().add_last_item("status", text).value = "read-only";
    if (contacts_withdrawn(lead)) {  // Archived · Expired: what Partner Center did when it expired
      ImGui::TextWrapped("%s", view.tc("detail.expired_notice"));
      semantics().add_last_item("status", view.t("detail.expired_notice")).value = "expired-notice";
    }
    return;
  }
  // The lifecycle's actions from this stage, in its order; each opens the form of that action.
  bool first = true;
  for (const Transition& row : lifecycle()) {
    if (row.from != stage) continue;
    if (!first) ImGui::SameLine();
    first = false;
    const auto refusal = why_refused(lead, row.action, state.session.role, state.now);
    if (widgets::action_button(view, view.t(row.key), refusal ? refusal->key.c_str() : nullptr, row.primary))
      view.emit(act::OpenForm{row.action, lead.id});
  }
}

void draw_contacts(const ViewContext& view, const std::vector<Member>& members, const char* id) {
  ImGui::PushID(id);
  for (std::size_t i = 0; i < members.size(); ++i) {
    const Member& member = members[i];
    ImGui::PushID(static_cast<int>(i));
    std::string name = member.first_name + " " + member.last_name;
    if (!member.title.empty()) name += " · " + member.title;
    ImGui::BulletText("%s", name.c_str());
    semantics().add_last_item("text", name);
    if (!member.email.empty()) {
      ImGui::Indent();
      if (widgets::small_button(member.email.c_str())) view.emit(act::OpenLink{"mailto:" + member.email});
      semantics().add_last_item("link", member.email).value = "mailto:" + member.email;
      ImGui::SameLine();
      if (widgets::small_button(view.tc("detail.copy"))) view.emit(act::CopyText{member.email});
      semantics().add_last_item("button", view.t("detail.copy") + " " + member.email);
      ImGui::Unindent();
    }
    if (!member.phone_number.empty()) {
      ImGui::Indent();
      ImGui::PushID("phone");
      if (widgets::small_button(member.phone_number.c_str())) view.emit(act::OpenLink{"tel:" + member.phone_number});
      semantics().add_last_item("link", member.phone_number).value = "tel:" + member.phone_number;
      ImGui::SameLine();
      if (widgets::small_button(view.tc("detail.copy"))) view.emit(act::CopyText{member.phone_number});
      semantics().add_last_item("button", view.t("detail.copy") + " " + member.phone_number);
      ImGui::PopID();
      ImGui::Unindent();
    }
    ImGui::PopID();
  }
  ImGui::PopID();
}

// A collapsible section of the detail: a disclosure button to assistive technology.
bool section(const ViewContext& view, const char* key) {
  const bool open = ImGui::CollapsingHeader(view.tc(key), ImGuiTreeNodeFlags_DefaultOpen);
  SemanticNode& node = semantics().add_last_item("button", view.t(key));
  node.has_expanded = true;
  node.expanded = open;
  return open;
}

void draw_sections(const ViewContext& view, const Referral& lead) {
  const Language language = view.state.language;
  if (section(view, "detail.customer")) {
    const Address& address = lead.customer_profile.address;
    widgets::property(view, "detail.company", lead.customer_profile.name);
    // Known sizes read as words; an unknown one is shown as the service sent it.
    const std::string size_key = "size." + lead.customer_profile.size;
    const std::string& size = view.t(size_key);
    widgets::property(view, "detail.size", size == size_key ? lead.customer_profile.size : size);
    widgets::property(view, "detail.address", postal_address_of(address));
    if (contacts_withdrawn(lead)) {
      ImGui::TextDisabled("%s", view.tc("detail.contacts_withdrawn"));
      semantics().add_last_item("status", view.t("detail.contacts_withdrawn")).value = "contacts-withdrawn";
    } else {
      draw_contacts(view, lead.customer_profile.team, "customer");
    }
  }
  if (section(view, "detail.needs")) {
    widgets::property(view, "detail.requirements", requirement_names(lead.details.requirements_json));
    widgets::property(view, "detail.customer_notes", lead.details.notes);
    widgets::property(view, "detail.sender", lead.invite_context.invited_by.organization_name);
    widgets::property(view, "detail.sender_notes", lead.invite_context.notes);
  }
  if (section(view, "detail.deal")) {
    widgets::property(view, "detail.deal_name", lead.name);
    if (lead.details.deal_value)
      widgets::property(view, "detail.deal_value",
                        format_money(*lead.details.deal_value, lead.details.currency, language));
    if (lead.details.closing_date_time)
      widgets::property(view, "detail.closing_date", format_day(*lead.details.closing_date_time, language));
    widgets::property(view, "detail.crm_id", lead.external_reference_id);
    widgets::property(view, "detail.campaign_id", lead.campaign_id);
    if (!lead.team.empty()) {
      ImGui::TextDisabled("%s", view.tc("detail.team"));
      draw_contacts(view, lead.team, "team");
    }
  }
  if (section(view, "detail.timeline")) {
    auto when = [&](const char* key, const std::optional<TimeMs>& time) {
      if (time) widgets::property(view, key, format_day_time(*time, language) + " UTC");
    };
    when("detail.received", lead.created_date_time);
    if (const TimeMs deadline = answer_deadline(lead); deadline != kNoExpiry) when("detail.expires", deadline);
    when("detail.accepted", lead.accepted_date_time);
    when("detail.closed", lead.closed_date_time);
  }
}

}  // namespace

void draw_lead_detail(const ViewContext& view) {
  const AppState& state = view.state;
  const std::optional<LeadRow> row = state.lead(state.selected_id);
  if (!row) return;
  draw_navigation(view, *row);
  ImGui::Separator();
  draw_flame_banner(view, row->facts());
  draw_stage_line(view, *row);
  const Referral* lead = state.record(state.selected_id);
  if (!lead) {
    draw_record_state(view);
    return;
  }
  draw_actions(view, *lead);
  if (state.form.action && !state.form.bulk && state.form.lead_id == lead->id) {
    ImGui::Separator();
    draw_lead_form(view);
  }
  ImGui::Separator();
  draw_sections(view, *lead);
}

}  // namespace leads
