// The forms of a lead's life: accept, decline, edit, add employees, won, lost (and bulk decline). Fields validate
// as the user types (after the first attempt to save), every typed value survives a failed save, and a conflict
// offers to reload the lead and re-apply the edit.
//
// [SECTION] pieces shared by the forms
// [SECTION] the fields of a form, as its row in the form table lists them
// [SECTION] saving state: errors, conflicts, retry
#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "app/format.h"
#include "app/quick_dates.h"
#include "domain/close_reasons.h"
#include "domain/currencies.h"
#include "ui/date_picker.h"
#include "ui/semantics.h"
#include "ui/theme.h"
#include "ui/view_context.h"
#include "ui/widgets.h"

namespace leads {

namespace {

// [SECTION] pieces shared by the forms -----------------------------------------------------------

// "TRY · Türk lirası": the code and the name in the UI's language.
std::string currency_label(const ViewContext& view, const Currency& currency) {
  const std::string_view name = view.state.language == Language::Turkish ? currency.turkish : currency.english;
  return std::string(currency.code) + " · " + std::string(name);
}

// Every ISO 4217 currency, searchable by code or name in either language ("lira", "TRY", "euro"). Typing goes to the
// popup's search field, Down moves to the matches and Enter picks the first one (web/a11y_mirror.js). The search is the
// popup's own passing state, like ImGui's open flag: it starts empty each time the popup opens.
bool currency_field(const ViewContext& view, std::string& currency, const FormErrors& errors, bool show) {
  ImGui::TextUnformatted(view.tc("form.currency"));
  bool changed = false;
  ImGui::SetNextItemWidth(220 * view.ui_scale);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float width = ImGui::CalcItemWidth();
  const Currency* chosen = find_currency(currency);
  const std::string shown = chosen ? currency_label(view, *chosen) : currency.empty() ? "—" : currency;
  const bool open = ImGui::BeginCombo("##currency", shown.c_str(), ImGuiComboFlags_HeightLarge);
  SemanticNode& node = semantics().add_last_item("combobox", view.t("form.currency"));
  if (open) semantics().place(node, at.x, at.y, at.x + width, at.y + ImGui::GetFrameHeight());  // not the popup
  node.value = currency;
  node.has_expanded = true;
  node.expanded = open;
  if (const FieldError* error = show ? errors.find("currency") : nullptr)
    node.invalid = true, node.description = view.t(error->message);
  if (open) {
    static std::string search;
    if (ImGui::IsWindowAppearing()) search.clear(), ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(-1);
    const bool enter = ImGui::InputTextWithHint("##currency-search", view.tc("currency.search_hint"), &search,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    // "filter": the page's element edits it and takes Enter (the first match) and Down (to the matches) itself.
    sync_text_field(search, view.t("currency.search"), "filter");
    const std::vector<const Currency*> matches = search_currencies(search);
    if (matches.empty()) {  // said outside the list: a listbox holds options only
      ImGui::TextDisabled("%s", view.tc("currency.none"));
      semantics().add_last_item("status", view.t("currency.none"));
    }
    semantics().begin_group("listbox", view.t("form.currency"));
    for (const Currency* option : matches) {
      const std::string label = currency_label(view, *option);
      if (ImGui::Selectable(label.c_str(), currency == option->code)) currency = option->code, changed = true;
      SemanticNode& item = semantics().add_last_item("option", label);
      item.value = std::string(option->code);
      item.selected = currency == option->code;
    }
    if (enter && !matches.empty()) {
      currency = matches.front()->code, changed = true;
      ImGui::CloseCurrentPopup();
    }
    semantics().end_group();
    ImGui::EndCombo();
  }
  widgets::field_error(view, "currency", errors, show);
  return changed;
}

// The date as the language types it (the label shows the form), the quick picks, and the calendar. Days before
// `earliest` (accepting: today) are refused by the form and shown disabled in the calendar.
bool closing_date_field(const ViewContext& view, std::string& date, const FormErrors& errors, bool show,
                        std::optional<CivilDate> earliest) {
  bool changed =
      widgets::text_field(view, "dates.closing_date_label", "closing_date", date, errors, show, 150 * view.ui_scale);
  ImGui::PushID("closing_date");  // the id text_field gave its input, for the calendar to give focus back
  const unsigned field_id = ImGui::GetID("##text");
  ImGui::PopID();
  const struct {
    const char* key;
    QuickDate pick;
  } picks[] = {{"form.this_quarter", QuickDate::EndOfThisQuarter},
               {"form.next_quarter", QuickDate::EndOfNextQuarter},
               {"form.this_year", QuickDate::EndOfThisYear}};
  const DateStyle style = date_style_of(view.state.language);
  for (const auto& pick : picks) {
    if (widgets::small_button(view.tc(pick.key))) date = quick_date(pick.pick, view.state.now, style), changed = true;
    semantics().add_last_item("button", view.t(pick.key));
    ImGui::SameLine();
  }
  changed |= draw_date_picker(view, date, field_id, earliest);
  return changed;
}

bool reason_field(const ViewContext& view, std::optional<CloseReason>& reason, const FormErrors& errors, bool show) {
  ImGui::TextUnformatted(view.tc("form.reason"));
  bool changed = false;
  ImGui::SetNextItemWidth(-1);
  const std::string current = reason ? view.t(to_key(*reason)) : view.t("form.choose_reason");
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float width = ImGui::CalcItemWidth();
  const bool open = ImGui::BeginCombo("##reason", current.c_str());
  SemanticNode& node = semantics().add_last_item("combobox", view.t("form.reason"));
  if (open) semantics().place(node, at.x, at.y, at.x + width, at.y + ImGui::GetFrameHeight());  // not the popup
  node.value = reason ? to_wire(*reason) : "";
  node.has_expanded = true;
  node.expanded = open;
  if (const FieldError* error = show ? errors.find("reason") : nullptr)
    node.invalid = true, node.description = view.t(error->message);
  if (open) {
    semantics().begin_group("listbox", view.t("form.reason"));
    for (CloseReason option : all_close_reasons()) {
      if (ImGui::Selectable(view.tc(to_key(option)), reason == option)) reason = option, changed = true;
      semantics().add_last_item("option", view.t(to_key(option))).selected = reason == option;
    }
    semantics().end_group();
    ImGui::EndCombo();
  }
  widgets::field_error(view, "reason", errors, show);
  return changed;
}

// Rows of people (the customer's extra contacts on accept, the partner's employees): several, each removable.
bool people_rows(const ViewContext& view, const char* prefix, std::vector<ContactForm>& rows, const FormErrors& errors,
                 bool show) {
  bool changed = false;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    const std::string base = std::string(prefix) + "/" + std::to_string(i) + "/";
    ContactForm& row = rows[i];
    const float width = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
    ImGui::BeginGroup();
    changed |= widgets::text_field(view, "form.first_name", base + "first_name", row.first_name, errors, show, width);
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    changed |= widgets::text_field(view, "form.last_name", base + "last_name", row.last_name, errors, show, width);
    ImGui::EndGroup();
    ImGui::BeginGroup();
    changed |= widgets::text_field(view, "form.email", base + "email", row.email, errors, show, width);
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    changed |= widgets::text_field(view, "form.phone", base + "phone", row.phone, errors, show, width);
    ImGui::EndGroup();
    if (widgets::small_button(view.tc("form.remove_person"))) {
      rows.erase(rows.begin() + static_cast<long>(i));
      changed = true;
      ImGui::PopID();
      break;
    }
    semantics().add_last_item("button", view.t("form.remove_person") + " " + std::to_string(i + 1));
    ImGui::Separator();
    ImGui::PopID();
  }
  if (widgets::small_button(view.tc("form.add_person"))) rows.emplace_back(), changed = true;
  semantics().add_last_item("button", view.t("form.add_person"));
  widgets::field_error(view, prefix, errors, show);
  return changed;
}

// [SECTION] the fields of a form, as its row in the form table lists them ------------------------

bool draw_field(const ViewContext& view, const FormField& field, FormValues& values, const LeadForm& form) {
  const FormErrors& errors = form.errors;
  const bool show = form.show_errors;
  const float narrow = 180 * view.ui_scale;
  switch (field.input) {
    case FieldInput::Text:
      return widgets::text_field(view, field.label_key, field.name, field.text(values), errors, show);
    case FieldInput::Narrow:
      return widgets::text_field(view, field.label_key, field.name, field.text(values), errors, show, narrow);
    case FieldInput::Notes:
      return widgets::text_field(view, field.label_key, field.name, field.text(values), errors, show, 0, true);
    case FieldInput::Currency: return currency_field(view, field.text(values), errors, show);
    case FieldInput::ClosingDate: {
      std::optional<CivilDate> earliest;
      if (form.action == Action::Accept) earliest = earliest_accept_date(view.state.now);
      return closing_date_field(view, field.text(values), errors, show, earliest);
    }
    case FieldInput::Reason: return reason_field(view, field.reason(values), errors, show);
    case FieldInput::People:
      if (field.label_key) ImGui::TextDisabled("%s", view.tc(field.label_key));
      return people_rows(view, field.name, field.people(values), errors, show);
  }
  return false;
}

// Fields side by side are each drawn in a group, so a label and its error stay above and below their own input.
bool draw_fields(const ViewContext& view, FormValues& values, const LeadForm& form) {
  const std::vector<FormField>& fields = form_of(*form.action).fields;
  bool changed = false;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const bool grouped = fields[i].beside_previous || (i + 1 < fields.size() && fields[i + 1].beside_previous);
    if (fields[i].beside_previous) ImGui::SameLine();
    if (grouped) ImGui::BeginGroup();
    changed |= draw_field(view, fields[i], values, form);
    if (grouped) ImGui::EndGroup();
  }
  return changed;
}

// [SECTION] saving state: errors, conflicts, retry -----------------------------------------------

void draw_save_state(const ViewContext& view, const LeadForm& form) {
  if (form.phase == SavePhase::Saving || form.phase == SavePhase::Checking) {
    const char* key = form.phase == SavePhase::Saving ? "form.saving" : "form.checking";
    ImGui::TextDisabled("%s", view.tc(key));
    semantics().add_last_item("status", view.t(key));
  }
  if (form.phase == SavePhase::Conflict) {
    std::string changes;
    for (const std::string& key : form.their_changes) changes += (changes.empty() ? "" : ", ") + view.t(key);
    const std::string text = fill(view.t("form.conflict"), {changes.empty() ? view.t("field.something") : changes});
    ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().warning);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
    semantics().add_last_item("alert", text).value = "conflict";
    if (form.theirs && widgets::action_button(view, view.t("form.reload_reapply"), nullptr, true))
      view.emit(act::ReloadAndReapply{});
  }
  if (form.phase == SavePhase::Failed && form.error) {
    std::string text = view.t(error_key(form.error->kind));
    if (form.error->kind == ApiErrorKind::Invalid && !form.error->code.empty() &&
        form.error->code.rfind("refused.", 0) == 0)
      text = view.t(form.error->code);
    if (form.bulk) text = fill(view.t("form.bulk_failed"), {std::to_string(form.bulk_failed.size())}) + " " + text;
    ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().error);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
    semantics().add_last_item("alert", text).value = form.error->message;
    ImGui::TextDisabled("%s", view.tc("form.kept"));
    if (widgets::action_button(view, view.t("action.retry"), nullptr)) view.emit(act::RetrySave{});
    if (form.error->kind == ApiErrorKind::Unauthenticated) {
      ImGui::SameLine();
      if (widgets::action_button(view, view.t("action.sign_in_again"), nullptr)) view.emit(act::SignInAgain{});
    }
  }
  if (form.phase == SavePhase::Editing && form.error && form.error->kind == ApiErrorKind::Invalid) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().error);
    ImGui::TextWrapped("%s %s", view.tc("error.invalid"), form.error->message.c_str());
    ImGui::PopStyleColor();
    semantics().add_last_item("alert", view.t("error.invalid")).value = form.error->message;
  }
}

}  // namespace

