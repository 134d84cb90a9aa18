// The reminder scheduler as a daemon job: the store, the Scheduler
// (src/scheduler/) and the Outbox (src/delivery/) driven by ONE steady_timer
// on the daemon's loop, plus an inotify watch on the database so that changes
// made by cadencectl or the HTTP API are seen within a second, without polling.
//
//   validate   compiles the rules (RuleSet::compile) and parses the channels:
//              their diagnostics, so a reload with a bad rule is refused.
//   start      opens the store (config `database`), then posts the initial
//              planning pass (it runs on the loop right after READY=1, so a
//              large database does not delay start-up notification) and arms
//              the timer and the watch.
//   wake       process_due (fire what is due, queue deliveries) then
//              Outbox::process_due (send). The timer is re-armed for
//              min(next_wake - now, 60 s): capping the sleep re-reads the wall
//              clock at least once a minute even if the clock watch below
//              should miss a jump; state is in the store and keys are
//              idempotent, so nothing is skipped or doubled.
//   clock      a WallClockWatch (clock_watch.hpp) runs a round of work at
//              once when the wall clock is set or the machine resumes from
//              suspend, instead of up to a minute later.
//   faults     when the database fails (disk full, read-only, locked past
//              the busy timeout: db_fault.hpp) the wake's work stops, the
//              fault is logged once (then at most every 10 min, then
//              "recovered after ..."), STATUS= and health() name it, and the
//              whole wake is retried with backoff (1 s doubling to 30 s) on
//              the same timer: no spin, no exit. Every step is idempotent,
//              so what fell due meanwhile fires on the first good retry,
//              late and once. A failed re-planning (after a change or a
//              reload) is redone by that retry too.
//   inotify    IN_MODIFY / IN_CLOSE_WRITE / IN_MOVED_TO / IN_CREATE on the
//              database's directory, filtered to the db file and its -wal;
//              when Store::data_version says another connection committed,
//              on_data_changed() re-plans the changed contacts and the timer
//              is re-armed (a snooze or done changes the next wake).
//
// Sending runs on the loop thread: a console channel is instantaneous; an
// HTTPS/SMTP channel blocks the loop for at most its request timeout per due
// delivery (delivery.hpp). Moving the outbox to its own thread with its own
// Store connection is the next step when slow channels matter.
#pragma once

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <optional>
#include <string>

#include "cadence/delivery.hpp"
#include "cadence/engine.hpp"
#include "cadence/scheduler.hpp"
#include "cadence/store.hpp"
#include "daemon/clock_watch.hpp"
#include "daemon/daemon_job.hpp"
#include "daemon/db_fault.hpp"

namespace cadence::daemon {

// The longest the job sleeps without re-reading the clock.
inline constexpr std::chrono::seconds kMaxSleep{60};

class SchedulerJob final : public DaemonJob {
 public:
  explicit SchedulerJob(const Clock& clock, SchedulerOptions options = {});
  ~SchedulerJob() override;

  std::string_view name() const override { return "scheduler"; }
  std::vector<ConfigDiagnostic> validate(const Config& config) override;
  Status start(boost::asio::io_context& io, std::shared_ptr<const Config> config) override;
  void reconfigure(std::shared_ptr<const Config> config) override;
  void stop() override;
  std::string status() const override;
  // True from a successful start() until stop(): /readyz's "scheduler
  // running" (read on the same loop, hence no atomic).
  bool running() const { return running_; }
  // Empty while the database works; else why not, for /readyz:
  // "database read-only since 2026-11-27T09:30:00Z". Loop thread only.
  std::string health() const { return faults_.summary(); }
  // Does now what the timer does when it expires (one round of work, then
  // re-arms). For tests driving the job on a ManualClock. Loop thread only.
  void wake_now() { wake(); }

 private:
  void initial_pass();
  void wake();
  // One round of work at `now`: plan (until the first success), re-plan
  // what changed, fire, record and dispatch sends, and find the next wake.
  Result<std::optional<Instant>> do_work(Instant now);
  Status replan_changes(Instant now);
  void on_fault(const Error& error, Instant now);
  void on_clock_jump(std::chrono::milliseconds jump);
  void arm_timer(std::chrono::milliseconds delay);
  Status watch_database(boost::asio::io_context& io, const std::string& path);
  void arm_watch();
  void on_database_event(std::size_t bytes);
  void build_outbox();

  const Clock& clock_;
  SchedulerOptions options_;
  std::shared_ptr<const Config> config_;
  std::shared_ptr<const RuleSet> rules_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Scheduler> scheduler_;
  std::unique_ptr<Transport> transport_;
  std::unique_ptr<Outbox> outbox_;
  std::optional<boost::asio::steady_timer> timer_;
  std::optional<boost::asio::posix::stream_descriptor> watch_;
  std::unique_ptr<WallClockWatch> clock_watch_;
  std::array<char, 4096> events_{};
  std::string db_name_;
  std::optional<std::int64_t> data_version_;
  std::optional<Instant> next_wake_;
  FaultTracker faults_;
  std::chrono::steady_clock::time_point plan_began_{};
  bool reconfigure_pending_ = false;  // a reload's re-planning failed: redo it
  bool started_ = false;
  bool stopping_ = false;
  bool running_ = false;
};

}  // namespace cadence::daemon
