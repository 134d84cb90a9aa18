// WallClockWatch against real clock sets racing its re-arm. Each set is
// clock_settime to the time the clock already has (a step back of a few
// microseconds): how the kernel announces any change of the wall clock. It
// needs CAP_SYS_TIME (root, as in CI); without it the test fails saying so.
//
// A set that lands between the watch's read (ECANCELED) and its re-arm makes
// timerfd_settime fail with ECANCELED too. The watch used to give up there
// ("wall-clock jumps are now seen within a minute"): in CI a simulated-time
// outage test then waited a minute for a wake that never came.
#include "daemon/clock_watch.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <ctime>
#include <thread>

#include "captured_log.hpp"

namespace cadence::daemon {
namespace {

using cadence::testing::CapturedLog;
using namespace std::chrono_literals;

// 0, or the errno of clock_settime.
int set_clock_to_now() {
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  return ::clock_settime(CLOCK_REALTIME, &now) == 0 ? 0 : errno;
}

TEST(WallClockWatch, KeepsWatchingThroughClockSetsThatRaceItsReArm) {
  CapturedLog log;
  boost::asio::io_context io;
  int jumps = 0;  // the loop thread's (this thread's) only
  auto watch = WallClockWatch::start(io, [&](std::chrono::milliseconds) { ++jumps; });
  ASSERT_TRUE(watch) << watch.error().message();

  // Another thread sets the clock as fast as it can while the loop handles
  // each announcement and re-arms.
  constexpr int kSets = 5000;
  std::atomic<bool> done{false};
  std::atomic<int> refused{0};
  std::thread setter([&] {
    for (int i = 0; i < kSets && refused == 0; ++i) refused = set_clock_to_now();
    done = true;
  });
  while (!done) io.run_for(5ms);
  setter.join();
  io.run_for(50ms);
  ASSERT_EQ(refused.load(), 0) << "clock_settime needs CAP_SYS_TIME (run as root)";
  EXPECT_GT(jumps, 0);
  EXPECT_EQ(log.text().find("seen within a minute"), std::string::npos) << log.text();

  // Still watching: the next set is seen at once.
  const int before = jumps;
  ASSERT_EQ(set_clock_to_now(), 0);
  const auto deadline = std::chrono::steady_clock::now() + 2s;
  while (jumps == before && std::chrono::steady_clock::now() < deadline) io.run_for(5ms);
  EXPECT_GT(jumps, before) << "a clock set after the race went unseen";
  (*watch)->stop();
}

}  // namespace
}  // namespace cadence::daemon
