#include "config/file_read.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace cadence::config_internal {
namespace {

std::string size_limit_text(std::size_t bytes) {
  if (bytes % (1024 * 1024) == 0) return fmt::format("{} MiB", bytes / (1024 * 1024));
  if (bytes % 1024 == 0) return fmt::format("{} KiB", bytes / 1024);
  return fmt::format("{} bytes", bytes);
}

// Closes the descriptor on every path out of read_regular_file.
class FdCloser {
 public:
  explicit FdCloser(int fd) : fd_(fd) {}
  ~FdCloser() { ::close(fd_); }
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;

 private:
  int fd_;
};

}  // namespace

Result<std::string> read_regular_file(const std::string& path, std::size_t max_bytes) {
  // O_NONBLOCK: opening a FIFO with no writer must not hang the loader.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Error::not_found("no such file");
    return Error::io(fmt::format("cannot open: {}", std::strerror(errno)));
  }
  FdCloser closer(fd);
  struct stat st {};
  if (::fstat(fd, &st) != 0) return Error::io(fmt::format("cannot stat: {}", std::strerror(errno)));
  if (S_ISDIR(st.st_mode)) return Error::invalid_input("is a directory, not a file");
  if (!S_ISREG(st.st_mode)) return Error::invalid_input("is not a regular file");
  if (st.st_size > 0 && static_cast<std::size_t>(st.st_size) > max_bytes) {
    return Error::invalid_input(
        fmt::format("is larger than {} ({} bytes)", size_limit_text(max_bytes), st.st_size));
  }
  // Regular file: clear O_NONBLOCK for ordinary reads.
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  std::string content;
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error::io(fmt::format("cannot read: {}", std::strerror(errno)));
    }
    if (n == 0) break;
    content.append(buffer, static_cast<std::size_t>(n));
    // Files whose stat size is 0 (procfs) or that grow while read are bounded here.
    if (content.size() > max_bytes) {
      return Error::invalid_input(fmt::format("is larger than {}", size_limit_text(max_bytes)));
    }
  }
  return content;
}

}  // namespace cadence::config_internal
