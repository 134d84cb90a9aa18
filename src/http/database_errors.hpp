// Database errors met while answering requests (a lock held past the busy
// timeout, a read-only file, a full disk), logged so that a fault that lasts
// writes a bounded number of lines however many requests meet it: the first
// error at once, then at most one line per `every` (default a minute), which
// counts the errors left out since the last line.
//
// The answer to such a request is 503 with Retry-After (http/router.cpp);
// the scheduler's own faults, retried on its timer, are daemon/db_fault.hpp's.
// Loop thread only.
#pragma once

#include <string>
#include <string_view>

#include "cadence/clock.hpp"
#include "cadence/error.hpp"

namespace cadence::http {

// Also used for refused API bearer tokens (a guessing attack must not fill the
// log): the same rule, with its own noun, logged as warnings.
class DatabaseErrorLog {
 public:
  enum class Level { kError, kWarning };
  explicit DatabaseErrorLog(const Clock& clock, Duration every = Duration{60},
                            std::string noun = "database error", Level level = Level::kError)
      : clock_(clock), every_(every), noun_(std::move(noun)), level_(level) {}

  // "http: <where>: <message>", or nothing but a count while the last line
  // is younger than `every`; a line after a quiet spell adds
  // " (N more <noun>s since <time>)".
  void report(std::string_view where, const Error& error);

  // Errors not logged since the last line.
  int left_out() const { return left_out_; }

 private:
  const Clock& clock_;
  Duration every_;
  std::string noun_;
  Level level_;
  bool logged_ = false;
  Instant last_line_{};
  int left_out_ = 0;
};

// `log->report(where, error)`, or an error line of its own where the state
// has no log (unit tests that build a RouterState by hand).
void report_database_error(DatabaseErrorLog* log, std::string_view where, const Error& error);

}  // namespace cadence::http
