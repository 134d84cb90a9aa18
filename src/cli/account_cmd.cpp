// cadencectl account add|edit|rm|list|show
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <ostream>

#include "cli/output.hpp"
#include "cli/store_cli.hpp"
#include "import/slug.hpp"

namespace cadence::cli {
namespace {

struct AccountFields {
  std::optional<std::string> id, name, tier, industry, owner, notes;
  std::optional<std::vector<std::string>> departments;
};

void add_field_options(CLI::App& cmd, AccountFields& f) {
  cmd.add_option("--tier", f.tier, "Tier, e.g. strategic");
  cmd.add_option("--industry", f.industry, "Industry");
  cmd.add_option("--owner", f.owner, "Owner id");
  cmd.add_option("--department", f.departments, "Known department (repeatable; replaces the list)");
  cmd.add_option("--notes", f.notes, "Notes");
}

Status apply_fields(const AccountFields& f, Account& a, const Config* config) {
  if (f.name) a.name = *f.name;
  if (f.tier) {
    const auto tiers = known_tiers(config);
    if (!f.tier->empty() && !tiers.empty() &&
        std::find(tiers.begin(), tiers.end(), *f.tier) == tiers.end()) {
      return Error::invalid_input("--tier " + *f.tier + ": unknown tier");
    }
    a.tier = *f.tier;
  }
  if (f.industry) a.industry = *f.industry;
  if (f.owner) {
    if (config != nullptr && !f.owner->empty() && config->find_owner(*f.owner) == nullptr) {
      return Error::invalid_input("--owner " + *f.owner + ": no such owner in the config");
    }
    a.owner = *f.owner;
  }
  if (f.departments) a.departments = *f.departments;
  if (f.notes) a.notes = *f.notes;
  return ok_status();
}

void run_account_add(CliContext& ctx, const std::string& name, const AccountFields& f) {
  const Config* config = optional_config(ctx);
  if (ctx.exit_code != kExitOk) return;
  Store* store = ctx.store();
  if (store == nullptr) return;
  Account a;
  a.name = name;
  if (auto s = apply_fields(f, a, config); !s) return ctx.fail(s.error());
  a.id = f.id ? *f.id : import::make_slug(name);
  if (a.id.empty()) return ctx.fail(Error::invalid_input("give an --id for " + name));
  auto added = store->add_account(a);
  if (!added) return ctx.fail(added.error());
  ctx.out << "added account " << added->id << " (" << added->name << ")\n";
}

void run_account_edit(CliContext& ctx, const std::string& id, const AccountFields& f) {
  const Config* config = optional_config(ctx);
  if (ctx.exit_code != kExitOk) return;
  Store* store = ctx.store();
  if (store == nullptr) return;
  auto found = store->get_account(id);
  if (!found) return ctx.fail(found.error());
  Account a = *found;
  if (auto s = apply_fields(f, a, config); !s) return ctx.fail(s.error());
  auto updated = store->update_account(a);
  if (!updated) return ctx.fail(updated.error());
  ctx.out << "updated account " << updated->id << " (" << updated->name << ")\n";
}

void run_account_rm(CliContext& ctx, const std::string& id) {
  Store* store = ctx.store();
  if (store == nullptr) return;
  if (auto s = store->remove_account(id); !s) return ctx.fail(s.error());
  ctx.out << "removed account " << id << "\n";
}

struct AccountListOptions {
  AccountFilter filter;
  OutputFormat format = OutputFormat::kText;
};

void run_account_list(CliContext& ctx, const AccountListOptions& o) {
  Store* store = ctx.store();
  if (store == nullptr) return;
  auto accounts = store->list_accounts(o.filter);
  if (!accounts) return ctx.fail(accounts.error());
  if (o.format == OutputFormat::kJson) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& a : *accounts) out.push_back(account_to_json(a));
    ctx.out << out.dump(2) << "\n";
    return;
  }
  if (o.format == OutputFormat::kCsv)
    write_csv_row(ctx.out, {"id", "name", "tier", "industry", "owner"});
  for (const auto& a : *accounts) {
    if (o.format == OutputFormat::kCsv) {
      write_csv_row(ctx.out, {a.id, a.name, a.tier, a.industry, a.owner});
    } else {
      ctx.out << a.id << "\t" << terminal_safe(a.name) << "\t" << terminal_safe(a.tier) << "\t"
              << a.owner << "\n";
    }
  }
}

