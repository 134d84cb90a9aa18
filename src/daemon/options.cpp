#include "daemon/options.hpp"

namespace cadence::daemon {

Result<DaemonOptions> parse_daemon_options(const std::vector<std::string>& args,
                                           const std::string& default_config) {
  DaemonOptions options;
  options.config_path = default_config;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--config" || arg == "-c") {
      if (i + 1 >= args.size()) return Error::usage("option " + arg + " needs a FILE");
      options.config_path = args[++i];
    } else if (arg.rfind("--config=", 0) == 0) {
      options.config_path = arg.substr(std::string("--config=").size());
    } else if (arg == "--check-config") {
      options.check_config = true;
    } else if (arg == "--version") {
      options.show_version = true;
    } else if (arg == "--help" || arg == "-h") {
      options.show_help = true;
    } else if (!arg.empty() && arg[0] == '-') {
      return Error::usage("unknown option '" + arg + "'");
    } else {
      return Error::usage("unexpected argument '" + arg + "'");
    }
  }
  if (options.config_path.empty()) return Error::usage("--config needs a non-empty FILE");
  return options;
}

std::string daemon_usage() {
  return "Usage: cadenced [--config FILE] [--check-config] [--version] [--help]\n"
         "\n"
         "The cadence reminder daemon. Runs until SIGTERM or SIGINT; SIGHUP reloads\n"
         "the configuration (an invalid one is rejected and the old one kept).\n"
         "\n"
         "Options:\n"
         "  -c, --config FILE  configuration file (default: $CADENCE_CONFIG, else\n"
         "                     /etc/cadence/cadence.yaml)\n"
         "  --check-config     validate the configuration, print every problem as\n"
         "                     FILE:LINE:COL: error: message, exit 0 if valid, 1 if not\n"
         "  --version          print the version and exit\n"
         "  -h, --help         print this help and exit\n"
         "\n"
         "Exit status: 0 clean stop, 2 usage error, 3 runtime failure,\n"
         "78 invalid configuration at start (EX_CONFIG).\n";
}

}  // namespace cadence::daemon
