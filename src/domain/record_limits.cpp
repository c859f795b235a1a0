// The check a lead passes before it is stored: bounded teams and members, a bounded lead, and a text that reads back.
#include "domain/record_limits.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace leads {

namespace {

// Levels of nesting of a JSON value (a scalar is 0, [] is 1), walked with an explicit stack: no recursion.
int json_depth(const Json& value) {
  if (!value.is_structured()) return 0;
  int deepest = 0;
  std::vector<std::pair<const Json*, int>> stack{{&value, 1}};
  while (!stack.empty()) {
    const auto [node, depth] = stack.back();
    stack.pop_back();
    deepest = std::max(deepest, depth);
    for (const Json& child : *node)
      if (child.is_structured()) stack.emplace_back(&child, depth + 1);
  }
  return deepest;
}

std::optional<RecordProblem> too_large(std::string target, std::string message) {
  return RecordProblem{RecordProblemKind::TooLarge, FieldError{std::move(target), std::move(message)}};
}
std::optional<RecordProblem> invalid(std::string target, std::string message) {
  return RecordProblem{RecordProblemKind::Invalid, FieldError{std::move(target), std::move(message)}};
}

std::optional<RecordProblem> check_team(const std::vector<Member>& team, const std::string& path) {
  if (team.size() > kMaxTeamSize)
    return invalid(
        path, "a team has at most " + std::to_string(kMaxTeamSize) + " members, not " + std::to_string(team.size()));
  for (std::size_t i = 0; i < team.size(); ++i) {
    const Json member = member_to_json(team[i]);
    const std::string where = path + "/" + std::to_string(i);
    if (json_depth(member) > kMaxMemberDepth)
      return invalid(where, "a team member nests deeper than " + std::to_string(kMaxMemberDepth) + " levels");
    const std::size_t bytes = dump_json(member).size();
    if (bytes > kMaxMemberBytes)
      return too_large(where, "a team member is " + std::to_string(bytes) + " bytes, over the limit of " +
                                  std::to_string(kMaxMemberBytes));
  }
  return std::nullopt;
}

}  // namespace

std::optional<RecordProblem> check_record(const Referral& referral, std::string& text) {
  text.clear();
  if (auto problem = check_team(referral.team, "team")) return problem;
  if (auto problem = check_team(referral.customer_profile.team, "customerProfile/team")) return problem;
  const Json json = referral_to_json(referral);
  for (auto it = json.begin(); it != json.end(); ++it)
    if (json_depth(it.value()) + 1 > kMaxLeadDepth)
      return invalid(it.key(), "nests deeper than the " + std::to_string(kMaxLeadDepth) + " levels a lead may have");
  text = dump_json(json);
  if (text.size() > kMaxLeadBytes)
    return too_large("", "the referral would be " + std::to_string(text.size()) + " bytes, over the limit of " +
                             std::to_string(kMaxLeadBytes));
  // Never store what cannot be read back: read the text exactly as a later start-up and the client will.
  const ParsedJson parsed = parse_json_text(text, JsonLimits{kMaxLeadBytes, kMaxLeadDepth});
  if (parsed.error) return invalid(parsed.error->field, "would not read back: " + parsed.error->message);
  Referral back;
  if (auto error = referral_from_json(parsed.value, back))
    return invalid(error->field, "would not read back: " + error->message);
  return std::nullopt;
}

}  // namespace leads
