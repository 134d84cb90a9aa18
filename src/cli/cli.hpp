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

#include "cadence/config.hpp"
#include "cadence/error.hpp"
#include "cadence/store.hpp"

namespace CLI {
class App;
}

namespace cadence::cli {

enum class OutputFormat { kText, kCsv, kJson };

struct CliContext {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  std::string config_path;  // --config, else $CADENCE_CONFIG, else /etc/cadence/cadence.yaml
  std::string db_path;      // --db, else the config's `database`
  int exit_code = kExitOk;

  // Loads the config once; prints every diagnostic to `err` as FILE:LINE:COL.
  // nullptr (with exit_code set) when it has errors.
  const Config* config();
  // Opens the store once (db_path, else the config's database); prints the
  // error and sets exit_code on failure.
  Store* store();

  // Prints "cadencectl: <message>" to err and sets exit_code from the error.
  void fail(const Error& e);

 private:
  std::optional<ConfigLoadResult> config_;
  std::unique_ptr<Store> store_;
};

// Registration functions, one per command file.
void register_check_command(CLI::App& app, CliContext& ctx);
void register_calendar_commands(CLI::App& calendar, CliContext& ctx);        // holidays, expand
void register_calendar_lunar_commands(CLI::App& calendar, CliContext& ctx);  // to-lunar, from-lunar

// Runs cadencectl with the given arguments; returns the exit code.
int run_cadencectl(int argc, const char* const* argv, std::istream& in, std::ostream& out,
                   std::ostream& err);

}  // namespace cadence::cli
