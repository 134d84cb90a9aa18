// What changed between two configs, for the one-line reload summary and for
// deciding whether jobs need reconfiguring at all.
//
// Names only ids and non-secret values (zones, locales, paths): never a
// channel URL, parameter or token. Source locations are ignored, so moving a
// rule within the file is not a change.
#pragma once

#include <string>
#include <vector>

#include "cadence/config.hpp"

namespace cadence::daemon {

// One entry per changed part, in a stable order, e.g.
//   {"timezone Asia/Shanghai -> UTC", "owners +li ~zhang", "rules -qbr", "http changed"}.
// Empty when the configs are equivalent.
std::vector<std::string> config_changes(const Config& before, const Config& after);

// The entries joined with "; ", or "no changes".
std::string describe_config_changes(const Config& before, const Config& after);

}  // namespace cadence::daemon
