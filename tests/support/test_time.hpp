// The instant most tests start their manual clocks at.
#pragma once

#include "cadence/time.hpp"

namespace cadence::testing {

// 2027-01-15T08:00:00Z: a Friday, 16:00 in Shanghai.
inline constexpr Instant kTestStart{Duration{1'800'000'000}};

}  // namespace cadence::testing
