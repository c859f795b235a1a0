// The list page's SAX reader (see referral_page_reader.h). It reads the fields referral_from_json reads, with the
// same rules (null is absent, unknown properties kept verbatim, enums kept as sent), and gives up on anything else.
//
// [SECTION] fields
// [SECTION] the reader
// [SECTION] entry point
#include "domain/referral_page_reader.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string_view>

#include "domain/timestamp.h"

namespace leads {

namespace {

// [SECTION] fields -------------------------------------------------------------------------------

// The objects the reader walks into; Members is an array of Member objects.
enum class Kind {
  Document,
  Items,
  Referral,
  Profile,
  Address,
  Members,
  Member,
  Preference,
  Consent,
  Details,
  Invite,
  InvitedBy
};

// How a known field's value must look.
enum class Shape { Text, Time, Flag, Number, Object, Members, RequirementsObject, AnyJson, ItemsArray, Count, Link };

struct Field {
  std::string_view name;  // a view, so matching a key compares lengths before bytes
  Shape shape;
};

// The fields of each kind, in the order the switches below number them.
constexpr Field kDocumentFields[] = {
    {"value", Shape::ItemsArray}, {"@odata.count", Shape::Count}, {"@odata.nextLink", Shape::Link}};
constexpr Field kReferralFields[] = {{"id", Shape::Text},
                                     {"engagementId", Shape::Text},
                                     {"name", Shape::Text},
                                     {"organizationId", Shape::Text},
                                     {"organizationName", Shape::Text},
                                     {"externalReferenceId", Shape::Text},
                                     {"campaignId", Shape::Text},
                                     {"createdDateTime", Shape::Time},
                                     {"updatedDateTime", Shape::Time},
                                     {"expirationDateTime", Shape::Time},
                                     {"acceptedDateTime", Shape::Time},
                                     {"closedDateTime", Shape::Time},
                                     {"status", Shape::Text},
                                     {"substatus", Shape::Text},
                                     {"statusReason", Shape::Text},
                                     {"type", Shape::Text},
                                     {"qualification", Shape::Text},
                                     {"direction", Shape::Text},
                                     {"customerProfile", Shape::Object},
                                     {"consent", Shape::Object},
                                     {"details", Shape::Object},
                                     {"team", Shape::Members},
                                     {"inviteContext", Shape::Object},
                                     {"eTag", Shape::Text},
                                     {"links", Shape::AnyJson}};
constexpr Field kProfileFields[] = {
    {"name", Shape::Text}, {"size", Shape::Text}, {"address", Shape::Object}, {"team", Shape::Members}};
constexpr Field kAddressFields[] = {
    {"addressLine1", Shape::Text}, {"addressLine2", Shape::Text}, {"city", Shape::Text},  {"state", Shape::Text},
    {"postalCode", Shape::Text},   {"country", Shape::Text},      {"region", Shape::Text}};
constexpr Field kMemberFields[] = {{"firstName", Shape::Text}, {"lastName", Shape::Text},
                                   {"email", Shape::Text},     {"phoneNumber", Shape::Text},
                                   {"title", Shape::Text},     {"contactPreference", Shape::Object}};
constexpr Field kPreferenceFields[] = {{"locale", Shape::Text}, {"disableNotifications", Shape::Flag}};
constexpr Field kConsentFields[] = {{"consentToToShareInfoWithOthers", Shape::Flag},
                                    {"consentToContact", Shape::Flag},
                                    {"consentToShareReferralWithMicrosoftSellers", Shape::Flag}};
constexpr Field kDetailsFields[] = {{"notes", Shape::Text},
                                    {"dealValue", Shape::Number},
                                    {"currency", Shape::Text},
                                    {"closingDateTime", Shape::Time},
                                    {"requirements", Shape::RequirementsObject},
                                    {"customerRequestedContact", Shape::Flag}};
constexpr Field kInviteFields[] = {{"notes", Shape::Text}, {"invitedBy", Shape::Object}};
constexpr Field kInvitedByFields[] = {{"organizationId", Shape::Text}, {"organizationName", Shape::Text}};

template <std::size_t N>
constexpr int index_in(const Field (&fields)[N], std::string_view name) {
  for (std::size_t i = 0; i < N; ++i)
    if (fields[i].name == name) return static_cast<int>(i);
  return -1;
}

// The referral fields the switches below handle by name.
constexpr int kId = index_in(kReferralFields, "id"), kCampaignId = index_in(kReferralFields, "campaignId");
constexpr int kCreated = index_in(kReferralFields, "createdDateTime");
constexpr int kStatus = index_in(kReferralFields, "status"), kSubstatus = index_in(kReferralFields, "substatus");
constexpr int kStatusReason = index_in(kReferralFields, "statusReason"), kType = index_in(kReferralFields, "type");
constexpr int kQualification = index_in(kReferralFields, "qualification");
constexpr int kDirection = index_in(kReferralFields, "direction"), kETag = index_in(kReferralFields, "eTag");
constexpr int kProfile = index_in(kReferralFields, "customerProfile"), kConsent = index_in(kReferralFields, "consent");
constexpr int kDetails = index_in(kReferralFields, "details"), kInvite = index_in(kReferralFields, "inviteContext");
static_assert(kId == 0 && kCampaignId == 6 && kCreated == 7, "the plain texts come first, then the five times");

struct FieldList {
  const Field* fields;
  int size;
};

template <std::size_t N>
constexpr FieldList list_of(const Field (&fields)[N]) {
  return {fields, static_cast<int>(N)};
}

FieldList fields_of(Kind kind) {
  switch (kind) {
    case Kind::Document: return list_of(kDocumentFields);
    case Kind::Referral: return list_of(kReferralFields);
    case Kind::Profile: return list_of(kProfileFields);
    case Kind::Address: return list_of(kAddressFields);
    case Kind::Member: return list_of(kMemberFields);
    case Kind::Preference: return list_of(kPreferenceFields);
    case Kind::Consent: return list_of(kConsentFields);
    case Kind::Details: return list_of(kDetailsFields);
    case Kind::Invite: return list_of(kInviteFields);
    case Kind::InvitedBy: return list_of(kInvitedByFields);
    case Kind::Items:
    case Kind::Members: break;
  }
  return {nullptr, 0};
}

int field_index(FieldList list, const std::string& key) {
  for (int i = 0; i < list.size; ++i)
    if (key == list.fields[i].name) return i;
  return -1;
}

// [SECTION] the reader ---------------------------------------------------------------------------

class PageReader {
 public:
  PageReader(ReferralPage& page, int max_depth) : page_(page), max_depth_(max_depth) {}

