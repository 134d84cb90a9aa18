// cadencectl check [FILE]: validate a config file.
//
// The same validation the daemon runs before it starts or reloads: the
// loader's checks, then the engine's semantic checks (RuleSet::compile:
// at_most shorter than every, a lead longer than the period, an unknown
// holiday key, an RRULE that never fires, ...) and the channels' settings
// (parse_channel). When the database exists (--db, else the config's
// `database`) it also warns about enabled rules that select no
// contact or account there; a missing database is never created by check.
//
// Every diagnostic goes to stderr as FILE:LINE:COL: error|warning: message;
// on success one summary line goes to stdout. Exit 1 on any error (warnings
// do not fail the check).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <ostream>

#include "cadence/channel.hpp"
#include "cadence/engine.hpp"
#include "cli/cli.hpp"

namespace cadence::cli {
namespace {

// Warnings for enabled rules that select nothing in the store, in rule order.
std::vector<ConfigDiagnostic> empty_selection_warnings(Store& store, const RuleSet& rules,
                                                       std::vector<std::string>& failures) {
  auto accounts = store.list_accounts({});
  if (!accounts) {
    failures.push_back(accounts.error().message());
    return {};
  }
  std::map<std::string, const Account*> by_id;
  for (const Account& a : *accounts) by_id.emplace(a.id, &a);
  std::vector<const CompiledRule*> unmatched;
  std::vector<const CompiledRule*> contact_rules;  // contact-level, not yet seen to match
  for (const CompiledRule& r : rules.rules()) {
    if (!r.config.enabled) continue;
    if (!r.config.account_level) {
      unmatched.push_back(&r);
      contact_rules.push_back(&r);
      continue;
    }
    if (std::none_of(accounts->begin(), accounts->end(), [&](const Account& a) {
          return account_selector_matches(r.config.match, a);
        })) {
      unmatched.push_back(&r);
    }
  }
  if (!contact_rules.empty()) {
    // One pass over the contacts, ending early in effect once every rule matched.
    auto s = store.for_each_contact([&](const Contact& c, const ContactSummary&) {
      if (c.archived || contact_rules.empty()) return;
      const Account* account = nullptr;
      if (auto it = by_id.find(c.account); it != by_id.end()) account = it->second;
      std::erase_if(contact_rules, [&](const CompiledRule* r) {
        if (!selector_matches(r->config.match, c, account, rules.default_owner().id)) return false;
        std::erase(unmatched, r);
        return true;
      });
    });
    if (!s) failures.push_back(s.error().message());
  }
  std::vector<ConfigDiagnostic> out;
  for (const CompiledRule* r : unmatched) {
    out.push_back({ConfigDiagnostic::Severity::kWarning, r->config.where,
                   "rule '" + r->id() + "' selects no " +
                       (r->config.account_level ? "account" : "contact") + " in the database"});
  }
  return out;
}

void run_check(CliContext& ctx, const std::string& file) {
  if (!file.empty()) ctx.config_path = file;
  // Loading prints every diagnostic (errors and warnings) in file order.
  const Config* config = ctx.config();
  if (config == nullptr) {
    ctx.exit_code = kExitUserError;
    return;
  }
  // The engine's and the channels' checks, as the daemon runs them.
  RuleSetCompileResult compiled = RuleSet::compile(*config);
  std::vector<ConfigDiagnostic> diagnostics = std::move(compiled.diagnostics);
  for (ConfigDiagnostic& d : diagnostics) d.message = config->scrubbed(std::move(d.message));
  for (ConfigDiagnostic& d : channel_diagnostics(*config)) diagnostics.push_back(std::move(d));
  const std::string db = ctx.db_path.empty() ? config->database : ctx.db_path;
  std::error_code ec;
  if (compiled.ok() && std::filesystem::exists(db, ec)) {
    Store* store = ctx.store();
    if (store == nullptr) return;  // ctx.store() printed why and set the exit code
    std::vector<std::string> failures;
    for (ConfigDiagnostic& d : empty_selection_warnings(*store, *compiled.rules, failures)) {
      diagnostics.push_back(std::move(d));
    }
    if (!failures.empty()) return ctx.fail(Error::database(failures.front()));
  }
  bool failed = false;
  for (const ConfigDiagnostic& d : diagnostics) {
    ctx.err << d.to_string() << "\n";
    failed = failed || d.severity == ConfigDiagnostic::Severity::kError;
  }
  if (failed) {
    ctx.exit_code = kExitUserError;
    return;
  }
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
