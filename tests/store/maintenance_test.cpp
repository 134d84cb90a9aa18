// Backup, restore, the integrity check at start and the pre-migration copy,
// on real database files (cadence/maintenance.hpp).
#include "cadence/maintenance.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "cadence/clock.hpp"
#include "store_test_util.hpp"
#include "temp_dir.hpp"

namespace cadence {
namespace {

using testing::at_utc;
using testing::make_contact;
using testing::open_store_or_die;
using testing::TempDir;
namespace fs = std::filesystem;

std::vector<std::string> contact_ids(const std::string& path) {
  auto store = open_store_or_die(path, nullptr);
  std::vector<std::string> ids;
  if (!store) return ids;
  auto contacts = store->list_contacts({});
  if (!contacts) return ids;
  for (const Contact& c : *contacts) ids.push_back(c.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::string journal_mode(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet("PRAGMA journal_mode").getString();
}

std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// Overwrites every page after the first (the header and schema page stay
// readable, the tables they point to are garbage).
void damage(const std::string& path) {
  const auto size = fs::file_size(path);
  ASSERT_GT(size, 8192u);
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(4096);
  const std::string junk(size - 4096, '\x5a');
  f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
}

TEST(Backup, CopiesCommittedDataWhileAnotherConnectionWritesAndLeavesASelfContainedFile) {
  TempDir dir;
  const auto db = dir.file("cadence.db");
  auto store = open_store_or_die(db, nullptr);
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->add_contact(make_contact("li-wei", "李伟")));

  // An open write transaction in another connection: its row is not committed.
  SQLite::Database writer(db, SQLite::OPEN_READWRITE);
  writer.exec("BEGIN IMMEDIATE");
  writer.exec("UPDATE contacts SET name = 'uncommitted' WHERE id = 'li-wei'");

  const auto copy = dir.file("backup.db");
  const Status s = backup_database(db, copy);
  writer.exec("ROLLBACK");
  ASSERT_TRUE(s) << s.error().message();

  EXPECT_EQ(contact_ids(copy), std::vector<std::string>{"li-wei"});
  auto copied = open_store_or_die(copy, nullptr);
  EXPECT_EQ(copied->get_contact("li-wei")->name, "李伟");
  copied.reset();
  struct stat st {};
  ASSERT_EQ(::stat(copy.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  // No temporary file left; the copy does not need a -wal file beside it.
  for (const auto& name : files_in(dir.path().string()))
    EXPECT_EQ(name.find(".partial"), std::string::npos);
}

TEST(Backup, IsSelfContainedWithoutWal) {
  TempDir dir;
  const auto db = dir.file("cadence.db");
  {
    auto store = open_store_or_die(db, nullptr);
    ASSERT_TRUE(store->add_contact(make_contact("a", "A")));
  }
  const auto copy = dir.file("backup.db");
  ASSERT_TRUE(backup_database(db, copy));
  EXPECT_EQ(journal_mode(copy), "delete");
  EXPECT_FALSE(fs::exists(copy + "-wal"));
}

TEST(Backup, RefusesToOverwriteTheDatabaseItselfAndReportsAMissingSource) {
  TempDir dir;
  const auto db = dir.file("cadence.db");
  ASSERT_TRUE(open_store_or_die(db, nullptr));
  const Status self = backup_database(db, db);
  ASSERT_FALSE(self);
  EXPECT_NE(self.error().message().find("is the database itself"), std::string::npos);

  const Status missing = backup_database(dir.file("nope.db"), dir.file("b.db"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
  EXPECT_FALSE(fs::exists(dir.file("b.db")));
}

TEST(Backup, AFailedBackupLeavesNoFileBehind) {
  TempDir dir;
  const auto db = dir.file("cadence.db");
  ASSERT_TRUE(open_store_or_die(db, nullptr));
  const Status s = backup_database(db, dir.file("no-such-dir/backup.db"));
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message().find("no-such-dir"), std::string::npos) << s.error().message();
  EXPECT_FALSE(fs::exists(dir.file("no-such-dir")));
}

TEST(Restore, BringsBackTheBackupAndKeepsThePreviousContent) {
  TempDir dir;
  const auto db = dir.file("cadence.db");
  ManualClock clock(at_utc(2026, 11, 27, 9));
  {
    auto store = open_store_or_die(db, nullptr);
    ASSERT_TRUE(store->add_contact(make_contact("a", "A")));
  }
  const auto backup = dir.file("monday.db");
  ASSERT_TRUE(backup_database(db, backup));
  {
    auto store = open_store_or_die(db, nullptr);
    ASSERT_TRUE(store->add_contact(make_contact("b", "B")));
  }
  // A reader that stays open across the restore sees the new content.
  auto reader = open_store_or_die(db, nullptr);
  ASSERT_EQ(reader->list_contacts({})->size(), 2u);

  auto restored = restore_database(backup, db, clock);
  ASSERT_TRUE(restored) << restored.error().message();
  EXPECT_EQ(restored->previous_copy, db + ".before-restore-20261127T090000Z.bak");
  EXPECT_EQ(contact_ids(db), std::vector<std::string>{"a"});
  EXPECT_EQ(reader->list_contacts({})->size(), 1u);
  EXPECT_EQ(contact_ids(restored->previous_copy), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(journal_mode(db), "wal");
}

TEST(Restore, RefusesABadBackupAndLeavesTheDatabaseAlone) {
  TempDir dir;
  const auto db = dir.file("cadence.db");
  ManualClock clock(at_utc(2026, 11, 27, 9));
  {
    auto store = open_store_or_die(db, nullptr);
    ASSERT_TRUE(store->add_contact(make_contact("a", "A")));
  }
  const auto text = dir.write("notes.txt", "this is not a database\n");
  auto r1 = restore_database(text, db, clock);
  ASSERT_FALSE(r1);
  EXPECT_NE(r1.error().message().find(text), std::string::npos) << r1.error().message();

  const auto other = dir.file("other.db");
  {
    SQLite::Database foreign(other, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    foreign.exec("CREATE TABLE t(x)");
  }
  auto r2 = restore_database(other, db, clock);
  ASSERT_FALSE(r2);
  EXPECT_NE(r2.error().message().find("not a cadence database"), std::string::npos);

  const auto future = dir.file("future.db");
  ASSERT_TRUE(backup_database(db, future));
  {
    SQLite::Database f(future, SQLite::OPEN_READWRITE);
    f.exec("PRAGMA user_version = " + std::to_string(sqlite_schema_version() + 1));
  }
  auto r3 = restore_database(future, db, clock);
  ASSERT_FALSE(r3);
  EXPECT_NE(r3.error().message().find("newer cadence"), std::string::npos);

  const auto damaged = dir.file("damaged.db");
  {
    auto store = open_store_or_die(damaged, nullptr);
    for (int i = 0; i < 300; ++i) {
      ASSERT_TRUE(store->add_contact(make_contact("c" + std::to_string(i), "C")));
    }
  }
  ASSERT_TRUE(backup_database(damaged, damaged + ".copy"));
  damage(damaged + ".copy");
  auto r4 = restore_database(damaged + ".copy", db, clock);
  ASSERT_FALSE(r4);

  EXPECT_EQ(contact_ids(db), std::vector<std::string>{"a"});
  for (const auto& name : files_in(dir.path().string())) {
    EXPECT_EQ(name.find("before-restore"), std::string::npos) << name;
  }
}

TEST(Restore, ReplacesADamagedDatabaseAndKeepsItsBytes) {
  TempDir dir;
  const auto db = dir.file("cadence.db");
  ManualClock clock(at_utc(2026, 11, 27, 9));
  {
    auto store = open_store_or_die(db, nullptr);
    for (int i = 0; i < 300; ++i) {
      ASSERT_TRUE(store->add_contact(make_contact("c" + std::to_string(i), "C")));
    }
  }
  const auto backup = dir.file("backup.db");
  ASSERT_TRUE(backup_database(db, backup));
  damage(db);
  const std::string damaged = testing::read_file(db);
  ASSERT_FALSE(check_database(db));

  auto restored = restore_database(backup, db, clock);
  ASSERT_TRUE(restored) << restored.error().message();
  EXPECT_TRUE(check_database(db));
  EXPECT_EQ(contact_ids(db).size(), 300u);
  EXPECT_EQ(testing::read_file(restored->previous_copy), damaged);
}

TEST(CheckDatabase, AcceptsSoundAndMissingFilesAndNamesTheNewestBackupOfADamagedOne) {
  TempDir dir;
  const auto db = dir.file("cadence.db");
  EXPECT_TRUE(check_database(db));  // missing: will be created
  {
    auto store = open_store_or_die(db, nullptr);
    for (int i = 0; i < 300; ++i) {
      ASSERT_TRUE(store->add_contact(make_contact("c" + std::to_string(i), "联系人")));
    }
  }
  EXPECT_TRUE(check_database(db));
  ASSERT_TRUE(backup_database(db, db + ".weekly.bak"));
  ASSERT_TRUE(backup_database(db, db + ".daily.bak"));
  // The daily copy is the newest.
  fs::last_write_time(db + ".weekly.bak",
                      fs::last_write_time(db + ".daily.bak") - std::chrono::hours(24));
  damage(db);
  const Status s = check_database(db);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kDatabase);
  const std::string& m = s.error().message();
  EXPECT_NE(m.find("is damaged"), std::string::npos) << m;
  EXPECT_NE(m.find("restore " + db + ".daily.bak"), std::string::npos) << m;
  EXPECT_EQ(newest_backup_next_to(db), db + ".daily.bak");
}

TEST(CheckDatabase, AGarbageFileIsReportedAsDamaged) {
  TempDir dir;
  const auto db = dir.write("cadence.db", std::string(8192, '\x01'));
  const Status s = check_database(db);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message().find("restore a backup with"), std::string::npos)
      << s.error().message();
}

TEST(CheckDatabase, TheReadableCheckAcceptsASoundFileAndRefusesGarbageLikeTheFullCheck) {
  TempDir dir;
  const auto db = dir.file("cadence.db");
  EXPECT_TRUE(check_database_readable(db));  // missing: will be created
  { ASSERT_TRUE(open_store_or_die(db, nullptr)); }
  EXPECT_TRUE(check_database_readable(db));
  const auto garbage = dir.write("garbage.db", std::string(8192, '\x01'));
  const Status s = check_database_readable(garbage);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kDatabase);
  EXPECT_EQ(s.error().message(), check_database(garbage).error().message());
}

TEST(DatabaseCheck, GivesTheFullChecksVerdictOrNoneWhenCancelled) {
  TempDir dir;
  const auto db = dir.file("cadence.db");
  {
    auto store = open_store_or_die(db, nullptr);
    for (int i = 0; i < 300; ++i) {
      ASSERT_TRUE(store->add_contact(make_contact("c" + std::to_string(i), "联系人")));
    }
  }
  DatabaseCheck sound(db);
  EXPECT_TRUE(sound.run());
  EXPECT_FALSE(sound.cancelled());

  damage(db);
  DatabaseCheck damaged(db);
  const Status verdict = damaged.run();
  ASSERT_FALSE(verdict);
  EXPECT_EQ(verdict.error().message(), check_database(db).error().message());

  // Cancelled first (the daemon stopped before the check ran): no verdict,
  // even on a damaged file.
  DatabaseCheck abandoned(db);
  abandoned.cancel();
  EXPECT_TRUE(abandoned.run());
  EXPECT_TRUE(abandoned.cancelled());
}

TEST(BackupBeforeMigration, CopiesOnlyWhenTheSchemaIsOlder) {
  TempDir dir;
  const auto db = dir.file("cadence.db");
  ManualClock clock(at_utc(2026, 11, 27, 9));
  EXPECT_EQ(backup_before_migration(db, clock).value(), std::nullopt);  // missing
  {
    auto store = open_store_or_die(db, nullptr);
    ASSERT_TRUE(store->add_contact(make_contact("a", "A")));
  }
  // Current schema: nothing to migrate, no copy.
  EXPECT_EQ(backup_before_migration(db, clock).value(), std::nullopt);
  // A binary with a newer schema copies first.
  const int next = sqlite_schema_version() + 1;
  auto copied = backup_before_migration(db, clock, next);
  ASSERT_TRUE(copied) << copied.error().message();
  ASSERT_TRUE(copied->has_value());
  EXPECT_EQ(**copied, db + ".pre-v" + std::to_string(next) + "-20261127T090000Z.bak");
  EXPECT_EQ(contact_ids(**copied), std::vector<std::string>{"a"});
}

}  // namespace
}  // namespace cadence
