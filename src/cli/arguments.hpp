// Argument parsing shared by cadencectl commands (beyond what CLI11 checks).
#pragma once

#include <string>
#include <string_view>

#include "cadence/error.hpp"

namespace cadence::cli {

// `s` without leading blanks/tabs and trailing blanks/tabs/CR.
std::string_view trim(std::string_view s);

struct YearRange {
  int first = 0;
  int last = 0;
};

// "--years Y1-Y2" or a single "Y", within [min, max]. Errors name the value,
// the valid range and `why` (appended to "valid: MIN..MAX", e.g. " for set cn");
// `what` names the years in the out-of-range message ("years", "lunar years").
Result<YearRange> parse_year_range(const std::string& text, int min, int max, std::string_view why,
                                   std::string_view what);

}  // namespace cadence::cli
