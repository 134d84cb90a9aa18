// cadenced's controller (after Kea's DControllerBase): the command line,
// logging, the first config load and the mapping of every failure to an exit
// code. The running process is Daemon (daemon.hpp).
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include "cadence/clock.hpp"
#include "cadence/config.hpp"
#include "cadence/error.hpp"
#include "daemon/config_loading.hpp"
#include "daemon/daemon.hpp"
#include "daemon/logging.hpp"
#include "daemon/main.hpp"
#include "daemon/notifier.hpp"
#include "daemon/options.hpp"

namespace cadence::daemon {
namespace {

// --check-config: diagnostics on stderr (as a compiler prints them), the
// verdict on stdout. 0 valid, 1 invalid.
int check_config(const DaemonOptions& options,
                 const std::vector<std::unique_ptr<DaemonJob>>& jobs) {
  const ValidatedConfig checked =
      load_validated_config(options.config_path, SubstitutionSource::from_process(), jobs);
  for (const ConfigDiagnostic& d : checked.diagnostics) {
    std::fprintf(stderr, "%s\n", d.to_string().c_str());
  }
  if (!checked.ok()) return kExitUserError;
  std::printf("%s: configuration is valid (%s)\n", options.config_path.c_str(),
              config_size_summary(*checked.config).c_str());
  return kExitOk;
}

int run_daemon(const DaemonOptions& options, std::vector<std::unique_ptr<DaemonJob>> jobs) {
  // A file size limit (LimitFSIZE=, ulimit -f) reached while the database
  // grows must be a failed write the scheduler retries (EFBIG, reported as
  // "disk full"), not death by SIGXFSZ's default action.
  std::signal(SIGXFSZ, SIG_IGN);
  setup_logging(detect_log_format(std::getenv("JOURNAL_STREAM"), STDERR_FILENO));
  spdlog::info("cadenced {} starting, configuration {}", CADENCE_VERSION, options.config_path);

  SdNotifier notifier;
  SubstitutionSource subst = SubstitutionSource::from_process();
  ValidatedConfig initial = load_validated_config(options.config_path, subst, jobs);
  log_diagnostics(initial.diagnostics);
  if (!initial.ok()) {
    // EX_CONFIG: systemd's RestartPreventExitStatus=78 stops a restart loop.
    spdlog::critical("invalid configuration in {}; exiting", options.config_path);
    notifier.notify("STATUS=Invalid configuration in " + options.config_path);
    return kExitConfig;
  }
  Daemon daemon(options.config_path, std::move(subst), std::move(initial.config), std::move(jobs),
                notifier);
  return daemon.run();
}

}  // namespace

int run_cadenced(int argc, char** argv) {
  try {
    const std::vector<std::string> args(argv + 1, argv + argc);
    Result<DaemonOptions> options = parse_daemon_options(args, default_config_path());
    if (!options.ok()) {
      std::fprintf(stderr, "cadenced: %s\nTry 'cadenced --help'.\n",
                   options.error().message().c_str());
      return kExitUsage;
    }
    if (options->show_help) {
      std::fputs(daemon_usage().c_str(), stdout);
      return kExitOk;
    }
    if (options->show_version) {
      std::printf("cadenced %s\n", CADENCE_VERSION);
      return kExitOk;
    }
    SystemClock clock;
    std::vector<std::unique_ptr<DaemonJob>> jobs = register_daemon_jobs(JobContext{clock});
    if (options->check_config) return check_config(*options, jobs);
    return run_daemon(*options, std::move(jobs));
  } catch (const std::exception& e) {
    // Only a bug gets here (steady-state code returns errors); still no
    // stack trace and no restart-loop-inducing abort.
    std::fprintf(stderr, "cadenced: internal error: %s\n", e.what());
    return kExitRuntime;
  }
}

}  // namespace cadence::daemon
