// Config diagnostics as one text, for test failure messages.
#pragma once

#include <string>

#include "cadence/config.hpp"

namespace cadence::testing {

// Every diagnostic of a load, one a line ("FILE:LINE:COL: error: ...").
inline std::string diagnostics_text(const ConfigLoadResult& parsed) {
  std::string out;
  for (const auto& d : parsed.diagnostics) out += d.to_string() + "\n";
  return out;
}

}  // namespace cadence::testing
