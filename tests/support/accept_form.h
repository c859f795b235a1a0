// An accept form filled as a Turkish user fills it, valid on the tests' dates: the start of the form tests and of
// the write-check tests, which each add only what their rule reads.
#pragma once
#include "domain/forms.h"

namespace leads::test {

inline AcceptForm a_filled_accept_form() {
  AcceptForm form;
  form.deal_name = "Kurumsal e-posta geçişi";
  form.deal_value = "1.250,50";
  form.currency = "TRY";
  form.closing_date = "2026-12-31";
  form.notes = "50 posta kutusu";
  return form;
}

}  // namespace leads::test
