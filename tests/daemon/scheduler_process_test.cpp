// The real cadenced with the scheduler job and a console channel, on a
// database the test fills so that reminders are due at start-up: each is
// printed exactly once; a touch logged with the real cadencectl resolves the
// pending reminder within a second (inotify, no polling loop); a snooze made
// with cadencectl fires again seconds later; after SIGTERM and a restart
// nothing fires twice.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <string>

#include "cadence/clock.hpp"
#include "cadence/store.hpp"
#include "process.hpp"
#include "temp_dir.hpp"

namespace cadence::daemon {
namespace {

using cadence::testing::binary_path;
using cadence::testing::ChildProcess;
using cadence::testing::NotifySocket;
using cadence::testing::read_file;
using cadence::testing::run_process;
using cadence::testing::SpawnOptions;
using cadence::testing::TempDir;
using cadence::testing::wait_until;
using namespace std::chrono_literals;

using cadence::testing::kCadencectl;
using cadence::testing::kCadenced;

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

std::string process_config(const std::string& db) {
  return "timezone: UTC\n"
         "locale: en\n"
         "database: " +
         db +
         "\n"
         "owners:\n"
         "  - id: zhang\n"
         "    channels: [console]\n"
         "channels:\n"
         "  - id: console\n"
         "    type: console\n"
         "rules:\n"
         "  - id: keep-in-touch\n"
         "    match: {tier: A}\n"
         "    cadence: {every: 14d, kinds: [call, visit]}\n";
}

class SchedulerProcess : public ::testing::Test {
 protected:
  SchedulerProcess() : db_(dir_.file("cadence.db")) {
    config_ = dir_.write("cadence.yaml", process_config(db_));
    // Contacts added 30 days ago and never touched: overdue now.
    ManualClock past(SystemClock().now() - Duration{30 * 86400});
    StoreOptions options;
    options.path = db_;
    options.clock = &past;
    auto store = open_sqlite_store(options);
    EXPECT_TRUE(store) << store.error().message();
    for (const auto& [id, name] : {std::pair{"zhao", "Zhao Lei"}, std::pair{"qian", "Qian Yu"}}) {
      Contact c;
      c.id = id;
      c.name = name;
      c.tier = "A";
      c.owner = "zhang";
      EXPECT_TRUE((*store)->add_contact(c));
    }
  }

  std::unique_ptr<Store> open() {
    auto store = open_sqlite_store(StoreOptions{db_});
    EXPECT_TRUE(store) << store.error().message();
    return store ? std::move(store.value()) : nullptr;
  }

  std::optional<Occurrence> open_reminder(Store& store, const std::string& contact) {
    auto open = store.open_occurrences_for_subject("contact:" + contact);
    if (!open || open->empty()) return std::nullopt;
    return open->front();
  }

  std::unique_ptr<ChildProcess> start(const std::string& tag, NotifySocket& notify) {
    SpawnOptions options;
    options.args = {"--config", config_};
    options.env["NOTIFY_SOCKET"] = notify.path();
    options.stdout_path = dir_.file(tag + ".out");
    options.stderr_path = dir_.file(tag + ".err");
    auto child = std::make_unique<ChildProcess>(kCadenced, options);
    EXPECT_TRUE(notify.wait_for_line("READY=1", 10s)) << read_file(options.stderr_path);
    return child;
  }

  testing::ProcessResult ctl(const std::vector<std::string>& args) {
    std::vector<std::string> all = {"--config", config_};
    all.insert(all.end(), args.begin(), args.end());
    return run_process(kCadencectl, all);
  }

