// cadencectl: one CLI11 app, one file per subcommand (src/cli/*_cmd.cpp).
//
// Each command file exposes a register_* function that adds its subcommand(s)
// to the app and sets ctx.exit_code from its callback. Commands write to
// ctx.out / ctx.err (never std::cout directly) so tests can run them in-process.
#pragma once

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

#include "cadence/clock.hpp"
#include "cadence/config.hpp"
#include "cadence/error.hpp"
#include "cadence/store.hpp"

namespace CLI {
class App;
}

namespace cadence::cli {

enum class OutputFormat { kText, kCsv, kJson };

struct CliContext {
  CliContext(std::istream& in_stream, std::ostream& out_stream, std::ostream& err_stream,
             const Clock& clock_source)
      : in(in_stream), out(out_stream), err(err_stream), clock(clock_source) {}

  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  // "Now" for every command (the system clock in cadencectl; tests pass their own).
  const Clock& clock;
  std::string config_path =
      default_config_path();  // --config, else $CADENCE_CONFIG, else /etc/cadence/cadence.yaml
  std::string db_path;        // --db, else the config's `database`
  int exit_code = kExitOk;

  // Loads the config once; prints every diagnostic to `err` as FILE:LINE:COL.
  // nullptr (with exit_code set) when it has errors.
  const Config* config();
  // Opens the store once (db_path, else the config's database); prints the
  // error and sets exit_code on failure.
  Store* store();

  // Prints "cadencectl: <message>" to err and sets exit_code from the error.
  void fail(const Error& e);
  // The same for an action's error: its field, spelled as the option that
  // gave it ("--at"), goes in front of the message.
  void fail_field(const Error& e, const std::string& option);

 private:
  std::optional<ConfigLoadResult> config_;
  std::unique_ptr<Store> store_;
};

// Registration functions, one per area of commands. Each lives in the named
// file, which may delegate to one file per subcommand.
void register_check_command(CLI::App& app, CliContext& ctx);  // check_cmd.cpp
void register_calendar_commands(CLI::App& calendar,
                                CliContext& ctx);  // calendar_cmd.cpp: holidays, expand
void register_calendar_lunar_commands(
    CLI::App& calendar, CliContext& ctx);  // calendar_lunar_cmd.cpp: to-lunar, from-lunar
void register_store_commands(
    CLI::App& app,
    CliContext& ctx);  // store_commands.cpp: contact, account, touch, interactions, export, import
void register_reminder_commands(
    CLI::App& app,
    CliContext& ctx);  // reminder_commands.cpp: forecast, explain, due, upcoming, done, snooze, ack
void register_delivery_commands(CLI::App& app,
                                CliContext& ctx);  // delivery_commands.cpp: send-test, outbox
void register_review_command(CLI::App& app, CliContext& ctx);  // review_cmd.cpp: review
void register_maintenance_commands(CLI::App& app,
                                   CliContext& ctx);  // maintenance_cmd.cpp: backup, restore

// Every option and command of cadencectl, on `app` (what run_cadencectl
// parses; the completions test walks it so the shell completions cannot drift).
void register_cadencectl(CLI::App& app, CliContext& ctx);

// Runs cadencectl with the given arguments; returns the exit code. `clock` is
// what every command takes as now (default: the system clock).
int run_cadencectl(int argc, const char* const* argv, std::istream& in, std::ostream& out,
                   std::ostream& err);
int run_cadencectl(int argc, const char* const* argv, std::istream& in, std::ostream& out,
                   std::ostream& err, const Clock& clock);

}  // namespace cadence::cli
