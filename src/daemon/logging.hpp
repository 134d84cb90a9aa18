// cadenced's logging: spdlog to stderr, in the form the reader expects.
//
// Under systemd (stderr connected to the journal) each line is
// "<N>message": N is the syslog priority of the level (sd-daemon.h's SD_ERR
// etc.), and there is no timestamp because journald adds its own. Anywhere
// else lines read "2026-11-27 09:30:00.123 [info] message".
//
// Never log secrets: channel URLs and parameters, tokens, credentials.
#pragma once

#include <spdlog/common.h>
#include <spdlog/formatter.h>

#include <memory>

namespace cadence::daemon {

enum class LogFormat { kHuman, kJournal };

// kJournal when `journal_stream` (the value of $JOURNAL_STREAM, may be null)
// names the device and inode of `fd` ("DEV:INO", as systemd sets it); a
// variable inherited by a process whose stderr was redirected elsewhere does
// not match and gives kHuman (the check sd_journal_stream_fd(3) describes).
LogFormat detect_log_format(const char* journal_stream, int fd);

// The syslog priority (0 emerg .. 7 debug) for a spdlog level.
int syslog_priority(spdlog::level::level_enum level);

// The formatter for a format (one line per message, ending in '\n').
std::unique_ptr<spdlog::formatter> make_log_formatter(LogFormat format);

// Makes a stderr logger with `format` spdlog's default logger (so every area's
// spdlog::info(...) goes there), at level info unless $SPDLOG_LEVEL says
// otherwise ("debug", "warn", ...). Flushes every line.
void setup_logging(LogFormat format);

}  // namespace cadence::daemon
