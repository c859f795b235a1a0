// The wire field tables (see referral_fields.h): one row per JSON property, built from the member it maps to so that
// a row whose shape does not fit its member's type fails to compile.
#include "domain/referral_fields.h"

#include <type_traits>
#include <utility>
#include <vector>

namespace leads {

namespace {

// [SECTION] row builders -------------------------------------------------------------------------

template <class Pointer>
struct MemberOf;
template <class Owner, class Value>
struct MemberOf<Value Owner::*> {
  using owner = Owner;
  using value = Value;
};
template <auto M>
using OwnerOf = typename MemberOf<decltype(M)>::owner;
template <auto M>
using ValueOf = typename MemberOf<decltype(M)>::value;

template <auto M>
void* slot_of(void* owner) {
  return &(static_cast<OwnerOf<M>*>(owner)->*M);
}

// A WireObject known to describe Owner, so that a nested row can only point at the table of its member's type.
template <class Owner>
struct ObjectOf {
  WireObject wire;
};

template <class Owner>
Json* unknown_of(void* owner) {
  return &static_cast<Owner*>(owner)->unknown;
}

template <class Owner, std::size_t N>
constexpr ObjectOf<Owner> object_of(const WireField (&fields)[N]) {
  static_assert(N <= 64, "the page reader keeps one bit per field in a 64-bit word");
  return ObjectOf<Owner>{WireObject{fields, N, &unknown_of<Owner>}};
}

template <auto M, class Expected>
constexpr WireField row(std::string_view name, WireShape shape, WireNeed need = WireNeed::Optional,
                        bool omit_when_empty = false) {
  static_assert(std::is_same_v<ValueOf<M>, Expected>, "the field's shape does not fit its member's type");
  return WireField{name, shape, &slot_of<M>, nullptr, need, omit_when_empty};
}

template <auto M>
constexpr WireField text(std::string_view name, WireNeed need = WireNeed::Optional) {
  return row<M, std::string>(name, WireShape::Text, need);
}
template <auto M>
constexpr WireField text_if_any(std::string_view name) {
  return row<M, std::string>(name, WireShape::Text, WireNeed::Optional, true);
}
template <auto M>
constexpr WireField time(std::string_view name) {
  return row<M, std::optional<TimeMs>>(name, WireShape::Time);
}
template <auto M>
constexpr WireField time_if_any(std::string_view name) {
  return row<M, std::optional<TimeMs>>(name, WireShape::Time, WireNeed::Optional, true);
}
template <auto M>
constexpr WireField flag(std::string_view name) {
  return row<M, bool>(name, WireShape::Flag);
}
template <auto M>
constexpr WireField number(std::string_view name) {
  return row<M, std::optional<double>>(name, WireShape::Number);
}
template <auto M>
constexpr WireField requirements(std::string_view name) {
  return row<M, std::string>(name, WireShape::Requirements);
}
template <auto M>
constexpr WireField any_json(std::string_view name) {  // written only when not null
  return row<M, Json>(name, WireShape::AnyJson, WireNeed::Optional, true);
}
template <auto M>
constexpr WireField object(std::string_view name, const ObjectOf<ValueOf<M>>& nested) {
  WireField field{name, WireShape::Object, &slot_of<M>};
  field.nested = &nested.wire;
  return field;
}
template <auto M>
constexpr WireField members(std::string_view name, const ObjectOf<Member>& member) {
  WireField field = row<M, std::vector<Member>>(name, WireShape::Members);
  field.nested = &member.wire;
  return field;
}

template <class E, WireEnum<E> (*FromWire)(const std::string&)>
void enum_from_wire(void* slot, const std::string& text) {
  *static_cast<WireEnum<E>*>(slot) = FromWire(text);
}
template <class E>
const std::string& enum_to_wire(const void* slot) {
  return static_cast<const WireEnum<E>*>(slot)->wire;
}
template <auto M, auto FromWire>
constexpr WireField enumeration(std::string_view name, WireNeed need = WireNeed::Optional) {
  using E = decltype(ValueOf<M>::value);
  WireField field = row<M, WireEnum<E>>(name, WireShape::Enum, need);
  field.enum_from_wire = &enum_from_wire<E, FromWire>;
  field.enum_to_wire = &enum_to_wire<E>;
  return field;
}

// [SECTION] the tables ---------------------------------------------------------------------------
// Innermost objects first; rows in the order the readers check them (the first error found is the one reported).

constexpr WireField kPreferenceFields[] = {
    text<&ContactPreference::locale>("locale"),
    flag<&ContactPreference::disable_notifications>("disableNotifications"),
};
constexpr ObjectOf<ContactPreference> kPreference = object_of<ContactPreference>(kPreferenceFields);

constexpr WireField kMemberFields[] = {
    text<&Member::first_name>("firstName"),
    text<&Member::last_name>("lastName"),
    text<&Member::email>("email"),
    text<&Member::phone_number>("phoneNumber"),
    text_if_any<&Member::title>("title"),  // left out when empty
    object<&Member::contact_preference>("contactPreference", kPreference),
};
constexpr ObjectOf<Member> kMember = object_of<Member>(kMemberFields);

constexpr WireField kAddressFields[] = {
    text<&Address::address_line1>("addressLine1"),
    text<&Address::address_line2>("addressLine2"),
    text<&Address::city>("city"),
    text<&Address::state>("state"),
    text<&Address::postal_code>("postalCode"),
    text<&Address::country>("country"),
    text<&Address::region>("region"),
};
constexpr ObjectOf<Address> kAddress = object_of<Address>(kAddressFields);

constexpr WireField kProfileFields[] = {
    text<&CustomerProfile::name>("name"),
    text<&CustomerProfile::size>("size"),
    object<&CustomerProfile::address>("address", kAddress),
    members<&CustomerProfile::team>("team", kMember),
};
constexpr ObjectOf<CustomerProfile> kProfile = object_of<CustomerProfile>(kProfileFields);

constexpr WireField kConsentFields[] = {
    flag<&Consent::share_info_with_others>("consentToToShareInfoWithOthers"),  // sic: the contract's spelling
    flag<&Consent::contact>("consentToContact"),
    flag<&Consent::share_with_microsoft_sellers>("consentToShareReferralWithMicrosoftSellers"),
};
constexpr ObjectOf<Consent> kConsent = object_of<Consent>(kConsentFields);

constexpr WireField kDetailsFields[] = {
    text<&Details::notes>("notes"),
    number<&Details::deal_value>("dealValue"),
    text<&Details::currency>("currency"),
    time<&Details::closing_date_time>("closingDateTime"),
    requirements<&Details::requirements_json>("requirements"),
    flag<&Details::customer_requested_contact>("customerRequestedContact"),
};
constexpr ObjectOf<Details> kDetails = object_of<Details>(kDetailsFields);

constexpr WireField kInvitedByFields[] = {
    text<&InvitedBy::organization_id>("organizationId"),
    text<&InvitedBy::organization_name>("organizationName"),
};
constexpr ObjectOf<InvitedBy> kInvitedBy = object_of<InvitedBy>(kInvitedByFields);

constexpr WireField kInviteFields[] = {
    text<&InviteContext::notes>("notes"),
    object<&InviteContext::invited_by>("invitedBy", kInvitedBy),
};
constexpr ObjectOf<InviteContext> kInvite = object_of<InviteContext>(kInviteFields);

constexpr WireField kReferralFields[] = {
    text<&Referral::id>("id", WireNeed::RequiredStored),
    text<&Referral::engagement_id>("engagementId"),
    text<&Referral::name>("name"),
    text<&Referral::organization_id>("organizationId"),
    text<&Referral::organization_name>("organizationName"),
    text<&Referral::external_reference_id>("externalReferenceId"),
    text<&Referral::campaign_id>("campaignId"),
    time_if_any<&Referral::created_date_time>("createdDateTime"),
    time_if_any<&Referral::updated_date_time>("updatedDateTime"),
    time_if_any<&Referral::expiration_date_time>("expirationDateTime"),
    time_if_any<&Referral::accepted_date_time>("acceptedDateTime"),
    time_if_any<&Referral::closed_date_time>("closedDateTime"),
    enumeration<&Referral::status, &status_from_wire>("status", WireNeed::Required),
    enumeration<&Referral::substatus, &substatus_from_wire>("substatus"),
    text<&Referral::status_reason>("statusReason"),
    enumeration<&Referral::type, &type_from_wire>("type"),
    enumeration<&Referral::qualification, &qualification_from_wire>("qualification"),
    enumeration<&Referral::direction, &direction_from_wire>("direction"),
    object<&Referral::customer_profile>("customerProfile", kProfile),
    object<&Referral::consent>("consent", kConsent),
    object<&Referral::details>("details", kDetails),
    members<&Referral::team>("team", kMember),
    object<&Referral::invite_context>("inviteContext", kInvite),
    text<&Referral::etag>("eTag"),
    any_json<&Referral::links>("links"),
};
constexpr ObjectOf<Referral> kReferral = object_of<Referral>(kReferralFields);

}  // namespace

const WireObject& referral_wire() {
  return kReferral.wire;
}
const WireObject& member_wire() {
  return kMember.wire;
}

}  // namespace leads
