#include "daemon/daemon_job.hpp"
#include "daemon/database_job.hpp"
#include "daemon/scheduler_job.hpp"
#include "http/http_job.hpp"

namespace cadence::daemon {

// The database check (daemon/database_job.hpp), then the reminder scheduler
// (engine + store + delivery, daemon/scheduler_job.hpp), which opens it, then
// the HTTP server (idle without an http: section).
std::vector<std::unique_ptr<DaemonJob>> register_daemon_jobs(const JobContext& context) {
  std::vector<std::unique_ptr<DaemonJob>> jobs;
  jobs.push_back(std::make_unique<DatabaseJob>(context.clock));
  auto scheduler = std::make_unique<SchedulerJob>(context.clock);
  // The HTTP server (http/http_job.hpp) last: it opens the database the
  // scheduler migrated. /readyz asks whether the scheduler runs: from a
  // successful start() until stop() (SchedulerJob::running).
  const SchedulerJob* running = scheduler.get();
  jobs.push_back(std::move(scheduler));
  http::HttpJobOptions http_options;
  http_options.scheduler_running = [running] { return running->running(); };
  // A database fault the scheduler is retrying (SchedulerJob::health).
  http_options.scheduler_health = [running] { return running->health(); };
  jobs.push_back(std::make_unique<http::HttpJob>(context.clock, std::move(http_options)));
  return jobs;
}

}  // namespace cadence::daemon
