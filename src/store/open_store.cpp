// open_sqlite_store(): file creation (0600), connection settings, migrations.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>

#include "store/schema.hpp"
#include "store/sqlite_store.hpp"

namespace cadence {
namespace {

// SQLite would create the file with the process umask (often 0644); a database
// of personal data is created by us first, private to its owner. SQLite gives
// the -wal and -shm files the same mode as the database.
Status create_private_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return ok_status();  // another process won the race
    return Error::io(path + ": cannot create the database: " + std::strerror(errno));
  }
  ::close(fd);
  return ok_status();
}

Error open_error(const std::string& path, const SQLite::Exception& e, int busy_timeout_ms) {
  const int code = e.getErrorCode();
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
    return Error::database(path + ": database is locked by another process (waited " +
                           std::to_string(busy_timeout_ms) + " ms); nothing was written");
  }
  if (code == SQLITE_NOTADB) {
    return Error::database(path + ": not a cadence database (file is not an SQLite database)");
  }
  return Error::database(path + ": cannot open the database: " + e.what());
}

// SQLite creates the -wal and -shm files with the database file's mode. A
// database that is read-only when a process opens it (chmod 444) would leave
// a 0444 -shm behind that keeps every later writer out — cadencectl and a
// restarted daemon failed until it was fixed by hand. So: a missing -shm of a
// database without its owner's write bit is created first, by us, with that
// bit; and an existing -wal or -shm of ours that lost the bit while the
// database has it is given the database's mode back.
void prepare_sidecar_files(const std::string& path) {
  struct stat db {};
  if (::stat(path.c_str(), &db) != 0 || !S_ISREG(db.st_mode)) return;
  const mode_t wanted = (db.st_mode | S_IWUSR | S_IRUSR) & 0666;
  for (const char* suffix : {"-wal", "-shm"}) {
    const std::string file = path + suffix;
    struct stat st {};
    if (::lstat(file.c_str(), &st) != 0) {
      if (errno == ENOENT && std::string_view(suffix) == "-shm" && (db.st_mode & S_IWUSR) == 0) {
        const int fd =
            ::open(file.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, wanted);
        if (fd >= 0) {
          (void)::fchmod(fd, wanted);  // the umask must not take the write bit away
          // One byte: SQLite gives an *empty* -shm it opens the database's
          // mode (robust_open), and the first connection truncates and
          // initialises the file anyway (its content is never data).
          const char zero = 0;
          (void)::write(fd, &zero, 1);
          ::close(fd);
        }
      }
      continue;
    }
    if (!S_ISREG(st.st_mode) || st.st_uid != ::geteuid()) continue;
    if ((st.st_mode & S_IWUSR) == 0 && (db.st_mode & S_IWUSR) != 0) {
      (void)::chmod(file.c_str(), db.st_mode & 0666);
    }
  }
}

}  // namespace

int sqlite_schema_version() { return store::current_schema_version(); }

namespace store {

std::unique_ptr<SQLite::Database> open_connection(const StoreOptions& options, bool writable) {
  if (!options.read_only) prepare_sidecar_files(options.path);
  // NOMUTEX: a Store is used by one thread at a time (store.hpp), so SQLite's
  // per-call connection mutex is pure cost (6 % of a million-contact review).
  const int flags =
      (options.read_only ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE) | SQLite::OPEN_NOMUTEX;
  const int open_timeout_ms = std::max(options.busy_timeout_ms, kOpenBusyTimeoutMs);
  auto db = std::make_unique<SQLite::Database>(options.path, flags, open_timeout_ms);
  db->exec("PRAGMA foreign_keys = ON");
  if (writable) {
    db->exec("PRAGMA journal_mode = WAL");
    db->exec("PRAGMA synchronous = NORMAL");
    // Every call inside a caller's transaction is a savepoint; SQLite keeps the
    // savepoint journal in a temporary file once it outgrows 64 KiB, and then
    // writes every first-touched page to it (14 writes a row in a 100,000-row
    // import: most of its time). In memory it is truncated at each release.
    db->exec("PRAGMA temp_store = MEMORY");
  }
  return db;
}

}  // namespace store

Result<std::unique_ptr<Store>> open_sqlite_store(const StoreOptions& options) {
  const std::string& path = options.path;
  if (path.empty()) return Error::invalid_input("no database path given");
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (options.read_only || !options.create_if_missing) {
      return Error::not_found(path + ": database does not exist");
    }
    if (auto s = create_private_file(path); !s) return s.error();
  } else if (S_ISDIR(st.st_mode)) {
    return Error::io(path + ": is a directory, not a database file");
  }
  try {
    auto db = store::open_connection(options, /*writable=*/false);
    const int target = store::current_schema_version();
    if (options.read_only) {
      const int found = db->execAndGet("PRAGMA user_version").getInt();
      if (found != target) {
        return Error::database(path + ": database schema version " + std::to_string(found) +
                               (found > target ? " is newer than" : " is older than") +
                               " this cadence's (version " + std::to_string(target) +
                               "); it cannot be " + (found > target ? "read" : "migrated") +
                               " read-only");
      }
    } else {
      // Refuse a newer database before changing anything in it.
      const int found = db->execAndGet("PRAGMA user_version").getInt();
      if (found > target) {
        return Error::database(path + ": database schema version " + std::to_string(found) +
                               " is newer than this cadence supports (version " +
                               std::to_string(target) + "); upgrade cadence to open it");
      }
      db->exec("PRAGMA journal_mode = WAL");
      db->exec("PRAGMA synchronous = NORMAL");
      db->exec("PRAGMA temp_store = MEMORY");  // why: store::open_connection
      if (auto s = store::migrate(*db, path, target); !s) return s.error();
    }
    db->setBusyTimeout(options.busy_timeout_ms);
    return std::unique_ptr<Store>(std::make_unique<store::SqliteStore>(std::move(db), options));
  } catch (const SQLite::Exception& e) {
    return open_error(path, e, std::max(options.busy_timeout_ms, store::kOpenBusyTimeoutMs));
  } catch (const std::exception& e) {
    return Error::database(path + ": cannot open the database: " + e.what());
  }
}

}  // namespace cadence
