// The lead every test starts from, built fluently: a_lead().received_at(t).stage("Active", "Accepted").
// By default an in-scope customer inquiry (independent, incoming, direct) with id "r-1", New/Received and nothing
// else; a test names only what its rule reads. Header-only and free of doctest, so the fuzzers can use it too.
#pragma once
#include <string>
#include <utility>

#include "domain/referral.h"
#include "domain/timestamp.h"

namespace leads::test {

class LeadBuilder {
 public:
  LeadBuilder() {
    lead_.id = "r-1";
    lead_.status = wire_enum(Status::New);
    lead_.substatus = wire_enum(Substatus::Received);
    lead_.type = wire_enum(ReferralType::Independent);
    lead_.direction = wire_enum(Direction::Incoming);
    lead_.qualification = wire_enum(Qualification::Direct);
  }

  LeadBuilder& id(std::string id) {
    lead_.id = std::move(id);
    return *this;
  }
  LeadBuilder& name(std::string deal_name) {
    lead_.name = std::move(deal_name);
    return *this;
  }
  // Status and substatus as the wire spells them ("Closed", "Won"): an unknown text stays Unknown, as on the wire.
  LeadBuilder& stage(const std::string& status, const std::string& substatus) {
    lead_.status = status_from_wire(status);
    lead_.substatus = substatus_from_wire(substatus);
    return *this;
  }
  LeadBuilder& qualification(Qualification qualification) {
    lead_.qualification = wire_enum(qualification);
    return *this;
  }
  LeadBuilder& type(ReferralType type) {
    lead_.type = wire_enum(type);
    return *this;
  }
  LeadBuilder& invited_by(std::string organization_id, std::string organization_name = {}) {
    lead_.invite_context.invited_by.organization_id = std::move(organization_id);
    lead_.invite_context.invited_by.organization_name = std::move(organization_name);
    return *this;
  }
  LeadBuilder& received_at(TimeMs created) {
    lead_.created_date_time = created;
    return *this;
  }
  LeadBuilder& updated_at(TimeMs updated) {
    lead_.updated_date_time = updated;
    return *this;
  }
  LeadBuilder& expires_at(TimeMs expiration) {
    lead_.expiration_date_time = expiration;
    return *this;
  }
  LeadBuilder& customer(std::string name) {
    lead_.customer_profile.name = std::move(name);
    return *this;
  }
  LeadBuilder& city(std::string city) {
    lead_.customer_profile.address.city = std::move(city);
    return *this;
  }
  LeadBuilder& country(std::string country) {
    lead_.customer_profile.address.country = std::move(country);
    return *this;
  }
  // One more of the customer's contacts.
  LeadBuilder& contact(Member member) {
    lead_.customer_profile.team.push_back(std::move(member));
    return *this;
  }
  // One more of the partner's own people on the deal.
  LeadBuilder& seller(Member member) {
    lead_.team.push_back(std::move(member));
    return *this;
  }
  LeadBuilder& deal(double value, std::string currency) {
    lead_.details.deal_value = value;
    lead_.details.currency = std::move(currency);
    return *this;
  }
  LeadBuilder& requested_contact(bool requested = true) {
    lead_.details.customer_requested_contact = requested;
    return *this;
  }
  LeadBuilder& etag(std::string etag) {
    lead_.etag = std::move(etag);
    return *this;
  }

  Referral build() const { return lead_; }
  operator Referral() const { return lead_; }  // NOLINT: a builder stands where a lead is expected

 private:
  Referral lead_;
};

inline LeadBuilder a_lead() {
  return LeadBuilder();
}

}  // namespace leads::test
