#include "daemon/daemon_job.hpp"
#include "daemon/scheduler_job.hpp"

namespace cadence::daemon {

// The reminder scheduler (engine + store + delivery, daemon/scheduler_job.hpp).
std::vector<std::unique_ptr<DaemonJob>> register_daemon_jobs(const JobContext& context) {
  std::vector<std::unique_ptr<DaemonJob>> jobs;
  jobs.push_back(std::make_unique<SchedulerJob>(context.clock));
  return jobs;
}

}  // namespace cadence::daemon
