// cadencectl export --format csv|json
//
// CSV: every contact (archived too) with the columns `cadencectl import` reads,
// so export -> import reproduces the same contacts. JSON: accounts and contacts.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <ostream>

#include "cli/output.hpp"
#include "cli/store_cli.hpp"

namespace cadence::cli {
namespace {

void run_export(CliContext& ctx, OutputFormat format) {
  Store* store = ctx.store();
  if (store == nullptr) return;
  auto accounts = store->list_accounts({});
  if (!accounts) return ctx.fail(accounts.error());
  ContactFilter all;
  all.include_archived = true;
  auto contacts = store->list_contacts(all);
  if (!contacts) return ctx.fail(contacts.error());
  if (format == OutputFormat::kJson) {
    nlohmann::json out = {{"accounts", nlohmann::json::array()},
                          {"contacts", nlohmann::json::array()}};
    for (const auto& a : *accounts) out["accounts"].push_back(account_to_json(a));
    for (const auto& c : *contacts) out["contacts"].push_back(contact_to_json(c));
    ctx.out << out.dump(2) << "\n";
    return;
  }
  std::map<std::string, std::string> account_names;
  for (const auto& a : *accounts) account_names[a.id] = a.name;
  write_csv_row(ctx.out, contact_csv_header());
  for (const auto& c : *contacts) {
    auto it = account_names.find(c.account);
    write_csv_row(ctx.out, contact_csv_row(c, it == account_names.end() ? "" : it->second));
  }
}

}  // namespace

void register_export_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("export", "Export all contacts (CSV re-imports as is)");
  auto format = std::make_shared<OutputFormat>();
  add_format_option(*cmd, *format, {"csv", "json"});
  cmd->callback([&ctx, format] { run_export(ctx, *format); });
}

}  // namespace cadence::cli
