#include "cli/cli.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace cadence::cli {

void register_web_link_command(CLI::App& app, CliContext& ctx);  // web_link_cmd.cpp: web-link

int run_cadencectl(int argc, const char* const* argv, std::istream& in, std::ostream& out,
                   std::ostream& err) {
  static const SystemClock system_clock;
  return run_cadencectl(argc, argv, in, out, err, system_clock);
}

int run_cadencectl(int argc, const char* const* argv, std::istream& in, std::ostream& out,
                   std::ostream& err, const Clock& clock) {
  CliContext ctx(in, out, err, clock);

  CLI::App app{"cadencectl - manage cadence contacts, touches, reminders and calendars",
               "cadencectl"};
  app.require_subcommand(1);
  app.option_defaults()->always_capture_default();
  app.add_option("--config", ctx.config_path,
                 "Configuration file (default: $CADENCE_CONFIG or /etc/cadence/cadence.yaml)");
  app.add_option("--db", ctx.db_path, "Database file (default: the config's `database`)");
  app.set_version_flag("--version", std::string(CADENCE_VERSION));

  register_check_command(app, ctx);
  CLI::App* calendar = app.add_subcommand("calendar", "Holidays, lunar dates and recurrences");
  calendar->require_subcommand(1);
  register_calendar_commands(*calendar, ctx);
  register_calendar_lunar_commands(*calendar, ctx);
  register_store_commands(app, ctx);
  register_reminder_commands(app, ctx);
  register_delivery_commands(app, ctx);
  register_review_command(app, ctx);
  register_maintenance_commands(app, ctx);
  register_web_link_command(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::CallForVersion&) {
    out << CADENCE_VERSION << "\n";
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    // Subcommand help requests arrive as CallForHelp from the subcommand.
    err << "cadencectl: " << e.what() << "\n"
        << "Run 'cadencectl --help' for usage.\n";
    return kExitUsage;
  }
  return ctx.exit_code;
}

}  // namespace cadence::cli
