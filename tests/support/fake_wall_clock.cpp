#include "fake_wall_clock.hpp"

#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <utility>

namespace cadence::testing {

FakeWallClock::FakeWallClock(std::string file) : file_(std::move(file)) {}

std::string FakeWallClock::unavailable() {
  if (std::string(CADENCE_LIBFAKETIME).empty()) {
    return "libfaketime was not found at configure time; scripts/install-deps.sh installs it "
           "(Debian package libfaketime)";
  }
  return {};
}

std::map<std::string, std::optional<std::string>> FakeWallClock::child_env() const {
  std::map<std::string, std::optional<std::string>> env;
  env["LD_PRELOAD"] = std::string(CADENCE_LIBFAKETIME);
  env["FAKETIME_TIMESTAMP_FILE"] = file_;
  env["FAKETIME_NO_CACHE"] = "1";
  env["FAKETIME_DONT_FAKE_MONOTONIC"] = "1";
  // File times stay real: libfaketime's stat() wrapper re-reads its timestamp
  // file on every call without a lock (FAKETIME_NO_CACHE), a data race under
  // TSan when two daemon threads stat at once (the database check and the
  // store's file-identity check) — libfaketime's, not cadence's.
  env["NO_FAKE_STAT"] = "1";
  env["TZ"] = "UTC";
  // Under ASan the preloaded library comes before the ASan runtime.
  const char* asan = std::getenv("ASAN_OPTIONS");
  env["ASAN_OPTIONS"] = std::string(asan != nullptr ? asan : "") + ":verify_asan_link_order=0";
  return env;
}

void FakeWallClock::set_quietly(Instant t) {
  // "@2026-03-10 08:00:00": an absolute start, in the child's TZ (UTC).
  std::string text = format_rfc3339_utc(t);  // 2026-03-10T08:00:00Z
  text[10] = ' ';
  text.pop_back();
  // Written aside and renamed over: the child reads the file on every
  // clock_gettime, and a half-written one would read as the real time.
  const std::string aside = file_ + ".new";
  std::ofstream(aside, std::ios::trunc) << "@" << text << "\n";
  std::rename(aside.c_str(), file_.c_str());
}

bool FakeWallClock::set(Instant t) {
  set_quietly(t);
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  return ::clock_settime(CLOCK_REALTIME, &now) == 0;
}

}  // namespace cadence::testing
