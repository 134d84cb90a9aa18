#include "daemon/database_job.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <chrono>

namespace cadence::daemon {

DatabaseJob::~DatabaseJob() {
  if (check_) check_->cancel();
  if (checker_.joinable()) checker_.join();
}

Status DatabaseJob::start(boost::asio::io_context& io, std::shared_ptr<const Config> config) {
  const std::string& db = config->database;
  // First of all: a second daemon on this database stops here, before it
  // copies, migrates or plans anything.
  auto lock = InstanceLock::acquire(db);
  if (!lock) return lock.error();
  lock_ = std::move(*lock);
  if (auto s = check_database_readable(db); !s) return s;
  auto copied = backup_before_migration(db, clock_);
  if (!copied) return copied.error().with_context("copying the database before its migration");
  if (copied.value()) {
    spdlog::info("database {} has an older schema; a copy was kept in {} before migrating", db,
                 *copied.value());
  }
  check_ = std::make_unique<DatabaseCheck>(db);
  checking_ = true;
  checker_ = std::thread([this, &io] {
    const auto began = std::chrono::steady_clock::now();
    Status verdict = check_->run();
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - began);
    if (verdict.ok() && !check_->cancelled()) {
      spdlog::info("database check (quick_check) passed in {} ms", took.count());
    }
    // Handled on the loop thread, between the other jobs' events.
    boost::asio::post(io, [this, verdict] { on_checked(verdict); });
  });
  return ok_status();
}

void DatabaseJob::on_checked(const Status& verdict) {
  checking_ = false;
  if (stopping_ || verdict.ok()) return;
  fail(verdict.error());
}

void DatabaseJob::stop() {
  stopping_ = true;
  if (check_) check_->cancel();
  if (checker_.joinable()) checker_.join();
}

std::string DatabaseJob::status() const { return checking_ ? "checking the database" : ""; }

}  // namespace cadence::daemon
