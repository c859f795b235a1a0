// Mapping between Referral and its JSON: a small reader that checks each type and remembers the first error.
//
// [SECTION] enum names
// [SECTION] safe text parsing
// [SECTION] reading objects
// [SECTION] writing objects
#include "domain/referral_json.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "domain/bytes16.h"

namespace leads {

// [SECTION] enum names ---------------------------------------------------------------------------

const char* to_wire(Status value) {
  switch (value) {
    case Status::New: return "New";
    case Status::Active: return "Active";
    case Status::Closed: return "Closed";
    case Status::None: return "None";
    case Status::Unknown: break;
  }
  return "";
}
const char* to_wire(Substatus value) {
  switch (value) {
    case Substatus::Pending: return "Pending";
    case Substatus::Received: return "Received";
    case Substatus::Accepted: return "Accepted";
    case Substatus::Won: return "Won";
    case Substatus::Lost: return "Lost";
    case Substatus::Declined: return "Declined";
    case Substatus::Expired: return "Expired";
    case Substatus::Error: return "Error";
    case Substatus::Unknown: break;
  }
  return "";
}
const char* to_wire(Qualification value) {
  switch (value) {
    case Qualification::Direct: return "Direct";
    case Qualification::MarketingQualified: return "MarketingQualified";
    case Qualification::SalesQualified: return "SalesQualified";
    case Qualification::None: return "None";
    case Qualification::Unknown: break;
  }
  return "";
}
const char* to_wire(ReferralType value) {
  switch (value) {
    case ReferralType::Independent: return "Independent";
    case ReferralType::Shared: return "Shared";
    case ReferralType::Unknown: break;
  }
  return "";
}
const char* to_wire(Direction value) {
  switch (value) {
    case Direction::Incoming: return "Incoming";
    case Direction::Outgoing: return "Outgoing";
    case Direction::Unknown: break;
  }
  return "";
}

namespace {
template <class E>
WireEnum<E> enum_from_wire(const std::string& text, std::initializer_list<E> known) {
  for (E value : known)
    if (text == to_wire(value)) return {value, text};
  return {E::Unknown, text};
}
}  // namespace

WireEnum<Status> status_from_wire(const std::string& text) {
  return enum_from_wire(text, {Status::New, Status::Active, Status::Closed, Status::None});
}
WireEnum<Substatus> substatus_from_wire(const std::string& text) {
  return enum_from_wire(text, {Substatus::Pending, Substatus::Received, Substatus::Accepted, Substatus::Won,
                               Substatus::Lost, Substatus::Declined, Substatus::Expired, Substatus::Error});
}
WireEnum<Qualification> qualification_from_wire(const std::string& text) {
  return enum_from_wire(text, {Qualification::Direct, Qualification::MarketingQualified, Qualification::SalesQualified,
                               Qualification::None});
}
WireEnum<ReferralType> type_from_wire(const std::string& text) {
  return enum_from_wire(text, {ReferralType::Independent, ReferralType::Shared});
}
WireEnum<Direction> direction_from_wire(const std::string& text) {
  return enum_from_wire(text, {Direction::Incoming, Direction::Outgoing});
}

// [SECTION] safe text parsing --------------------------------------------------------------------
// Depth is checked on the raw text before nlohmann sees it: copying and dumping a json value recurse.

std::optional<FieldError> check_json_limits(std::string_view text, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes)
    return FieldError{"", "document is " + std::to_string(text.size()) + " bytes, over the limit of " +
                              std::to_string(limits.max_bytes)};
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (in_string)  // string contents are most of a page: pass over sixteen bytes at a time to a quote or escape
      while (i + 16 <= text.size() && (match16(text.data() + i, '"') | match16(text.data() + i, '\\')) == 0) i += 16;
    if (i >= text.size()) break;
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > limits.max_depth)
        return FieldError{"", "document nests deeper than " + std::to_string(limits.max_depth) + " levels at byte " +
                                  std::to_string(i)};
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return std::nullopt;
}

