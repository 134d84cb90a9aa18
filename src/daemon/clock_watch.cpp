#include "daemon/clock_watch.hpp"

#include <sys/timerfd.h>
#include <unistd.h>

#include <spdlog/spdlog.h>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <string>

namespace cadence::daemon {
namespace {

std::chrono::nanoseconds read_clock(clockid_t id) {
  timespec ts{};
  ::clock_gettime(id, &ts);
  return std::chrono::seconds{ts.tv_sec} + std::chrono::nanoseconds{ts.tv_nsec};
}

// Far enough ahead that the timer itself never expires in practice; if a
// clock is set past it, the expiry is read and the watch simply re-arms.
constexpr std::chrono::seconds kFarAhead{std::chrono::hours{24 * 365 * 50}};

}  // namespace

Result<std::unique_ptr<WallClockWatch>> WallClockWatch::start(boost::asio::io_context& io,
                                                              OnJump on_jump) {
  const int fd = ::timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
  if (fd < 0) return Error::io(std::string("timerfd_create: ") + std::strerror(errno));
  std::unique_ptr<WallClockWatch> watch(new WallClockWatch(io, fd, std::move(on_jump)));
  if (auto s = watch->arm(); !s) return s.error();
  watch->wait();
  return watch;
}

WallClockWatch::WallClockWatch(boost::asio::io_context& io, int fd, OnJump on_jump)
    : fd_(io, fd), on_jump_(std::move(on_jump)) {}

WallClockWatch::~WallClockWatch() { stop(); }

void WallClockWatch::stop() {
  if (stopped_) return;
  stopped_ = true;
  boost::system::error_code ignored;
  fd_.cancel(ignored);
  fd_.close(ignored);
}

Status WallClockWatch::arm() {
  // ECANCELED from timerfd_settime: the clock was set since the last read
  // (between it and this call), and the timer IS armed all the same
  // (timerfd_create(2), NOTES; kept by the kernel on purpose). The caller
  // reports a jump anyway; arming again only takes the baseline below after
  // that set. While something sets the clock without pause that can go on
  // failing, so after a few tries the armed timer stands.
  constexpr int kFreshBaselineTries = 4;
  for (int attempt = 1;; ++attempt) {
    wall_at_arm_ = read_clock(CLOCK_REALTIME);
    steady_at_arm_ = read_clock(CLOCK_MONOTONIC);
    itimerspec spec{};
    spec.it_value.tv_sec =
        std::chrono::duration_cast<std::chrono::seconds>(wall_at_arm_ + kFarAhead).count();
    if (::timerfd_settime(fd_.native_handle(), TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &spec,
                          nullptr) == 0) {
      return ok_status();
    }
    const int err = errno;
    if (err != ECANCELED) return Error::io(std::string("timerfd_settime: ") + std::strerror(err));
    if (attempt == kFreshBaselineTries) return ok_status();
  }
}

void WallClockWatch::wait() {
  if (stopped_) return;
  fd_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                 [this](const boost::system::error_code& ec) {
                   if (ec || stopped_) return;  // cancelled at stop
                   on_readable();
                 });
}

void WallClockWatch::on_readable() {
  std::uint64_t expirations = 0;
  const ssize_t n = ::read(fd_.native_handle(), &expirations, sizeof expirations);
  const int err = n < 0 ? errno : 0;
  if (n < 0 && err == EAGAIN) {
    wait();  // a spurious wake-up
    return;
  }
  const auto jump = std::chrono::duration_cast<std::chrono::milliseconds>(
      (read_clock(CLOCK_REALTIME) - wall_at_arm_) - (read_clock(CLOCK_MONOTONIC) - steady_at_arm_));
  // ECANCELED: the clock was set (or the machine resumed). A successful read
  // means the far-ahead expiry passed, which only a clock set can cause too.
  if (n < 0 && err != ECANCELED) {
    spdlog::warn("clock watch: read: {}; wall-clock jumps are now seen within a minute",
                 std::strerror(err));
    return;
  }
  if (auto s = arm(); !s) {
    spdlog::warn("clock watch: {}; wall-clock jumps are now seen within a minute",
                 s.error().message());
    on_jump_(jump);
    return;
  }
  wait();
  on_jump_(jump);
}

}  // namespace cadence::daemon
