#include "cadence/http_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>

#include "store/schema.hpp"

namespace cadence {

struct HttpStore::Impl {
  SQLite::Database db;
  Impl(const std::string& path, int busy_timeout_ms)
      : db(path, SQLite::OPEN_READWRITE, busy_timeout_ms) {}
};

namespace {

constexpr const char* kCreateNonces = R"sql(
CREATE TABLE IF NOT EXISTS action_nonces (
  nonce      TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS action_nonces_expiry ON action_nonces(expires_at);
)sql";

Error db_error(const std::string& what, const std::exception& e) {
  return Error::database(what + ": " + e.what());
}

}  // namespace

HttpStore::HttpStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpStore::~HttpStore() = default;

Result<std::unique_ptr<HttpStore>> HttpStore::open(const std::string& path, int busy_timeout_ms) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return Error::not_found(path + ": database does not exist");
  try {
    // Creating the nonce table on a first start may wait for the scheduler's
    // lock: opening waits at least store::kOpenBusyTimeoutMs, as
    // open_sqlite_store does.
    auto impl = std::make_unique<Impl>(path, std::max(busy_timeout_ms, store::kOpenBusyTimeoutMs));
    impl->db.exec(kCreateNonces);
    impl->db.setBusyTimeout(busy_timeout_ms);
    return std::unique_ptr<HttpStore>(new HttpStore(std::move(impl)));
  } catch (const std::exception& e) {
    return db_error(path + ": cannot open the database for HTTP", e);
  }
}

Status HttpStore::ping() {
  try {
    if (impl_->db.execAndGet("SELECT 1").getInt() != 1) {
      return Error::database("SELECT 1 did not return 1");
    }
    return ok_status();
  } catch (const std::exception& e) {
    return db_error("database check", e);
  }
}

Result<StoreMetrics> HttpStore::metrics() {
  try {
    StoreMetrics m;
    // One read transaction: the figures are one consistent snapshot.
    impl_->db.exec("BEGIN");
    struct Rollback {
      SQLite::Database& db;
      ~Rollback() {
        try {
          db.exec("ROLLBACK");
        } catch (...) {  // nothing was written; the transaction ends with the statement
        }
      }
    } end{impl_->db};
    SQLite::Statement occ(impl_->db,
                          "SELECT kind, state, count(*) FROM occurrences GROUP BY kind, state");
    while (occ.executeStep()) {
      m.occurrences[{occ.getColumn(0).getString(), occ.getColumn(1).getString()}] =
          occ.getColumn(2).getInt64();
    }
    SQLite::Statement fired(
        impl_->db,
        "SELECT kind, count(*) FROM occurrences WHERE fired_at IS NOT NULL GROUP BY kind");
    while (fired.executeStep()) {
      m.fired_by_kind[fired.getColumn(0).getString()] = fired.getColumn(1).getInt64();
    }
    SQLite::Statement del(
        impl_->db, "SELECT channel, state, count(*) FROM deliveries GROUP BY channel, state");
    while (del.executeStep()) {
      const std::string state = del.getColumn(1).getString();
      const std::int64_t n = del.getColumn(2).getInt64();
      m.deliveries[{del.getColumn(0).getString(), state}] = n;
      if (state == "queued") m.outbox_depth += n;
    }
    SQLite::Statement wake(impl_->db,
                           "SELECT min(wake_at) FROM occurrences WHERE wake_at IS NOT NULL");
    if (wake.executeStep() && !wake.getColumn(0).isNull()) {
      m.next_wake = Instant{Duration{wake.getColumn(0).getInt64()}};
    }
    return m;
  } catch (const std::exception& e) {
    return db_error("reading metrics", e);
  }
}

Status HttpStore::consume_nonce(const std::string& nonce, Instant expires_at, Instant now) {
  try {
    SQLite::Transaction tx(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement prune(impl_->db, "DELETE FROM action_nonces WHERE expires_at <= ?");
    prune.bind(1, static_cast<std::int64_t>(now.time_since_epoch().count()));
    prune.exec();
    SQLite::Statement insert(impl_->db,
                             "INSERT OR IGNORE INTO action_nonces(nonce, expires_at) VALUES(?, ?)");
    insert.bind(1, nonce);
    insert.bind(2, static_cast<std::int64_t>(expires_at.time_since_epoch().count()));
    if (insert.exec() == 0) return Error::conflict("this link was already used");
    tx.commit();
    return ok_status();
  } catch (const std::exception& e) {
    return db_error("recording a used link", e);
  }
}

Result<bool> HttpStore::nonce_used(const std::string& nonce) {
  try {
    SQLite::Statement q(impl_->db, "SELECT 1 FROM action_nonces WHERE nonce = ?");
    q.bind(1, nonce);
    return q.executeStep();
  } catch (const std::exception& e) {
    return db_error("looking up a link", e);
  }
}

Status HttpStore::release_nonce(const std::string& nonce) {
  try {
    SQLite::Statement del(impl_->db, "DELETE FROM action_nonces WHERE nonce = ?");
    del.bind(1, nonce);
    del.exec();
    return ok_status();
  } catch (const std::exception& e) {
    return db_error("releasing a link", e);
  }
}

}  // namespace cadence
