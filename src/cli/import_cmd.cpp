// cadencectl import FILE [--dry-run] [--on-conflict skip|update|fail]
//                        [--skip-invalid] [--encoding auto|utf-8|gb18030]
//
// All-or-nothing by default: any bad row means nothing is written, every bad
// row is printed as FILE:LINE: field: problem, exit 1. See docs/IMPORT.md.
#include <CLI/CLI.hpp>

#include <map>
#include <ostream>

#include "cli/store_cli.hpp"
#include "import/importer.hpp"

namespace cadence::cli {
namespace {

struct ImportCliOptions {
  std::string file;
  import::ImportOptions options;
};

void run_import(CliContext& ctx, ImportCliOptions o) {
  const Config* config = optional_config(ctx);
  if (ctx.exit_code != kExitOk) return;
  o.options.known_tiers = known_tiers(config);
  Store* store = ctx.store();
  if (store == nullptr) return;
  auto report = import::import_file(*store, o.file, o.options);
  if (!report) return ctx.fail(report.error());
  for (const auto& w : report->warnings) ctx.err << "warning: " << w << "\n";
  for (const auto& p : report->problems) ctx.err << p.to_string() << "\n";
  const bool bad = !report->problems.empty();
  if (bad && !o.options.skip_invalid) {
    ctx.err << "cadencectl: " << report->problems.size() << " problem(s) in " << o.file
            << "; nothing was imported (fix them, or use --skip-invalid)\n";
    ctx.exit_code = kExitUserError;
    return;
  }
  const char* verb = report->committed ? "imported" : "dry run, would import";
  ctx.out << o.file << ": " << verb << " " << report->added << " new, " << report->updated
          << " updated, " << report->unchanged << " unchanged, " << report->skipped
          << " skipped (existing)";
  if (!report->accounts_added.empty()) {
    ctx.out << ", " << report->accounts_added.size() << " new account(s)";
  }
  if (bad) ctx.out << ", " << report->problems.size() << " invalid row(s) skipped";
  ctx.out << " [" << report->format << ", " << report->encoding << "]\n";
}

}  // namespace

void register_import_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("import", "Import contacts from a CSV or vCard file");
  auto o = std::make_shared<ImportCliOptions>();
  cmd->add_option("FILE", o->file, "A .csv or .vcf file")->required();
  cmd->add_flag("--dry-run", o->options.dry_run, "Check and count, write nothing");
  const std::map<std::string, import::OnConflict> conflicts = {
      {"skip", import::OnConflict::kSkip},
      {"update", import::OnConflict::kUpdate},
      {"fail", import::OnConflict::kFail}};
  cmd->add_option("--on-conflict", o->options.on_conflict,
                  "When a contact id already exists with other values")
      ->transform(CLI::CheckedTransformer(conflicts, CLI::ignore_case))
      ->default_str("skip");
  cmd->add_flag("--skip-invalid", o->options.skip_invalid,
                "Import the valid rows and report the rest");
  const std::map<std::string, import::Encoding> encodings = {
      {"auto", import::Encoding::kAuto},
      {"utf-8", import::Encoding::kUtf8},
      {"utf8", import::Encoding::kUtf8},
      {"gb18030", import::Encoding::kGb18030},
      {"gbk", import::Encoding::kGb18030}};
  cmd->add_option("--encoding", o->options.encoding, "Text encoding of the file")
      ->transform(CLI::CheckedTransformer(encodings, CLI::ignore_case))
      ->default_str("auto");
  cmd->callback([&ctx, o] { run_import(ctx, *o); });
}

}  // namespace cadence::cli
