#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "cadence/store.hpp"
#include "store_test_util.hpp"
#include "temp_dir.hpp"

namespace cadence {
namespace {

using testing::open_store_or_die;
using testing::source_path;
using testing::TempDir;

int user_version(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet("PRAGMA user_version").getInt();
}

TEST(Migration, CreatesAPrivateWalDatabaseAtTheCurrentVersion) {
  TempDir dir;
  const auto path = dir.file("new.db");
  auto store = open_store_or_die(path, nullptr);
  ASSERT_TRUE(store);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(user_version(path), sqlite_schema_version());
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("PRAGMA journal_mode").getString(), "wal");
}

TEST(Migration, MigratesAnEmptyExistingFile) {
  TempDir dir;
  const auto path = dir.write("empty.db", "");
  ASSERT_TRUE(open_store_or_die(path, nullptr));
  EXPECT_EQ(user_version(path), sqlite_schema_version());
}

// Every fixture tests/store/fixtures/schema_vN.sql is a database as version N
// wrote it; opening it must migrate to the current version and keep the data.
TEST(Migration, UpgradesEveryEarlierSchemaFixtureKeepingItsData) {
  const std::filesystem::path fixtures = source_path("tests/store/fixtures");
  int seen = 0;
  for (int v = 1; v <= sqlite_schema_version(); ++v) {
    const auto file = fixtures / ("schema_v" + std::to_string(v) + ".sql");
    ASSERT_TRUE(std::filesystem::exists(file)) << "missing fixture " << file;
    TempDir dir;
    const auto path = dir.file("old.db");
    {
      SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      db.exec(testing::read_file(file.string()));
    }
    ASSERT_EQ(user_version(path), v);
    auto store = open_store_or_die(path, nullptr);
    ASSERT_TRUE(store);
    EXPECT_EQ(user_version(path), sqlite_schema_version());
    auto c = store->get_contact("li-wei");
    ASSERT_TRUE(c) << "fixture v" << v;
    EXPECT_EQ(c->name, "李伟");
    EXPECT_EQ(c->account, "acme");
    EXPECT_EQ(store->get_summary("li-wei")->interaction_count, 1);
    EXPECT_TRUE(store->get_occurrence_by_key("birthdays|contact:li-wei|2026-09-25"));
    Interaction touch;
    touch.contact = "li-wei";
    touch.kind = "call";
    EXPECT_TRUE(store->add_interaction(touch));
    ++seen;
  }
  EXPECT_EQ(seen, sqlite_schema_version());
}

TEST(Migration, RefusesADatabaseFromANewerCadenceNamingBothVersions) {
  TempDir dir;
  const auto path = dir.file("future.db");
  ASSERT_TRUE(open_store_or_die(path, nullptr));
  const int future = sqlite_schema_version() + 1;
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = " + std::to_string(future));
  }
  StoreOptions options;
  options.path = path;
  auto store = open_sqlite_store(options);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), ErrorCode::kDatabase);
  const auto& msg = store.error().message();
  EXPECT_NE(msg.find("version " + std::to_string(future)), std::string::npos) << msg;
  EXPECT_NE(msg.find("version " + std::to_string(sqlite_schema_version())), std::string::npos)
      << msg;
  EXPECT_EQ(user_version(path), future);  // untouched
}

TEST(Migration, RefusesAFileThatIsNotADatabase) {
  TempDir dir;
  std::string junk(4096, '\0');
  for (std::size_t i = 0; i < junk.size(); ++i) junk[i] = static_cast<char>((i * 131) % 251);
  const auto path = dir.write("junk.db", junk);
  StoreOptions options;
  options.path = path;
  auto store = open_sqlite_store(options);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message().find("not a cadence database"), std::string::npos)
      << store.error().message();
}

TEST(Migration, MissingFileWithoutCreateIsNotFound) {
  TempDir dir;
  StoreOptions options;
  options.path = dir.file("absent.db");
  options.create_if_missing = false;
  auto store = open_sqlite_store(options);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), ErrorCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(options.path));
}

}  // namespace
}  // namespace cadence
