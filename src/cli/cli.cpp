#include "cli/cli.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <string>
#include <vector>

#include "cadence/suggest.hpp"

namespace cadence::cli {
namespace {

std::vector<std::string> subcommand_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    names.push_back(sub->get_name());
  }
  return names;
}

const CLI::App* find_subcommand(const CLI::App& app, const std::string& name) {
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->check_name(name)) return sub;
  }
  return nullptr;
}

// The option named `name` ("--db", "-h") of `app` or of an app above it.
const CLI::Option* find_option(const CLI::App* app, const std::string& name) {
  for (; app != nullptr; app = app->get_parent()) {
    if (const CLI::Option* opt = app->get_option_no_throw(name)) return opt;
  }
  return nullptr;
}

std::vector<std::string> option_names(const CLI::App* app) {
  std::vector<std::string> names;
  for (; app != nullptr; app = app->get_parent()) {
    for (const CLI::Option* opt : app->get_options()) {
      for (const std::string& l : opt->get_lnames()) names.push_back("--" + l);
    }
  }
  return names;
}

// CLI11 answers a misspelt command or option under a command that needs a
// subcommand with "A subcommand is required", whatever the word was. Walk the
// arguments down the command tree as CLI11 would and name the first word that
// is neither a command nor an option there, with the nearest one. Empty when
// every word is known (CLI11's own message is then the right one).
std::string unknown_word(const CLI::App& app, int argc, const char* const* argv) {
  const CLI::App* at = &app;
  std::string path;  // "contact list"
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") return "";
    if (arg.size() > 1 && arg[0] == '-') {
      const std::string name = arg.substr(0, arg.find('='));
      const CLI::Option* opt = find_option(at, name);
      if (opt == nullptr) {
        std::string where = path.empty() ? "" : " for '" + path + "'";
        return "unknown option '" + name + "'" + where + did_you_mean(name, option_names(at));
      }
      if (opt->get_type_size_max() > 0 && arg.find('=') == std::string::npos) ++i;  // its value
      continue;
    }
    if (const CLI::App* sub = find_subcommand(*at, arg)) {
      at = sub;
      path += (path.empty() ? "" : " ") + sub->get_name();
      continue;
    }
    if (at->get_require_subcommand_min() > 0) {
      return "unknown command '" + arg + "'" + (path.empty() ? "" : " for '" + path + "'") +
             did_you_mean(arg, subcommand_names(*at));
    }
    // A positional value of a command that takes them: CLI11 judges the rest.
  }
  return "";
}

}  // namespace

void register_web_link_command(CLI::App& app, CliContext& ctx);  // web_link_cmd.cpp: web-link

int run_cadencectl(int argc, const char* const* argv, std::istream& in, std::ostream& out,
                   std::ostream& err) {
  static const SystemClock system_clock;
  return run_cadencectl(argc, argv, in, out, err, system_clock);
}

void register_cadencectl(CLI::App& app, CliContext& ctx) {
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
}

int run_cadencectl(int argc, const char* const* argv, std::istream& in, std::ostream& out,
                   std::ostream& err, const Clock& clock) {
  CliContext ctx(in, out, err, clock);
  CLI::App app{"cadencectl - manage cadence contacts, touches, reminders and calendars",
               "cadencectl"};
  register_cadencectl(app, ctx);
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
    const std::string unknown = unknown_word(app, argc, argv);
    err << "cadencectl: " << (unknown.empty() ? std::string(e.what()) : unknown) << "\n"
        << "Run 'cadencectl --help' for usage.\n";
    return kExitUsage;
  }
  return ctx.exit_code;
}

}  // namespace cadence::cli