  TempDir dir_;
  std::string db_;
  std::string config_;
};

TEST_F(SchedulerProcess, FiresOnceResolvesOnTouchAndNeverFiresTwiceAcrossRestart) {
  NotifySocket notify(dir_.file("notify.sock"));
  auto daemon = start("first", notify);
  const std::string out = dir_.file("first.out");
  const std::string err = dir_.file("first.err");

  // Both overdue reminders are printed, once each.
  ASSERT_TRUE(wait_until(
      [&] {
        const std::string text = read_file(out);
        return count(text, "Zhao Lei") > 0 && count(text, "Qian Yu") > 0;
      },
      10s))
      << read_file(out) << read_file(err);
  auto store = open();
  ASSERT_TRUE(store);
  auto zhao = open_reminder(*store, "zhao");
  ASSERT_TRUE(zhao);
  EXPECT_EQ(zhao->state, OccurrenceState::kFired);
  const auto sent_lines = [&](const std::string& name) {
    std::size_t n = 0;
    const std::string text = read_file(out);
    for (auto at = text.find("── "); at != std::string::npos; at = text.find("── ", at + 1)) {
      const auto eol = text.find('\n', at);
      if (text.substr(at, eol - at).find(name) != std::string::npos) ++n;
    }
    return n;
  };
  EXPECT_EQ(sent_lines("Zhao Lei"), 1u) << read_file(out);
  EXPECT_EQ(sent_lines("Qian Yu"), 1u) << read_file(out);

  // A touch logged with the CLI resolves Zhao's pending reminder within a second.
  const auto touched_at = std::chrono::steady_clock::now();
  auto touch = ctl({"touch", "zhao", "--kind", "call"});
  ASSERT_TRUE(touch.status.is_exit(0)) << touch.out << touch.err;
  const RowId zhao_row = zhao->row_id;
  ASSERT_TRUE(wait_until(
      [&] {
        auto o = store->get_occurrence(zhao_row);
        return o && o->state == OccurrenceState::kResolved;
      },
      1s))
      << read_file(err);
  EXPECT_LT(std::chrono::steady_clock::now() - touched_at, 1500ms);

  // A snooze of Qian's reminder for 2 s: the daemon re-arms and prints it again.
  auto qian = open_reminder(*store, "qian");
  ASSERT_TRUE(qian);
  auto snoozed = ctl({"snooze", std::to_string(qian->row_id), "--for", "2s"});
  ASSERT_TRUE(snoozed.status.is_exit(0)) << snoozed.out << snoozed.err;
  ASSERT_TRUE(wait_until([&] { return sent_lines("Qian Yu") == 2; }, 6s)) << read_file(out);

  // SIGTERM, restart: nothing is sent again.
  ASSERT_TRUE(daemon->send_signal(SIGTERM));
  auto status = daemon->wait_for_exit(5s);
  ASSERT_TRUE(status && status->is_exit(0)) << read_file(err);
  auto deliveries_before = store->list_deliveries(std::nullopt, 0);
  ASSERT_TRUE(deliveries_before);
  EXPECT_EQ(deliveries_before->size(), 3u);

  NotifySocket notify2(dir_.file("notify2.sock"));
  auto again = start("second", notify2);
  ASSERT_TRUE(wait_until(
      [&] { return count(read_file(dir_.file("second.err")), "planned until") > 0; }, 10s))
      << read_file(dir_.file("second.err"));
  // The first wake follows the planning pass at once; give it a moment to print.
  EXPECT_FALSE(
      wait_until([&] { return count(read_file(dir_.file("second.out")), "── ") > 0; }, 1500ms))
      << read_file(dir_.file("second.out"));
  auto deliveries_after = store->list_deliveries(std::nullopt, 0);
  ASSERT_TRUE(deliveries_after);
  EXPECT_EQ(deliveries_after->size(), 3u);
  ASSERT_TRUE(again->send_signal(SIGTERM));
  EXPECT_TRUE(again->wait_for_exit(5s));
}

TEST_F(SchedulerProcess, AnUnknownReminderIsAUserError) {
  auto unknown = ctl({"done", "4242"});
  EXPECT_TRUE(unknown.status.is_exit(1)) << testing::to_string(unknown.status);
  EXPECT_NE(unknown.err.find("no reminder '4242'"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace cadence::daemon
