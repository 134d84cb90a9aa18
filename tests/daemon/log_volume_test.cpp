// The daemon's log volume is bounded: the real SchedulerJob (store, scheduler,
// outbox, sender threads) on a real SQLite file, driven by a ManualClock
// through a simulated day of wakes one minute apart. A wake with nothing to
// do logs nothing; a reminder costs a few lines; a channel that fails every
// retry for a day (connection refused) does not log a line per retry.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cadence/clock.hpp"
#include "cadence/config.hpp"
#include "cadence/store.hpp"
#include "captured_log.hpp"
#include "daemon/scheduler_job.hpp"
#include "temp_dir.hpp"

namespace cadence::daemon {
namespace {

using cadence::testing::CapturedLog;
using cadence::testing::TempDir;

// std::cout (the console channel's output) captured for the test's life.
class CapturedStdout {
 public:
  CapturedStdout() : previous_(std::cout.rdbuf(out_.rdbuf())) {}
  ~CapturedStdout() { std::cout.rdbuf(previous_); }

 private:
  std::ostringstream out_;
  std::streambuf* previous_;
};

std::string volume_config(const std::string& db) {
  return "timezone: UTC\nlocale: en\ndatabase: " + db +
         "\nowners:\n"
         "  - id: zhang\n    channels: [console]\n"
         "  - id: li\n    channels: [hook]\n"
         "channels:\n"
         "  - id: console\n    type: console\n"
         "  - id: hook\n    type: webhook\n    url: \"http://127.0.0.1:1/refused\"\n"
         "rules:\n  - id: keep-in-touch\n    match: {tier: A}\n"
         "    cadence: {every: 14d, kinds: [call, visit]}\n";
}

// Lines about the failing channel's delivery: its attempts, its death.
bool about_failing_channel(const std::string& line) {
  return line.find("'hook'") != std::string::npos || line.find(" dead") != std::string::npos;
}

std::size_t count_other_lines(const std::vector<std::string>& lines) {
  std::size_t n = 0;
  for (const std::string& l : lines) n += about_failing_channel(l) ? 0 : 1;
  return n;
}

std::size_t count_if_contains(const std::vector<std::string>& lines, const std::string& needle,
                              bool contains) {
  std::size_t n = 0;
  for (const std::string& l : lines) n += (l.find(needle) != std::string::npos) == contains;
  return n;
}

TEST(LogVolume, ADayOfMinuteWakesLogsPerReminderNotPerWakeNorPerRetry) {
  TempDir dir;
  const std::string db = dir.file("cadence.db");
  const Instant start = SystemClock().now();
  {
    // Contacts added 30 days ago, never touched: overdue at the start.
    ManualClock past(start - Duration{30 * 86400});
    StoreOptions options;
    options.path = db;
    options.clock = &past;
    auto store = open_sqlite_store(options);
    ASSERT_TRUE(store) << store.error().message();
    for (const char* id : {"zhao", "qian", "sun", "wu"}) {
      Contact c;
      c.id = id;
      c.name = id;
      c.tier = "A";
      c.owner = std::string(id) == "wu" ? "li" : "zhang";  // wu's reminders go to the failing hook
      ASSERT_TRUE((*store)->add_contact(c));
    }
  }
  ConfigLoadResult loaded =
      parse_config(volume_config(db), "cadence.yaml", SubstitutionSource::from_process());
  ASSERT_TRUE(loaded.ok());
  auto config = std::make_shared<const Config>(std::move(*loaded.config));

  CapturedLog log;
  CapturedStdout console;
  ManualClock clock(start);
  boost::asio::io_context io;
  std::size_t quiet_wakes_that_logged = 0;
  {
    SchedulerJob job(clock);
    ASSERT_TRUE(job.validate(*config).empty());
    ASSERT_TRUE(job.start(io, config));
    io.poll();  // the initial pass and the first wake
    // The first hour: the 4 overdue reminders fire and are sent (or fail).
    for (int minute = 1; minute <= 60; ++minute) {
      clock.advance(Duration{60});
      job.wake_now();
      io.poll();
    }
    const std::size_t after_first_hour = log.lines().size();
    // The rest of the day and a little more (the hook's delivery gives up
    // after its max_age, 24 h): one wake a minute.
    for (int minute = 61; minute <= 24 * 60 + 30; ++minute) {
      const std::size_t before = count_other_lines(log.lines());
      clock.advance(Duration{60});
      job.wake_now();
      io.poll();
      if (count_other_lines(log.lines()) != before) ++quiet_wakes_that_logged;
    }
    EXPECT_LT(after_first_hour, 40u);
    job.stop();
    io.run();
  }
  const std::vector<std::string> lines = log.lines();
  std::string all;
  for (const std::string& l : lines) all += l + "\n";

  auto store = open_sqlite_store(StoreOptions{db});
  ASSERT_TRUE(store) << store.error().message();
  auto deliveries = (*store)->list_deliveries(std::nullopt, 0);
  ASSERT_TRUE(deliveries);
  int console_sent = 0;
  int hook_attempts = 0;
  int hook_deliveries = 0;
  for (const Delivery& d : *deliveries) {
    if (d.channel == "console" && d.state == DeliveryState::kSent) ++console_sent;
    if (d.channel == "hook") {
      ++hook_deliveries;
      hook_attempts += d.attempts;
      EXPECT_EQ(d.state, DeliveryState::kDead) << "gives up after max_age (24 h)";
    }
  }
  EXPECT_EQ(console_sent, 3);
  ASSERT_EQ(hook_deliveries, 1);

  std::fprintf(stderr,
               "[ volume   ] 1470 wakes: %zu log lines in all, %zu about the failing channel "
               "(%d attempts), %d console reminders sent\n",
               lines.size(), count_if_contains(lines, "'hook'", true), hook_attempts, console_sent);
  // No line per timer wake: after the first hour nothing but the failing
  // channel had anything to say, in ~1400 wakes.
  EXPECT_EQ(quiet_wakes_that_logged, 0u) << all;
  // The failing channel was retried all day, but not logged per retry.
  EXPECT_GE(hook_attempts, 50) << all;
  EXPECT_LE(count_if_contains(lines, "'hook'", true), 12u) << all;
  // In all: a few lines per reminder.
  EXPECT_LE(lines.size(), 10u + 4u * 4u + 12u) << all;
}

}  // namespace
}  // namespace cadence::daemon
