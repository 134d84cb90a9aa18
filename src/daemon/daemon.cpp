#include "daemon/daemon.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <csignal>

#include "cadence/error.hpp"
#include "daemon/config_diff.hpp"
#include "daemon/config_loading.hpp"

namespace cadence::daemon {

Daemon::~Daemon() { jobs_.clear(); }

Daemon::Daemon(std::string config_path, SubstitutionSource subst,
               std::shared_ptr<const Config> initial, std::vector<std::unique_ptr<DaemonJob>> jobs,
               Notifier& notifier)
    : config_path_(std::move(config_path)),
      subst_(std::move(subst)),
      config_(std::move(initial)),
      jobs_(std::move(jobs)),
      notifier_(notifier),
      signals_(io_, SIGHUP, SIGTERM, SIGINT),
      watchdog_timer_(io_) {}

int Daemon::run() {
  arm_signal_wait();
  for (; jobs_started_ < jobs_.size(); ++jobs_started_) {
    DaemonJob& job = *jobs_[jobs_started_];
    job.set_failure_handler([this, &job](const Error& error) {
      spdlog::error("{} failed: {}", job.name(), error.message());
      exit_code_ = kExitRuntime;
      stop("failure");
    });
    job.set_status_handler([this] {
      if (!stopping_) notifier_.notify("STATUS=" + status_line());
    });
    const Status started = job.start(io_, config_);
    if (!started.ok()) {
      spdlog::error("{} failed to start: {}", job.name(), started.error().message());
      stop("start failure");
      io_.run();  // let the cancelled operations finish
      return kExitRuntime;
    }
  }
  if (auto timeout = notifier_.watchdog_timeout()) {
    watchdog_period_ = *timeout / 2;
    arm_watchdog();
  }
  spdlog::info("running with {} from {}", config_size_summary(*config_), config_path_);
  notify_ready("");
  io_.run();
  spdlog::info("stopped");
  return exit_code_;
}

void Daemon::request_reload() {
  boost::asio::post(io_, [this] { reload(); });
}

void Daemon::request_stop() {
  boost::asio::post(io_, [this] { stop("requested"); });
}

void Daemon::arm_signal_wait() {
  signals_.async_wait([this](const boost::system::error_code& ec, int signal_number) {
    if (ec) return;  // operation_aborted: we are stopping
    on_signal(signal_number);
  });
}

void Daemon::on_signal(int signal_number) {
  if (signal_number == SIGHUP) {
    // Re-arm before handling so a SIGHUP arriving during the reload is seen;
    // the reload itself is a separate event, between the jobs' events.
    arm_signal_wait();
    spdlog::info("SIGHUP received: reloading the configuration");
    boost::asio::post(io_, [this] { reload(); });
    return;
  }
  stop(signal_number == SIGINT ? "SIGINT" : "SIGTERM");
}

void Daemon::arm_watchdog() {
  watchdog_timer_.expires_after(watchdog_period_);
  watchdog_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    notifier_.notify("WATCHDOG=1");
    arm_watchdog();
  });
}

void Daemon::reload() {
  if (stopping_) return;
  notifier_.notify(reloading_message());
  ValidatedConfig next = load_validated_config(config_path_, subst_, jobs_);
  log_diagnostics(next.diagnostics);
  if (!next.ok()) {
    const int errors = next.error_count();
    spdlog::error("configuration rejected ({} error{} in {}); the previous configuration stays",
                  errors, errors == 1 ? "" : "s", config_path_);
    notify_ready("reload rejected, previous configuration kept");
    return;
  }
  const std::string changes = describe_config_changes(*config_, *next.config);
  const bool changed = !config_changes(*config_, *next.config).empty();
  config_ = std::move(next.config);
  if (changed) {
    for (const auto& job : jobs_) job->reconfigure(config_);
  }
  spdlog::info("configuration reloaded: {}", changes);
  notify_ready("reloaded: " + changes);
}

void Daemon::stop(const char* reason) {
  if (stopping_) return;
  stopping_ = true;
  spdlog::info("stopping ({})", reason);
  notifier_.notify("STOPPING=1\nSTATUS=Stopping");
  boost::system::error_code ignored;
  signals_.cancel(ignored);
  watchdog_timer_.cancel();
  // Reverse start order: later jobs may depend on earlier ones.
  for (std::size_t i = jobs_started_; i > 0; --i) jobs_[i - 1]->stop();
}

void Daemon::notify_ready(const std::string& note) {
  std::string status = status_line();
  if (!note.empty()) status += "; " + note;
  notifier_.notify("READY=1\nSTATUS=" + status);
}

std::string Daemon::status_line() const {
  std::string line = "Running with " + config_size_summary(*config_);
  for (const auto& job : jobs_) {
    const std::string job_status = job->status();
    if (!job_status.empty()) line += "; " + job_status;
  }
  return line;
}

}  // namespace cadence::daemon
