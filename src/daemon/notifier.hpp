// Service-manager notifications (sd_notify(3)) behind a narrow interface, so
// the daemon's lifecycle can be tested without systemd.
//
// Protocol cadenced follows (documented for the unit file and for tests):
//   start:  STATUS=... then READY=1 once the config is loaded, the signals
//           are armed and every job has started.
//   reload: RELOADING=1 + MONOTONIC_USEC=<now> (as Type=notify-reload wants),
//           then READY=1 + STATUS=... whatever the outcome (a rejected config
//           leaves the old one running, which is still a ready service).
//   stop:   STOPPING=1 + STATUS=Stopping.
//   watchdog: WATCHDOG=1 every half of WATCHDOG_USEC, from the event loop.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace cadence::daemon {

class Notifier {
 public:
  virtual ~Notifier() = default;
  // Sends one notification, newline-separated assignments ("READY=1\nSTATUS=x").
  // Failures are ignored: a notification is advisory.
  virtual void notify(std::string_view state) = 0;
  // The watchdog period systemd asked for, or nullopt when it is off.
  virtual std::optional<std::chrono::microseconds> watchdog_timeout() const = 0;
};

// The real thing: libsystemd's sd_notify. Does nothing when NOTIFY_SOCKET is
// unset (not under systemd).
class SdNotifier final : public Notifier {
 public:
  void notify(std::string_view state) override;
  std::optional<std::chrono::microseconds> watchdog_timeout() const override;
};

// "RELOADING=1\nMONOTONIC_USEC=<CLOCK_MONOTONIC in µs>": the reload message
// systemd (Type=notify-reload) matches against the time it sent SIGHUP.
std::string reloading_message();

}  // namespace cadence::daemon
