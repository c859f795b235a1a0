// Lead kind, tab, stage and outcome from the wire fields, following the contract's "Which leads" section.
#include "domain/classification.h"

namespace leads {

namespace {
bool equals_ignoring_ascii_case(const std::string& a, const char* b) {
  std::size_t i = 0;
  for (; i < a.size() && b[i]; ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return i == a.size() && !b[i];
}
}  // namespace

LeadKind lead_kind(const Referral& referral) {
  if (referral.direction != Direction::Incoming || referral.type != ReferralType::Independent)
    return LeadKind::OutOfScope;
  switch (referral.qualification.value) {
    case Qualification::Direct: return LeadKind::CustomerInquiry;
    case Qualification::MarketingQualified:
    case Qualification::SalesQualified: {
      // Qualified leads count only when Microsoft sent them; a partner's invitation is co-sell.
      if (!equals_ignoring_ascii_case(referral.invite_context.invited_by.organization_id, "msft"))
        return LeadKind::OutOfScope;
      return referral.qualification == Qualification::MarketingQualified ? LeadKind::MarketingQualified
                                                                         : LeadKind::SalesQualified;
    }
    case Qualification::None:
    case Qualification::Unknown: break;
  }
  return LeadKind::OutOfScope;
}

Tab tab_of(const Referral& referral) {
  switch (lead_kind(referral)) {
    case LeadKind::CustomerInquiry: return Tab::Marketplace;
    case LeadKind::MarketingQualified:
    case LeadKind::SalesQualified: return Tab::Qualified;
    case LeadKind::OutOfScope: break;
  }
  return Tab::None;
}

Stage stage_of(const Referral& referral) {
  const Substatus sub = referral.substatus.value;
  const bool sub_absent = sub == Substatus::Unknown && referral.substatus.wire.empty();
  switch (referral.status.value) {
    case Status::New:
      return sub == Substatus::Pending || sub == Substatus::Received || sub_absent ? Stage::Received : Stage::Unknown;
    case Status::Active: return sub == Substatus::Accepted || sub_absent ? Stage::Accepted : Stage::Unknown;
    case Status::Closed: return Stage::Archived;  // terminal whatever the substatus says
    case Status::None:
    case Status::Unknown: break;
  }
  return Stage::Unknown;
}

Outcome outcome_of(const Referral& referral) {
  if (stage_of(referral) != Stage::Archived) return Outcome::None;
  switch (referral.substatus.value) {
    case Substatus::Won: return Outcome::Won;
    case Substatus::Lost: return Outcome::Lost;
    case Substatus::Declined: return Outcome::Declined;
    case Substatus::Expired: return Outcome::Expired;
    default: return Outcome::Error;
  }
}

const char* to_key(LeadKind kind) {
  switch (kind) {
    case LeadKind::CustomerInquiry: return "kind.customer_inquiry";
    case LeadKind::MarketingQualified: return "kind.marketing_qualified";
    case LeadKind::SalesQualified: return "kind.sales_qualified";
    case LeadKind::OutOfScope: break;
  }
  return "kind.out_of_scope";
}

const char* to_key(Tab tab) {
  switch (tab) {
    case Tab::Marketplace: return "tab.marketplace";
    case Tab::Qualified: return "tab.qualified";
    case Tab::None: break;
  }
  return "tab.none";
}

const char* to_key(Stage stage) {
  switch (stage) {
    case Stage::Received: return "stage.received";
    case Stage::Accepted: return "stage.accepted";
    case Stage::Archived: return "stage.archived";
    case Stage::Unknown: break;
  }
  return "stage.unknown";
}

const char* to_key(Outcome outcome) {
  switch (outcome) {
    case Outcome::Won: return "outcome.won";
    case Outcome::Lost: return "outcome.lost";
    case Outcome::Declined: return "outcome.declined";
    case Outcome::Expired: return "outcome.expired";
    case Outcome::Error: return "outcome.error";
    case Outcome::None: break;
  }
  return "outcome.none";
}

}  // namespace leads
