// Search folding for Turkish and English: one lower-case, accent-free form so "istanbul" finds "İSTANBUL".
#pragma once
#include <string>
#include <string_view>

namespace leads {

// Lower-cases with Turkish rules and strips Turkish and Latin diacritics: İ I ı i all fold to "i", Ş->s, Ğ->g,
// Ü->u, Ö->o, Ç->c, â î û é ß->ss and so on; combining marks are dropped and any white space becomes one ' '.
// Letters outside Latin are kept as they are. Invalid UTF-8 never crashes: each bad byte becomes U+FFFD.
std::string fold_for_search(std::string_view utf8);
void fold_for_search(std::string_view utf8, std::string& out);  // the same into `out`, reusing its room

// Whether `folded_needle` occurs in `folded_haystack`; both must already be folded. An empty needle matches.
bool folded_contains(std::string_view folded_haystack, std::string_view folded_needle);

}  // namespace leads
