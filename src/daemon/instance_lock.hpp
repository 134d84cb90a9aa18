// One cadenced per database: an advisory lock (flock) on a file beside the
// database, held for the daemon's lifetime. A second daemon started on the same
// database refuses to start and names the first one's pid; cadencectl never
// takes the lock (it may run beside the daemon). The kernel releases the lock
// when the process ends however it ends (SIGKILL included), so a stale lock
// file never blocks a restart.
//
//   lock file: DATABASE + "-daemon.lock", holding the holder's pid and a newline
#pragma once

#include <string>

#include "cadence/error.hpp"

namespace cadence::daemon {

class InstanceLock {
 public:
  // Takes the lock for `database_path`. kConflict when another process holds
  // it: "another cadenced (pid N) is running on DATABASE ...". When the lock
  // file can be neither created nor opened (a read-only directory), the lock
  // is skipped with a warning in the log: the daemon still starts (and reports
  // the read-only database as it does), without the second-daemon check.
  static Result<InstanceLock> acquire(const std::string& database_path);

  InstanceLock() = default;
  InstanceLock(InstanceLock&& other) noexcept;
  InstanceLock& operator=(InstanceLock&& other) noexcept;
  InstanceLock(const InstanceLock&) = delete;
  InstanceLock& operator=(const InstanceLock&) = delete;
  ~InstanceLock();

  bool held() const { return fd_ >= 0; }
  static std::string path_for(const std::string& database_path);

 private:
  explicit InstanceLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace cadence::daemon
