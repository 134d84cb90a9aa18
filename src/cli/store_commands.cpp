#include <CLI/CLI.hpp>

#include "cli/cli.hpp"

namespace cadence::cli {

// Not written yet: registers no subcommand.
void register_store_commands(CLI::App& /*app*/, CliContext& /*ctx*/) {}

}  // namespace cadence::cli
