#include "daemon/config_loading.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace cadence::daemon {
namespace {

bool is_error(const ConfigDiagnostic& d) {
  return d.severity == ConfigDiagnostic::Severity::kError;
}

std::string counted(std::size_t n, const char* singular, const char* plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

}  // namespace

int ValidatedConfig::error_count() const {
  return static_cast<int>(std::count_if(diagnostics.begin(), diagnostics.end(), is_error));
}

ValidatedConfig load_validated_config(const std::string& path, const SubstitutionSource& subst,
                                      const std::vector<std::unique_ptr<DaemonJob>>& jobs) {
  ConfigLoadResult loaded = load_config_file(path, subst);
  ValidatedConfig out;
  out.diagnostics = std::move(loaded.diagnostics);
  if (!loaded.ok()) return out;
  for (const auto& job : jobs) {
    std::vector<ConfigDiagnostic> found = job->validate(*loaded.config);
    out.diagnostics.insert(out.diagnostics.end(), std::make_move_iterator(found.begin()),
                           std::make_move_iterator(found.end()));
  }
  if (out.error_count() == 0) {
    out.config = std::make_shared<const Config>(std::move(*loaded.config));
  }
  return out;
}

void log_diagnostics(const std::vector<ConfigDiagnostic>& diagnostics) {
  for (const ConfigDiagnostic& d : diagnostics) {
    if (is_error(d)) {
      spdlog::error("{}", d.to_string());
    } else {
      spdlog::warn("{}", d.to_string());
    }
  }
}

std::string config_size_summary(const Config& config) {
  return counted(config.owners.size(), "owner", "owners") + ", " +
         counted(config.channels.size(), "channel", "channels") + ", " +
         counted(config.rules.size(), "rule", "rules");
}

}  // namespace cadence::daemon
