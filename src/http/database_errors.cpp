#include "http/database_errors.hpp"

#include <spdlog/spdlog.h>

#include "cadence/time.hpp"

namespace cadence::http {

void DatabaseErrorLog::report(std::string_view where, const Error& error) {
  const Instant now = clock_.now();
  // `now < last_line_`: the wall clock went back; log rather than go silent
  // until it catches up.
  if (logged_ && now >= last_line_ && now - last_line_ < every_) {
    ++left_out_;
    return;
  }
  const auto level = level_ == Level::kError ? spdlog::level::err : spdlog::level::warn;
  if (left_out_ > 0) {
    spdlog::log(level, "http: {}: {} ({} more {}{} since {})", where, error.message(), left_out_,
                noun_, left_out_ == 1 ? "" : "s", format_rfc3339_utc(last_line_));
  } else {
    spdlog::log(level, "http: {}: {}", where, error.message());
  }
  logged_ = true;
  last_line_ = now;
  left_out_ = 0;
}

void report_database_error(DatabaseErrorLog* log, std::string_view where, const Error& error) {
  if (log != nullptr) {
    log->report(where, error);
  } else {
    spdlog::error("http: {}: {}", where, error.message());
  }
}

}  // namespace cadence::http
