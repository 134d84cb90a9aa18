// cadenced's command line:
//   cadenced [--config FILE] [--check-config] [--version] [--help]
// (also --config=FILE, -c FILE, -h). Nothing else is accepted.
#pragma once

#include <string>
#include <vector>

#include "cadence/error.hpp"

namespace cadence::daemon {

struct DaemonOptions {
  std::string config_path;    // --config. Default: default_config_path()
  bool check_config = false;  // --check-config: validate, print diagnostics, exit 0/1
  bool show_version = false;  // --version
  bool show_help = false;     // --help
};

// Parses argv[1..]. `default_config` fills config_path when --config is
// absent. An unknown option, a missing value or a stray argument is an
// Error::usage naming it.
Result<DaemonOptions> parse_daemon_options(const std::vector<std::string>& args,
                                           const std::string& default_config);

// The --help text (ends with '\n').
std::string daemon_usage();

}  // namespace cadence::daemon
