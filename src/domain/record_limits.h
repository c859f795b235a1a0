// What one stored lead may hold so that any page of the list stays readable by the client: the client reader's
// limits, the write limits derived from them (one place, used by the client's reader and by server-mock's writes),
// and the check a record passes before it is stored.
#pragma once
#include <cstddef>
#include <optional>
#include <string>

#include "domain/referral_json.h"

namespace leads {

// [SECTION] the client reader's limits (src/api reads every list page with these)
constexpr std::size_t kListPageMaxBytes = 32u << 20;  // one list response body
constexpr int kListPageMaxDepth = 32;                 // nesting of one list response
constexpr std::size_t kListPageMaxItems = 1000;       // the $top the client asks for, and server-mock's default cap

// [SECTION] write limits derived from them
// A page is {"@odata.context": …, "value": [lead, …], "@odata.nextLink": …}: each lead starts two levels down.
constexpr int kMaxLeadDepth = kListPageMaxDepth - 2;
// A member starts at most three levels inside a lead (customerProfile → team → member).
constexpr int kMaxMemberDepth = kMaxLeadDepth - 3;
constexpr std::size_t kMaxLeadBytes = 32 * 1024;       // one lead as stored and listed (compact JSON)
constexpr std::size_t kLeadGrowthBytes = 512;          // what the server adds later on its own (expiry: status, date)
constexpr std::size_t kPageEnvelopeBytes = 64 * 1024;  // everything of a page but its leads
constexpr std::size_t kMaxMemberBytes = 2 * 1024;      // one team member, unknown properties included
constexpr std::size_t kMaxTeamSize = 50;               // members per team: the partner's, and the customer's contacts

// A full page of the largest leads (and the commas between them) is still a page the client reads.
static_assert(kListPageMaxItems * (kMaxLeadBytes + kLeadGrowthBytes + 1) + kPageEnvelopeBytes <= kListPageMaxBytes,
              "a $top=1000 page of the largest leads must stay under the client's page limit");
// One lead read alone (GET /{id}) goes through parse_json_text's default limits.
static_assert(kMaxLeadBytes + kLeadGrowthBytes <= JsonLimits{}.max_bytes && kMaxLeadDepth <= JsonLimits{}.max_depth,
              "one lead must stay readable on its own");

// [SECTION] the check before storing
enum class RecordProblemKind { Invalid /*400 invalidRequest*/, TooLarge /*413 payloadTooLarge*/ };
struct RecordProblem {
  RecordProblemKind kind;
  FieldError error;  // error.field is the `target`: "team", "customerProfile/team/3", "details/closingDateTime", …
};

// Checks a lead about to be stored, and leaves its stored text (compact JSON) in `text`: the size of each team,
// each member's size and depth, the lead's size and depth, and that the text reads back as a referral (a date
// outside years 0001-9999, say, does not). nullopt when it may be stored.
std::optional<RecordProblem> check_record(const Referral& referral, std::string& text);

}  // namespace leads
