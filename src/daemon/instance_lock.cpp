#include "daemon/instance_lock.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/file.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

namespace cadence::daemon {
namespace {

// The pid the holder wrote, or "" when the file holds none (yet).
std::string holder_pid(int fd) {
  std::array<char, 32> buf{};
  const ssize_t n = ::pread(fd, buf.data(), buf.size() - 1, 0);
  if (n <= 0) return "";
  std::string text(buf.data(), static_cast<std::size_t>(n));
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  for (char ch : text) {
    if (ch < '0' || ch > '9') return "";
  }
  return text;
}

}  // namespace

std::string InstanceLock::path_for(const std::string& database_path) {
  return database_path + "-daemon.lock";
}

Result<InstanceLock> InstanceLock::acquire(const std::string& database_path) {
  const std::string path = path_for(database_path);
  bool writable = true;
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0 && (errno == EACCES || errno == EROFS || errno == EPERM)) {
    writable = false;
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  }
  if (fd < 0) {
    spdlog::warn(
        "cannot open the lock file {}: {}; a second cadenced on this database would "
        "not be detected",
        path, std::strerror(errno));
    return InstanceLock{};
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    const std::string pid = holder_pid(fd);
    ::close(fd);
    if (err == EWOULDBLOCK) {
      return Error::conflict("another cadenced" +
                             (pid.empty() ? std::string() : " (pid " + pid + ")") +
                             " is running on " + database_path + " (it holds " + path +
                             "); stop it first, or give this one its own database");
    }
    return Error::io("cannot lock " + path + ": " + std::strerror(err));
  }
  if (writable) {
    const std::string text = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) != 0 ||
        ::pwrite(fd, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size())) {
      spdlog::warn("cannot write the pid into {}: {}", path, std::strerror(errno));
    }
  }
  return InstanceLock{fd};
}

InstanceLock::InstanceLock(InstanceLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

InstanceLock& InstanceLock::operator=(InstanceLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

InstanceLock::~InstanceLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the flock
}

}  // namespace cadence::daemon
