#include "daemon/daemon_job.hpp"
#include "daemon/database_job.hpp"
#include "daemon/scheduler_job.hpp"

namespace cadence::daemon {

// The database check (daemon/database_job.hpp), then the reminder scheduler
// (engine + store + delivery, daemon/scheduler_job.hpp), which opens it.
std::vector<std::unique_ptr<DaemonJob>> register_daemon_jobs(const JobContext& context) {
  std::vector<std::unique_ptr<DaemonJob>> jobs;
  jobs.push_back(std::make_unique<DatabaseJob>(context.clock));
  jobs.push_back(std::make_unique<SchedulerJob>(context.clock));
  return jobs;
}

}  // namespace cadence::daemon
