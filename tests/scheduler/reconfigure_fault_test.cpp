// A reload whose re-planning the database refused (locked past the busy
// timeout) is not lost: the scheduler keeps the old rules, so the daemon's
// retry with the same new rules recomputes the changed rule.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "scheduler_fixture.hpp"

namespace cadence::testing {
namespace {

TEST_F(SchedulerTest, AReloadTheDatabaseRefusedIsRecomputedWhenRetried) {
  add_contact("wang", "", GregorianBirthday{std::nullopt, 3, 5});
  StoreOptions options;
  options.path = dir_.file("cadence.db");
  options.clock = &clock_;
  options.busy_timeout_ms = 100;
  auto store = open_sqlite_store(options);
  ASSERT_TRUE(store) << store.error().message();
  Scheduler scheduler(**store, rules_, config_);
  ASSERT_TRUE(scheduler.start(clock_.now()));
  ASSERT_EQ(by_key(kWangBirthday)->fire_at, utc(2027, 3, 5, 0, 30));  // 08:30 Shanghai

  Config changed = *config_;
  changed.rules[1].at = TimeOfDay{10 * 60};  // birthdays now at 10:00
  auto new_config = std::make_shared<const Config>(changed);
  auto new_rules = compile_or_fail(*new_config);
  {
    SQLite::Database holder(options.path, SQLite::OPEN_READWRITE);
    holder.exec("BEGIN EXCLUSIVE");
    auto refused = scheduler.reconfigure(new_rules, new_config, clock_.now());
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message().find("locked"), std::string::npos)
        << refused.error().message();
    holder.exec("COMMIT");
  }
  EXPECT_EQ(by_key(kWangBirthday)->fire_at, utc(2027, 3, 5, 0, 30));
  // The retry (the daemon's next round) finds the same change.
  auto retried = scheduler.reconfigure(new_rules, new_config, clock_.now());
  ASSERT_TRUE(retried) << retried.error().message();
  EXPECT_EQ(retried->rules, std::set<std::string>{"birthdays"});
  EXPECT_EQ(by_key(kWangBirthday)->fire_at, utc(2027, 3, 5, 2));
  // And once done, nothing more.
  auto again = scheduler.reconfigure(new_rules, new_config, clock_.now());
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->rules.empty());
}

}  // namespace
}  // namespace cadence::testing
