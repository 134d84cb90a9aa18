#include "daemon/logging.hpp"

#include <spdlog/cfg/env.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace cadence::daemon {
namespace {

// "%*": the level as a syslog priority prefix, "<6>".
class PriorityFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm& /*tm_time*/,
              spdlog::memory_buf_t& dest) override {
    const std::string prefix = "<" + std::to_string(syslog_priority(msg.level)) + ">";
    dest.append(prefix.data(), prefix.data() + prefix.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<PriorityFlag>();
  }
};

}  // namespace

LogFormat detect_log_format(const char* journal_stream, int fd) {
  if (journal_stream == nullptr || *journal_stream == '\0') return LogFormat::kHuman;
  unsigned long long dev = 0;
  unsigned long long ino = 0;
  char tail = 0;
  if (std::sscanf(journal_stream, "%llu:%llu%c", &dev, &ino, &tail) != 2) return LogFormat::kHuman;
  struct stat st {};
  if (::fstat(fd, &st) != 0) return LogFormat::kHuman;
  return (static_cast<unsigned long long>(st.st_dev) == dev &&
          static_cast<unsigned long long>(st.st_ino) == ino)
             ? LogFormat::kJournal
             : LogFormat::kHuman;
}

int syslog_priority(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::critical:
      return 2;  // SD_CRIT
    case spdlog::level::err:
      return 3;  // SD_ERR
    case spdlog::level::warn:
      return 4;  // SD_WARNING
    case spdlog::level::info:
      return 6;  // SD_INFO
    case spdlog::level::trace:
    case spdlog::level::debug:
    default:
      return 7;  // SD_DEBUG
  }
}

std::unique_ptr<spdlog::formatter> make_log_formatter(LogFormat format) {
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  if (format == LogFormat::kJournal) {
    formatter->add_flag<PriorityFlag>('*').set_pattern("%*%v");
  } else {
    formatter->set_pattern("%Y-%m-%d %H:%M:%S.%e [%l] %v");
  }
  return formatter;
}

void setup_logging(LogFormat format) {
  // Built directly rather than through the registry's factories so that a
  // second call replaces the logger instead of throwing.
  spdlog::sink_ptr sink;
  if (format == LogFormat::kJournal) {
    sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();  // no colour codes in the journal
  } else {
    sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  }
  auto logger = std::make_shared<spdlog::logger>("cadenced", std::move(sink));
  logger->set_formatter(make_log_formatter(format));
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::info);
  spdlog::cfg::load_env_levels();
}

}  // namespace cadence::daemon
