#include "daemon/db_fault.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace cadence::daemon {
namespace {

bool contains(const std::string& text, const char* needle) {
  return text.find(needle) != std::string::npos;
}

}  // namespace

DatabaseFault classify_database_error(const Error& error) {
  if (error.code() != ErrorCode::kDatabase && error.code() != ErrorCode::kIo) {
    return DatabaseFault::kOther;
  }
  const std::string& m = error.message();
  if (contains(m, "the database file was")) return DatabaseFault::kDeleted;
  if (contains(m, "database is locked")) return DatabaseFault::kLocked;
  if (contains(m, "read-only") || contains(m, "readonly")) return DatabaseFault::kReadOnly;
  if (contains(m, "disk is full") || contains(m, "No space left")) return DatabaseFault::kDiskFull;
  if (contains(m, "I/O error")) return DatabaseFault::kIo;
  return DatabaseFault::kDatabase;
}

const char* describe(DatabaseFault fault) {
  switch (fault) {
    case DatabaseFault::kLocked:
      return "database locked";
    case DatabaseFault::kReadOnly:
      return "database read-only";
    case DatabaseFault::kDiskFull:
      return "database disk full";
    case DatabaseFault::kIo:
      return "database I/O error";
    case DatabaseFault::kDeleted:
      return "database deleted";
    case DatabaseFault::kDatabase:
      return "database error";
    case DatabaseFault::kOther:
      break;
  }
  return "error";
}

std::string describe_duration(Duration d) {
  const long long s = std::max<long long>(0, d.count());
  if (s < 60) return std::to_string(s) + " s";
  if (s < 3600) return std::to_string(s / 60) + " min " + std::to_string(s % 60) + " s";
  return std::to_string(s / 3600) + " h " + std::to_string((s % 3600) / 60) + " min";
}

std::chrono::milliseconds FaultTracker::failed(const Error& error, Instant now) {
  const DatabaseFault kind = classify_database_error(error);
  ++attempts_;
  if (!fault_ || *fault_ != kind) {
    // A new fault, or the same outage showing another face (locked, then
    // read-only): worth a line of its own. The backoff carries on.
    if (!fault_) {
      since_ = now;
      next_delay_ = options_.first_retry;
    }
    fault_ = kind;
    last_logged_ = now;
    spdlog::error("{} since {}: {}; retrying", describe(kind), format_rfc3339_utc(since_),
                  error.message());
  } else if (now - last_logged_ >= options_.remind_every || now < last_logged_) {
    // `now < last_logged_`: the wall clock went back; log rather than go
    // silent until it catches up.
    last_logged_ = now;
    spdlog::warn("{} still failing since {} ({} attempts): {}", describe(kind),
                 format_rfc3339_utc(since_), attempts_, error.message());
  }
  const std::chrono::milliseconds delay = next_delay_;
  next_delay_ = std::min(options_.max_retry, next_delay_ * 2);
  return delay;
}

bool FaultTracker::succeeded(Instant now) {
  if (!fault_) return false;
  spdlog::info("recovered from {} after {} ({} failed attempt{})", describe(*fault_),
               describe_duration(now - since_), attempts_, attempts_ == 1 ? "" : "s");
  fault_.reset();
  attempts_ = 0;
  next_delay_ = std::chrono::milliseconds{0};
  return true;
}

std::string FaultTracker::summary() const {
  if (!fault_) return {};
  return std::string(describe(*fault_)) + " since " + format_rfc3339_utc(since_);
}

}  // namespace cadence::daemon
