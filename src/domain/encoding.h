// Text encodings of bytes that tokens, PKCE and URLs share, client and server alike.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace leads {

// RFC 4648 §5, without padding.
std::string base64url_encode(std::string_view bytes);
// Strict: only the URL-safe alphabet (trailing '=' padding tolerated); nullopt for anything else or an impossible
// length.
std::optional<std::string> base64url_decode(std::string_view text);

// RFC 3986 percent-encoding of everything but the unreserved characters (A-Z a-z 0-9 - . _ ~), as
// application/x-www-form-urlencoded values and OAuth parameters need, and but `also_kept` (a query value may keep
// '/' and ',' as they are: "$select=id,customerProfile/name" stays readable).
std::string percent_encode(std::string_view text, std::string_view also_kept = {});

}  // namespace leads
