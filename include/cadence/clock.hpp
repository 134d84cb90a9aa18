// The one way any part of cadence learns the current time.
//
// The engine never reads the system clock: it is handed a Clock (SystemClock in
// cadenced, a simulated one in `cadencectl forecast`, ManualClock in tests).
// Clock is deliberately narrow: "now" only. Waiting is the daemon's business
// (an Asio timer armed from now() to the next due time).
#pragma once

#include <atomic>

#include "cadence/time.hpp"

namespace cadence {

class Clock {
 public:
  virtual ~Clock() = default;
  // The current UTC instant, second resolution. Thread-safe.
  virtual Instant now() const = 0;
};

// The real wall clock (std::chrono::system_clock), truncated to seconds.
class SystemClock final : public Clock {
 public:
  Instant now() const override;
};

// A clock that moves only when told to. For tests and simulations.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant start) : now_(start.time_since_epoch().count()) {}
  Instant now() const override { return Instant{Duration{now_.load()}}; }
  void set(Instant t) { now_.store(t.time_since_epoch().count()); }
  void advance(Duration d) { now_.fetch_add(d.count()); }

 private:
  std::atomic<Duration::rep> now_;
};

}  // namespace cadence