  bool null() {
    if (capture_) return forward([&] { return capture_->null(); });
    if (!scalar_allowed()) return give_up();
    if (pending_ < 0) return unknown_value(Json(nullptr));
    if (field().shape == Shape::ItemsArray) return give_up();
    return done_with_field();  // a known field that is null is absent (the required ones are checked at the end)
  }
  bool boolean(bool value) {
    if (capture_) return forward([&] { return capture_->boolean(value); });
    if (!scalar_allowed()) return give_up();
    if (pending_ < 0) return unknown_value(Json(value));
    if (field().shape != Shape::Flag) return scalar_of_other_shape(Json(value));
    set_flag(value);
    return mark_present();
  }
  bool number_integer(Json::number_integer_t value) {
    if (capture_) return forward([&] { return capture_->number_integer(value); });
    if (!scalar_allowed()) return give_up();
    if (pending_ < 0) return unknown_value(Json(value));
    if (field().shape == Shape::Count) {
      page_.count = value;
      return done_with_field();
    }
    return number(static_cast<double>(value), Json(value));
  }
  bool number_unsigned(Json::number_unsigned_t value) {
    if (capture_) return forward([&] { return capture_->number_unsigned(value); });
    if (!scalar_allowed()) return give_up();
    if (pending_ < 0) return unknown_value(Json(value));
    if (field().shape == Shape::Count) {
      page_.count = static_cast<std::int64_t>(value);
      return done_with_field();
    }
    return number(static_cast<double>(value), Json(value));
  }
  bool number_float(Json::number_float_t value, const std::string& text) {
    if (capture_) return forward([&] { return capture_->number_float(value, text); });
    if (!scalar_allowed()) return give_up();
    if (pending_ < 0) return unknown_value(Json(value));
    return number(value, Json(value));  // a count that is not an integer is ignored, as the DOM path does
  }
  bool string(std::string& value) {
    if (capture_) return forward([&] { return capture_->string(value); });
    if (!scalar_allowed()) return give_up();
    if (pending_ < 0) return unknown_value(Json(std::move(value)));
    switch (field().shape) {
      case Shape::Text: set_text(std::move(value)); return mark_present();
      case Shape::Time: {
        if (!value.empty()) {
          const std::optional<TimeMs> time = parse_iso8601(value);
          if (!time) return give_up();
          set_time(*time);
        }
        return mark_present();
      }
      case Shape::Number: {
        char* end = nullptr;
        const double parsed = std::strtod(value.c_str(), &end);
        if (value.empty() || end != value.c_str() + value.size()) return give_up();
        return number(parsed, Json());
      }
      case Shape::Link: page_.next_link = std::move(value); return done_with_field();
      case Shape::Count: return done_with_field();
      case Shape::AnyJson: current_.links = Json(std::move(value)); return done_with_field();
      default: return give_up();
    }
  }
  bool binary(Json::binary_t&) { return give_up(); }

