// The rule the server enforces on a partner's PATCH of a referral, and the limits the client's forms share with it.
#pragma once
#include <cstddef>
#include <optional>
#include <string_view>

#include "domain/currencies.h"  // is_known_currency
#include "domain/record_limits.h"
#include "domain/referral_json.h"
#include "domain/roles.h"
#include "domain/utf8.h"  // text_length, which the limits below count in

namespace leads {

// [SECTION] limits shared by forms.h and the server (lengths count Unicode code points)
constexpr std::size_t kMaxNameLength = 200;         // the deal name
constexpr std::size_t kMaxNotesLength = 2000;       // details/notes, and the notes part of statusReason
constexpr std::size_t kMaxIdLength = 100;           // externalReferenceId, campaignId
constexpr std::size_t kMaxMemberFieldLength = 100;  // each of a member's names, email, phone, title
constexpr std::size_t kMaxMembersPerWrite = 20;     // "add /team/-" operations in one PATCH
// kMaxTeamSize (the partner's team on one lead, in total) is in record_limits.h, derived from the list reader's.
constexpr std::size_t kMaxPatchOperations = 64;

bool is_plausible_email(std::string_view email);  // one '@', a dotted domain, no blanks
bool is_plausible_phone(std::string_view phone);  // 7 to 15 digits, optional leading '+', blanks ( ) - . / between
// Text a person may type into a field: valid UTF-8 with no control character (C0, DEL, C1; NUL included) and no
// bidirectional embedding, override or isolate (U+202A-U+202E, U+2066-U+2069), which make a name display as
// something else. Multi-line fields (notes) also allow TAB, LF and CR.
bool is_safe_text(std::string_view utf8, bool multiline = false);
constexpr const char* kUnsafeTextMessage =
    "contains a control character or a bidirectional override (U+202A-U+202E, U+2066-U+2069)";

// Why a member (name + email/phone) is refused: which field ("first_name", "email", "phone") and a form error key
// ("form.too_long", "form.bad_characters", "form.name_required", …).
struct MemberProblem {
  const char* field;
  const char* key;
};
std::optional<MemberProblem> check_member(std::string_view first_name, std::string_view last_name,
                                          std::string_view email, std::string_view phone);
// A member as the server receives it (an added team member, an incoming lead's contacts): check_member, and the
// title's length and characters. The error names the wire field under `path` ("team/-/email",
// "customerProfile/team/2/firstName").
std::optional<FieldError> check_member_fields(const Member& member, const std::string& path);

// [SECTION] the write rule
enum class WriteErrorKind { Invalid /*400 invalidRequest*/, Forbidden /*403 accessDenied*/ };
struct WriteError {
  WriteErrorKind kind;
  FieldError error;  // error.field is the `target`: e.g. "status", "details/dealValue", "statusReason", "team/-"
};
struct WriteResult {
  std::optional<Referral> updated;
  std::optional<WriteError> error;
};

// Checks the patch shape (an array of {op, path, value}; only replace/add; only the paths a partner may write:
// /name, /details/dealValue, /details/currency, /details/closingDateTime, /details/notes, /externalReferenceId,
// /campaignId, add /team/-, /status, /substatus, /statusReason), applies it, then enforces: the role may act (else
// Forbidden); a Closed, expired-New or unknown-status lead takes no write; the lead moves along a row of the
// lifecycle table (lifecycle.h) from its stage, and has what that row needs (accepting: a deal name, a finite deal
// value >= 0, a known currency and a closing date; declining and losing: a statusReason starting with a known
// code); every length limit above; each added member passes check_member. Sets acceptedDateTime / closedDateTime
// and updatedDateTime = now; leaves eTag alone.
WriteResult apply_partner_patch(const Referral& current, const Json& patch, Role role, TimeMs now);

}  // namespace leads
