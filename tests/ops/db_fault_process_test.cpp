// Database faults under the real cadenced: disk full, read-only, locked.
//
// Each test starts cadenced on a real SQLite file with one overdue contact
// (its reminder is printed at start-up), snoozes that reminder for a few
// seconds with the real cadencectl, and puts the fault in place before the
// snooze ends, so the reminder falls due while the database refuses writes.
// Then it asserts that the daemon keeps running, logs the fault once (one
// error line however many retries), says it in STATUS=; and, once the fault
// is removed, recovers without a restart: "recovered from ..." is logged,
// STATUS= drops the fault and the reminder that fell due is printed, once.
// /readyz answers 503 naming the fault while it lasts (disk full, read-only;
// not checked while locked: each retry holds the loop for the busy timeout),
// and 200 after recovery.
//
// The faults are real, and need no mount:
//   disk full  RLIMIT_FSIZE 0 set on the running daemon with prlimit(2):
//              every write to a regular file fails with EFBIG (SQLite: "disk
//              I/O error", errno EFBIG; cadenced ignores SIGXFSZ). Its
//              stdout/stderr go through FIFOs to `cat`, so its log lines are
//              not refused too. Lifted with prlimit(2) again.
//   read-only  chattr +i on the database file and its -wal: even root cannot
//              write an immutable file (EPERM), unlike chmod. Needs root
//              (CAP_LINUX_IMMUTABLE) and a file system with the flag (ext4,
//              xfs, btrfs; not tmpfs): the test FAILS, with the reason, when
//              it cannot set it; it never skips.
//   locked     this process holds BEGIN EXCLUSIVE on its own connection for
//              longer than the daemon's busy timeout (5 s), then commits.
//
// The HTTP job's connections wait only 500 ms for a lock (their requests
// hold the loop while they wait): a write through the API while the lock is
// held is answered 503 with Retry-After, in about that time, and twenty of
// them log one line.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <filesystem>

#include <SQLiteCpp/SQLiteCpp.h>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "cadence/clock.hpp"
#include "cadence/store.hpp"
#include "http_client.hpp"
#include "process.hpp"
#include "temp_dir.hpp"

namespace cadence {
namespace {

using cadence::testing::free_loopback_port;

using cadence::testing::binary_path;
using cadence::testing::ChildProcess;
using cadence::testing::NotifySocket;
using cadence::testing::read_file;
using cadence::testing::run_process;
using cadence::testing::SpawnOptions;
using cadence::testing::TempDir;
using cadence::testing::wait_until;
using namespace std::chrono_literals;
namespace client = cadence::testing::http_client;

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

// A port free right now (bound to 0, read, released); the daemon binds it next.
const std::string kApiToken = "db-fault-test-api-token";

std::string db_fault_config(const std::string& db, std::uint16_t http_port) {
  return "timezone: UTC\nlocale: en\ndatabase: " + db +
         "\nhttp:\n  listen: 127.0.0.1:" + std::to_string(http_port) + "\n  token: " + kApiToken +
         "\nowners:\n  - id: zhang\n    channels: [console]\n"
         "channels:\n  - id: console\n    type: console\n"
         "rules:\n  - id: keep-in-touch\n    match: {tier: A}\n"
         "    cadence: {every: 14d, kinds: [call, visit]}\n";
}

class DbFaultProcess : public ::testing::Test {
 protected:
  DbFaultProcess() : db_(dir_.file("cadence.db")) {
    config_ = dir_.write("cadence.yaml", db_fault_config(db_, http_port_));
    // A contact added 30 days ago and never touched: overdue now.
    ManualClock past(SystemClock().now() - Duration{30 * 86400});
    StoreOptions options;
    options.path = db_;
    options.clock = &past;
    auto store = open_sqlite_store(options);
    EXPECT_TRUE(store) << store.error().message();
    Contact c;
    c.id = "zhao";
    c.name = "Zhao Lei";
    c.tier = "A";
    c.owner = "zhang";
    EXPECT_TRUE((*store)->add_contact(c));
  }

  ~DbFaultProcess() override {
    if (daemon_ && daemon_->running()) {
      daemon_->send_signal(SIGTERM);
      (void)daemon_->wait_for_exit(10s);
    }
  }

