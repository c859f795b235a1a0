// jwt_segments: the shape of a compact JWT and its JSON segments (see jwt_segments.h).
#include "domain/jwt_segments.h"

#include "domain/encoding.h"

namespace leads {

std::optional<JwtSegments> jwt_segments(std::string_view token) {
  const std::size_t first = token.find('.');
  const std::size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) return std::nullopt;
  return JwtSegments{token.substr(0, first), token.substr(first + 1, second - first - 1), token.substr(second + 1),
                     token.substr(0, second)};
}

std::optional<Json> jwt_segment_object(std::string_view segment, const JsonLimits& limits) {
  const std::optional<std::string> text = base64url_decode(segment);
  if (!text) return std::nullopt;
  ParsedJson parsed = parse_json_text(*text, limits);
  if (parsed.error || !parsed.value.is_object()) return std::nullopt;
  return std::move(parsed.value);
}

}  // namespace leads
