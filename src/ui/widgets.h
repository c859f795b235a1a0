// Small shared widgets: labelled text fields that register their semantics and show inline errors.
#pragma once
#include <string>

#include "domain/forms.h"
#include "ui/view_context.h"

namespace leads::widgets {

// A labelled single-line text field bound to a copy of `value`; returns true when the user changed it.
// `field` is the form's field name: its error (if shown) is drawn under the field and the field is outlined.
bool text_field(const ViewContext& view, const char* label_key, const std::string& field, std::string& value,
                const FormErrors& errors, bool show_errors, float width = 0, bool multiline = false);

// The error of `field`, if shown, in red under the last item (registered as an "alert" node).
void field_error(const ViewContext& view, const std::string& field, const FormErrors& errors, bool show_errors);

// A button that is disabled with a reason shown on hover (and in its semantics) when `refusal_key` is set.
bool action_button(const ViewContext& view, const std::string& label, const char* refusal_key, bool primary = false);

// ImGui's small button, full-size when the pointer is a finger (targets of at least 24 CSS pixels).
bool small_button(const char* label);

// Continues the row when a widget of `next_width` still fits, else starts a new line (toolbars on narrow screens).
void same_line_if_fits(float next_width);

// TR / EN: the language switch of the header and the sign-in screen (each button named in its own language).
void language_switch(const ViewContext& view);

// A label/value pair in the detail panel.
void property(const ViewContext& view, const char* label_key, const std::string& value);

}  // namespace leads::widgets