  // Starts cadenced. With `through_fifos` its stdout/stderr are FIFOs read by
  // `cat` into out_/err_ (a file size limit on the daemon then does not
  // touch its output); else the files themselves.
  void start(bool through_fifos, bool first_print = true) {
    out_ = dir_.file("daemon.out");
    err_ = dir_.file("daemon.err");
    SpawnOptions options;
    options.args = {"--config", config_};
    options.env["NOTIFY_SOCKET"] = notify_.path();
    options.stdout_path = out_;
    options.stderr_path = err_;
    if (through_fifos) {
      for (const char* name : {"out.fifo", "err.fifo"}) {
        ASSERT_EQ(::mkfifo(dir_.file(name).c_str(), 0600), 0) << name;
      }
      SpawnOptions cat;
      cat.args = {dir_.file("out.fifo")};
      cat.stdout_path = out_;
      out_cat_ = std::make_unique<ChildProcess>("/bin/cat", cat);
      cat.args = {dir_.file("err.fifo")};
      cat.stdout_path = err_;
      err_cat_ = std::make_unique<ChildProcess>("/bin/cat", cat);
      options.stdout_path = dir_.file("out.fifo");
      options.stderr_path = dir_.file("err.fifo");
    }
    daemon_ = std::make_unique<ChildProcess>(kCadenced, options);
    ASSERT_TRUE(notify_.wait_for_line("READY=1", 10s)) << read_file(err_);
    if (!first_print) return;
    // The overdue reminder, printed once at start-up.
    ASSERT_TRUE(wait_until([&] { return printed() == 1; }, 10s))
        << read_file(out_) << read_file(err_);
  }

  // Reminders printed by the console channel so far.
  std::size_t printed() { return count(read_file(out_), "Zhao Lei"); }

  // Snoozes the fired reminder for `seconds` with cadencectl.
  void snooze(int seconds) {
    auto store = open_sqlite_store(StoreOptions{db_});
    ASSERT_TRUE(store) << store.error().message();
    auto open = (*store)->open_occurrences_for_subject("contact:zhao");
    ASSERT_TRUE(open && !open->empty());
    const auto result = run_process(
        kCadencectl, {"--config", config_, "snooze", std::to_string(open->front().row_id), "--for",
                      std::to_string(seconds) + "s"});
    ASSERT_TRUE(result.status.is_exit(0)) << result.out << result.err;
  }

  // The STATUS= of the last notification that carried one.
  std::string last_status() {
    while (notify_.receive(50ms)) {
    }
    std::string status;
    for (const std::string& m : notify_.messages()) {
      const auto at = m.find("STATUS=");
      if (at != std::string::npos) status = m.substr(at + 7, m.find('\n', at) - at - 7);
    }
    return status;
  }

  // Asserts the fault's effects while it lasts: the reminder falls due and
  // is NOT printed, one error line, STATUS= names it, the daemon runs on.
  void expect_fault_reported(const std::string& what) {
    ASSERT_TRUE(wait_until([&] { return count(read_file(err_), what + " since") > 0; }, 20s))
        << read_file(err_);
    ASSERT_TRUE(wait_until(
        [&] { return last_status().find("; " + what + " since ") != std::string::npos; }, 5s))
        << last_status();
    EXPECT_NE(last_status().find(", retrying; "), std::string::npos) << last_status();
    // Several retries (1 s, 2 s backoff) and still one line, no second print.
    const auto first = count(read_file(err_), "[error]");
    EXPECT_FALSE(wait_until([&] { return !daemon_->running(); }, 4s)) << read_file(err_);
    EXPECT_EQ(count(read_file(err_), "[error]"), first) << read_file(err_);
    EXPECT_EQ(count(read_file(err_), what + " since"), 1u) << read_file(err_);
    EXPECT_EQ(printed(), 1u) << read_file(out_);
    // /readyz says so too (its own connection still reads: the scheduler's
    // verdict is what makes it not ready).
    const auto ready = client::get(http_port_, "/readyz");
    EXPECT_EQ(ready.result(), boost::beast::http::status::service_unavailable) << ready.body();
    EXPECT_NE(ready.body().find("\"reason\":\"" + what + " since "), std::string::npos)
        << ready.body();
  }

