// The real cadenced binary: start, reload (bad and good), stop, exit codes,
// the log format under systemd, and the notifications it sends to a
// NOTIFY_SOCKET owned by the test.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <chrono>
#include <regex>
#include <sstream>
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
using cadence::testing::wait_until;
using namespace std::chrono_literals;
namespace configs = test_configs;

using cadence::testing::kCadenced;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The full lifecycle issue 2 asks for, against the real binary.
TEST(CadencedProcess, ReloadRejectsBrokenConfigAppliesValidOneAndStopsCleanly) {
  TempDir dir;
  const std::string config = dir.write("cadence.yaml", configs::kValid);
  NotifySocket notify(dir.file("notify.sock"));
  SpawnOptions options;
  options.args = {"--config", config};
  options.env["NOTIFY_SOCKET"] = notify.path();
  options.stderr_path = dir.file("stderr.log");
  ChildProcess daemon(kCadenced, options);
  auto log = [&] { return read_file(options.stderr_path); };

  const auto ready = notify.wait_for_line("READY=1", 10s);
  ASSERT_TRUE(ready) << log();
  EXPECT_TRUE(contains(*ready, "STATUS=Running with 1 owner, 1 channel, 0 rules")) << *ready;

  // A broken config: rejected with its location, the daemon keeps running.
  dir.write("cadence.yaml", configs::kBroken);
  ASSERT_TRUE(daemon.send_signal(SIGHUP));
  const auto reloading = notify.wait_for_line("RELOADING=1", 10s);
  ASSERT_TRUE(reloading) << log();
  EXPECT_TRUE(std::regex_search(*reloading, std::regex("\nMONOTONIC_USEC=[0-9]+"))) << *reloading;
  const auto rejected = notify.wait_for_line("READY=1", 10s);
  ASSERT_TRUE(rejected) << log();
  EXPECT_TRUE(contains(*rejected, "STATUS=Running with 1 owner, 1 channel, 0 rules"))
      << "the old config stays in force: " << *rejected;
  EXPECT_TRUE(contains(*rejected, "reload rejected")) << *rejected;
  EXPECT_TRUE(contains(log(), config + configs::kBrokenLocation)) << log();
  EXPECT_TRUE(contains(log(), "the previous configuration stays")) << log();
  EXPECT_TRUE(daemon.running());

  // A valid, changed config: applied and summarised.
  dir.write("cadence.yaml", configs::kChanged);
  ASSERT_TRUE(daemon.send_signal(SIGHUP));
  ASSERT_TRUE(notify.wait_for_line("RELOADING=1", 10s)) << log();
  const auto applied = notify.wait_for_line("READY=1", 10s);
  ASSERT_TRUE(applied) << log();
  EXPECT_TRUE(contains(*applied, "STATUS=Running with 2 owners, 1 channel, 1 rule")) << *applied;
  EXPECT_TRUE(contains(log(), "configuration reloaded: owners +li; rules +birthdays")) << log();

  // SIGTERM: STOPPING=1, exit 0 within a second.
  const auto stop_sent = std::chrono::steady_clock::now();
  ASSERT_TRUE(daemon.send_signal(SIGTERM));
  const auto status = daemon.wait_for_exit(1s);
  const auto stop_took = std::chrono::steady_clock::now() - stop_sent;
  ASSERT_TRUE(status) << "still running 1 s after SIGTERM\n" << log();
  EXPECT_TRUE(status->is_exit(0)) << to_string(*status) << "\n" << log();
  EXPECT_LT(stop_took, 1s);
  EXPECT_TRUE(notify.wait_for_line("STOPPING=1", 1s)) << log();
}

TEST(CadencedProcess, SigintStopsWithExit0) {
  TempDir dir;
  NotifySocket notify(dir.file("notify.sock"));
  SpawnOptions options;
  options.args = {"--config", dir.write("cadence.yaml", configs::kValid)};
  options.env["NOTIFY_SOCKET"] = notify.path();
  options.stderr_path = dir.file("stderr.log");
  ChildProcess daemon(kCadenced, options);
  ASSERT_TRUE(notify.wait_for_line("READY=1", 10s)) << read_file(options.stderr_path);
  ASSERT_TRUE(daemon.send_signal(SIGINT));
  const auto status = daemon.wait_for_exit(1s);
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->is_exit(0)) << to_string(*status);
}

