// Loading a config the way cadenced accepts it: the loader's checks
// (load_config_file) and then every job's semantic checks (DaemonJob::validate).
// Used at start, by --check-config and on every reload, so the three always
// agree on what is valid.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cadence/config.hpp"
#include "daemon/daemon_job.hpp"

namespace cadence::daemon {

struct ValidatedConfig {
  std::shared_ptr<const Config> config;       // set when there is no error
  std::vector<ConfigDiagnostic> diagnostics;  // loader's first, then each job's

  bool ok() const { return config != nullptr; }
  int error_count() const;
};

// Never throws (a job's validate must not either). A config with any kError
// diagnostic, from the loader or a job, is rejected (config == nullptr).
ValidatedConfig load_validated_config(const std::string& path, const SubstitutionSource& subst,
                                      const std::vector<std::unique_ptr<DaemonJob>>& jobs);

// Logs each diagnostic on its own line, "FILE:LINE:COL: error: message", at
// level err or warn.
void log_diagnostics(const std::vector<ConfigDiagnostic>& diagnostics);

// "1 owner, 2 channels, 5 rules" — the size of a config, for logs and STATUS=.
std::string config_size_summary(const Config& config);

}  // namespace cadence::daemon
