#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "cadence/store.hpp"
#include "store_test_util.hpp"
#include "temp_dir.hpp"

namespace cadence {
namespace {

using testing::make_contact;
using testing::open_store_or_die;
using testing::TempDir;

TEST(Concurrency, WriterProceedsWhileAReaderHoldsASnapshot) {
  TempDir dir;
  const auto path = dir.file("c.db");
  auto writer = open_store_or_die(path, nullptr);
  ASSERT_TRUE(writer->add_contact(make_contact("a", "A")));

  SQLite::Database reader(path, SQLite::OPEN_READONLY);
  reader.exec("BEGIN");
  EXPECT_EQ(reader.execAndGet("SELECT count(*) FROM contacts").getInt(), 1);

  ASSERT_TRUE(writer->add_contact(make_contact("b", "B")));
  Interaction i;
  i.contact = "b";
  i.kind = "call";
  ASSERT_TRUE(writer->add_interaction(i));

  EXPECT_EQ(reader.execAndGet("SELECT count(*) FROM contacts").getInt(), 1);  // its snapshot
  reader.exec("COMMIT");
  EXPECT_EQ(reader.execAndGet("SELECT count(*) FROM contacts").getInt(), 2);
}

TEST(Concurrency, WriteLockedPastTheTimeoutFailsCleanlyAndWritesNothing) {
  TempDir dir;
  const auto path = dir.file("c.db");
  auto store = open_store_or_die(path, nullptr, /*busy_timeout_ms=*/200);
  ASSERT_TRUE(store->add_contact(make_contact("a", "A")));
  const auto seq = *store->change_sequence();

  SQLite::Database locker(path, SQLite::OPEN_READWRITE);
  locker.exec("BEGIN IMMEDIATE");
  const auto started = std::chrono::steady_clock::now();
  auto r = store->transaction([&]() -> Status {
    for (int n = 0; n < 3; ++n) {
      if (auto c = store->add_contact(make_contact("x" + std::to_string(n), "X")); !c) {
        return c.error();
      }
    }
    return ok_status();
  });
  const auto waited = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kDatabase);
  EXPECT_EQ(r.error().exit_code(), kExitRuntime);
  EXPECT_NE(r.error().message().find("locked"), std::string::npos) << r.error().message();
  EXPECT_GE(waited, std::chrono::milliseconds(150));
  locker.exec("ROLLBACK");

  EXPECT_EQ(*store->change_sequence(), seq);
  EXPECT_EQ(store->list_contacts({})->size(), 1u);
  // The store is usable again once the lock is gone.
  EXPECT_TRUE(store->add_contact(make_contact("b", "B")));
}

TEST(Concurrency, DataVersionMovesWhenAnotherConnectionCommits) {
  TempDir dir;
  const auto path = dir.file("c.db");
  auto daemon_view = open_store_or_die(path, nullptr);
  auto cli = open_store_or_die(path, nullptr);
  const auto v0 = *daemon_view->data_version();
  EXPECT_EQ(*daemon_view->data_version(), v0);
  ASSERT_TRUE(cli->add_contact(make_contact("a", "A")));
  EXPECT_NE(*daemon_view->data_version(), v0);
  const auto seq = *daemon_view->change_sequence();
  EXPECT_GT(seq, 0);
  EXPECT_EQ(*daemon_view->contacts_changed_since(seq - 1), std::vector<std::string>{"a"});
}

}  // namespace
}  // namespace cadence