  bool start_object(std::size_t size) {
    if (++depth_ > max_depth_) return give_up();  // as deep as check_json_limits allows, counted here instead
    if (capture_) return forward([&] { return capture_->start_object(size); }, +1);
    if (stack_.empty()) return push(Kind::Document, nullptr);
    if (in_items_array()) {
      current_ = Referral();
      return push(Kind::Referral, &current_.unknown);
    }
    if (in_members_array()) {
      Member& member = members_->emplace_back();
      return push(Kind::Member, &member.unknown);
    }
    if (pending_ < 0) return start_capture(&unknown_target(), [&] { return capture_->start_object(size); });
    switch (field().shape) {
      case Shape::Object: return enter_object();
      case Shape::RequirementsObject:
        return start_capture(&requirements_, [&] { return capture_->start_object(size); });
      case Shape::AnyJson: return start_capture(&current_.links, [&] { return capture_->start_object(size); });
      case Shape::Count:
      case Shape::Link: return start_capture(&ignored_, [&] { return capture_->start_object(size); });
      default: return give_up();
    }
  }
  bool start_array(std::size_t size) {
    if (++depth_ > max_depth_) return give_up();
    if (capture_) return forward([&] { return capture_->start_array(size); }, +1);
    if (stack_.empty() || in_items_array() || in_members_array()) return give_up();
    if (pending_ < 0) return start_capture(&unknown_target(), [&] { return capture_->start_array(size); });
    switch (field().shape) {
      case Shape::ItemsArray: mark_present(); return push(Kind::Items, nullptr);
      case Shape::Members: {
        members_ = top().kind == Kind::Referral ? &current_.team : &current_.customer_profile.team;
        members_->clear();
        mark_present();
        return push(Kind::Members, nullptr);
      }
      case Shape::AnyJson: return start_capture(&current_.links, [&] { return capture_->start_array(size); });
      case Shape::Count:
      case Shape::Link: return start_capture(&ignored_, [&] { return capture_->start_array(size); });
      default: return give_up();
    }
  }
  bool key(std::string& name) {
    if (capture_) return forward([&] { return capture_->key(name); });
    Frame& frame = top();
    pending_ = field_index(fields_of(frame.kind), name);
    if (pending_ >= 0) {
      if (frame.seen >> pending_ & 1) return give_up();  // a repeated key: the DOM keeps the last, we do not try
      frame.seen |= std::uint64_t{1} << pending_;
      return true;
    }
    if (frame.unknown && frame.unknown->contains(name)) return give_up();
    pending_key_ = std::move(name);
    return true;
  }
  bool end_object() {
    --depth_;
    if (capture_) return forward([&] { return capture_->end_object(); }, -1);
    const Frame frame = top();
    stack_.pop_back();
    pending_ = -1;
    if (frame.kind == Kind::Referral) {
      // Required when reading a referral: an id and a status (present and not null).
      if ((frame.present >> kId & 1) == 0 || (frame.present >> kStatus & 1) == 0) return give_up();
      page_.items.push_back(std::move(current_));
    }
    if (frame.kind == Kind::Document) {
      if ((frame.present & 1u) == 0) return give_up();  // no "value" array: the DOM path says so
      finished_ = true;
    }
    return true;
  }
  bool end_array() {
    --depth_;
    if (capture_) return forward([&] { return capture_->end_array(); }, -1);
    stack_.pop_back();
    pending_ = -1;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return give_up(); }