ParsedJson parse_json_text(std::string_view text, const JsonLimits& limits) {
  ParsedJson result;
  if ((result.error = check_json_limits(text, limits))) return result;
  // nlohmann's DOM builder, wrapped only to learn where a syntax error is (parse() without exceptions hides it).
  struct PositionedBuilder {
    nlohmann::detail::json_sax_dom_parser<Json> dom;
    std::size_t error_position = 0;
    std::string error_token;
    explicit PositionedBuilder(Json& target) : dom(target, false) {}
    bool null() { return dom.null(); }
    bool boolean(bool v) { return dom.boolean(v); }
    bool number_integer(Json::number_integer_t v) { return dom.number_integer(v); }
    bool number_unsigned(Json::number_unsigned_t v) { return dom.number_unsigned(v); }
    bool number_float(Json::number_float_t v, const std::string& s) { return dom.number_float(v, s); }
    bool string(std::string& v) { return dom.string(v); }
    bool binary(Json::binary_t& v) { return dom.binary(v); }
    bool start_object(std::size_t n) { return dom.start_object(n); }
    bool key(std::string& v) { return dom.key(v); }
    bool end_object() { return dom.end_object(); }
    bool start_array(std::size_t n) { return dom.start_array(n); }
    bool end_array() { return dom.end_array(); }
    bool parse_error(std::size_t position, const std::string& token, const nlohmann::detail::exception&) {
      error_position = position;
      error_token = token;
      return false;
    }
  };
  PositionedBuilder builder(result.value);
  if (!Json::sax_parse(text.begin(), text.end(), &builder) || builder.dom.is_errored()) {
    result.value = Json();
    std::string token = builder.error_token.substr(0, 20);
    for (char& c : token)
      if (static_cast<unsigned char>(c) < 0x20 || c == '"') c = '?';
    result.error = FieldError{"", "malformed JSON at byte " + std::to_string(builder.error_position) +
                                      (token.empty() ? std::string() : " near \"" + token + "\"")};
  }
  return result;
}

