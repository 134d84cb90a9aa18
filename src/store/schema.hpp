// The SQLite schema as numbered, forward-only migrations.
//
// Migration N turns a version N-1 database into version N. Each runs in its own
// write transaction together with `PRAGMA user_version = N`, so a crash leaves the
// database at N-1 or N, never in between. Versions are never edited once
// released: a change is a new migration (and a new fixture in tests/store/fixtures/).
#pragma once

#include <string>
#include <vector>

#include "cadence/error.hpp"

namespace SQLite {
class Database;
}

namespace cadence::store {

// The least an open (the schema check, the WAL switch, migrations, the HTTP
// job's nonce table) waits for another writer's lock, whatever the caller's
// busy timeout for later calls: a one-time step is better late than failed.
inline constexpr int kOpenBusyTimeoutMs = 5000;

struct Migration {
  int version;      // the user_version after this migration
  const char* sql;  // statements separated by ';'
};

// Every migration, in version order; the last one's version is the current schema.
const std::vector<Migration>& migrations();
int current_schema_version();

// Reads user_version; refuses a database newer than `target` (naming both
// versions) and applies the missing migrations up to `target`. `path` is for
// messages. Throws SQLite::Exception on database errors (callers convert).
Status migrate(SQLite::Database& db, const std::string& path, int target);

}  // namespace cadence::store
