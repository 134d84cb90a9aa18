#include <CLI/CLI.hpp>

#include "cli/cli.hpp"

namespace cadence::cli {

// Not written yet: registers no subcommand.
void register_calendar_lunar_commands(CLI::App& /*calendar*/, CliContext& /*ctx*/) {}

}  // namespace cadence::cli
