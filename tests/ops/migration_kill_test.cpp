// SIGKILL while cadenced migrates an old database at start-up: the kill lands
// in the pre-migration backup copy, in a migration step, or just after.
//
// The database is a schema version 1 file (tests/store/fixtures/schema_v1.sql,
// with its sample rows) plus 2,000 contacts and 100,000 interactions, so that the backup (SQLite's
// backup API) and the two migrations (v2 builds an index over every
// interaction, v3 one over occurrences) take long enough to be hit. One clean
// start on a copy times the whole start-up; 20 kills follow at random moments
// (seeded) that close in on the migrations, each on a fresh version-1 file
// unless the previous kill left one to finish migrating. After each kill:
//   - the database passes PRAGMA integrity_check;
//   - its schema version is 1, 2 or 3 — a whole migration step or none (each
//     runs in one transaction);
//   - no contact and no interaction is lost;
//   - every finished backup (*.bak) is a sound copy of the version-1 data.
// Then a start that is let finish: version 3, the data whole, READY=1, and no
// half-written backup copy (*.partial-PID) left behind.
#include <gtest/gtest.h>
#include <signal.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "process.hpp"
#include "temp_dir.hpp"

namespace cadence {
namespace {

using cadence::testing::binary_path;
using cadence::testing::ChildProcess;
using cadence::testing::NotifySocket;
using cadence::testing::read_file;
using cadence::testing::source_path;
using cadence::testing::SpawnOptions;
using cadence::testing::TempDir;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

constexpr int kMigrationContacts = 2000;
constexpr int kInteractions = 100000;
constexpr int kMigrationKills = 20;

void make_v1_database(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec(read_file(source_path("tests/store/fixtures/schema_v1.sql")));
  db.exec("PRAGMA user_version = 1");
  SQLite::Transaction tx(db);
  db.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
          std::to_string(kMigrationContacts) +
          ") INSERT INTO contacts(id, name, tier, owner, created_at, updated_at) "
          "SELECT 'c' || i, 'Contact ' || i, 'A', 'solo', 1767225600, 1767225600 FROM n");
  db.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
          std::to_string(kInteractions) +
          ") INSERT INTO interactions(contact_row, kind, depth, at, note, source) "
          "SELECT 1 + (i * 7919) % " +
          std::to_string(kMigrationContacts) +
          ", 'call', 1, 1735689600 + (i * 104729) % 31536000, 'note ' || i, 'test' FROM n");
  tx.commit();
}

struct Snapshot {
  std::string integrity;
  int version = 0;
  int contacts = 0;
  int interactions = 0;
};

// Read-write, as the next start opens it: a killed writer can leave a hot
// rollback journal that only a writer may roll back (a read-only
// connection answers "attempt to write a readonly database").
Snapshot look(const std::string& path) {
  Snapshot s;
  try {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.setBusyTimeout(5000);
    s.integrity = db.execAndGet("PRAGMA integrity_check").getString();
    s.version = db.execAndGet("PRAGMA user_version").getInt();
    s.contacts = db.execAndGet("SELECT count(*) FROM contacts").getInt();
    s.interactions = db.execAndGet("SELECT count(*) FROM interactions").getInt();
  } catch (const SQLite::Exception& e) {
    s.integrity = std::string("cannot read: ") + e.what();
  }
  return s;
}

std::vector<std::string> files_with(const fs::path& dir, const std::string& needle) {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.find(needle) != std::string::npos) out.push_back(entry.path().string());
  }
  return out;
}

class MigrationKill : public ::testing::Test {
 protected:
  std::unique_ptr<ChildProcess> spawn(const std::string& config, NotifySocket& notify,
                                      const std::string& err) {
    SpawnOptions options;
    options.args = {"--config", config};
    options.env["NOTIFY_SOCKET"] = notify.path();
    options.stderr_path = err;
    return std::make_unique<ChildProcess>(binary_path("src/cadenced"), options);
  }

  std::string config_for(const TempDir& dir, const std::string& db) {
    return dir.write("cadence.yaml",
                     "timezone: UTC\nlocale: en\ndatabase: " + db + "\nowners:\n  - id: solo\n");
  }
};

