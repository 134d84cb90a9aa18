// Wall-clock jumps against the running daemon: the real cadenced on a real
// SQLite file, its wall clock moved by the test (FakeWallClock: libfaketime,
// and the kernel's clock-set announcement; see fake_wall_clock.hpp).
//
// Birthdays at 09:00 UTC on 10, 11, 12 and 13 March; the daemon starts at
// 10 March 08:00 (fake). Then:
//   forward a day    11 March 08:00: the 10 March birthday fires (23 h late,
//                    within the default catch_up of 1 d) at once, not at the
//                    next minute's check; the 11 March one does not.
//   back an hour     11 March 07:00: nothing fires again.
//   forward again    11 March 09:00:01: the 11 March birthday fires.
//   suspend/resume   12 March 20:00: what a resume looks like to the daemon:
//                    the wall clock ahead by the length of the sleep, the
//                    monotonic clock not, and the kernel's clock-set
//                    announcement. The 12 March birthday fires, 11 h late.
// At the end every birthday up to 12 March fired once with one delivery,
// 13 March's is still scheduled: nothing skipped, nothing doubled.
#include <gtest/gtest.h>
#include <signal.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <memory>
#include <string>

#include "cadence/clock.hpp"
#include "cadence/store.hpp"
#include "fake_wall_clock.hpp"
#include "process.hpp"
#include "temp_dir.hpp"

namespace cadence {
namespace {

using cadence::testing::binary_path;
using cadence::testing::ChildProcess;
using cadence::testing::FakeWallClock;
using cadence::testing::NotifySocket;
using cadence::testing::read_file;
using cadence::testing::SpawnOptions;
using cadence::testing::TempDir;
using cadence::testing::wait_until;
using namespace std::chrono_literals;

// One birthday reminder as the daemon left it.
struct Birthday {
  std::string state;
  int fire_count = 0;
  int deliveries = 0;
  bool late = false;
};

// Birthday reminders by contact id, read while the daemon runs (WAL).
std::map<std::string, Birthday> birthdays(const std::string& db) {
  std::map<std::string, Birthday> out;
  try {
    SQLite::Database sql(db, SQLite::OPEN_READONLY);
    sql.setBusyTimeout(1000);
    SQLite::Statement q(sql,
                        "SELECT o.subject, o.state, o.fire_count, o.late, "
                        "(SELECT count(*) FROM deliveries d WHERE d.occurrence = o.row_id) "
                        "FROM occurrences o WHERE o.rule = 'birthdays'");
    while (q.executeStep()) {
      Birthday b;
      b.state = q.getColumn(1).getString();
      b.fire_count = q.getColumn(2).getInt();
      b.late = q.getColumn(3).getInt() != 0;
      b.deliveries = q.getColumn(4).getInt();
      // The subject is "contact:<id>".
      std::string subject = q.getColumn(0).getString();
      if (subject.rfind("contact:", 0) == 0) subject.erase(0, 8);
      out[subject] = b;
    }
  } catch (const SQLite::Exception&) {
    out.clear();  // not created yet, or busy for longer than the timeout
  }
  return out;
}

std::string describe(const std::map<std::string, Birthday>& all) {
  std::string out;
  for (const auto& [id, b] : all) {
    out += id + " " + b.state + " fired " + std::to_string(b.fire_count) + "x, " +
           std::to_string(b.deliveries) + " deliveries" + (b.late ? ", late" : "") + "\n";
  }
  return out;
}

class ClockProcess : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(FakeWallClock::unavailable(), "");
    db_ = dir_.file("cadence.db");
    config_ = dir_.write("cadence.yaml", "timezone: UTC\nlocale: en\ndatabase: " + db_ +
                                             "\n"
                                             "channels:\n  - id: console\n    type: console\n"
                                             "owners:\n  - id: zhang\n    channels: [console]\n"
                                             "rules:\n"
                                             "  - id: birthdays\n"
                                             "    match: {}\n"
                                             "    birthday: {}\n"
                                             "    lead: [0d]\n"
                                             "    at: \"09:00\"\n");
    // The contacts, written with a clock of that week (no daemon yet).
    ManualClock then(parse_rfc3339("2026-03-01T00:00:00Z").value());
    StoreOptions options;
    options.path = db_;
    options.clock = &then;
    auto store = open_sqlite_store(options);
    ASSERT_TRUE(store) << store.error().message();
    for (unsigned day = 10; day <= 13; ++day) {
      Contact c;
      c.id = "b" + std::to_string(day);
      c.name = "Birthday " + std::to_string(day);
      c.tier = "A";
      c.owner = "zhang";
      c.birthday = GregorianBirthday{std::nullopt, 3, day};
      ASSERT_TRUE((*store)->add_contact(c));
    }
  }

  // Sets the daemon's wall clock (it runs on from there) and has the kernel
  // announce the change.
  void set_clock(const std::string& utc) {
    ASSERT_TRUE(clock_.set(parse_rfc3339(utc).value()))
        << "clock_settime: " << std::strerror(errno)
        << " (this test needs CAP_SYS_TIME, i.e. root, to make the kernel announce a clock "
           "change; it sets the clock to the time it already has)";
  }

