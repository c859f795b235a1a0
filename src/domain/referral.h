// The Referral as the API describes it: every field the workspace uses, plus what it does not know, kept verbatim.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/timestamp.h"

namespace leads {

using Json = nlohmann::json;

// An enum read from the wire: the known value, or Unknown with the text kept so it is shown and written back as is.
template <class E>
struct WireEnum {
  E value = E::Unknown;
  std::string wire;  // exactly what the server sent (or what we will send)
  bool operator==(E other) const { return value == other; }
  bool operator!=(E other) const { return value != other; }
};

enum class Status : std::uint8_t { New, Active, Closed, None, Unknown };
enum class Substatus : std::uint8_t { Pending, Received, Accepted, Won, Lost, Declined, Expired, Error, Unknown };
enum class Qualification : std::uint8_t { Direct, MarketingQualified, SalesQualified, None, Unknown };
enum class ReferralType : std::uint8_t { Independent, Shared, Unknown };
enum class Direction : std::uint8_t { Incoming, Outgoing, Unknown };

struct ContactPreference {
  std::string locale;
  bool disable_notifications = false;
  Json unknown;  // properties this version does not know, verbatim (null when there are none: no allocation)
};

struct Member {
  std::string first_name;
  std::string last_name;
  std::string email;
  std::string phone_number;
  std::string title;
  ContactPreference contact_preference;
  Json unknown;  // properties this version does not know, verbatim (null when there are none: no allocation)
};

struct Address {
  std::string address_line1;
  std::string address_line2;
  std::string city;
  std::string state;
  std::string postal_code;
  std::string country;  // ISO 3166 alpha-2
  std::string region;
  Json unknown;  // properties this version does not know, verbatim (null when there are none: no allocation)
};

struct CustomerProfile {
  std::string name;
  std::string size;  // wire value, e.g. "51to250employees"; older values also appear, so kept as text
  Address address;
  std::vector<Member> team;  // the customer's contacts
  Json unknown;  // properties this version does not know, verbatim (null when there are none: no allocation)
};

struct Consent {
  bool share_info_with_others = false;  // wire: consentToToShareInfoWithOthers (sic)
  bool contact = false;
  bool share_with_microsoft_sellers = false;
  Json unknown;  // properties this version does not know, verbatim (null when there are none: no allocation)
};

struct Details {
  std::string notes;
  std::optional<double> deal_value;
  std::string currency;  // ISO 4217
  std::optional<TimeMs> closing_date_time;
  // Industries, products, services, solutions: shown, never edited, so kept as their compact JSON text (domain/
  // requirements.h reads it). A parsed tree held ~800 B more per lead, and the list never shows them.
  std::string requirements_json = "{}";
  bool customer_requested_contact = false;  // the flame
  Json unknown;  // properties this version does not know, verbatim (null when there are none: no allocation)
};

struct InvitedBy {
  std::string organization_id;
  std::string organization_name;
  Json unknown;  // properties this version does not know, verbatim (null when there are none: no allocation)
};

struct InviteContext {
  std::string notes;
  InvitedBy invited_by;
  Json unknown;  // properties this version does not know, verbatim (null when there are none: no allocation)
};

struct Referral {
  std::string id;
  std::string engagement_id;
  std::string name;  // the deal name
  std::string organization_id;
  std::string organization_name;
  std::string external_reference_id;  // partner's CRM ID
  std::string campaign_id;
  std::optional<TimeMs> created_date_time;
  std::optional<TimeMs> updated_date_time;
  std::optional<TimeMs> expiration_date_time;
  std::optional<TimeMs> accepted_date_time;
  std::optional<TimeMs> closed_date_time;
  WireEnum<Status> status;
  WireEnum<Substatus> substatus;
  std::string status_reason;
  WireEnum<ReferralType> type;
  WireEnum<Qualification> qualification;
  WireEnum<Direction> direction;
  CustomerProfile customer_profile;
  Consent consent;
  Details details;
  std::vector<Member> team;  // the partner's own people on the deal
  InviteContext invite_context;
  std::string etag;
  Json links;    // passed through untouched (null when absent)
  Json unknown;  // properties this version does not know, verbatim (null when there are none: no allocation)
};

// Wire names of the enums, and back (Unknown for anything else).
const char* to_wire(Status value);
const char* to_wire(Substatus value);
const char* to_wire(Qualification value);
const char* to_wire(ReferralType value);
const char* to_wire(Direction value);
template <class E>
WireEnum<E> wire_enum(E value) {
  return WireEnum<E>{value, to_wire(value)};
}
WireEnum<Status> status_from_wire(const std::string& text);
WireEnum<Substatus> substatus_from_wire(const std::string& text);
WireEnum<Qualification> qualification_from_wire(const std::string& text);
WireEnum<ReferralType> type_from_wire(const std::string& text);
WireEnum<Direction> direction_from_wire(const std::string& text);

}  // namespace leads
