// The first job at start: make sure the database is sound before anything
// opens it, and keep a copy before a schema migration changes it.
//
// A damaged file (PRAGMA quick_check) stops the daemon with exit 3 and a
// message naming the newest backup next to it — never a silent reset. A file
// with an older schema is copied to "<db>.pre-v<N>-<stamp>.bak" first; the
// scheduler job then opens (and migrates) it.
#pragma once

#include "daemon/daemon_job.hpp"

namespace cadence::daemon {

class DatabaseJob final : public DaemonJob {
 public:
  explicit DatabaseJob(const Clock& clock) : clock_(clock) {}

  std::string_view name() const override { return "database"; }
  std::vector<ConfigDiagnostic> validate(const Config&) override { return {}; }
  Status start(boost::asio::io_context& io, std::shared_ptr<const Config> config) override;
  void reconfigure(std::shared_ptr<const Config>) override {}
  void stop() override {}

 private:
  const Clock& clock_;
};

}  // namespace cadence::daemon
