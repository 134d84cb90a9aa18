// A fault of the database while the daemon runs (disk full, read-only,
// locked past the busy timeout, an I/O error) and what the daemon does about
// it: log it once, retry with backoff, say it in STATUS= and /readyz, and log
// the recovery.
//
// FaultTracker is the bookkeeping, without I/O except spdlog lines; the
// caller (SchedulerJob) runs the retries on its timer. Loop thread only.
//
// Log lines, for one fault (the same kind) however many retries it takes:
//   error  "database read-only since 2026-11-27T09:30:00Z: <error>; retrying"
//          at the first failure (and again if the kind of fault changes);
//   warn   "database read-only still failing since ... (N attempts): <error>"
//          at most once per `remind_every` (default 10 min);
//   info   "recovered from database read-only after 2 min 5 s (N failed attempts)"
//          at the first success after failures.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "cadence/error.hpp"
#include "cadence/time.hpp"

namespace cadence::daemon {

enum class DatabaseFault {
  kLocked,    // another process held the write lock past the busy timeout
  kReadOnly,  // SQLITE_READONLY, EROFS, EPERM (immutable), EACCES
  kDiskFull,  // SQLITE_FULL, ENOSPC, EDQUOT, EFBIG (file size limit)
  kIo,        // another I/O error
  kDeleted,   // the file was deleted or replaced under the open connection
  kDatabase,  // another database error (damaged file, ...)
  kOther,     // an error that is not the database's
};

// The kind of `error`, from the store's messages (src/store/sqlite_store.cpp
// names locks, read-only and full databases, and the errno of an I/O error).
DatabaseFault classify_database_error(const Error& error);

// "database locked", "database read-only", "database disk full",
// "database I/O error", "database deleted", "database error", "error".
const char* describe(DatabaseFault fault);

struct FaultTrackerOptions {
  // The first retry comes after `first_retry`; each next one after twice the
  // previous delay, at most `max_retry`. Defaults: 1 s, 30 s.
  std::chrono::milliseconds first_retry{1000};
  std::chrono::milliseconds max_retry{30000};
  // How often a fault that lasts is logged again. Default: 10 min.
  Duration remind_every{600};
};

class FaultTracker {
 public:
  explicit FaultTracker(FaultTrackerOptions options = {}) : options_(options) {}

  // Records a failed attempt at `now` and logs as described above. Returns
  // the delay before the next attempt.
  std::chrono::milliseconds failed(const Error& error, Instant now);

  // Records a successful attempt. Returns true when it ended a fault (the
  // "recovered" line was logged).
  bool succeeded(Instant now);

  bool failing() const { return fault_.has_value(); }
  // "" while healthy; else "database read-only since 2026-11-27T09:30:00Z".
  std::string summary() const;
  // Failed attempts of the current fault (0 while healthy).
  int attempts() const { return attempts_; }

 private:
  FaultTrackerOptions options_;
  std::optional<DatabaseFault> fault_;
  Instant since_{};
  Instant last_logged_{};
  int attempts_ = 0;
  std::chrono::milliseconds next_delay_{0};
};

// "2 min 5 s", "3 h 0 min", "45 s": a duration for a log line.
std::string describe_duration(Duration d);

}  // namespace cadence::daemon
