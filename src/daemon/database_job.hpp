// The first job at start: take the one-daemon-per-database lock
// (instance_lock.hpp), make sure the database is sound, and keep a copy
// before a schema migration changes it.
//
// At start, before anything opens the file: a cheap check that it is a
// database whose schema reads (a few pages, any size), then the copy of a
// file with an older schema to "<db>.pre-v<N>-<stamp>.bak" (the scheduler job
// then opens and migrates it). A failure ends the start with exit 3.
//
// The full PRAGMA quick_check reads every page — seconds on a database of a
// million contacts, which must not hold back READY=1 — so it runs on its own
// thread and read-only connection beside the daemon's work. A damaged file
// stops the daemon with exit 3 (DaemonJob::fail) and a message naming the
// newest backup next to it: never a silent reset. A stop during the check
// interrupts it.
#pragma once

#include <atomic>
#include <memory>
#include <thread>

#include "cadence/maintenance.hpp"
#include "daemon/daemon_job.hpp"
#include "daemon/instance_lock.hpp"

namespace cadence::daemon {

class DatabaseJob final : public DaemonJob {
 public:
  explicit DatabaseJob(const Clock& clock) : clock_(clock) {}
  ~DatabaseJob() override;

  std::string_view name() const override { return "database"; }
  std::vector<ConfigDiagnostic> validate(const Config&) override { return {}; }
  Status start(boost::asio::io_context& io, std::shared_ptr<const Config> config) override;
  void reconfigure(std::shared_ptr<const Config>) override {}
  void stop() override;
  std::string status() const override;

 private:
  void on_checked(const Status& verdict);

  const Clock& clock_;
  InstanceLock lock_;  // held from start until the daemon ends
  std::unique_ptr<DatabaseCheck> check_;
  std::thread checker_;
  std::atomic<bool> checking_{false};
  bool stopping_ = false;
};

}  // namespace cadence::daemon