TEST(CadencedProcess, WatchdogPingsWhenSystemdAsksForThem) {
  TempDir dir;
  NotifySocket notify(dir.file("notify.sock"));
  SpawnOptions options;
  options.args = {"--config", dir.write("cadence.yaml", configs::kValid)};
  options.env["NOTIFY_SOCKET"] = notify.path();
  options.env["WATCHDOG_USEC"] = "100000";  // 100 ms: a ping every 50 ms
  options.stderr_path = dir.file("stderr.log");
  ChildProcess daemon(kCadenced, options);
  ASSERT_TRUE(notify.wait_for_line("READY=1", 10s)) << read_file(options.stderr_path);
  ASSERT_TRUE(notify.wait_for_line("WATCHDOG=1", 5s));
  ASSERT_TRUE(notify.wait_for_line("WATCHDOG=1", 5s));
  ASSERT_TRUE(daemon.send_signal(SIGTERM));
  const auto status = daemon.wait_for_exit(1s);
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->is_exit(0)) << to_string(*status);
}

TEST(CadencedProcess, InvalidConfigAtStartExits78WithLocation) {
  TempDir dir;
  const std::string config = dir.write("cadence.yaml", configs::kBroken);
  NotifySocket notify(dir.file("notify.sock"));
  const auto result =
      run_process(kCadenced, {"--config", config}, {{"NOTIFY_SOCKET", notify.path()}});
  EXPECT_TRUE(result.status.is_exit(78)) << to_string(result.status) << "\n" << result.err;
  EXPECT_TRUE(contains(result.err, config + configs::kBrokenLocation)) << result.err;
  // Never READY: systemd sees a failed start, and 78 stops the restart loop.
  for (const auto& message : notify.messages()) EXPECT_FALSE(contains(message, "READY=1"));
}

TEST(CadencedProcess, MissingConfigFileExits78NamingIt) {
  TempDir dir;
  const std::string missing = dir.file("nowhere.yaml");
  const auto result = run_process(kCadenced, {"--config", missing});
  EXPECT_TRUE(result.status.is_exit(78)) << to_string(result.status) << "\n" << result.err;
  EXPECT_TRUE(contains(result.err, missing + ": error: ")) << result.err;
}

TEST(CadencedProcess, CheckConfigValidExits0) {
  TempDir dir;
  const std::string config = dir.write("cadence.yaml", configs::kValid);
  const auto result = run_process(kCadenced, {"--check-config", "--config", config});
  EXPECT_TRUE(result.status.is_exit(0)) << to_string(result.status) << "\n" << result.err;
  EXPECT_EQ(result.out, config + ": configuration is valid (1 owner, 1 channel, 0 rules)\n");
  EXPECT_EQ(result.err, "");
}

TEST(CadencedProcess, CheckConfigInvalidPrintsDiagnosticsAndExits1) {
  TempDir dir;
  const std::string config = dir.write("cadence.yaml", configs::kBroken);
  const auto result = run_process(kCadenced, {"--config", config, "--check-config"});
  EXPECT_TRUE(result.status.is_exit(1)) << to_string(result.status) << "\n" << result.err;
  // Every diagnostic on its own line, "FILE:LINE:COL: severity: message".
  EXPECT_TRUE(contains(result.err, config + configs::kBrokenLocation +
                                       "unknown key 'chanels' in owner 'zhang' (did you mean "
                                       "'channels'?)\n"))
      << result.err;
  std::istringstream lines(result.err);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_TRUE(
        std::regex_match(line, std::regex("^" + config + ":[0-9]+:[0-9]+: (error|warning): .+")))
        << line;
  }
  EXPECT_EQ(result.out, "");
}

