// Backup, restore, integrity check and pre-migration copies (maintenance.hpp).
// Copies use SQLite's online backup API, never a file copy: a file copy of a
// database in WAL mode that another process is writing is not a consistent
// snapshot.
#include "cadence/maintenance.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <system_error>

#include "cadence/store.hpp"
#include "cadence/time.hpp"

namespace cadence {
namespace {

namespace fs = std::filesystem;

constexpr int kBusyTimeoutMs = 5000;

bool is_missing_or_empty(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) != 0 || (S_ISREG(st.st_mode) && st.st_size == 0);
}

// "20261127T124500Z": sortable and safe in file names.
std::string file_stamp(const Clock& clock) {
  std::string s = format_rfc3339_utc(clock.now());
  s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == '-' || c == ':'; }), s.end());
  return s;
}

Status sync_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return Error::io(path + ": " + std::strerror(errno));
  const int rc = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  if (rc != 0) return Error::io(path + ": fsync failed: " + std::strerror(saved));
  return ok_status();
}

std::string parent_dir(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

// The rows of PRAGMA quick_check, joined; "ok" for a sound file.
std::string quick_check(SQLite::Database& db) {
  SQLite::Statement check(db, "PRAGMA quick_check(5)");
  std::string out;
  while (check.executeStep()) {
    if (!out.empty()) out += "; ";
    out += check.getColumn(0).getString();
  }
  return out;
}

Error sqlite_error(const std::string& path, const SQLite::Exception& e) {
  const int code = e.getErrorCode();
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
    return Error::database(path + ": database is locked by another process (waited " +
                           std::to_string(kBusyTimeoutMs) + " ms); nothing was written");
  }
  if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) {
    return Error::database(path + ": not a sound SQLite database: " + e.what());
  }
  return Error::database(path + ": " + e.what());
}

// Copies `source` (an open connection) into a new file at `dest` via a
// temporary name; the copy is self-contained (rollback journal, not WAL) and
// verified before the rename.
Status copy_to_file(SQLite::Database& source, const std::string& source_path,
                    const std::string& dest) {
  const std::string tmp = dest + ".partial-" + std::to_string(::getpid());
  ::unlink(tmp.c_str());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Error::io(tmp + ": cannot create: " + std::strerror(errno));
  ::close(fd);
  struct RemoveOnFailure {
    const std::string& path;
    bool keep = false;
    ~RemoveOnFailure() {
      if (!keep) ::unlink(path.c_str());
    }
  } guard{tmp};
  try {
    {
      SQLite::Database copy(tmp, SQLite::OPEN_READWRITE, kBusyTimeoutMs);
      SQLite::Backup backup(copy, source);
      backup.executeStep();  // all pages, one consistent snapshot of the source
      copy.exec("PRAGMA journal_mode = DELETE");
      const std::string verdict = quick_check(copy);
      if (verdict != "ok") {
        return Error::database(source_path + ": the copy failed quick_check (" + verdict +
                               "); the source database may be damaged");
      }
    }
  } catch (const SQLite::Exception& e) {
    return sqlite_error(source_path, e);
  }
  if (auto s = sync_path(tmp, O_RDONLY); !s) return s;
  if (::rename(tmp.c_str(), dest.c_str()) != 0) {
    return Error::io(dest + ": cannot move the finished copy into place: " + std::strerror(errno));
  }
  guard.keep = true;
  return sync_path(parent_dir(dest), O_RDONLY | O_DIRECTORY);
}

// Removes "<db>.pre-v*.bak.partial-PID" files (and their -journal) whose
// process is gone: the half-written copies of starts that were killed
// mid-backup (a SIGKILL runs no clean-up). A copy of a live process (another
// cadenced or cadencectl copying right now) is left alone.
void remove_stale_partial_copies(const std::string& db_path) {
  const std::string prefix = fs::path(db_path).filename().string() + ".pre-v";
  const std::string marker = ".bak.partial-";
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(parent_dir(db_path), ec)) {
    const std::string name = entry.path().filename().string();
    const auto at = name.rfind(marker);
    if (name.rfind(prefix, 0) != 0 || at == std::string::npos) continue;
    // The copy and its rollback journal ("...partial-PID-journal").
    std::string pid_text = name.substr(at + marker.size());
    if (const auto dash = pid_text.find('-'); dash != std::string::npos) pid_text.resize(dash);
    if (pid_text.empty() || pid_text.find_first_not_of("0123456789") != std::string::npos) continue;
    const long pid = std::strtol(pid_text.c_str(), nullptr, 10);
    if (pid <= 0 || (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)) {
      std::error_code ignored;
      fs::remove(entry.path(), ignored);
    }
  }
}

bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  return fs::exists(b, ec) && fs::equivalent(a, b, ec);
}

}  // namespace

