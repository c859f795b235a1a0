// What the workspace calls a lead (kind, tab, stage, outcome), derived only from the referral's wire fields.
#pragma once
#include <cstdint>

#include "domain/lead_facts.h"
#include "domain/referral.h"

namespace leads {

enum class LeadKind { CustomerInquiry, MarketingQualified, SalesQualified, OutOfScope };
enum class Tab : std::uint8_t { Marketplace, Qualified, None };  // None = out of scope (co-sell, outgoing, …)
enum class Stage { Received, Accepted, Archived, Unknown };
enum class Outcome { None, Won, Lost, Declined, Expired, Error };  // None unless Archived

// Incoming + Independent only: Direct is a customer inquiry; Marketing/SalesQualified count only when
// Microsoft ("msft") sent them. Everything else (co-sell, outgoing, partner-invited) is OutOfScope.
// Each rule reads the lead's facts (domain/lead_facts.h); the Referral forms reduce the record to them first.
LeadKind lead_kind(const LeadFacts& facts);
LeadKind lead_kind(const Referral& referral);
Tab tab_of(const LeadFacts& facts);
Tab tab_of(const Referral& referral);
// By status first: New = Received (substatus Pending, Received or absent), Active = Accepted (Accepted or absent),
// Closed = Archived whatever the substatus. Anything else (None, unknown text, an impossible pair) is Unknown.
Stage stage_of(const LeadFacts& facts);
Stage stage_of(const Referral& referral);
// Archived only; a Closed lead whose substatus is unknown or absent counts as Error.
Outcome outcome_of(const LeadFacts& facts);
Outcome outcome_of(const Referral& referral);

// Stable keys for the translation tables, e.g. "kind.customer_inquiry", "stage.received", "outcome.won".
const char* to_key(LeadKind kind);
const char* to_key(Tab tab);
const char* to_key(Stage stage);
const char* to_key(Outcome outcome);

}  // namespace leads
