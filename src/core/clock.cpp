#include "cadence/clock.hpp"

#include <chrono>

namespace cadence {

Instant SystemClock::now() const {
  return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
}

}  // namespace cadence