  bool succeeded() const { return finished_ && !failed_; }

 private:
  struct Frame {
    Kind kind;
    Json* unknown;                        // where unknown properties go (null: they are ignored, as on the page itself)
    std::uint64_t seen = 0, present = 0;  // bits by field index: the key appeared; its value was not null
  };

  Frame& top() { return stack_.back(); }
  const Field& field() { return fields_of(top().kind).fields[pending_]; }
  bool in_items_array() { return !stack_.empty() && top().kind == Kind::Items; }
  bool in_members_array() { return !stack_.empty() && top().kind == Kind::Members; }
  // A plain value belongs to a key of an object: not the document itself, nor an item or team member.
  bool scalar_allowed() { return !stack_.empty() && !in_items_array() && !in_members_array(); }

  bool push(Kind kind, Json* unknown) {
    stack_.push_back(Frame{kind, unknown});
    pending_ = -1;
    return true;
  }
  bool give_up() {
    failed_ = true;
    return false;  // stops the parse
  }
  bool done_with_field() {
    pending_ = -1;
    return true;
  }
  bool mark_present() {
    top().present |= std::uint64_t{1} << pending_;
    return done_with_field();
  }
  Json& unknown_target() {
    Json* unknown = top().unknown;
    if (!unknown) return ignored_;  // unknown properties of the page itself are read and dropped
    return (*unknown)[pending_key_];
  }
  bool unknown_value(Json value) {
    if (Json* unknown = top().unknown) (*unknown)[pending_key_] = std::move(value);
    return done_with_field();
  }
  // A scalar where the field wants something else: links take anything; the page's count and link are ignored.
  bool scalar_of_other_shape(Json value) {
    switch (field().shape) {
      case Shape::AnyJson: current_.links = std::move(value); return done_with_field();
      case Shape::Count:
      case Shape::Link: return done_with_field();
      default: return give_up();
    }
  }
  bool number(double value, Json as_json) {
    if (field().shape != Shape::Number) return scalar_of_other_shape(std::move(as_json));
    if (!std::isfinite(value)) return give_up();
    current_.details.deal_value = value;
    return mark_present();
  }

  // An unknown property, the requirements or the links: a DOM of just that value.
  template <class Start>
  bool start_capture(Json* target, Start start) {
    *target = Json();
    capture_target_ = target;
    capture_ = std::make_unique<nlohmann::detail::json_sax_dom_parser<Json>>(*target, false);
    capture_depth_ = 0;
    return forward(start, +1);
  }
  template <class Event>
  bool forward(Event event, int depth_change = 0) {
    if (!event()) return give_up();
    capture_depth_ += depth_change;
    if (capture_depth_ == 0) {  // the captured value is complete
      capture_.reset();
      if (capture_target_ == &requirements_) {  // kept as text (Details::requirements_json)
        current_.details.requirements_json = requirements_.dump();
        requirements_ = Json();
      }
      if (!stack_.empty()) {
        if (pending_ >= 0) mark_present();
        pending_ = -1;
      }
    }
    return true;
  }

  bool enter_object() {
    const Kind parent = top().kind;
    const int index = pending_;
    mark_present();
    Referral& r = current_;
    switch (parent) {
      case Kind::Referral:
        if (index == kProfile) return push(Kind::Profile, &r.customer_profile.unknown);
        if (index == kConsent) return push(Kind::Consent, &r.consent.unknown);
        if (index == kDetails) return push(Kind::Details, &r.details.unknown);
        if (index == kInvite) return push(Kind::Invite, &r.invite_context.unknown);
        break;
      case Kind::Profile: return push(Kind::Address, &r.customer_profile.address.unknown);
      case Kind::Member: return push(Kind::Preference, &members_->back().contact_preference.unknown);
      case Kind::Invite: return push(Kind::InvitedBy, &r.invite_context.invited_by.unknown);
      default: break;
    }
    return give_up();
  }

