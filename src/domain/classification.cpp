// Lead kind, tab, stage and outcome from the wire fields, following the contract's "Which leads" section.
#include "domain/classification.h"

namespace leads {

LeadKind lead_kind(const LeadFacts& facts) {
  if (facts.direction != Direction::Incoming || facts.type != ReferralType::Independent) return LeadKind::OutOfScope;
  switch (facts.qualification) {
    case Qualification::Direct: return LeadKind::CustomerInquiry;
    case Qualification::MarketingQualified:
    case Qualification::SalesQualified: {
      // Qualified leads count only when Microsoft sent them; a partner's invitation is co-sell.
      if (!facts.sent_by_microsoft) return LeadKind::OutOfScope;
      return facts.qualification == Qualification::MarketingQualified ? LeadKind::MarketingQualified
                                                                      : LeadKind::SalesQualified;
    }
    case Qualification::None:
    case Qualification::Unknown: break;
  }
  return LeadKind::OutOfScope;
}

Tab tab_of(const LeadFacts& facts) {
  switch (lead_kind(facts)) {
    case LeadKind::CustomerInquiry: return Tab::Marketplace;
    case LeadKind::MarketingQualified:
    case LeadKind::SalesQualified: return Tab::Qualified;
    case LeadKind::OutOfScope: break;
  }
  return Tab::None;
}

Stage stage_of(const LeadFacts& facts) {
  const Substatus sub = facts.substatus;
  const bool sub_absent = facts.substatus_absent;
  switch (facts.status) {
    case Status::New:
      return sub == Substatus::Pending || sub == Substatus::Received || sub_absent ? Stage::Received : Stage::Unknown;
    case Status::Active: return sub == Substatus::Accepted || sub_absent ? Stage::Accepted : Stage::Unknown;
    case Status::Closed: return Stage::Archived;  // terminal whatever the substatus says
    case Status::None:
    case Status::Unknown: break;
  }
  return Stage::Unknown;
}

Outcome outcome_of(const LeadFacts& facts) {
  if (stage_of(facts) != Stage::Archived) return Outcome::None;
  switch (facts.substatus) {
    case Substatus::Won: return Outcome::Won;
    case Substatus::Lost: return Outcome::Lost;
    case Substatus::Declined: return Outcome::Declined;
    case Substatus::Expired: return Outcome::Expired;
    default: return Outcome::Error;
  }
}

LeadKind lead_kind(const Referral& referral) {
  return lead_kind(facts_of(referral));
}
Tab tab_of(const Referral& referral) {
  return tab_of(facts_of(referral));
}
Stage stage_of(const Referral& referral) {
  return stage_of(facts_of(referral));
}
Outcome outcome_of(const Referral& referral) {
  return outcome_of(facts_of(referral));
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
