// Test data for daemon process tests: contacts that are overdue the moment
// cadenced starts, and a read-only look at the outbox as the daemon left it.
// Header-only; the including test binary links cadence_store (SQLiteCpp).
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <string>
#include <vector>

#include "cadence/clock.hpp"
#include "cadence/store.hpp"

namespace cadence::testing {

// Adds contacts "c<from>" .. "c<to - 1>" (tier A, owner `owner`) to the
// database at `db`, created 30 days ago and never touched, so a rule such as
// `cadence: {every: 14d}` makes each of them due at once. The error, if any.
inline Status add_overdue_contacts(const std::string& db, int from, int to,
                                   const std::string& owner = "zhang") {
  ManualClock past(SystemClock().now() - Duration{30 * 86400});
  StoreOptions options;
  options.path = db;
  options.clock = &past;
  auto store = open_sqlite_store(options);
  if (!store) return store.error();
  return (*store)->transaction([&]() -> Status {
    for (int i = from; i < to; ++i) {
      Contact c;
      c.id = "c" + std::to_string(i);
      c.name = "Contact " + std::to_string(i);
      c.tier = "A";
      c.owner = owner;
      if (auto added = (*store)->add_contact(c); !added) return added.error();
    }
    return ok_status();
  });
}

// A cadence.yaml for the contacts above: owner zhang, one webhook channel
// `hook` posting to the receiver on loopback `port`, a 14-day keep-in-touch
// rule for tier A, and the database at `db`.
inline std::string overdue_webhook_config(const std::string& db, int port) {
  return "timezone: UTC\n"
         "locale: en\n"
         "database: " +
         db +
         "\n"
         "owners:\n"
         "  - id: zhang\n"
         "    channels: [hook]\n"
         "channels:\n"
         "  - id: hook\n"
         "    type: webhook\n"
         "    url: \"http://127.0.0.1:" +
         std::to_string(port) +
         "/webhook/in\"\n"
         "rules:\n"
         "  - id: keep-in-touch\n"
         "    match: {tier: A}\n"
         "    cadence: {every: 14d, kinds: [call, visit]}\n";
}

// One row of the `deliveries` table.
struct OutboxRow {
  std::string channel;
  std::string key;
  std::string state;  // queued, sent, dead
  int attempts = 0;
  std::string last_error;
  std::int64_t next_attempt_at = 0;  // Unix seconds
};

// Every delivery row, read on a read-only connection (the daemon may be
// running: WAL lets it). Empty if the database cannot be read right now.
inline std::vector<OutboxRow> read_outbox(const std::string& db) {
  std::vector<OutboxRow> rows;
  try {
    SQLite::Database sql(db, SQLite::OPEN_READONLY);
    sql.setBusyTimeout(1000);
    SQLite::Statement q(sql,
                        "SELECT channel, idempotency_key, state, attempts, last_error, "
                        "next_attempt_at FROM deliveries ORDER BY row_id");
    while (q.executeStep()) {
      rows.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                      q.getColumn(2).getString(), q.getColumn(3).getInt(),
                      q.getColumn(4).getString(), q.getColumn(5).getInt64()});
    }
  } catch (const SQLite::Exception&) {
    rows.clear();  // not created yet, or busy for longer than the timeout
  }
  return rows;
}

}  // namespace cadence::testing
