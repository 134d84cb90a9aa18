#include "daemon/daemon_job.hpp"

namespace cadence::daemon {

// No job yet: the reminder scheduler (engine + store + delivery) registers
// here when it lands; until then cadenced runs idle.
std::vector<std::unique_ptr<DaemonJob>> register_daemon_jobs(const JobContext& /*context*/) {
  return {};
}

}  // namespace cadence::daemon
