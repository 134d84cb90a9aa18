// Helpers for the config tests: a substitution source without the process
// environment, and diagnostics as the strings cadencectl prints.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cadence/config.hpp"

namespace cadence::testing {

// Substitutions from a fixed map (no process environment leaks into tests).
inline SubstitutionSource fake_env(std::map<std::string, std::string> env = {},
                                   std::optional<std::string> credentials_directory = {}) {
  SubstitutionSource s;
  s.getenv = [env = std::move(env)](const std::string& name) -> std::optional<std::string> {
    auto it = env.find(name);
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
  s.credentials_directory = std::move(credentials_directory);
  return s;
}

inline std::vector<std::string> all_diagnostics(const ConfigLoadResult& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics) out.push_back(d.to_string());
  return out;
}

inline std::vector<std::string> error_lines(const ConfigLoadResult& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics) {
    if (d.severity == ConfigDiagnostic::Severity::kError) out.push_back(d.to_string());
  }
  return out;
}

// Parses `yaml` as "t.yaml" with no environment and returns its error lines.
inline std::vector<std::string> errors_of(std::string_view yaml,
                                          const SubstitutionSource& subst = fake_env()) {
  return error_lines(parse_config(yaml, "t.yaml", subst));
}

}  // namespace cadence::testing