Status backup_database(const std::string& db_path, const std::string& dest_path) {
  if (is_missing_or_empty(db_path)) return Error::not_found(db_path + ": database does not exist");
  if (dest_path.empty()) return Error::invalid_input("no backup file given");
  if (same_file(db_path, dest_path)) {
    return Error::invalid_input(dest_path + ": is the database itself; choose another file");
  }
  try {
    SQLite::Database source(db_path, SQLite::OPEN_READONLY, kBusyTimeoutMs);
    return copy_to_file(source, db_path, dest_path);
  } catch (const SQLite::Exception& e) {
    return sqlite_error(db_path, e);
  }
}

Result<RestoreResult> restore_database(const std::string& backup_path, const std::string& db_path,
                                       const Clock& clock) {
  if (is_missing_or_empty(backup_path)) {
    return Error::not_found(backup_path + ": backup file does not exist or is empty");
  }
  if (same_file(backup_path, db_path)) {
    return Error::invalid_input(backup_path + ": is the database itself");
  }
  // The backup is checked on its own connection first, so that an error
  // names the backup and nothing has touched the database yet.
  try {
    SQLite::Database backup(backup_path, SQLite::OPEN_READONLY, kBusyTimeoutMs);
    if (const std::string verdict = quick_check(backup); verdict != "ok") {
      return Error::invalid_input(backup_path + ": the backup is damaged (quick_check: " + verdict +
                                  "); the database was not changed");
    }
    const int version = backup.execAndGet("PRAGMA user_version").getInt();
    if (version <= 0 || !backup.tableExists("contacts")) {
      return Error::invalid_input(backup_path +
                                  ": not a cadence database; the database was not changed");
    }
    if (version > sqlite_schema_version()) {
      return Error::invalid_input(backup_path + ": made by a newer cadence (schema " +
                                  std::to_string(version) + ", this binary reads up to " +
                                  std::to_string(sqlite_schema_version()) +
                                  "); the database was not changed");
    }
  } catch (const SQLite::Exception& e) {
    return Error::invalid_input(backup_path + ": not a usable backup (" + e.what() +
                                "); the database was not changed");
  }
  RestoreResult result;
  if (is_missing_or_empty(db_path)) {
    // Nothing to keep: the backup becomes the database.
    try {
      SQLite::Database backup(backup_path, SQLite::OPEN_READONLY, kBusyTimeoutMs);
      if (auto s = copy_to_file(backup, backup_path, db_path); !s) return s.error();
      SQLite::Database target(db_path, SQLite::OPEN_READWRITE, kBusyTimeoutMs);
      target.exec("PRAGMA journal_mode = WAL");
      return result;
    } catch (const SQLite::Exception& e) {
      return sqlite_error(db_path, e);
    }
  }

  result.previous_copy = db_path + ".before-restore-" + file_stamp(clock) + ".bak";
  if (!check_database(db_path).ok()) {
    // A damaged database (cadenced refuses to start on it, so nothing has it
    // open): keep its bytes as they are, then put a verified copy of the
    // backup in its place with one rename.
    std::error_code ec;
    fs::copy_file(db_path, result.previous_copy, ec);
    if (ec)
      return Error::io(result.previous_copy +
                       ": cannot keep the damaged database: " + ec.message());
    try {
      SQLite::Database backup(backup_path, SQLite::OPEN_READONLY, kBusyTimeoutMs);
      if (auto s = copy_to_file(backup, backup_path, db_path); !s) return s.error();
    } catch (const SQLite::Exception& e) {
      return sqlite_error(backup_path, e);
    }
    // The old write-ahead log belongs to the damaged file.
    fs::remove(db_path + "-wal", ec);
    fs::remove(db_path + "-shm", ec);
    return result;
  }

  if (auto s = backup_database(db_path, result.previous_copy); !s) {
    return s.error().with_context("saving the current database before the restore");
  }
  try {
    SQLite::Database backup(backup_path, SQLite::OPEN_READONLY, kBusyTimeoutMs);
    SQLite::Database target(db_path, SQLite::OPEN_READWRITE, kBusyTimeoutMs);
    // Online: the backup API writes the whole destination in one transaction
    // under its locks, so a running daemon sees either the old or the new
    // content (and notices the change through PRAGMA data_version).
    SQLite::Backup copy(target, backup);
    copy.executeStep();
    return result;
  } catch (const SQLite::Exception& e) {
    return sqlite_error(db_path, e);
  }
}

