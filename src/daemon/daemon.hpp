// The running cadenced process: one single-threaded Asio io_context, the
// signals, transactional config reloads, systemd notifications and the jobs
// (daemon_job.hpp) doing the real work.
//
//   SIGTERM, SIGINT  graceful stop: STOPPING=1, every pending operation
//                    (signal wait, watchdog timer, each job's work) is
//                    cancelled so run() returns; run() then returns 0.
//   SIGHUP           reload: the signal wait is re-armed first (so every
//                    SIGHUP is seen), then the reload runs as its own event,
//                    between the jobs' events. The file is loaded and
//                    validated into a fresh Config; any error is logged with
//                    its FILE:LINE:COL and the config in force stays; a valid
//                    one replaces it, the jobs are reconfigured (only if
//                    something changed) and a one-line summary of the change
//                    is logged. RELOADING=1 ... READY=1 bracket it either way.
//
// Notifications are listed in notifier.hpp. Not thread-safe except
// request_reload() and request_stop(), which may be called from any thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <string>
#include <vector>

#include "cadence/config.hpp"
#include "daemon/daemon_job.hpp"
#include "daemon/notifier.hpp"

namespace cadence::daemon {

class Daemon {
 public:
  // `initial` must have passed load_validated_config with these `jobs`.
  Daemon(std::string config_path, SubstitutionSource subst, std::shared_ptr<const Config> initial,
         std::vector<std::unique_ptr<DaemonJob>> jobs, Notifier& notifier);
  // Destroys the jobs first: their timers and descriptors belong to io_ and
  // must go before it (found by ASan in the process tests).
  ~Daemon();
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  // Arms the signals, starts the jobs, sends READY=1 and runs the loop until
  // a stop. Returns 0 after a clean stop, 3 (kExitRuntime) if a job failed to
  // start (the jobs already started are stopped again) or failed later
  // (DaemonJob::fail). Call once.
  int run();

  // The same as SIGHUP / SIGTERM, for tests and a future control socket.
  void request_reload();
  void request_stop();

  // The config in force. Loop thread only.
  const std::shared_ptr<const Config>& config() const { return config_; }

 private:
  void arm_signal_wait();
  void on_signal(int signal_number);
  void arm_watchdog();
  void reload();
  void stop(const char* reason);
  void notify_ready(const std::string& note);
  std::string status_line() const;

  std::string config_path_;
  SubstitutionSource subst_;
  std::shared_ptr<const Config> config_;
  std::vector<std::unique_ptr<DaemonJob>> jobs_;
  Notifier& notifier_;

  boost::asio::io_context io_;
  boost::asio::signal_set signals_;
  boost::asio::steady_timer watchdog_timer_;
  std::chrono::microseconds watchdog_period_{0};
  std::size_t jobs_started_ = 0;
  bool stopping_ = false;
  int exit_code_ = kExitOk;  // kExitRuntime after a job's fail()
};

}  // namespace cadence::daemon