std::string dump_json(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// [SECTION] reading objects ----------------------------------------------------------------------

namespace {

// Reads the properties of one JSON object, checking types; keeps the first error and the unknown keys.
class ObjectReader {
 public:
  ObjectReader(const Json& json, std::string path, std::optional<FieldError>& error)
      : json_(json), path_(std::move(path)), error_(error) {
    if (!json_.is_object() && !error_) error_ = FieldError{path_, "must be an object"};
  }

  bool ok() const { return !error_ && json_.is_object(); }

  std::string field_path(const char* key) const { return path_.empty() ? key : path_ + "/" + key; }

  const Json* find(const char* key) {
    const bool first_time =
        std::none_of(seen_.begin(), seen_.end(), [&](const char* seen) { return std::strcmp(seen, key) == 0; });
    if (first_time) seen_.push_back(key);
    if (!ok()) return nullptr;
    auto it = json_.find(key);
    if (it == json_.end()) return nullptr;
    if (first_time) ++present_;
    return it->is_null() ? nullptr : &*it;
  }

  void fail(const char* key, const std::string& message) {
    if (!error_) error_ = FieldError{field_path(key), message};
  }

  std::string text(const char* key, bool required = false) {
    const Json* value = find(key);
    if (!value) {
      if (required && ok()) fail(key, "is required");
      return {};
    }
    if (!value->is_string()) {
      fail(key, "must be a string");
      return {};
    }
    return value->get_ref<const std::string&>();
  }

  bool flag(const char* key) {
    const Json* value = find(key);
    if (!value) return false;
    if (!value->is_boolean()) {
      fail(key, "must be true or false");
      return false;
    }
    return value->get<bool>();
  }

  std::optional<TimeMs> time(const char* key) {
    const std::string value = text(key);
    if (value.empty()) return std::nullopt;
    auto parsed = parse_iso8601(value);
    if (!parsed) fail(key, "must be an ISO-8601 date-time, got \"" + value + "\"");
    return parsed;
  }

  // A number, or a numeric string (the contract accepts both on input).
  std::optional<double> number(const char* key) {
    const Json* value = find(key);
    if (!value) return std::nullopt;
    double result = 0;
    if (value->is_number()) {
      result = value->get<double>();
    } else if (value->is_string()) {
      const std::string& s = value->get_ref<const std::string&>();
      char* end = nullptr;
      result = std::strtod(s.c_str(), &end);
      if (s.empty() || end != s.c_str() + s.size()) {
        fail(key, "must be a number, got \"" + s + "\"");
        return std::nullopt;
      }
    } else {
      fail(key, "must be a number");
      return std::nullopt;
    }
    if (!std::isfinite(result)) {
      fail(key, "must be a finite number");
      return std::nullopt;
    }
    return result;
  }

  const Json* object(const char* key) {
    const Json* value = find(key);
    if (value && !value->is_object()) {
      fail(key, "must be an object");
      return nullptr;
    }
    return value;
  }

  const Json* array(const char* key) {
    const Json* value = find(key);
    if (value && !value->is_array()) {
      fail(key, "must be an array");
      return nullptr;
    }
    return value;
  }

  Json passthrough(const char* key) {
    const Json* value = find(key);
    return value ? *value : Json();
  }

  // Every property not read above, to be written back untouched.
  Json unknown() const {
    if (!json_.is_object() || present_ == json_.size()) return Json();  // every property was a known one
    Json rest = Json::object();
    for (auto it = json_.begin(); it != json_.end(); ++it) {
      const bool known = std::any_of(seen_.begin(), seen_.end(), [&](const char* key) { return it.key() == key; });
      if (!known) rest[it.key()] = it.value();
    }
    return rest;
  }

 private:
  const Json& json_;
  std::string path_;
  std::optional<FieldError>& error_;
  std::vector<const char*> seen_;  // the keys asked for: string literals, a handful per object
  std::size_t present_ = 0;        // how many of them the object has
};

void read_member(const Json& json, const std::string& path, Member& out, std::optional<FieldError>& error) {
  ObjectReader reader(json, path, error);
  out.first_name = reader.text("firstName");
  out.last_name = reader.text("lastName");
  out.email = reader.text("email");
  out.phone_number = reader.text("phoneNumber");
  out.title = reader.text("title");
  if (const Json* preference = reader.object("contactPreference")) {
    ObjectReader pref(*preference, reader.field_path("contactPreference"), error);
    out.contact_preference.locale = pref.text("locale");
    out.contact_preference.disable_notifications = pref.flag("disableNotifications");
    out.contact_preference.unknown = pref.unknown();
  }
  out.unknown = reader.unknown();
}

void read_members(const Json* array, const std::string& path, std::vector<Member>& out,
                  std::optional<FieldError>& error) {
  out.clear();
  if (!array) return;
  for (std::size_t i = 0; i < array->size() && !error; ++i) {
    Member member;
    read_member((*array)[i], path + "/" + std::to_string(i), member, error);
    out.push_back(std::move(member));
  }
}

}  // namespace

std::optional<FieldError> member_from_json(const Json& json, const std::string& path, Member& out) {
  std::optional<FieldError> error;
  read_member(json, path, out, error);
  return error;
}

std::optional<FieldError> referral_from_json(const Json& json, Referral& out, const ReferralReadOptions& options) {
  std::optional<FieldError> error;
  ObjectReader r(json, "", error);
  Referral ref;
  ref.id = r.text("id", options.require_id);
  ref.engagement_id = r.text("engagementId");
  ref.name = r.text("name");
  ref.organization_id = r.text("organizationId");
  ref.organization_name = r.text("organizationName");
  ref.external_reference_id = r.text("externalReferenceId");
  ref.campaign_id = r.text("campaignId");
  ref.created_date_time = r.time("createdDateTime");
  ref.updated_date_time = r.time("updatedDateTime");
  ref.expiration_date_time = r.time("expirationDateTime");
  ref.accepted_date_time = r.time("acceptedDateTime");
  ref.closed_date_time = r.time("closedDateTime");
  ref.status = status_from_wire(r.text("status", true));
  ref.substatus = substatus_from_wire(r.text("substatus"));
  ref.status_reason = r.text("statusReason");
  ref.type = type_from_wire(r.text("type"));
  ref.qualification = qualification_from_wire(r.text("qualification"));
  ref.direction = direction_from_wire(r.text("direction"));

  if (const Json* profile = r.object("customerProfile")) {
    ObjectReader p(*profile, "customerProfile", error);
    CustomerProfile& cp = ref.customer_profile;
    cp.name = p.text("name");
    cp.size = p.text("size");
    if (const Json* address = p.object("address")) {
      ObjectReader a(*address, "customerProfile/address", error);
      cp.address.address_line1 = a.text("addressLine1");
      cp.address.address_line2 = a.text("addressLine2");
      cp.address.city = a.text("city");
      cp.address.state = a.text("state");
      cp.address.postal_code = a.text("postalCode");
      cp.address.country = a.text("country");
      cp.address.region = a.text("region");
      cp.address.unknown = a.unknown();
    }
    read_members(p.array("team"), "customerProfile/team", cp.team, error);
    cp.unknown = p.unknown();
  }
  if (const Json* consent = r.object("consent")) {
    ObjectReader c(*consent, "consent", error);
    ref.consent.share_info_with_others = c.flag("consentToToShareInfoWithOthers");
    ref.consent.contact = c.flag("consentToContact");
    ref.consent.share_with_microsoft_sellers = c.flag("consentToShareReferralWithMicrosoftSellers");
    ref.consent.unknown = c.unknown();
  }
  if (const Json* details = r.object("details")) {
    ObjectReader d(*details, "details", error);
    ref.details.notes = d.text("notes");
    ref.details.deal_value = d.number("dealValue");
    ref.details.currency = d.text("currency");
    ref.details.closing_date_time = d.time("closingDateTime");
    if (const Json* requirements = d.object("requirements")) ref.details.requirements_json = requirements->dump();
    ref.details.customer_requested_contact = d.flag("customerRequestedContact");
    ref.details.unknown = d.unknown();
  }
  read_members(r.array("team"), "team", ref.team, error);
  if (const Json* invite = r.object("inviteContext")) {
    ObjectReader i(*invite, "inviteContext", error);
    ref.invite_context.notes = i.text("notes");
    if (const Json* by = i.object("invitedBy")) {
      ObjectReader b(*by, "inviteContext/invitedBy", error);
      ref.invite_context.invited_by.organization_id = b.text("organizationId");
      ref.invite_context.invited_by.organization_name = b.text("organizationName");
      ref.invite_context.invited_by.unknown = b.unknown();
    }
    ref.invite_context.unknown = i.unknown();
  }
  ref.etag = r.text("eTag");
  ref.links = r.passthrough("links");
  ref.unknown = r.unknown();
  if (error) return error;
  out = std::move(ref);
  return std::nullopt;
}

// [SECTION] writing objects ----------------------------------------------------------------------
// Unknown properties go in first so that a known field always wins over a stale copy of itself.

namespace {

Json with_unknown(const Json& unknown) {
  return unknown.is_object() ? unknown : Json::object();
}

void put_time(Json& json, const char* key, const std::optional<TimeMs>& time) {
  if (time) json[key] = format_iso8601(*time);
}

}  // namespace

Json member_to_json(const Member& member) {
  Json json = with_unknown(member.unknown);
  json["firstName"] = member.first_name;
  json["lastName"] = member.last_name;
  json["email"] = member.email;
  json["phoneNumber"] = member.phone_number;
  if (!member.title.empty()) json["title"] = member.title;
  Json preference = with_unknown(member.contact_preference.unknown);
  preference["locale"] = member.contact_preference.locale;
  preference["disableNotifications"] = member.contact_preference.disable_notifications;
  json["contactPreference"] = std::move(preference);
  return json;
}

Json referral_to_json(const Referral& ref) {
  Json json = with_unknown(ref.unknown);
  json["id"] = ref.id;
  json["engagementId"] = ref.engagement_id;
  json["name"] = ref.name;
  json["organizationId"] = ref.organization_id;
  json["organizationName"] = ref.organization_name;
  json["externalReferenceId"] = ref.external_reference_id;
  json["campaignId"] = ref.campaign_id;
  put_time(json, "createdDateTime", ref.created_date_time);
  put_time(json, "updatedDateTime", ref.updated_date_time);
  put_time(json, "expirationDateTime", ref.expiration_date_time);
  put_time(json, "acceptedDateTime", ref.accepted_date_time);
  put_time(json, "closedDateTime", ref.closed_date_time);
  json["status"] = ref.status.wire;
  json["substatus"] = ref.substatus.wire;
  json["statusReason"] = ref.status_reason;
  json["type"] = ref.type.wire;
  json["qualification"] = ref.qualification.wire;
  json["direction"] = ref.direction.wire;

  const CustomerProfile& cp = ref.customer_profile;
  Json profile = with_unknown(cp.unknown);
  profile["name"] = cp.name;
  profile["size"] = cp.size;
  Json address = with_unknown(cp.address.unknown);
  address["addressLine1"] = cp.address.address_line1;
  address["addressLine2"] = cp.address.address_line2;
  address["city"] = cp.address.city;
  address["state"] = cp.address.state;
  address["postalCode"] = cp.address.postal_code;
  address["country"] = cp.address.country;
  address["region"] = cp.address.region;
  profile["address"] = std::move(address);
  Json contacts = Json::array();
  for (const Member& member : cp.team) contacts.push_back(member_to_json(member));
  profile["team"] = std::move(contacts);
  json["customerProfile"] = std::move(profile);

  Json consent = with_unknown(ref.consent.unknown);
  consent["consentToToShareInfoWithOthers"] = ref.consent.share_info_with_others;
  consent["consentToContact"] = ref.consent.contact;
  consent["consentToShareReferralWithMicrosoftSellers"] = ref.consent.share_with_microsoft_sellers;
  json["consent"] = std::move(consent);

  Json details = with_unknown(ref.details.unknown);
  details["notes"] = ref.details.notes;
  details["dealValue"] = ref.details.deal_value ? Json(*ref.details.deal_value) : Json();
  details["currency"] = ref.details.currency;
  details["closingDateTime"] =
      ref.details.closing_date_time ? Json(format_iso8601(*ref.details.closing_date_time)) : Json();
  details["requirements"] = Json::parse(ref.details.requirements_json);  // our own dump: always JSON
  details["customerRequestedContact"] = ref.details.customer_requested_contact;
  json["details"] = std::move(details);

  Json team = Json::array();
  for (const Member& member : ref.team) team.push_back(member_to_json(member));
  json["team"] = std::move(team);

  Json invite = with_unknown(ref.invite_context.unknown);
  invite["notes"] = ref.invite_context.notes;
  Json by = with_unknown(ref.invite_context.invited_by.unknown);
  by["organizationId"] = ref.invite_context.invited_by.organization_id;
  by["organizationName"] = ref.invite_context.invited_by.organization_name;
  invite["invitedBy"] = std::move(by);
  json["inviteContext"] = std::move(invite);

  json["eTag"] = ref.etag;
  if (!ref.links.is_null()) json["links"] = ref.links;
  return json;
}

}  // namespace leads
