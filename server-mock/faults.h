// Test-mode fault injection: rules that delay, fail, mangle or drop matching requests a given number of times.
#pragma once
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/referral_json.h"

namespace leads {

// Every rule ends: after its count of hits, and at the latest when its lifetime lapses.
constexpr int kDefaultFaultLifetimeSeconds = 300;
constexpr int kMaxFaultLifetimeSeconds = 3600;
constexpr int kMaxFaultTimes = 10000;
constexpr std::size_t kMaxFaultRules = 100;

enum class FaultBody { None, Truncated, NotJson, Oversized, Drop, CrashAfterCommit };

struct FaultRule {
  std::string method = "*";  // "GET", "PATCH", … or "*"
  std::string path_prefix;   // "" matches every path
  int times = 1;             // how many requests it hits (at most kMaxFaultTimes); -1 = until it lapses
  int lifetime_seconds = kDefaultFaultLifetimeSeconds;  // a rule lapses this long after it was added
  int latency_ms = 0;
  int status = 0;  // 0 = let the request through (possibly delayed or mangled)
  std::map<std::string, std::string> headers;
  FaultBody body = FaultBody::None;
};

// Reads one rule from JSON: {"method","pathPrefix","times","latencyMs","status","headers","body"}.
std::optional<FieldError> fault_rule_from_json(const Json& json, const std::string& path, FaultRule& out);
Json fault_rule_to_json(const FaultRule& rule);

class Faults {
 public:
  // False (nothing added) when the rules would be more than kMaxFaultRules.
  bool add(std::vector<FaultRule> rules);
  void clear();
  std::vector<FaultRule> rules();
  // The first rule matching this request, with its count used up by one.
  std::optional<FaultRule> take(const std::string& method, const std::string& path);

 private:
  struct Entry {
    FaultRule rule;
    std::chrono::steady_clock::time_point lapses;
  };
  void drop_lapsed();  // with mutex_ held

  mutable std::mutex mutex_;
  std::vector<Entry> rules_;
};

}  // namespace leads