void draw_lead_form(const ViewContext& view) {
  const LeadForm& form = view.state.form;
  if (!form.action) return;
  const FormSpec& spec = form_of(*form.action);
  ImGui::PushID("lead-form");
  std::string title = view.t(spec.title_key);
  if (form.bulk) title = fill(view.t("form.bulk_decline_title"), {std::to_string(form.bulk_ids.size())});
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().accent);
  ImGui::TextUnformatted(title.c_str());
  ImGui::PopStyleColor();
  SemanticNode& dialog = semantics().begin_group("dialog", title);
  dialog.modal = false;  // the list and the detail stay usable beside the form
  SemanticNode& heading = semantics().add_last_item("heading", title);
  heading.value = "form";
  heading.level = 3;

  const bool busy = form.phase == SavePhase::Saving || form.phase == SavePhase::Checking;
  ImGui::BeginDisabled(busy);
  FormValues values = form.values;  // edited as a copy; the change arrives as an action
  if (draw_fields(view, values, form)) view.emit(act::EditForm{values});
  ImGui::EndDisabled();

  // Partner Center tells the customer as soon as a lead is declined: say so before the partner saves.
  if (*form.action == Action::Decline) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().warning);
    ImGui::TextWrapped("%s", view.tc("decline.notice"));
    ImGui::PopStyleColor();
    semantics().add_last_item("note", view.t("decline.notice"));
  }
  draw_save_state(view, form);
  const bool can_submit = !busy && form.phase != SavePhase::Conflict;
  if (widgets::action_button(view, view.t(spec.submit_key), can_submit ? nullptr : "form.wait", true))
    view.emit(act::SubmitForm{});
  ImGui::SameLine();
  if (widgets::action_button(view, view.t("form.cancel"), busy ? "form.wait" : nullptr)) view.emit(act::CloseForm{});
  semantics().end_group();
  ImGui::PopID();
}

}  // namespace leads