TEST_F(MigrationKill, AKillDuringBackupOrMigrationLosesNothingAndTheNextStartFinishes) {
  // Calibration: a clean start of a copy, timed to READY=1.
  std::chrono::milliseconds startup{};
  {
    TempDir dir;
    const std::string db = dir.file("cadence.db");
    make_v1_database(db);
    NotifySocket notify(dir.file("notify.sock"));
    const auto t0 = std::chrono::steady_clock::now();
    auto daemon = spawn(config_for(dir, db), notify, dir.file("daemon.err"));
    ASSERT_TRUE(notify.wait_for_line("READY=1", 120s)) << read_file(dir.file("daemon.err"));
    startup = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - t0);
    daemon->send_signal(SIGTERM);
    ASSERT_TRUE(daemon->wait_for_exit(30s));
    EXPECT_EQ(look(db).version, 3);
  }

  TempDir dir;
  const std::string pristine = dir.file("pristine.db");
  make_v1_database(pristine);
  const Snapshot before = look(pristine);
  ASSERT_EQ(before.integrity, "ok");
  ASSERT_GE(before.contacts, kMigrationContacts);
  ASSERT_GE(before.interactions, kInteractions);
  const std::string db = dir.file("cadence.db");
  const std::string config = config_for(dir, db);
  // A start that got through the migrations leaves nothing to migrate: the
  // next kill gets a fresh version-1 file again.
  const auto fresh_v1 = [&] {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(db + suffix);
    fs::copy_file(pristine, db);
  };
  fresh_v1();
  std::mt19937 rng(20261128);
  // The migrations are a short part of the start-up: the kill moments close
  // in on them. [lo, hi] brackets the window: a kill that left version 1
  // came before its end (lo rises to it), one that left version 3 after it
  // (hi falls to it); each next moment is drawn from the bracket, widened
  // by 10 ms each side so that timing noise cannot close it.
  long lo = 0;
  long hi = startup.count() * 12 / 10;
  int versions[4] = {0, 0, 0, 0};
  // Where each kill landed, from the files it left: a half-written backup
  // copy (in the copy), a new finished backup and version 1 (after the
  // copy, before the first migration committed: opening the store or
  // inside the migration's transaction), or neither (before the copy).
  const auto count = [&](const std::string& needle) {
    return files_with(dir.path(), needle).size();
  };
  int in_copy = 0;
  int after_copy = 0;
  for (int kill = 0; kill < kMigrationKills; ++kill) {
    const std::size_t partials = count(".partial-");
    const std::size_t backups_before = count(".bak") - partials;
    NotifySocket notify(dir.file("notify-" + std::to_string(kill) + ".sock"));
    const long from = std::max(0L, std::min(lo, hi) - 10);
    const long to = std::max(lo, hi) + 10;
    const auto delay =
        std::chrono::milliseconds(std::uniform_int_distribution<long>(from, to)(rng));
    auto daemon = spawn(config, notify, dir.file("daemon.err"));
    // A random moment of the start-up, not a wait for anything.
    std::this_thread::sleep_for(delay);
    daemon->send_signal(SIGKILL);
    ASSERT_TRUE(daemon->wait_for_exit(30s));
    const Snapshot s = look(db);
    ASSERT_EQ(s.integrity, "ok") << "kill " << kill << " after " << delay.count() << " ms";
    ASSERT_GE(s.version, 1) << "kill " << kill;
    ASSERT_LE(s.version, 3) << "kill " << kill;
    ++versions[s.version];
    const std::size_t partials_now = count(".partial-");
    if (partials_now > partials) {
      ++in_copy;
    } else if (s.version == 1 && count(".bak") - partials_now > backups_before) {
      ++after_copy;
    }
    ASSERT_EQ(s.contacts, before.contacts) << "kill " << kill;
    ASSERT_EQ(s.interactions, before.interactions) << "kill " << kill;
    if (s.version == 1) lo = std::max(lo, static_cast<long>(delay.count()));
    if (s.version == 3) hi = std::min(hi, static_cast<long>(delay.count()));
    if (s.version == 3) fresh_v1();
  }
  // The kills landed before, inside and after the migrations (printed for
  // the note; the seed makes it repeatable on one machine).
  std::printf(
      "[ migration kills ] %d kills in a %lld ms start-up, closing in on %ld-%ld ms: %d "
      "left version 1, %d version 2, %d version 3; %d in the backup copy, %d after it "
      "and before the first migration committed\n",
      kMigrationKills, static_cast<long long>(startup.count()), lo, hi, versions[1], versions[2],
      versions[3], in_copy, after_copy);
  // Some kills must have landed in the copy or between it and the first
  // migration's commit, or the test proved nothing about them.
  EXPECT_GT(in_copy + after_copy, 0);

  int backups = 0;
  for (const std::string& bak : files_with(dir.path(), ".bak")) {
    if (bak.find(".partial-") != std::string::npos) continue;
    const Snapshot s = look(bak);
    ++backups;
    EXPECT_EQ(s.integrity, "ok") << bak;
    EXPECT_LT(s.version, 3) << bak;
    EXPECT_EQ(s.contacts, before.contacts) << bak;
    EXPECT_EQ(s.interactions, before.interactions) << bak;
  }

  EXPECT_GT(backups, 0);

  // The last kill's file, as it is, started and let finish.
  NotifySocket notify(dir.file("notify-final.sock"));
  auto daemon = spawn(config, notify, dir.file("daemon.err"));
  ASSERT_TRUE(notify.wait_for_line("READY=1", 120s)) << read_file(dir.file("daemon.err"));
  const Snapshot s = look(db);
  EXPECT_EQ(s.integrity, "ok");
  EXPECT_EQ(s.version, 3);
  EXPECT_EQ(s.contacts, before.contacts);
  EXPECT_EQ(s.interactions, before.interactions);
  EXPECT_EQ(files_with(dir.path(), ".partial-"), std::vector<std::string>{})
      << "half-written backup copies of killed starts are cleaned up";
  daemon->send_signal(SIGTERM);
  auto status = daemon->wait_for_exit(30s);
  EXPECT_TRUE(status && status->is_exit(0)) << read_file(dir.file("daemon.err"));
}

}  // namespace
}  // namespace cadence
