// Keeping the database safe over years: online backup, restore, an integrity
// check at start, and a copy of the file before a schema migration.
//
// All functions work on a database file by path and may run while cadenced
// has the same file open (SQLite's online backup API copies a consistent
// snapshot and takes the locks it needs). Nothing throws; every failure is an
// Error naming the file. A destination file is written under a temporary name
// and renamed into place only when complete and verified, so a failed or
// interrupted backup never leaves a half-written file behind.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "cadence/clock.hpp"
#include "cadence/error.hpp"

namespace cadence {

// Copies the live database `db_path` to `dest_path` (created 0600; an existing
// file is replaced only after the copy passed PRAGMA quick_check).
Status backup_database(const std::string& db_path, const std::string& dest_path);

// What restore_database did.
struct RestoreResult {
  // The previous content of the database, kept next to it
  // ("<db>.before-restore-<UTC stamp>.bak"); empty if there was none.
  std::string previous_copy;
};

// Replaces the content of `db_path` with the backup `backup_path`, after
// checking that the backup is a cadence database that passes quick_check and
// whose schema this binary can read. The current content is first saved as
// RestoreResult::previous_copy. A running daemon sees the new content at its
// next read (PRAGMA data_version changes).
Result<RestoreResult> restore_database(const std::string& backup_path, const std::string& db_path,
                                       const Clock& clock);

// Runs PRAGMA quick_check on an existing database. A corrupt file gives a
// kDatabase error that names the problem and the newest backup found next to
// the file ("<db>*.bak"), or how to restore one. A missing file is ok (it will
// be created).
Status check_database(const std::string& db_path);

// The cheap part of check_database, for the start of the daemon: the file is
// a SQLite database whose schema can be read. Reads a few pages, whatever the
// size of the file; the same error as check_database for a damaged file.
Status check_database_readable(const std::string& db_path);

// check_database that another thread can abandon: PRAGMA quick_check reads
// every page (seconds on a database of a million contacts), so the daemon
// runs it beside its work and stops it if the daemon stops first.
class DatabaseCheck {
 public:
  explicit DatabaseCheck(std::string db_path);
  ~DatabaseCheck();
  DatabaseCheck(const DatabaseCheck&) = delete;
  DatabaseCheck& operator=(const DatabaseCheck&) = delete;

  // The result of check_database(db_path), or ok without a verdict when
  // cancel() came first (then cancelled() is true). Call once, on any thread.
  Status run();
  // Any thread, any time: a running check returns soon; a later run() does
  // not start.
  void cancel();
  bool cancelled() const;

 private:
  struct State;
  std::string db_path_;
  std::unique_ptr<State> state_;
};

// Before opening a database whose schema is older than `target_version` (this
// binary's, by default), copies it to "<db>.pre-v<target>-<UTC stamp>.bak" and
// returns that path; returns nullopt when no migration is pending (missing,
// empty or current file).
Result<std::optional<std::string>> backup_before_migration(
    const std::string& db_path, const Clock& clock,
    int target_version = 0);  // 0: sqlite_schema_version()

// The newest "<db>*.bak" file next to `db_path` by modification time, if any.
std::optional<std::string> newest_backup_next_to(const std::string& db_path);

}  // namespace cadence
