#include "daemon/database_job.hpp"

#include <spdlog/spdlog.h>

#include "cadence/maintenance.hpp"

namespace cadence::daemon {

Status DatabaseJob::start(boost::asio::io_context& /*io*/, std::shared_ptr<const Config> config) {
  const std::string& db = config->database;
  if (auto s = check_database(db); !s) return s;
  auto copied = backup_before_migration(db, clock_);
  if (!copied) return copied.error().with_context("copying the database before its migration");
  if (copied.value()) {
    spdlog::info("database {} has an older schema; a copy was kept in {} before migrating", db,
                 *copied.value());
  }
  return ok_status();
}

}  // namespace cadence::daemon
