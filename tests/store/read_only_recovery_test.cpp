// A database that is read-only when it is opened: the store recovers once the
// file is writable again, without a restart, and the -wal/-shm files SQLite
// makes never carry a mode that keeps the next writer out (issue: a 0444
// cadence.db left a 0444 -shm behind; cadencectl and a restarted daemon then
// failed until it was fixed by hand).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include "cadence/store.hpp"
#include "process.hpp"
#include "temp_dir.hpp"

namespace cadence {
namespace {

using cadence::testing::run_process;
using cadence::testing::TempDir;

mode_t mode_of(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

Contact contact(const std::string& id) {
  Contact c;
  c.id = id;
  c.name = id;
  return c;
}

std::unique_ptr<Store> open(const std::string& path) {
  auto store = open_sqlite_store(StoreOptions{path});
  EXPECT_TRUE(store) << store.error().message();
  return store ? std::move(*store) : nullptr;
}

TEST(ReadOnlyRecovery, TheShmOfADatabaseWithoutItsWriteBitIsCreatedWritable) {
  TempDir dir;
  const std::string db = dir.file("cadence.db");
  { ASSERT_TRUE(open(db)); }  // created, closed: no -wal, no -shm left
  ASSERT_NE(::access((db + "-shm").c_str(), F_OK), 0);
  ASSERT_EQ(::chmod(db.c_str(), 0444), 0);
  {
    auto store = open(db);  // root may still write it; an unprivileged user may not
    ASSERT_TRUE(store);
    EXPECT_EQ(mode_of(db + "-shm") & S_IWUSR, S_IWUSR) << std::oct << mode_of(db + "-shm");
  }
}

TEST(ReadOnlyRecovery, ASidecarThatLostItsWriteBitGetsTheDatabasesModeBack) {
  TempDir dir;
  const std::string db = dir.file("cadence.db");
  { ASSERT_TRUE(open(db)); }
  for (const char* suffix : {"-shm", "-wal"}) {
    std::ofstream(db + suffix).flush();
    ASSERT_EQ(::chmod((db + suffix).c_str(), 0444), 0);
  }
  auto store = open(db);
  ASSERT_TRUE(store);
  EXPECT_TRUE(store->add_contact(contact("wang")));
  EXPECT_EQ(mode_of(db + "-shm"), mode_of(db));
  EXPECT_EQ(mode_of(db + "-wal"), mode_of(db));
}

// chattr +i is what refuses root's writes (the suite runs as root in CI, where
// chmod would not); an unprivileged user's chmod 444 takes the same path.
TEST(ReadOnlyRecovery, AStoreOpenedReadOnlyWritesOnceTheFileIsWritableAgain) {
  ASSERT_EQ(::geteuid(), 0u) << "this test needs root: chattr +i (CAP_LINUX_IMMUTABLE)";
  TempDir dir;
  const std::string db = dir.file("cadence.db");
  {
    auto store = open(db);
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->add_contact(contact("li")));
  }
  auto chattr = run_process("/usr/bin/chattr", {"+i", db});
  ASSERT_TRUE(chattr.status.is_exit(0)) << chattr.err;
  struct Unlock {
    std::string db;
    ~Unlock() { (void)run_process("/usr/bin/chattr", {"-i", db}); }
  } unlock{db};

  auto store = open(db);
  ASSERT_TRUE(store);
  auto refused = store->add_contact(contact("wang"));
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message().find("read-only"), std::string::npos)
      << refused.error().message();

  chattr = run_process("/usr/bin/chattr", {"-i", db});
  ASSERT_TRUE(chattr.status.is_exit(0)) << chattr.err;
  auto added = store->add_contact(contact("wang"));
  ASSERT_TRUE(added) << added.error().message();
  EXPECT_TRUE(store->get_contact("li"));
  // And another process sees the write.
  auto other = open(db);
  ASSERT_TRUE(other);
  EXPECT_TRUE(other->get_contact("wang"));
}

}  // namespace
}  // namespace cadence