std::optional<std::string> newest_backup_next_to(const std::string& db_path) {
  const fs::path db(db_path);
  const std::string prefix = db.filename().string();
  std::error_code ec;
  std::optional<std::string> newest;
  fs::file_time_type newest_time{};
  for (const auto& entry : fs::directory_iterator(parent_dir(db_path), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.size() <= prefix.size() + 4 || name.rfind(prefix, 0) != 0 ||
        name.substr(name.size() - 4) != ".bak" || !entry.is_regular_file(ec)) {
      continue;
    }
    const auto when = entry.last_write_time(ec);
    if (ec) continue;
    if (!newest || when > newest_time) {
      newest = entry.path().string();
      newest_time = when;
    }
  }
  return newest;
}

namespace {

Error damaged(const std::string& db_path, const std::string& problem) {
  const std::optional<std::string> backup = newest_backup_next_to(db_path);
  std::string advice =
      backup ? "restore the newest backup: cadencectl --db " + db_path + " restore " + *backup
             : "restore a backup with: cadencectl --db " + db_path + " restore BACKUP_FILE";
  return Error::database(db_path + ": the database is damaged (quick_check: " + problem +
                         "). It was left as it is; " + advice);
}

// Runs `check` on a read-only connection; a file SQLite calls damaged gives
// damaged(). `on_open` sees the connection before the check (to interrupt it).
template <typename Check, typename OnOpen>
Status check_with(const std::string& db_path, Check check, OnOpen on_open) {
  if (is_missing_or_empty(db_path)) return ok_status();
  std::string problem;
  try {
    SQLite::Database db(db_path, SQLite::OPEN_READONLY, kBusyTimeoutMs);
    on_open(db.getHandle());
    problem = check(db);
    on_open(nullptr);
    if (problem == "ok") return ok_status();
  } catch (const SQLite::Exception& e) {
    on_open(nullptr);
    const int code = e.getErrorCode();
    if (code != SQLITE_NOTADB && code != SQLITE_CORRUPT) return sqlite_error(db_path, e);
    problem = e.what();
  }
  return damaged(db_path, problem);
}

}  // namespace

Status check_database(const std::string& db_path) {
  return check_with(db_path, quick_check, [](sqlite3*) {});
}

Status check_database_readable(const std::string& db_path) {
  const auto read_schema = [](SQLite::Database& db) -> std::string {
    // Parsing every entry of the schema reads its pages; user_version the
    // header. A file that is not a database, or whose schema is torn, throws.
    SQLite::Statement schema(db, "SELECT count(*) FROM sqlite_schema WHERE sql IS NOT NULL");
    (void)schema.executeStep();
    (void)db.execAndGet("PRAGMA user_version").getInt();
    return "ok";
  };
  return check_with(db_path, read_schema, [](sqlite3*) {});
}

struct DatabaseCheck::State {
  mutable std::mutex mutex;
  sqlite3* running = nullptr;  // the connection while quick_check runs
  bool cancelled = false;
};

DatabaseCheck::DatabaseCheck(std::string db_path)
    : db_path_(std::move(db_path)), state_(std::make_unique<State>()) {}
DatabaseCheck::~DatabaseCheck() = default;

Status DatabaseCheck::run() {
  {
    std::lock_guard lock(state_->mutex);
    if (state_->cancelled) return ok_status();
  }
  Status verdict = check_with(db_path_, quick_check, [this](sqlite3* handle) {
    std::lock_guard lock(state_->mutex);
    state_->running = handle;
    if (handle != nullptr && state_->cancelled) sqlite3_interrupt(handle);
  });
  std::lock_guard lock(state_->mutex);
  return state_->cancelled ? ok_status() : verdict;
}

void DatabaseCheck::cancel() {
  std::lock_guard lock(state_->mutex);
  state_->cancelled = true;
  if (state_->running != nullptr) sqlite3_interrupt(state_->running);
}

bool DatabaseCheck::cancelled() const {
  std::lock_guard lock(state_->mutex);
  return state_->cancelled;
}

Result<std::optional<std::string>> backup_before_migration(const std::string& db_path,
                                                           const Clock& clock, int target_version) {
  if (target_version <= 0) target_version = sqlite_schema_version();
  if (is_missing_or_empty(db_path)) return std::optional<std::string>{};
  remove_stale_partial_copies(db_path);
  try {
    SQLite::Database db(db_path, SQLite::OPEN_READONLY, kBusyTimeoutMs);
    const int version = db.execAndGet("PRAGMA user_version").getInt();
    if (version <= 0 || version >= target_version) return std::optional<std::string>{};
    const std::string dest =
        db_path + ".pre-v" + std::to_string(target_version) + "-" + file_stamp(clock) + ".bak";
    if (auto s = copy_to_file(db, db_path, dest); !s) return s.error();
    return std::optional<std::string>(dest);
  } catch (const SQLite::Exception& e) {
    return sqlite_error(db_path, e);
  }
}

}  // namespace cadence
