// Running real processes in tests: spawn a binary with its own arguments and
// environment, its stdout/stderr captured to files, signal it, wait for it
// with a timeout; and a datagram socket standing in for systemd's
// NOTIFY_SOCKET. Polling waits only, never fixed sleeps.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cadence::testing {

// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, read,
// closed): what a fixture hands a server it starts. 0 if none could be bound.
std::uint16_t free_loopback_port();

// How a child ended.
struct ExitStatus {
  bool exited = false;  // exited normally; `code` is valid
  int code = -1;        // exit code
  int signal = 0;       // the signal that killed it, when !exited

  bool is_exit(int expected) const { return exited && code == expected; }
};
std::string to_string(const ExitStatus& status);  // "exit 0", "killed by signal 9"

struct SpawnOptions {
  std::vector<std::string> args;  // without argv[0]
  // Changes to the test's environment: a value sets, nullopt removes.
  // NOTIFY_SOCKET, JOURNAL_STREAM, WATCHDOG_USEC, WATCHDOG_PID, CADENCE_CONFIG
  // and LISTEN_FDS are always removed first, so a test run under systemd
  // does not leak them into the child.
  std::map<std::string, std::optional<std::string>> env;
  std::string stdout_path = "/dev/null";  // truncated and written by the child
  std::string stderr_path = "/dev/null";
};

// A running child. The destructor kills (SIGKILL) and reaps it if it is
// still running, so a failing test leaves no process behind.
class ChildProcess {
 public:
  // Throws std::runtime_error if the binary cannot be started.
  ChildProcess(const std::string& program, const SpawnOptions& options);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  // Sends a signal; false if the child is already reaped.
  bool send_signal(int signal_number);
  // Waits until the child ends or `timeout` passes (nullopt then).
  std::optional<ExitStatus> wait_for_exit(std::chrono::milliseconds timeout);
  // True while the child has not ended.
  bool running();

 private:
  pid_t pid_ = -1;
  std::optional<ExitStatus> status_;
};

// Runs a program to completion (killing it after `timeout`) and returns its
// status and captured output.
struct ProcessResult {
  ExitStatus status;
  std::string out;
  std::string err;
};
ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::map<std::string, std::optional<std::string>>& env = {},
                          std::chrono::milliseconds timeout = std::chrono::seconds(10));

// An AF_UNIX datagram socket bound to `path`: point NOTIFY_SOCKET at path()
// and read what the child sends with sd_notify.
class NotifySocket {
 public:
  explicit NotifySocket(std::string path);  // throws std::runtime_error on failure
  ~NotifySocket();
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  const std::string& path() const { return path_; }
  // The next datagram, or nullopt after `timeout`. Every message received is
  // also appended to messages().
  std::optional<std::string> receive(std::chrono::milliseconds timeout);
  // Receives until a message with a line beginning with `needle` arrives
  // (returned), or nullopt after `timeout`.
  std::optional<std::string> wait_for_line(const std::string& needle,
                                           std::chrono::milliseconds timeout);
  const std::vector<std::string>& messages() const { return messages_; }

 private:
  std::string path_;
  int fd_ = -1;
  std::vector<std::string> messages_;
};

// Polls `condition` every few milliseconds until it holds (true) or
// `timeout` passes (false).
bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout);

}  // namespace cadence::testing
