// "Did you mean ...?" (cadence/suggest.hpp) and join, for the config loader.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cadence/suggest.hpp"

namespace cadence::config_internal {

using cadence::closest_match;
using cadence::did_you_mean;
using cadence::edit_distance;

}  // namespace cadence::config_internal

namespace cadence::config_internal {

// "a, b, c".
std::string join(const std::vector<std::string>& names, std::string_view separator = ", ");

}  // namespace cadence::config_internal
