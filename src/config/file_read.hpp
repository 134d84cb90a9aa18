// Bounded reading of a regular file, shared by the config loader and ${file:}.
#pragma once

#include <cstddef>
#include <string>

#include "cadence/error.hpp"

namespace cadence::config_internal {

// Reads the whole of `path` when it is a regular file of at most `max_bytes`.
// Never blocks on a FIFO and never reads more than max_bytes + 1 bytes. The
// error message is a short reason without the path ("is a directory",
// "cannot open: Permission denied", "is larger than 4 MiB (52428800 bytes)").
Result<std::string> read_regular_file(const std::string& path, std::size_t max_bytes);

}  // namespace cadence::config_internal
