#include "daemon/notifier.hpp"

#include <systemd/sd-daemon.h>

#include <ctime>
#include <string>

namespace cadence::daemon {

void SdNotifier::notify(std::string_view state) {
  const std::string message(state);
  // unset_environment = 0: reloads and the watchdog keep notifying.
  (void)sd_notify(0, message.c_str());
}

std::optional<std::chrono::microseconds> SdNotifier::watchdog_timeout() const {
  uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
  return std::chrono::microseconds(usec);
}

std::string reloading_message() {
  // systemd compares this with its own CLOCK_MONOTONIC reading, so it must be
  // the monotonic clock, not cadence's (wall-clock) Clock.
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  const auto usec = static_cast<unsigned long long>(ts.tv_sec) * 1000000ULL +
                    static_cast<unsigned long long>(ts.tv_nsec) / 1000ULL;
  return "RELOADING=1\nMONOTONIC_USEC=" + std::to_string(usec);
}

}  // namespace cadence::daemon
