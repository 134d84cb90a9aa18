// ${env:NAME}, ${file:PATH} and ${cred:NAME} substitution in config scalars.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cadence/config.hpp"
#include "cadence/error.hpp"

namespace cadence::config_internal {

// Replaces every ${env:NAME}, ${file:PATH} and ${cred:NAME} in `text`; "$${"
// is a literal "${". A relative file PATH is taken from `base_dir` (the config
// file's directory; empty: the working directory). File contents lose one
// trailing newline. On failure the error names the reference (never the value
// of any secret) and says what is missing.
// Each substituted value is added to `resolved` with its reference
// ("${env:NAME}") so messages can be scrubbed of it.
using Resolved = SubstitutedValue;
Result<std::string> substitute(std::string_view text, const SubstitutionSource& source,
                               const std::string& base_dir,
                               std::vector<Resolved>* resolved = nullptr);

}  // namespace cadence::config_internal
