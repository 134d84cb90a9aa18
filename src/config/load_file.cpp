// load_config_file(): the file system side of loading (the bad-file cases).
#include <fmt/format.h>

#include "cadence/config.hpp"
#include "config/file_read.hpp"

namespace cadence {
namespace {

// Far above any hand-written config; checked before reading so a huge file
// costs nothing.
constexpr std::size_t kMaxConfigBytes = 4 * 1024 * 1024;

}  // namespace

ConfigLoadResult load_config_file(const std::string& path, const SubstitutionSource& subst) {
  auto text = config_internal::read_regular_file(path, kMaxConfigBytes);
  if (!text) {
    ConfigLoadResult result;
    std::string reason = text.error().message();
    if (text.error().code() == ErrorCode::kNotFound) {
      // The first thing a new user sees: say where else to look.
      reason =
          "no such file (name another with --config FILE or $CADENCE_CONFIG; an annotated "
          "example is config/cadence.example.yaml in the source tree, installed as "
          "/usr/share/doc/cadence/cadence.example.yaml)";
    }
    result.diagnostics.push_back(ConfigDiagnostic{ConfigDiagnostic::Severity::kError,
                                                  SourceLocation{path, 0, 0},
                                                  fmt::format("cannot load config: {}", reason)});
    return result;
  }
  return parse_config(*text, path, subst);
}

}  // namespace cadence
