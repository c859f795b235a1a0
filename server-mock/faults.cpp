// Fault rules: reading them from JSON and matching them against requests.
#include "faults.h"

#include <algorithm>

namespace leads {

namespace {
const std::pair<FaultBody, const char*> kBodies[] = {{FaultBody::Truncated, "truncated"},
                                                     {FaultBody::NotJson, "not-json"},
                                                     {FaultBody::Oversized, "oversized"},
                                                     {FaultBody::Drop, "drop"},
                                                     {FaultBody::CrashAfterCommit, "crash-after-commit"}};
}

std::optional<FieldError> fault_rule_from_json(const Json& json, const std::string& path, FaultRule& out) {
  if (!json.is_object()) return FieldError{path, "must be an object"};
  FaultRule rule;
  for (auto it = json.begin(); it != json.end(); ++it) {
    const std::string& key = it.key();
    const Json& value = it.value();
    const std::string field = path + "/" + key;
    if (key == "method" || key == "pathPrefix") {
      if (!value.is_string()) return FieldError{field, "must be a string"};
      (key == "method" ? rule.method : rule.path_prefix) = value.get<std::string>();
    } else if (key == "times" || key == "latencyMs" || key == "status" || key == "lifetimeSeconds") {
      if (!value.is_number_integer()) return FieldError{field, "must be an integer"};
      const auto number = value.get<long long>();
      if (number < -1 || number > 600000) return FieldError{field, "is out of range"};
      if (key == "times") {
        if (number > kMaxFaultTimes) return FieldError{field, "must be at most " + std::to_string(kMaxFaultTimes)};
        rule.times = static_cast<int>(number);
      } else if (key == "lifetimeSeconds") {
        if (number < 1 || number > kMaxFaultLifetimeSeconds)
          return FieldError{field, "must be 1 to " + std::to_string(kMaxFaultLifetimeSeconds)};
        rule.lifetime_seconds = static_cast<int>(number);
      } else if (key == "latencyMs")
        rule.latency_ms = static_cast<int>(number);
      else if (number != 0 && (number < 200 || number > 599))
        return FieldError{field, "must be an HTTP status"};
      else
        rule.status = static_cast<int>(number);
    } else if (key == "headers") {
      if (!value.is_object()) return FieldError{field, "must be an object of strings"};
      for (auto h = value.begin(); h != value.end(); ++h) {
        if (!h.value().is_string()) return FieldError{field + "/" + h.key(), "must be a string"};
        rule.headers[h.key()] = h.value().get<std::string>();
      }
    } else if (key == "body") {
      if (!value.is_string()) return FieldError{field, "must be a string"};
      const std::string text = value.get<std::string>();
      bool known = false;
      for (const auto& body : kBodies)
        if (text == body.second) {
          rule.body = body.first;
          known = true;
        }
      if (!known) return FieldError{field, "must be truncated, not-json, oversized, drop or crash-after-commit"};
    } else {
      return FieldError{field, "is not a known fault property"};
    }
  }
  if (rule.times == 0) return FieldError{path + "/times", "must be positive, or -1 for until cleared"};
  out = std::move(rule);
  return std::nullopt;
}

Json fault_rule_to_json(const FaultRule& rule) {
  Json json = {{"method", rule.method},        {"pathPrefix", rule.path_prefix},
               {"times", rule.times},          {"lifetimeSeconds", rule.lifetime_seconds},
               {"latencyMs", rule.latency_ms}, {"status", rule.status}};
  Json headers = Json::object();
  for (const auto& [name, value] : rule.headers) headers[name] = value;
  json["headers"] = headers;
  for (const auto& body : kBodies)
    if (rule.body == body.first) json["body"] = body.second;
  return json;
}

void Faults::drop_lapsed() {
  const auto now = std::chrono::steady_clock::now();
  rules_.erase(std::remove_if(rules_.begin(), rules_.end(), [&](const Entry& entry) { return entry.lapses <= now; }),
               rules_.end());
}

bool Faults::add(std::vector<FaultRule> rules) {
  std::lock_guard<std::mutex> lock(mutex_);
  drop_lapsed();
  if (rules_.size() + rules.size() > kMaxFaultRules) return false;
  const auto now = std::chrono::steady_clock::now();
  for (auto& rule : rules) {
    const auto lapses = now + std::chrono::seconds(rule.lifetime_seconds);
    rules_.push_back(Entry{std::move(rule), lapses});
  }
  return true;
}

void Faults::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  rules_.clear();
}

std::vector<FaultRule> Faults::rules() {
  std::lock_guard<std::mutex> lock(mutex_);
  drop_lapsed();
  std::vector<FaultRule> out;
  for (const Entry& entry : rules_) out.push_back(entry.rule);
  return out;
}

std::optional<FaultRule> Faults::take(const std::string& method, const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  drop_lapsed();
  for (auto it = rules_.begin(); it != rules_.end(); ++it) {
    FaultRule& rule = it->rule;
    if (rule.method != "*" && rule.method != method) continue;
    if (path.compare(0, rule.path_prefix.size(), rule.path_prefix) != 0) continue;
    FaultRule hit = rule;
    if (rule.times > 0 && --rule.times == 0) rules_.erase(it);
    return hit;
  }
  return std::nullopt;
}

}  // namespace leads
