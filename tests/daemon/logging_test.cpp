#include "daemon/logging.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <spdlog/details/log_msg.h>
#include <sys/stat.h>
#include <unistd.h>

#include <regex>
#include <string>

#include "temp_dir.hpp"

namespace cadence::daemon {
namespace {

using cadence::testing::TempDir;

std::string device_inode(int fd) {
  struct stat st {};
  EXPECT_EQ(::fstat(fd, &st), 0);
  return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
}

std::string format(LogFormat format, spdlog::level::level_enum level, const std::string& text) {
  const spdlog::details::log_msg msg("cadenced", level, text);
  spdlog::memory_buf_t out;
  make_log_formatter(format)->format(msg, out);
  return std::string(out.data(), out.size());
}

TEST(LogFormat, JournalOnlyWhenJournalStreamNamesOurStderr) {
  TempDir dir;
  const int fd = ::open(dir.write("stderr", "").c_str(), O_WRONLY);
  ASSERT_GE(fd, 0);
  const std::string mine = device_inode(fd);
  EXPECT_EQ(detect_log_format(mine.c_str(), fd), LogFormat::kJournal);
  // Inherited from a parent whose stderr went to the journal, ours does not.
  EXPECT_EQ(detect_log_format("1:2", fd), LogFormat::kHuman);
  EXPECT_EQ(detect_log_format(nullptr, fd), LogFormat::kHuman);
  EXPECT_EQ(detect_log_format("", fd), LogFormat::kHuman);
  EXPECT_EQ(detect_log_format("garbage", fd), LogFormat::kHuman);
  EXPECT_EQ(detect_log_format((mine + "x").c_str(), fd), LogFormat::kHuman);
  ::close(fd);
}

TEST(LogFormat, SyslogPriorities) {
  EXPECT_EQ(syslog_priority(spdlog::level::critical), 2);
  EXPECT_EQ(syslog_priority(spdlog::level::err), 3);
  EXPECT_EQ(syslog_priority(spdlog::level::warn), 4);
  EXPECT_EQ(syslog_priority(spdlog::level::info), 6);
  EXPECT_EQ(syslog_priority(spdlog::level::debug), 7);
  EXPECT_EQ(syslog_priority(spdlog::level::trace), 7);
}

TEST(LogFormat, JournalLinesArePriorityPrefixAndMessageOnly) {
  EXPECT_EQ(format(LogFormat::kJournal, spdlog::level::err, "a.yaml:3:5: error: bad"),
            "<3>a.yaml:3:5: error: bad\n");
  EXPECT_EQ(format(LogFormat::kJournal, spdlog::level::info, "running"), "<6>running\n");
  EXPECT_EQ(format(LogFormat::kJournal, spdlog::level::warn, "careful"), "<4>careful\n");
}

TEST(LogFormat, HumanLinesCarryTimestampAndLevel) {
  const std::string line = format(LogFormat::kHuman, spdlog::level::warn, "careful");
  EXPECT_TRUE(std::regex_match(
      line, std::regex(R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \[warning\] careful\n)")))
      << line;
}

}  // namespace
}  // namespace cadence::daemon