  // Asserts recovery after the fault was removed.
  void expect_recovery(const std::string& what) {
    ASSERT_TRUE(wait_until([&] { return printed() == 2; }, 40s))
        << read_file(out_) << read_file(err_);
    // Logged when the round that fired it ends (the console prints from a
    // sender thread, possibly before).
    EXPECT_TRUE(wait_until(
        [&] { return count(read_file(err_), "recovered from " + what + " after") == 1; }, 5s))
        << read_file(err_);
    EXPECT_TRUE(wait_until([&] { return last_status().find(" since ") == std::string::npos; }, 5s))
        << last_status();
    // Once: nothing more after a moment.
    EXPECT_FALSE(wait_until([&] { return printed() > 2; }, 1500ms)) << read_file(out_);
    EXPECT_TRUE(daemon_->running());
    EXPECT_EQ(client::get(http_port_, "/readyz").result(), boost::beast::http::status::ok);
    ASSERT_TRUE(daemon_->send_signal(SIGTERM));
    auto status = daemon_->wait_for_exit(10s);
    ASSERT_TRUE(status && status->is_exit(0)) << read_file(err_);
    auto store = open_sqlite_store(StoreOptions{db_});
    ASSERT_TRUE(store) << store.error().message();
    auto deliveries = (*store)->list_deliveries(std::nullopt, 0);
    ASSERT_TRUE(deliveries);
    ASSERT_EQ(deliveries->size(), 2u);
    for (const Delivery& d : *deliveries) EXPECT_EQ(d.state, DeliveryState::kSent);
  }

