#include "store/sqlite_store.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "store/codec.hpp"

namespace cadence::store {
namespace {

// errno as it was when a failing SQLite call returned, taken before a
// rollback can change it: for a write the file system refused at COMMIT,
// sqlite3_system_errno() stays 0 (seen with SQLite 3.40), and the errno is
// what tells a read-only file system from a full one.
thread_local int failed_call_errno = 0;

}  // namespace

SqliteStore::SqliteStore(std::unique_ptr<SQLite::Database> db, StoreOptions options)
    : db_(std::move(db)), options_(std::move(options)) {
  remember_file_identity();
}

void SqliteStore::remember_file_identity() {
  struct stat st {};
  if (::stat(options_.path.c_str(), &st) == 0) {
    file_device_ = st.st_dev;
    file_inode_ = st.st_ino;
  }
}

Status SqliteStore::check_database_file() {
  if (file_inode_ == 0) return ok_status();  // not known (a special path)
  struct stat st {};
  const bool gone = ::stat(options_.path.c_str(), &st) != 0;
  if (!gone && st.st_dev == file_device_ && st.st_ino == file_inode_) return ok_status();
  return Error::database(
      options_.path + ": the database file was " +
      (gone ? std::string("deleted (or its directory removed)") : std::string("replaced")) +
      " while in use; nothing more is written to the old file. Put the database back (restore "
      "the directory, or `cadencectl restore BACKUP`) and restart cadenced");
}

// Statements must be finalized before the database closes.
SqliteStore::~SqliteStore() { statements_.clear(); }

SQLite::Statement& SqliteStore::stmt(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    it = statements_.emplace(sql, std::make_unique<SQLite::Statement>(*db_, sql)).first;
  } else {
    // tryReset: reset() would re-throw the statement's last error (a BEGIN that
    // timed out on a lock, a failed insert) and make the cache unusable after it.
    it->second->tryReset();
    it->second->clearBindings();
  }
  return *it->second;
}

Error SqliteStore::convert(const std::exception& e) const {
  if (const auto* se = dynamic_cast<const SQLite::Exception*>(&e)) {
    const int code = se->getErrorCode();
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
      return Error::database(options_.path + ": database is locked by another process (waited " +
                             std::to_string(options_.busy_timeout_ms) +
                             " ms); nothing was written, try again");
    }
    if (code == SQLITE_CONSTRAINT) {
      return Error::conflict(options_.path + ": " + se->getErrorStr() + ": " + se->what());
    }
    if (code == SQLITE_READONLY) {
      return Error::database(options_.path + ": database is read-only: " + se->what());
    }
    if (code == SQLITE_IOERR || code == SQLITE_FULL) {
      // SQLite says "disk I/O error" for a write refused by the file system;
      // errno tells a read-only one (EROFS, an immutable file: EPERM) and
      // a full one (ENOSPC, EDQUOT, a file size limit: EFBIG) apart, which is
      // what the daemon reports (src/daemon/db_fault.hpp).
      const int err = failed_call_errno;
      const std::string why = err != 0 ? std::string(" (") + std::strerror(err) + ")" : "";
      if (err == EROFS || err == EPERM || err == EACCES) {
        return Error::database(options_.path + ": database is read-only: " + se->what() + why);
      }
      if (err == ENOSPC || err == EDQUOT || err == EFBIG) {
        return Error::database(options_.path + ": database or disk is full: " + se->what() + why);
      }
      return Error::database(options_.path + ": " + se->what() + why);
    }
    return Error::database(options_.path + ": " + se->what());
  }
  return Error::internal(options_.path + ": " + e.what());
}

Status SqliteStore::read(const std::function<Status()>& fn) {
  try {
    return fn();
  } catch (const std::exception& e) {
    failed_call_errno = errno;
    return convert(e);
  }
}

void SqliteStore::reconnect_if_writable_again() {
  if (options_.read_only || sqlite3_db_readonly(db_->getHandle(), "main") != 1) return;
  // access() asks with the real ids, as SQLite's open() will; an immutable
  // file (EPERM) or a read-only mount (EROFS) answers no as well.
  if (::access(options_.path.c_str(), W_OK) != 0) return;
  try {
    auto fresh = open_connection(options_, /*writable=*/true);
    fresh->setBusyTimeout(options_.busy_timeout_ms);
    if (sqlite3_db_readonly(fresh->getHandle(), "main") == 1) return;
    statements_.clear();  // prepared on the old connection
    db_ = std::move(fresh);
    remember_file_identity();
  } catch (const std::exception&) {
    // Still not writable after all: the write below fails and says why.
  }
}

