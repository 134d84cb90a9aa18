#include "store/schema.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace cadence::store {
namespace {

// Version 1: accounts, contacts, interactions with per-contact summaries, the
// change log, occurrences and deliveries. Instants are UTC seconds (INTEGER),
// dates are 'YYYY-MM-DD' text, lists are '\n'-separated text.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE accounts (
  row_id      INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  tier        TEXT NOT NULL DEFAULT '',
  industry    TEXT NOT NULL DEFAULT '',
  owner       TEXT NOT NULL DEFAULT '',
  departments TEXT NOT NULL DEFAULT '',
  notes       TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE TABLE contacts (
  row_id      INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  account     TEXT REFERENCES accounts(id) ON UPDATE CASCADE ON DELETE RESTRICT,
  department  TEXT NOT NULL DEFAULT '',
  title       TEXT NOT NULL DEFAULT '',
  tags        TEXT NOT NULL DEFAULT '',
  tier        TEXT NOT NULL DEFAULT '',
  owner       TEXT NOT NULL DEFAULT '',
  timezone    TEXT NOT NULL DEFAULT '',
  bday_year   INTEGER,
  bday_month  INTEGER,
  bday_day    INTEGER,
  lunar_year  INTEGER,
  lunar_month INTEGER,
  lunar_day   INTEGER,
  lunar_leap  INTEGER NOT NULL DEFAULT 0,
  dates       TEXT NOT NULL DEFAULT '',
  emails      TEXT NOT NULL DEFAULT '',
  phones      TEXT NOT NULL DEFAULT '',
  notes       TEXT NOT NULL DEFAULT '',
  archived    INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX contacts_account ON contacts(account);
CREATE INDEX contacts_name ON contacts(name COLLATE NOCASE);
CREATE TABLE interactions (
  row_id      INTEGER PRIMARY KEY,
  contact_row INTEGER NOT NULL REFERENCES contacts(row_id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,
  depth       INTEGER NOT NULL,
  at          INTEGER NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  source      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX interactions_contact_at ON interactions(contact_row, at);
CREATE INDEX interactions_at ON interactions(at);
CREATE TABLE contact_summary (
  contact_row INTEGER PRIMARY KEY REFERENCES contacts(row_id) ON DELETE CASCADE,
  last_any    INTEGER,
  last_normal INTEGER,
  last_deep   INTEGER,
  count       INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE contact_last_kind (
  contact_row INTEGER NOT NULL REFERENCES contacts(row_id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,
  last_at     INTEGER NOT NULL,
  PRIMARY KEY (contact_row, kind)
) WITHOUT ROWID;
CREATE TABLE change_counter (
  id  INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL
);
INSERT INTO change_counter (id, seq) VALUES (1, 0);
CREATE TABLE changes (
  entity    TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  seq       INTEGER NOT NULL,
  PRIMARY KEY (entity, entity_id)
) WITHOUT ROWID;
CREATE INDEX changes_seq ON changes(seq);
CREATE TABLE occurrences (
  row_id        INTEGER PRIMARY KEY,
  key           TEXT NOT NULL UNIQUE,
  rule          TEXT NOT NULL,
  kind          TEXT NOT NULL,
  subject       TEXT NOT NULL,
  owner         TEXT NOT NULL DEFAULT '',
  due           TEXT NOT NULL,
  fire_at       INTEGER NOT NULL,
  state         TEXT NOT NULL,
  snoozed_until INTEGER,
  fired_at      INTEGER,
  fire_count    INTEGER NOT NULL DEFAULT 0,
  escalated     INTEGER NOT NULL DEFAULT 0,
  late          INTEGER NOT NULL DEFAULT 0,
  title         TEXT NOT NULL DEFAULT '',
  details_json  TEXT NOT NULL DEFAULT '{}',
  wake_at       INTEGER GENERATED ALWAYS AS (
                  CASE state WHEN 'scheduled' THEN fire_at
                             WHEN 'snoozed' THEN coalesce(snoozed_until, fire_at) END) VIRTUAL
);
CREATE INDEX occurrences_wake ON occurrences(wake_at) WHERE wake_at IS NOT NULL;
CREATE INDEX occurrences_subject ON occurrences(subject, state);
CREATE INDEX occurrences_rule ON occurrences(rule, state);
CREATE INDEX occurrences_fire ON occurrences(state, fire_at);
CREATE TABLE deliveries (
  row_id          INTEGER PRIMARY KEY,
  occurrence      INTEGER NOT NULL REFERENCES occurrences(row_id) ON DELETE CASCADE,
  channel         TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  state           TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER,
  last_error      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX deliveries_due ON deliveries(state, next_attempt_at);
CREATE INDEX deliveries_occurrence ON deliveries(occurrence);
)sql";

// Version 2: the review's depth window is read from a covering index
// (at, contact_row, depth) instead of the interaction rows, so counting ten
// million touches by depth reads the index alone; it replaces interactions_at,
// whose queries it serves as well. The used action-token nonces of the HTTP
// job (replay protection) get their table here; the HTTP job of earlier builds created it
// on first use, hence IF NOT EXISTS.
constexpr const char* kSchemaV2 = R"sql(
CREATE INDEX interactions_at_contact_depth ON interactions(at, contact_row, depth);
DROP INDEX interactions_at;
CREATE TABLE IF NOT EXISTS action_nonces (
  nonce      TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS action_nonces_expiry ON action_nonces(expires_at);
)sql";

// Version 3: lists of reminders in fire order without a state filter (the REST
// API's GET /api/v1/reminders, `cadencectl` listings) read the first page from
// an index instead of sorting every occurrence: at 10,000 occurrences the sort
// made each such request cost ~12 ms on the daemon's loop. The row id is the
// index's implicit tiebreak, so ORDER BY fire_at, row_id is served as is.
constexpr const char* kSchemaV3 = R"sql(
CREATE INDEX occurrences_fire_at ON occurrences(fire_at);
)sql";

int read_user_version(SQLite::Database& db) {
  return db.execAndGet("PRAGMA user_version").getInt();
}

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> kMigrations = {
      {1, kSchemaV1},
      {2, kSchemaV2},
      {3, kSchemaV3},
  };
  return kMigrations;
}

int current_schema_version() { return migrations().back().version; }

Status migrate(SQLite::Database& db, const std::string& path, int target) {
  const auto too_new = [&](int found) {
    return Error::database(path + ": database schema version " + std::to_string(found) +
                           " is newer than this cadence supports (version " +
                           std::to_string(target) + "); upgrade cadence to open it");
  };
  if (int found = read_user_version(db); found > target) return too_new(found);
  for (const Migration& m : migrations()) {
    if (m.version > target) break;
    // Cheap check outside the lock first; re-checked inside it because another
    // process may have migrated while we waited.
    if (read_user_version(db) >= m.version) continue;
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    int found = read_user_version(db);
    if (found > target) return too_new(found);
    if (found >= m.version) continue;  // tx rolls back (nothing written)
    if (found != m.version - 1) {
      return Error::database(path + ": database schema version " + std::to_string(found) +
                             " cannot be migrated to " + std::to_string(m.version));
    }
    db.exec(m.sql);
    db.exec("PRAGMA user_version = " + std::to_string(m.version));
    tx.commit();
  }
  return ok_status();
}

}  // namespace cadence::store
