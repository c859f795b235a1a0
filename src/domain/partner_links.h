// The Partner Center pages the workspace sends a partner to as next steps ("Getting more leads"): their business
// profile (its address comes from /app-config.json, this is the default) and the CRM connectors' docs. These are the
// only web pages the app opens; a lead's data never chooses where a link goes.
#pragma once
#include <string_view>

namespace leads {

constexpr std::string_view kDefaultBusinessProfileUrl = "https://partner.microsoft.com/dashboard/mpn/partnerprofile";
constexpr std::string_view kDynamicsConnectorUrl =
    "https://learn.microsoft.com/partner-center/referrals/connector-dynamics";
constexpr std::string_view kSalesforceConnectorUrl =
    "https://learn.microsoft.com/partner-center/referrals/connector-salesforce";

// One of the pages above (with the configured business profile address): a link the app may open in a new tab.
inline bool is_partner_link(std::string_view url, std::string_view business_profile_url) {
  return url == business_profile_url || url == kDynamicsConnectorUrl || url == kSalesforceConnectorUrl;
}

}  // namespace leads
