// "Did you mean ...?" for misspelt keys, ids, names, commands and options:
// the config loader and cadencectl suggest the same way.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cadence {

// Edit distance: insert, delete, substitute, or swap two neighbours (bytes,
// case-insensitive for ASCII).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate when it is close enough to be a likely typo (distance
// at most max(1, len/3)), else empty. Ties go to the first candidate.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace cadence