  void start() {
    clock_.set_quietly(parse_rfc3339("2026-03-10T08:00:00Z").value());
    SpawnOptions options;
    options.args = {"--config", config_};
    options.env = clock_.child_env();
    options.env["NOTIFY_SOCKET"] = notify_.path();
    options.stdout_path = dir_.file("daemon.out");
    options.stderr_path = dir_.file("daemon.err");
    daemon_ = std::make_unique<ChildProcess>(binary_path("src/cadenced"), options);
    started_ = std::chrono::steady_clock::now();
  }

  std::string log() const { return read_file(dir_.file("daemon.err")); }

  // Waits until `id`'s birthday has fired.
  bool fired(const std::string& id, std::chrono::milliseconds timeout) {
    return wait_until(
        [&] {
          auto all = birthdays(db_);
          auto it = all.find(id);
          return it != all.end() && it->second.state == "fired" && it->second.deliveries > 0;
        },
        timeout);
  }

  TempDir dir_;
  std::string db_;
  std::string config_;
  FakeWallClock clock_{dir_.file("faketime.rc")};
  NotifySocket notify_{dir_.file("notify.sock")};
  std::unique_ptr<ChildProcess> daemon_;
  std::chrono::steady_clock::time_point started_;
};

TEST_F(ClockProcess, JumpsForwardAndBackAndASuspendSkipNothingAndDoubleNothing) {
  start();
  ASSERT_TRUE(notify_.wait_for_line("READY=1", 60s)) << log();
  ASSERT_TRUE(wait_until([&] { return birthdays(db_).size() == 4; }, 30s))
      << describe(birthdays(db_)) << log();
  for (const auto& [id, b] : birthdays(db_)) EXPECT_EQ(b.state, "scheduled") << id;

  // Forward a day. The daemon's timer sleeps up to a minute: firing within
  // seconds means the clock-set announcement woke it.
  set_clock("2026-03-11T08:00:00Z");
  const auto jumped = std::chrono::steady_clock::now();
  ASSERT_TRUE(fired("b10", 10s)) << describe(birthdays(db_)) << log();
  EXPECT_LT(jumped - started_, 50s) << "too slow a start: the minute timer may have woken it";
  EXPECT_TRUE(birthdays(db_)["b10"].late);
  EXPECT_EQ(birthdays(db_)["b11"].state, "scheduled");
  // A day less the real time since the fake clock was last set.
  EXPECT_NE(log().find("the wall clock jumped +86"), std::string::npos) << log();

  // Back an hour: nothing fires again.
  set_clock("2026-03-11T07:00:00Z");
  ASSERT_TRUE(wait_until([&] { return log().find("jumped -3") != std::string::npos; }, 10s))
      << log();
  // The round of work at the new time follows that line on the daemon's
  // loop, before it sees the next clock set; a double fire would also show
  // in the counts at the end.
  auto after_back = birthdays(db_);
  EXPECT_EQ(after_back["b10"].fire_count, 1) << describe(after_back);
  EXPECT_EQ(after_back["b10"].deliveries, 1) << describe(after_back);
  EXPECT_EQ(after_back["b11"].state, "scheduled") << describe(after_back);

  // Forward past 11 March 09:00.
  set_clock("2026-03-11T09:00:01Z");
  ASSERT_TRUE(fired("b11", 10s)) << describe(birthdays(db_)) << log();

  // A night's suspend: the wall clock 11 h on, the monotonic clock not.
  set_clock("2026-03-12T20:00:00Z");
  ASSERT_TRUE(fired("b12", 10s)) << describe(birthdays(db_)) << log();

  daemon_->send_signal(SIGTERM);
  auto status = daemon_->wait_for_exit(20s);
  ASSERT_TRUE(status && status->is_exit(0)) << log();

  const auto all = birthdays(db_);
  for (const char* id : {"b10", "b11", "b12"}) {
    EXPECT_EQ(all.at(id).state, "fired") << id << "\n" << describe(all);
    EXPECT_EQ(all.at(id).fire_count, 1) << id << "\n" << describe(all);
    EXPECT_EQ(all.at(id).deliveries, 1) << id << "\n" << describe(all);
  }
  EXPECT_FALSE(all.at("b11").late) << "fired at 09:00:01, on time";
  EXPECT_EQ(all.at("b13").state, "scheduled") << describe(all);
  // The console channel printed each of the three once.
  const std::string out = read_file(dir_.file("daemon.out"));
  for (const char* name : {"Birthday 10", "Birthday 11", "Birthday 12"}) {
    std::size_t n = 0;
    for (auto at = out.find(name); at != std::string::npos; at = out.find(name, at + 1)) ++n;
    EXPECT_GE(n, 1u) << name << "\n" << out;
  }
  EXPECT_EQ(out.find("Birthday 13"), std::string::npos) << out;
}

}  // namespace
}  // namespace cadence
