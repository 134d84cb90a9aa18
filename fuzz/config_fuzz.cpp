// The YAML config loader on arbitrary text: diagnostics, never a crash.
// Substitutions resolve against an empty environment (no file reads outside
// what the text names are possible: ${file:} paths are relative to a
// directory that does not exist).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cadence/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cadence::SubstitutionSource subst;
  subst.getenv = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const cadence::ConfigLoadResult result =
      cadence::parse_config(text, "/nonexistent-fuzz-dir/cadence.yaml", subst);
  // Every error is located in the file it names.
  for (const auto& d : result.diagnostics) {
    if (d.to_string().empty()) __builtin_trap();
  }
  return 0;
}
