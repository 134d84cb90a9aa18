// cadencectl check [FILE]: validate a config file.
//
// Every diagnostic goes to stderr as FILE:LINE:COL: error|warning: message;
// on success one summary line goes to stdout. Exit 1 on any error (warnings
// do not fail the check).
#include <CLI/CLI.hpp>

#include <ostream>

#include "cli/cli.hpp"

namespace cadence::cli {
namespace {

void run_check(CliContext& ctx, const std::string& file) {
  if (!file.empty()) ctx.config_path = file;
  // Loading prints every diagnostic (errors and warnings) in file order.
  const Config* config = ctx.config();
  if (config == nullptr) {
    ctx.exit_code = kExitUserError;
    return;
  }
  // Semantic checks that need the calendar and the engine (holiday keys exist,
  // RRULEs parse, ...) go here: they report through the locations the loader
  // recorded (HolidayTrigger::key_where, ScheduleTrigger::rrule_where) and
  // return before the summary line when they find an error.
  ctx.out << ctx.config_path << ": ok (" << config->owners.size() << " owners, "
          << config->channels.size() << " channels, " << config->rules.size() << " rules)\n";
  ctx.exit_code = kExitOk;
}

}  // namespace

void register_check_command(CLI::App& app, CliContext& ctx) {
  CLI::App* check = app.add_subcommand(
      "check", "Validate the configuration file; errors are printed as FILE:LINE:COL: message");
  auto file = std::make_shared<std::string>();
  check->add_option("FILE", *file,
                    "Config file to check (default: --config, $CADENCE_CONFIG or "
                    "/etc/cadence/cadence.yaml)");
  check->callback([&ctx, file] { run_check(ctx, *file); });
}

}  // namespace cadence::cli
