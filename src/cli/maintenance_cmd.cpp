// cadencectl backup FILE / restore FILE: the database's online backup and its
// restore (cadence/maintenance.hpp). Both work while cadenced runs.
#include <CLI/CLI.hpp>

#include <ostream>

#include "cadence/clock.hpp"
#include "cadence/maintenance.hpp"
#include "cli/cli.hpp"

namespace cadence::cli {
namespace {

// --db, else the config's database; nullopt (error printed) without either.
std::optional<std::string> database_path(CliContext& ctx) {
  if (!ctx.db_path.empty()) return ctx.db_path;
  const Config* config = ctx.config();
  if (config == nullptr) return std::nullopt;
  return config->database;
}

void run_backup(CliContext& ctx, const std::string& file) {
  const auto db = database_path(ctx);
  if (!db) return;
  if (auto s = backup_database(*db, file); !s) {
    ctx.fail(s.error());
    return;
  }
  ctx.out << "backed up " << *db << " to " << file << "\n";
  ctx.exit_code = kExitOk;
}

void run_restore(CliContext& ctx, const std::string& file) {
  const auto db = database_path(ctx);
  if (!db) return;
  auto restored = restore_database(file, *db, ctx.clock);
  if (!restored) {
    ctx.fail(restored.error());
    return;
  }
  ctx.out << "restored " << *db << " from " << file << "\n";
  if (!restored->previous_copy.empty()) {
    ctx.out << "the previous content is kept in " << restored->previous_copy << "\n";
  }
  ctx.exit_code = kExitOk;
}

}  // namespace

void register_maintenance_commands(CLI::App& app, CliContext& ctx) {
  auto file = std::make_shared<std::string>();
  CLI::App* backup = app.add_subcommand(
      "backup", "Copy the database to FILE with SQLite's online backup (safe while cadenced runs)");
  backup->add_option("FILE", *file, "Backup file to write (replaced only when complete)")
      ->required();
  backup->callback([&ctx, file] { run_backup(ctx, *file); });

  auto source = std::make_shared<std::string>();
  CLI::App* restore = app.add_subcommand(
      "restore",
      "Replace the database with a backup (checked first; the current content is kept as "
      "<db>.before-restore-<time>.bak)");
  restore->add_option("FILE", *source, "Backup file made by `cadencectl backup`")->required();
  restore->callback([&ctx, source] { run_restore(ctx, *source); });
}

}  // namespace cadence::cli
