// The seam where cadenced's real work (the reminder scheduler, the HTTP
// server, ...) plugs into the daemon's lifecycle.
//
// The daemon (src/daemon/daemon.hpp) owns one single-threaded Asio
// io_context, the signals, the config and the systemd notifications. A job
// owns its own async work on that io_context (timers, sockets) and nothing
// else. The calls, all on the loop thread, never concurrently:
//
//   validate(config)     before start and before every reload: semantic checks
//                        the config loader cannot do (holiday keys exist, an
//                        RRULE parses). Returns the problems found, with
//                        locations; any kError rejects the config (at start:
//                        exit 78; on reload: the old config stays in force).
//                        No side effects. Also used by `cadenced --check-config`
//                        (then start is never called).
//   start(io, config)    once, after validate accepted `config`. Arms the
//                        job's first async operations. An error ends the
//                        daemon with exit 3 (runtime failure).
//   reconfigure(config)  after validate accepted a reloaded config; runs as
//                        its own event on the loop, i.e. between the job's
//                        events, never inside one. Must not fail: anything
//                        that can fail belongs in validate. Only called when
//                        the new config differs from the old one.
//   stop()               on SIGTERM/SIGINT: cancel every pending operation so
//                        that io_context::run() returns (handlers then see
//                        operation_aborted and must treat it as normal).
//                        Called once; no call follows.
//
// Config objects are shared immutable snapshots: a job may keep the
// shared_ptr it was given for as long as it likes.
//
// Register jobs in register_daemon_jobs() (src/daemon/jobs.cpp). With no job
// the daemon runs idle: it waits on signals only.
#pragma once

#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cadence/clock.hpp"
#include "cadence/config.hpp"
#include "cadence/error.hpp"

namespace cadence::daemon {

class DaemonJob {
 public:
  virtual ~DaemonJob() = default;

  // A short name for logs: "scheduler".
  virtual std::string_view name() const = 0;

  virtual std::vector<ConfigDiagnostic> validate(const Config& config) = 0;
  virtual Status start(boost::asio::io_context& io, std::shared_ptr<const Config> config) = 0;
  virtual void reconfigure(std::shared_ptr<const Config> config) = 0;
  virtual void stop() = 0;

  // One short line for systemd's STATUS= ("12 reminders queued, next 09:00").
  // Empty: nothing to add.
  virtual std::string status() const { return {}; }

  // Set by the daemon before start(). A job that finds, after it started, a
  // problem it cannot run past (the background database check finding the
  // file damaged) calls fail() on the loop thread: the daemon logs the error
  // and stops every job, and run() returns 3 as for a failed start.
  void set_failure_handler(std::function<void(const Error&)> handler) {
    on_failure_ = std::move(handler);
  }

  // Set by the daemon before start(). A job whose status() changed between
  // start and reload (a database fault began or ended) calls status_changed()
  // on the loop thread: the daemon sends STATUS= again.
  void set_status_handler(std::function<void()> handler) { on_status_ = std::move(handler); }

 protected:
  void fail(const Error& error) {
    if (on_failure_) on_failure_(error);
  }
  void status_changed() {
    if (on_status_) on_status_();
  }

 private:
  std::function<void(const Error&)> on_failure_;
  std::function<void()> on_status_;
};

// What jobs are built from. The clock is the only way a job learns the time.
struct JobContext {
  const Clock& clock;
};

// Creates every job cadenced runs, in start order (stopped in reverse).
std::vector<std::unique_ptr<DaemonJob>> register_daemon_jobs(const JobContext& context);

}  // namespace cadence::daemon
