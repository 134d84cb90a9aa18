#include <CLI/CLI.hpp>

#include "cli/cli.hpp"

namespace cadence::cli {

// Not written yet: registers no subcommand.
void register_check_command(CLI::App& /*app*/, CliContext& /*ctx*/) {}

}  // namespace cadence::cli
