// The real cadenced against a damaged database: it refuses to start (exit 3)
// with a message naming the newest backup, and leaves the file as it was;
// after `cadencectl restore` it starts.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "process.hpp"
#include "temp_dir.hpp"
#include "test_configs.hpp"

namespace cadence::daemon {
namespace {

using cadence::testing::binary_path;
using cadence::testing::ChildProcess;
using cadence::testing::NotifySocket;
using cadence::testing::read_file;
using cadence::testing::run_process;
using cadence::testing::SpawnOptions;
using cadence::testing::TempDir;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

using cadence::testing::kCadencectl;
using cadence::testing::kCadenced;

TEST(CadencedDatabase, ADamagedDatabaseStopsTheStartNamingTheBackupAndRestoreRecovers) {
  TempDir dir;
  const std::string config = dir.write("cadence.yaml", test_configs::kValid);
  const std::string db = dir.file("cadence.db");
  const std::string backup = db + ".nightly.bak";

  // A database with enough rows to span many pages, and a backup of it.
  for (int i = 0; i < 40; ++i) {
    const auto added = run_process(
        kCadencectl, {"--config", config, "contact", "add", "客户" + std::to_string(i), "--id",
                      "c" + std::to_string(i), "--notes", std::string(400, 'x')});
    ASSERT_TRUE(added.status.is_exit(0)) << added.err;
  }
  const auto saved = run_process(kCadencectl, {"--config", config, "backup", backup});
  ASSERT_TRUE(saved.status.is_exit(0)) << saved.err;

  // Damage every page after the first.
  const auto size = fs::file_size(db);
  ASSERT_GT(size, 8192u);
  {
    std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096);
    const std::string junk(size - 4096, '\x5a');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  const std::string damaged = read_file(db);

  NotifySocket notify(dir.file("notify.sock"));
  SpawnOptions options;
  options.args = {"--config", config};
  options.env["NOTIFY_SOCKET"] = notify.path();
  options.stderr_path = dir.file("stderr.log");
  {
    ChildProcess daemon(kCadenced, options);
    const auto status = daemon.wait_for_exit(10s);
    ASSERT_TRUE(status) << read_file(options.stderr_path);
    EXPECT_TRUE(status->is_exit(3)) << to_string(*status);
  }
  const std::string log = read_file(options.stderr_path);
  EXPECT_NE(log.find("is damaged"), std::string::npos) << log;
  EXPECT_NE(log.find("restore " + backup), std::string::npos) << log;
  EXPECT_EQ(read_file(db), damaged) << "the damaged file must be left as it was";

  const auto restored = run_process(kCadencectl, {"--config", config, "restore", backup});
  ASSERT_TRUE(restored.status.is_exit(0)) << restored.err;
  EXPECT_NE(restored.out.find("previous content is kept in " + db + ".before-restore-"),
            std::string::npos)
      << restored.out;

  ChildProcess daemon(kCadenced, options);
  ASSERT_TRUE(notify.wait_for_line("READY=1", 10s)) << read_file(options.stderr_path);
  const auto listed =
      run_process(kCadencectl, {"--config", config, "contact", "list", "--format", "json"});
  ASSERT_TRUE(listed.status.is_exit(0)) << listed.err;
  EXPECT_NE(listed.out.find("\"c39\""), std::string::npos) << listed.out;
  ASSERT_TRUE(daemon.send_signal(SIGTERM));
  const auto status = daemon.wait_for_exit(5s);
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->is_exit(0)) << to_string(*status);
}

// Two daemons on one database both ran before, with nothing to stop them.
// The second refuses to start naming the first one's pid; cadencectl is not
// held back; after the first is SIGKILLed (no clean-up at all) a new one starts.
TEST(CadencedDatabase, ASecondDaemonOnTheSameDatabaseRefusesToStartNamingTheFirst) {
  TempDir dir;
  const std::string config = dir.write("cadence.yaml", test_configs::kValid);
  NotifySocket notify(dir.file("notify.sock"));
  SpawnOptions first_options;
  first_options.args = {"--config", config};
  first_options.env["NOTIFY_SOCKET"] = notify.path();
  first_options.stderr_path = dir.file("first.log");
  auto first = std::make_unique<ChildProcess>(kCadenced, first_options);
  ASSERT_TRUE(notify.wait_for_line("READY=1", 10s)) << read_file(first_options.stderr_path);

  SpawnOptions second_options = first_options;
  second_options.env.erase("NOTIFY_SOCKET");
  second_options.stderr_path = dir.file("second.log");
  {
    ChildProcess second(kCadenced, second_options);
    const auto status = second.wait_for_exit(10s);
    ASSERT_TRUE(status) << "the second daemon kept running";
    EXPECT_TRUE(status->is_exit(3)) << to_string(*status);
  }
  const std::string log = read_file(second_options.stderr_path);
  EXPECT_NE(log.find("another cadenced (pid " + std::to_string(first->pid()) + ") is running on " +
                     dir.file("cadence.db")),
            std::string::npos)
      << log;

  const auto added = run_process(kCadencectl, {"--config", config, "contact", "add", "王芳"});
  EXPECT_TRUE(added.status.is_exit(0)) << added.err;

  ASSERT_TRUE(first->send_signal(SIGKILL));
  ASSERT_TRUE(first->wait_for_exit(5s));
  first.reset();
  SpawnOptions third_options = first_options;
  third_options.stderr_path = dir.file("third.log");
  ChildProcess third(kCadenced, third_options);
  ASSERT_TRUE(notify.wait_for_line("READY=1", 10s)) << read_file(third_options.stderr_path);
  ASSERT_TRUE(third.send_signal(SIGTERM));
  const auto status = third.wait_for_exit(5s);
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->is_exit(0)) << to_string(*status);
}

}  // namespace
}  // namespace cadence::daemon