TEST(CadencedProcess, ConfigDefaultsToCadenceConfigVariable) {
  TempDir dir;
  const std::string good = dir.write("good.yaml", configs::kValid);
  const std::string bad = dir.write("bad.yaml", configs::kBroken);
  const auto valid = run_process(kCadenced, {"--check-config"}, {{"CADENCE_CONFIG", good}});
  EXPECT_TRUE(valid.status.is_exit(0)) << valid.err;
  EXPECT_TRUE(contains(valid.out, good)) << valid.out;
  const auto invalid = run_process(kCadenced, {"--check-config"}, {{"CADENCE_CONFIG", bad}});
  EXPECT_TRUE(invalid.status.is_exit(1)) << invalid.err;
  EXPECT_TRUE(contains(invalid.err, bad + configs::kBrokenLocation)) << invalid.err;
  // --config wins over the variable.
  const auto explicit_config =
      run_process(kCadenced, {"--check-config", "--config", good}, {{"CADENCE_CONFIG", bad}});
  EXPECT_TRUE(explicit_config.status.is_exit(0)) << explicit_config.err;
}

TEST(CadencedProcess, VersionAndHelp) {
  const auto version = run_process(kCadenced, {"--version"});
  EXPECT_TRUE(version.status.is_exit(0));
  EXPECT_EQ(version.out, std::string("cadenced ") + CADENCE_VERSION + "\n");
  const auto help = run_process(kCadenced, {"--help"});
  EXPECT_TRUE(help.status.is_exit(0));
  EXPECT_EQ(help.out.rfind("Usage: cadenced [--config FILE] [--check-config]", 0), 0u) << help.out;
}

TEST(CadencedProcess, UnknownFlagIsAUsageErrorExit2) {
  const auto result = run_process(kCadenced, {"--frobnicate"});
  EXPECT_TRUE(result.status.is_exit(2)) << to_string(result.status);
  EXPECT_EQ(result.err, "cadenced: unknown option '--frobnicate'\nTry 'cadenced --help'.\n");
  EXPECT_EQ(result.out, "");
}

// Starts cadenced with stderr to `log_path`, JOURNAL_STREAM set to
// `journal_stream`, waits for READY=1, stops it and returns the log.
std::string log_of_short_run(const TempDir& dir, const std::string& log_path,
                             const std::string& journal_stream) {
  NotifySocket notify(dir.file("notify.sock"));
  SpawnOptions options;
  options.args = {"--config", dir.write("cadence.yaml", configs::kValid)};
  options.env["NOTIFY_SOCKET"] = notify.path();
  options.env["JOURNAL_STREAM"] = journal_stream;
  options.stderr_path = log_path;
  ChildProcess daemon(kCadenced, options);
  EXPECT_TRUE(notify.wait_for_line("READY=1", 10s)) << read_file(log_path);
  daemon.send_signal(SIGTERM);
  const auto status = daemon.wait_for_exit(1s);
  EXPECT_TRUE(status && status->is_exit(0));
  return read_file(log_path);
}

TEST(CadencedProcess, UnderTheJournalLinesArePriorityPrefixedWithoutTimestamp) {
  TempDir dir;
  // The spawn truncates but keeps this file, so its device:inode is what the
  // daemon's stderr will have, as with a real journal stream.
  const std::string log_path = dir.write("stderr.log", "");
  struct stat st {};
  ASSERT_EQ(::stat(log_path.c_str(), &st), 0);
  const std::string journal_stream = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);

  const std::string log = log_of_short_run(dir, log_path, journal_stream);
  ASSERT_FALSE(log.empty());
  std::istringstream lines(log);
  int count = 0;
  for (std::string line; std::getline(lines, line); ++count) {
    // The priority, then the message: no timestamp in front (journald adds
    // its own; a message may still mention a time).
    EXPECT_TRUE(std::regex_match(line, std::regex(R"(<[0-7]>(?!\d{4}-\d\d-\d\d).*)"))) << line;
  }
  EXPECT_GE(count, 3);  // starting, running, stopping, stopped
  EXPECT_TRUE(contains(log, "<6>cadenced " CADENCE_VERSION " starting")) << log;
}

TEST(CadencedProcess, JournalStreamOfAnotherFileKeepsTheHumanFormat) {
  TempDir dir;
  const std::string log = log_of_short_run(dir, dir.file("stderr.log"), "1:2");
  ASSERT_FALSE(log.empty());
  EXPECT_TRUE(std::regex_search(
      log, std::regex(R"(^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \[info\] cadenced )")))
      << log;
  EXPECT_FALSE(contains(log, "<6>")) << log;
}

}  // namespace
}  // namespace cadence::daemon