void run_account_show(CliContext& ctx, const std::string& id, OutputFormat format) {
  Store* store = ctx.store();
  if (store == nullptr) return;
  auto found = store->get_account(id);
  if (!found) return ctx.fail(found.error());
  ContactFilter filter;
  filter.account = id;
  auto contacts = store->list_contacts(filter);
  if (!contacts) return ctx.fail(contacts.error());
  if (format == OutputFormat::kJson) {
    nlohmann::json out = account_to_json(*found);
    out["contacts"] = nlohmann::json::array();
    for (const auto& c : *contacts) out["contacts"].push_back(c.id);
    ctx.out << out.dump(2) << "\n";
    return;
  }
  const Account& a = *found;
  ctx.out << "id: " << a.id << "\nname: " << terminal_safe(a.name) << "\n";
  if (!a.tier.empty()) ctx.out << "tier: " << a.tier << "\n";
  if (!a.industry.empty()) ctx.out << "industry: " << a.industry << "\n";
  if (!a.owner.empty()) ctx.out << "owner: " << a.owner << "\n";
  for (const auto& d : a.departments) ctx.out << "department: " << d << "\n";
  if (!a.notes.empty()) ctx.out << "notes: " << a.notes << "\n";
  ctx.out << "contacts: " << contacts->size() << "\n";
  for (const auto& c : *contacts) {
    ctx.out << "  " << c.id << "\t" << c.name << (c.department.empty() ? "" : "\t" + c.department)
            << "\n";
  }
}

}  // namespace

void register_account_commands(CLI::App& app, CliContext& ctx) {
  CLI::App* account = app.add_subcommand("account", "Add, edit, remove, list and show accounts");
  account->require_subcommand(1);

  CLI::App* add = account->add_subcommand("add", "Add an account");
  auto add_name = std::make_shared<std::string>();
  auto add_fields = std::make_shared<AccountFields>();
  add->add_option("NAME", *add_name, "Display name")->required();
  add->add_option("--id", add_fields->id, "External id (default: from the name)");
  add_field_options(*add, *add_fields);
  add->callback([&ctx, add_name, add_fields] { run_account_add(ctx, *add_name, *add_fields); });

  CLI::App* edit = account->add_subcommand("edit", "Change an account's fields");
  auto edit_id = std::make_shared<std::string>();
  auto edit_fields = std::make_shared<AccountFields>();
  edit->add_option("ACCOUNT", *edit_id, "Account id")->required();
  edit->add_option("--name", edit_fields->name, "Display name");
  add_field_options(*edit, *edit_fields);
  edit->callback([&ctx, edit_id, edit_fields] { run_account_edit(ctx, *edit_id, *edit_fields); });

  CLI::App* rm = account->add_subcommand("rm", "Remove an account (it must have no contacts)");
  auto rm_id = std::make_shared<std::string>();
  rm->add_option("ACCOUNT", *rm_id, "Account id")->required();
  rm->callback([&ctx, rm_id] { run_account_rm(ctx, *rm_id); });

  CLI::App* list = account->add_subcommand("list", "List accounts");
  auto list_opts = std::make_shared<AccountListOptions>();
  list->add_option("--tier", list_opts->filter.tier, "Only this tier");
  list->add_option("--owner", list_opts->filter.owner, "Only this owner id");
  add_format_option(*list, list_opts->format, {"text", "csv", "json"});
  list->callback([&ctx, list_opts] { run_account_list(ctx, *list_opts); });

  CLI::App* show = account->add_subcommand("show", "Show an account and its contacts");
  auto show_id = std::make_shared<std::string>();
  auto show_format = std::make_shared<OutputFormat>();
  show->add_option("ACCOUNT", *show_id, "Account id")->required();
  add_format_option(*show, *show_format, {"text", "json"});
  show->callback([&ctx, show_id, show_format] { run_account_show(ctx, *show_id, *show_format); });
}

}  // namespace cadence::cli
