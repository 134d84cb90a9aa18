// "Did you mean": the closest known name to a misspelt one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cadence::engine_detail {

// The candidate with the smallest edit distance to `word`, when that distance
// is small enough to be a plausible typo (at most a third of the word, min 2).
std::optional<std::string> closest_name(std::string_view word,
                                        const std::vector<std::string>& candidates);

}  // namespace cadence::engine_detail
