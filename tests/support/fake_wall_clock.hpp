// A daemon's wall clock under the test's control, for process tests in
// simulated time: libfaketime (LD_PRELOAD) reads a timestamp file on every
// call, so rewriting the file moves the child's CLOCK_REALTIME at once,
// while its monotonic clock stays real (its steady timers, watchdog and
// timeouts run as usual). After each move the test sets the real clock to
// the time it already has (clock_settime: a step of a few microseconds,
// needs CAP_SYS_TIME, i.e. root, as in CI): that is how the kernel announces
// a clock change to the child's TFD_TIMER_CANCEL_ON_SET timer, as it would
// after `date -s`, an NTP step or a resume from suspend.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "cadence/time.hpp"

namespace cadence::testing {

class FakeWallClock {
 public:
  // `file` is where the timestamp is kept (in the test's temp dir).
  explicit FakeWallClock(std::string file);

  // Empty if libfaketime is installed, else why not (for the test's failure).
  static std::string unavailable();

  // The environment that runs a child on this clock (merge into
  // SpawnOptions::env); it also sets TZ=UTC, in which set() writes.
  std::map<std::string, std::optional<std::string>> child_env() const;

  // Moves the clock to `t` (it runs on from there) without an announcement:
  // for before the child starts.
  void set_quietly(Instant t);
  // Moves the clock to `t` and makes the kernel announce a clock change.
  // False, with errno set, if the kernel refused (no CAP_SYS_TIME).
  bool set(Instant t);

 private:
  std::string file_;
};

}  // namespace cadence::testing