Status SqliteStore::write(const std::function<Status()>& fn) {
  if (tx_depth_ == 0) {
    // Writes into a deleted file would be lost at close, however they answer.
    if (auto s = check_database_file(); !s) return s;
    reconnect_if_writable_again();
  }
  const int depth = tx_depth_;
  const bool nested = depth > 0;
  const std::string savepoint = "cadence_sp" + std::to_string(depth);
  // Transaction control goes through the statement cache too: a bulk import
  // makes two of these per row, and re-parsing them each time showed up.
  auto run = [&](const std::string& sql) { stmt(sql).exec(); };
  // Undoing this level also undoes a change sequence taken inside it.
  auto forget_sequence = [&] {
    if (tx_change_seq_ && tx_change_depth_ > depth) tx_change_seq_.reset();
  };
  bool begun = false;
  try {
    // IMMEDIATE takes the write lock up front, so the busy timeout applies to
    // waiting for it (a deferred read-then-write would fail at once on conflict).
    run(nested ? "SAVEPOINT " + savepoint : std::string("BEGIN IMMEDIATE"));
    begun = true;
    Status result = [&] {
      ++tx_depth_;
      struct Leave {
        int& depth;
        ~Leave() { --depth; }
      } leave{tx_depth_};
      return fn();
    }();
    if (result.ok()) {
      run(nested ? "RELEASE " + savepoint : std::string("COMMIT"));
    } else if (nested) {
      run("ROLLBACK TO " + savepoint);
      run("RELEASE " + savepoint);
    } else {
      run("ROLLBACK");
    }
    if (!result.ok()) forget_sequence();
    if (!nested) end_transaction();
    return result;
  } catch (const std::exception& e) {
    failed_call_errno = errno;
    if (begun) {
      try {
        if (nested) {
          run("ROLLBACK TO " + savepoint);
          run("RELEASE " + savepoint);
        } else if (sqlite3_get_autocommit(db_->getHandle()) == 0) {
          run("ROLLBACK");
        }
      } catch (const std::exception&) {
        // The original error is the one worth reporting.
      }
    }
    forget_sequence();
    if (!nested) end_transaction();
    return convert(e);
  }
}

void SqliteStore::end_transaction() noexcept {
  tx_change_seq_.reset();
  tx_changes_ = 0;
  if (!normal_cache_size_) return;
  try {
    db_->exec("PRAGMA cache_size = " + std::to_string(*normal_cache_size_));
  } catch (const std::exception&) {
    // Only memory: the larger cache stays until the connection closes.
  }
  normal_cache_size_.reset();
}

void SqliteStore::use_bulk_cache() {
  if (normal_cache_size_) return;
  normal_cache_size_ = db_->execAndGet("PRAGMA cache_size").getInt();
  db_->exec("PRAGMA cache_size = -" + std::to_string(kBulkCacheKiB));
}

Status SqliteStore::transaction(const std::function<Status()>& fn) { return write(fn); }

Instant SqliteStore::now() const {
  if (options_.clock != nullptr) return options_.clock->now();
  return SystemClock().now();
}

void SqliteStore::record_change(const char* entity, const std::string& id) {
  // One sequence number per write transaction: its changes become visible
  // together, so readers lose nothing, and a 100,000-row import bumps the
  // counter once instead of 100,000 times.
  if (++tx_changes_ == kBulkRows) use_bulk_cache();
  if (!tx_change_seq_) {
    auto& bump = stmt("UPDATE change_counter SET seq = seq + 1 WHERE id = 1 RETURNING seq");
    bump.executeStep();
    tx_change_seq_ = bump.getColumn(0).getInt64();
    tx_change_depth_ = tx_depth_;
    bump.reset();
  }
  auto& upsert = stmt(
      "INSERT INTO changes (entity, entity_id, seq) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (entity, entity_id) DO UPDATE SET seq = excluded.seq");
  upsert.bind(1, entity);
  upsert.bind(2, id);
  upsert.bind(3, *tx_change_seq_);
  upsert.exec();
}

Result<std::int64_t> SqliteStore::change_sequence() {
  std::int64_t seq = 0;
  auto s = read([&]() -> Status {
    seq = db_->execAndGet("SELECT seq FROM change_counter WHERE id = 1").getInt64();
    return ok_status();
  });
  if (!s) return s.error();
  return seq;
}

Result<std::int64_t> SqliteStore::data_version() {
  std::int64_t version = 0;
  auto s = read([&]() -> Status {
    version = db_->execAndGet("PRAGMA data_version").getInt64();
    return ok_status();
  });
  if (!s) return s.error();
  return version;
}

namespace {

Result<std::vector<std::string>> changed_since(SQLite::Statement& q, std::int64_t seq,
                                               const char* entity) {
  std::vector<std::string> ids;
  q.bind(1, entity);
  q.bind(2, seq);
  while (q.executeStep()) ids.push_back(q.getColumn(0).getString());
  return ids;
}

}  // namespace

Result<std::vector<std::string>> SqliteStore::contacts_changed_since(std::int64_t change_seq) {
  std::vector<std::string> ids;
  auto s = read([&]() -> Status {
    auto& q = stmt("SELECT entity_id FROM changes WHERE entity = ?1 AND seq > ?2 ORDER BY seq");
    ids = changed_since(q, change_seq, "contact").value();
    return ok_status();
  });
  if (!s) return s.error();
  return ids;
}

Result<std::vector<std::string>> SqliteStore::accounts_changed_since(std::int64_t change_seq) {
  std::vector<std::string> ids;
  auto s = read([&]() -> Status {
    auto& q = stmt("SELECT entity_id FROM changes WHERE entity = ?1 AND seq > ?2 ORDER BY seq");
    ids = changed_since(q, change_seq, "account").value();
    return ok_status();
  });
  if (!s) return s.error();
  return ids;
}

}  // namespace cadence::store