  TempDir dir_;
  std::uint16_t http_port_ = free_loopback_port();
  std::string db_;
  std::string config_;
  std::string out_;
  std::string err_;
  NotifySocket notify_{dir_.file("notify.sock")};
  std::unique_ptr<ChildProcess> out_cat_;
  std::unique_ptr<ChildProcess> err_cat_;
  std::unique_ptr<ChildProcess> daemon_;
};

bool set_file_size_limit(pid_t pid, rlim_t soft) {
  struct rlimit limit {};
  limit.rlim_cur = soft;
  limit.rlim_max = RLIM_INFINITY;
  return ::prlimit(pid, RLIMIT_FSIZE, &limit, nullptr) == 0;
}

TEST_F(DbFaultProcess, DiskFullIsReportedRetriedAndRecoveredWithoutARestart) {
  start(/*through_fifos=*/true);
  snooze(2);
  ASSERT_TRUE(set_file_size_limit(daemon_->pid(), 0)) << std::strerror(errno);
  expect_fault_reported("database disk full");
  ASSERT_TRUE(set_file_size_limit(daemon_->pid(), RLIM_INFINITY)) << std::strerror(errno);
  expect_recovery("database disk full");
}

TEST_F(DbFaultProcess, ReadOnlyDatabaseIsReportedRetriedAndRecoveredWithoutARestart) {
  ASSERT_EQ(::geteuid(), 0u) << "this test needs root: chattr +i (CAP_LINUX_IMMUTABLE) is the "
                                "only way found to refuse root's writes to an open file";
  start(/*through_fifos=*/false);
  snooze(2);
  auto chattr = run_process("/usr/bin/chattr", {"+i", db_, db_ + "-wal"});
  ASSERT_TRUE(chattr.status.is_exit(0))
      << "chattr +i " << db_
      << " and its -wal failed (needs root and a file system with the immutable "
      << "flag): " << chattr.err;
  struct Unlock {
    std::string db;
    ~Unlock() { (void)run_process("/usr/bin/chattr", {"-i", db, db + "-wal"}); }
  } unlock{db_};
  expect_fault_reported("database read-only");
  chattr = run_process("/usr/bin/chattr", {"-i", db_, db_ + "-wal"});
  ASSERT_TRUE(chattr.status.is_exit(0)) << chattr.err;
  expect_recovery("database read-only");
}

// Read-only already when the daemon starts: SQLite opens such a file
// read-only and the connection stayed so after the file became writable —
// 503 "read-only" for ever, until a restart. Now the next retry reconnects.
TEST_F(DbFaultProcess, ADatabaseReadOnlyAtStartIsReportedAndRecoveredWithoutARestart) {
  ASSERT_EQ(::geteuid(), 0u) << "this test needs root: chattr +i (CAP_LINUX_IMMUTABLE)";
  auto chattr = run_process("/usr/bin/chattr", {"+i", db_});
  ASSERT_TRUE(chattr.status.is_exit(0)) << chattr.err;
  struct Unlock {
    std::string db;
    ~Unlock() { (void)run_process("/usr/bin/chattr", {"-i", db}); }
  } unlock{db_};
  start(/*through_fifos=*/false, /*first_print=*/false);
  ASSERT_TRUE(
      wait_until([&] { return count(read_file(err_), "database read-only since") > 0; }, 20s))
      << read_file(err_);
  const auto ready = client::get(http_port_, "/readyz");
  EXPECT_EQ(ready.result(), boost::beast::http::status::service_unavailable) << ready.body();
  EXPECT_EQ(printed(), 0u) << read_file(out_);

  chattr = run_process("/usr/bin/chattr", {"-i", db_});
  ASSERT_TRUE(chattr.status.is_exit(0)) << chattr.err;
  ASSERT_TRUE(wait_until([&] { return printed() == 1; }, 40s))
      << read_file(out_) << read_file(err_);
  EXPECT_TRUE(wait_until(
      [&] { return count(read_file(err_), "recovered from database read-only after") == 1; }, 5s))
      << read_file(err_);
  EXPECT_TRUE(wait_until(
      [&] { return client::get(http_port_, "/readyz").result() == boost::beast::http::status::ok; },
      5s));
  // A cadencectl write works beside it (no -shm left with a mode that refuses it).
  const auto added = run_process(kCadencectl, {"--config", config_, "contact", "add", "Wang Fang"});
  EXPECT_TRUE(added.status.is_exit(0)) << added.err;
}

TEST_F(DbFaultProcess, LockedDatabaseIsReportedRetriedAndRecoveredWithoutARestart) {
  start(/*through_fifos=*/false);
  snooze(2);
  {
    SQLite::Database holder(db_, SQLite::OPEN_READWRITE);
    holder.exec("BEGIN EXCLUSIVE");
    // The first attempt waits the busy timeout (5 s) and fails; the retries
    // back off (each again waits up to 5 s for the lock).
    ASSERT_TRUE(
        wait_until([&] { return count(read_file(err_), "database locked since") > 0; }, 20s))
        << read_file(err_);
    ASSERT_TRUE(wait_until(
        [&] { return last_status().find("; database locked since ") != std::string::npos; }, 10s))
        << last_status();
    EXPECT_EQ(printed(), 1u) << read_file(out_);
    EXPECT_TRUE(daemon_->running());
    holder.exec("COMMIT");
  }
  EXPECT_EQ(count(read_file(err_), "database locked since"), 1u) << read_file(err_);
  expect_recovery("database locked");
}

TEST_F(DbFaultProcess, HttpWritesOnALockedDatabaseAre503WithRetryAfterSoonAndLoggedOnce) {
  start(/*through_fifos=*/false);
  // The start-up reminder's delivery is recorded first, so the scheduler has
  // nothing of its own to write while the lock is held.
  ASSERT_TRUE(wait_until(
      [&] {
        auto store = open_sqlite_store(StoreOptions{db_});
        if (!store) return false;
        auto deliveries = (*store)->list_deliveries(std::nullopt, 0);
        return deliveries && deliveries->size() == 1 &&
               deliveries->front().state == DeliveryState::kSent;
      },
      10s))
      << read_file(err_);
  namespace bhttp = boost::beast::http;
  const auto post_interaction = [&] {
    return client::request(
        http_port_, bhttp::verb::post, "/api/v1/interactions",
        {{"Authorization", "Bearer " + kApiToken}, {"Content-Type", "application/json"}},
        R"({"contact":"zhao","kind":"call","note":"locked"})");
  };
  constexpr int kRequests = 20;
  {
    SQLite::Database holder(db_, SQLite::OPEN_READWRITE);
    holder.exec("BEGIN EXCLUSIVE");
    std::vector<std::chrono::milliseconds> took;
    for (int i = 0; i < kRequests; ++i) {
      const auto began = std::chrono::steady_clock::now();
      const auto res = post_interaction();
      took.push_back(std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - began));
      ASSERT_EQ(res.result(), bhttp::status::service_unavailable) << i << ": " << res.body();
      EXPECT_EQ(res[bhttp::field::retry_after], "5") << i;
      EXPECT_NE(res.body().find("\"unavailable\""), std::string::npos) << res.body();
    }
    // About 500 ms each; with the store's 5 s busy timeout each took 5 s. The
    // median, as a scheduler wake meeting the lock holds the loop for its own
    // 5 s, and a loaded machine stretches SQLite's busy sleeps.
    std::sort(took.begin(), took.end());
    EXPECT_LT(took[kRequests / 2], 2500ms)
        << "median of " << kRequests << " refused writes: " << took[kRequests / 2].count()
        << " ms (fastest " << took.front().count() << " ms, slowest " << took.back().count()
        << " ms)";
    // The loop still answers while the lock is held.
    EXPECT_EQ(client::get(http_port_, "/healthz").result(), bhttp::status::ok);
    holder.exec("COMMIT");
  }
  const std::string log = read_file(err_);
  EXPECT_EQ(count(log, "http: api: "), 1u) << log;
  EXPECT_NE(log.find("database is locked"), std::string::npos) << log;
  // The same write once the lock is gone.
  const auto res = post_interaction();
  EXPECT_EQ(res.result(), bhttp::status::created) << res.body();
  EXPECT_TRUE(daemon_->running());
}

// rm -rf of the database's directory under a running daemon went unnoticed:
// /readyz stayed ready and the API answered 201 into the unlinked file, lost
// at shutdown. Now the directory watch sees it at once: STATUS= and /readyz
// name it, writes are refused (503), the log says what to do.
TEST(DbFaultDeleted, DeletingTheDatabaseDirectoryIsReportedAndWritesAreRefused) {
  namespace bhttp = boost::beast::http;
  TempDir dir;
  const std::string data = dir.file("data");
  ASSERT_EQ(::mkdir(data.c_str(), 0700), 0);
  const std::string db = data + "/cadence.db";
  const std::uint16_t port = free_loopback_port();
  const std::string config = dir.write("cadence.yaml", db_fault_config(db, port));
  {
    auto store = open_sqlite_store(StoreOptions{db});
    ASSERT_TRUE(store) << store.error().message();
    Contact c;
    c.id = "zhao";
    c.name = "Zhao Lei";
    c.owner = "zhang";
    ASSERT_TRUE((*store)->add_contact(c));
  }
  NotifySocket notify(dir.file("notify.sock"));
  SpawnOptions options;
  options.args = {"--config", config};
  options.env["NOTIFY_SOCKET"] = notify.path();
  options.stderr_path = dir.file("daemon.err");
  ChildProcess daemon(kCadenced, options);
  ASSERT_TRUE(notify.wait_for_line("READY=1", 10s)) << read_file(options.stderr_path);
  ASSERT_TRUE(
      wait_until([&] { return client::get(port, "/readyz").result() == bhttp::status::ok; }, 10s));

  std::filesystem::remove_all(data);
  ASSERT_TRUE(wait_until(
      [&] {
        const auto ready = client::get(port, "/readyz");
        return ready.result() == bhttp::status::service_unavailable &&
               ready.body().find("database deleted since") != std::string::npos;
      },
      5s))
      << client::get(port, "/readyz").body() << read_file(options.stderr_path);
  ASSERT_TRUE(notify.wait_for_line("STATUS=", 5s));
  bool status_named = false;
  for (const std::string& m : notify.messages()) {
    if (m.find("database deleted since") != std::string::npos) status_named = true;
  }
  EXPECT_TRUE(status_named) << ::testing::PrintToString(notify.messages());
  const auto posted = client::request(
      port, bhttp::verb::post, "/api/v1/interactions",
      {{"Authorization", "Bearer " + kApiToken}, {"Content-Type", "application/json"}},
      R"({"contact":"zhao","kind":"call"})");
  EXPECT_EQ(posted.result(), bhttp::status::service_unavailable) << posted.body();
  const std::string log = read_file(options.stderr_path);
  EXPECT_NE(log.find("the database file was deleted (or its directory removed) while in use"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("restart cadenced"), std::string::npos) << log;
  ASSERT_TRUE(daemon.send_signal(SIGTERM));
  EXPECT_TRUE(daemon.wait_for_exit(10s));
}

}  // namespace
}  // namespace cadence
