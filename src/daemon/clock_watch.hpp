// Tells the daemon at once when the wall clock jumps: set by hand
// (`date -s`), stepped by NTP, or moved on by a resume from suspend.
//
// The scheduler's timer is a steady (CLOCK_MONOTONIC) timer capped at a
// minute: it does not count time spent suspended and knows nothing of a
// clock set, so without this watch a jump is seen up to a minute late. The
// watch is a CLOCK_REALTIME timerfd armed, absolute, far in the future with
// TFD_TIMER_CANCEL_ON_SET: the kernel cancels it, and its read fails with
// ECANCELED, on every discontinuous change of the wall clock, and it treats
// a resume as one (timekeeping_resume() calls timerfd_resume()). Each time
// the watch re-arms and calls back with its estimate of the jump: how far
// the wall clock moved against the monotonic clock since the last check
// (a day forward, an hour back, or the length of a suspend).
//
// What to do about a jump is the caller's: the scheduler runs a round of
// work at the new "now". Its state is in the store and every step is
// idempotent, so a jump forward fires what it passed over (late, within
// catch_up) and a jump back fires nothing twice.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <chrono>
#include <functional>
#include <memory>

#include "cadence/error.hpp"

namespace cadence::daemon {

class WallClockWatch {
 public:
  // `jump` is the wall clock's move beyond the monotonic clock's since the
  // watch was last armed (positive: forward).
  using OnJump = std::function<void(std::chrono::milliseconds jump)>;

  // Opens and arms the timerfd on `io`; fails only if the kernel refuses it.
  static Result<std::unique_ptr<WallClockWatch>> start(boost::asio::io_context& io, OnJump on_jump);
  ~WallClockWatch();
  WallClockWatch(const WallClockWatch&) = delete;
  WallClockWatch& operator=(const WallClockWatch&) = delete;

  // Cancels the wait and closes the timerfd; no callback after it.
  void stop();

 private:
  WallClockWatch(boost::asio::io_context& io, int fd, OnJump on_jump);
  Status arm();
  void wait();
  void on_readable();

  boost::asio::posix::stream_descriptor fd_;
  OnJump on_jump_;
  std::chrono::nanoseconds wall_at_arm_{};
  std::chrono::nanoseconds steady_at_arm_{};
  bool stopped_ = false;
};

}  // namespace cadence::daemon