  void set_text(std::string&& value) {
    Referral& r = current_;
    const int i = pending_;
    switch (top().kind) {
      case Kind::Referral: {
        std::string* const texts[] = {&r.id,
                                      &r.engagement_id,
                                      &r.name,
                                      &r.organization_id,
                                      &r.organization_name,
                                      &r.external_reference_id,
                                      &r.campaign_id};
        if (i <= kCampaignId)
          *texts[i] = std::move(value);
        else if (i == kStatus)
          r.status = status_from_wire(value);
        else if (i == kSubstatus)
          r.substatus = substatus_from_wire(value);
        else if (i == kStatusReason)
          r.status_reason = std::move(value);
        else if (i == kType)
          r.type = type_from_wire(value);
        else if (i == kQualification)
          r.qualification = qualification_from_wire(value);
        else if (i == kDirection)
          r.direction = direction_from_wire(value);
        else if (i == kETag)
          r.etag = std::move(value);
        break;
      }
      case Kind::Profile: (i == 0 ? r.customer_profile.name : r.customer_profile.size) = std::move(value); break;
      case Kind::Address: {
        Address& a = r.customer_profile.address;
        std::string* const texts[] = {&a.address_line1, &a.address_line2, &a.city,  &a.state,
                                      &a.postal_code,   &a.country,       &a.region};
        *texts[i] = std::move(value);
        break;
      }
      case Kind::Member: {
        Member& m = members_->back();
        std::string* const texts[] = {&m.first_name, &m.last_name, &m.email, &m.phone_number, &m.title};
        *texts[i] = std::move(value);
        break;
      }
      case Kind::Preference: members_->back().contact_preference.locale = std::move(value); break;
      case Kind::Details: (i == 0 ? r.details.notes : r.details.currency) = std::move(value); break;
      case Kind::Invite: r.invite_context.notes = std::move(value); break;
      case Kind::InvitedBy:
        (i == 0 ? r.invite_context.invited_by.organization_id : r.invite_context.invited_by.organization_name) =
            std::move(value);
        break;
      default: break;
    }
  }
  void set_time(TimeMs time) {
    Referral& r = current_;
    if (top().kind == Kind::Details) {
      r.details.closing_date_time = time;
      return;
    }
    std::optional<TimeMs>* const times[] = {&r.created_date_time, &r.updated_date_time, &r.expiration_date_time,
                                            &r.accepted_date_time, &r.closed_date_time};
    *times[pending_ - kCreated] = time;
  }
  void set_flag(bool value) {
    Referral& r = current_;
    switch (top().kind) {
      case Kind::Preference: members_->back().contact_preference.disable_notifications = value; break;
      case Kind::Consent: {
        bool* const flags[] = {&r.consent.share_info_with_others, &r.consent.contact,
                               &r.consent.share_with_microsoft_sellers};
        *flags[pending_] = value;
        break;
      }
      case Kind::Details: r.details.customer_requested_contact = value; break;
      default: break;
    }
  }

  ReferralPage& page_;
  const int max_depth_;
  int depth_ = 0;
  std::vector<Frame> stack_;
  int pending_ = -1;  // the known field whose value comes next, or -1 (an unknown key, in pending_key_)
  std::string pending_key_;
  Referral current_;                        // the item being read
  std::vector<Member>* members_ = nullptr;  // the team being read
  std::unique_ptr<nlohmann::detail::json_sax_dom_parser<Json>> capture_;
  Json* capture_target_ = nullptr;  // where the value being captured goes
  int capture_depth_ = 0;
  Json ignored_;       // a value read only to be dropped (start_capture empties it first)
  Json requirements_;  // the requirements being read, kept as text when complete
  bool failed_ = false, finished_ = false;
};

}  // namespace

// [SECTION] entry point --------------------------------------------------------------------------

std::optional<ReferralPage> read_referral_page(std::string_view text, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes) return std::nullopt;  // the depth is counted while reading
  ReferralPage page;
  PageReader reader(page, limits.max_depth);
  const bool parsed = Json::sax_parse(text.begin(), text.end(), &reader, nlohmann::json::input_format_t::json, true);
  if (!parsed || !reader.succeeded()) return std::nullopt;
  return page;
}

}  // namespace leads
