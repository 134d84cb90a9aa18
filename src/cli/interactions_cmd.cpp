// cadencectl interactions [CONTACT] [--since DATE] [--limit N] [--format text|csv|json]
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <ostream>

#include "cli/output.hpp"
#include "cli/store_cli.hpp"

namespace cadence::cli {
namespace {

struct InteractionsOptions {
  std::string contact;
  std::optional<std::string> since;
  int limit = 50;
  OutputFormat format = OutputFormat::kText;
};

void run_interactions(CliContext& ctx, const InteractionsOptions& o) {
  Store* store = ctx.store();
  if (store == nullptr) return;
  std::optional<std::string> contact;
  if (!o.contact.empty()) {
    auto found = store->find_contact(o.contact);
    if (!found) return ctx.fail(found.error());
    contact = found->id;
  }
  std::optional<Instant> since;
  if (o.since) {
    auto d = parse_date(*o.since);
    if (!d) return ctx.fail(d.error().with_context("--since"));
    since = Instant{to_sys_days(*d)};
  }
  auto list = store->list_interactions(contact, since, o.limit);
  if (!list) return ctx.fail(list.error());
  if (o.format == OutputFormat::kJson) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& i : *list) out.push_back(interaction_to_json(i));
    ctx.out << out.dump(2) << "\n";
    return;
  }
  if (o.format == OutputFormat::kCsv)
    write_csv_row(ctx.out, {"at", "contact", "kind", "depth", "note"});
  for (const auto& i : *list) {
    if (o.format == OutputFormat::kCsv) {
      write_csv_row(ctx.out,
                    {format_rfc3339_utc(i.at), i.contact, i.kind, depth_name(i.depth), i.note});
    } else {
      ctx.out << format_rfc3339_utc(i.at) << "\t" << i.contact << "\t" << terminal_safe(i.kind)
              << "\t" << depth_name(i.depth) << (i.note.empty() ? "" : "\t" + terminal_safe(i.note))
              << "\n";
    }
  }
}

}  // namespace

void register_interactions_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("interactions", "List logged touches, newest first");
  auto o = std::make_shared<InteractionsOptions>();
  cmd->add_option("CONTACT", o->contact, "Only this contact (id or unambiguous name)");
  cmd->add_option("--since", o->since, "Only touches on or after this date (YYYY-MM-DD, UTC)");
  cmd->add_option("--limit", o->limit, "At most N rows (0 = all)")->default_val(50);
  add_format_option(*cmd, o->format, {"text", "csv", "json"});
  cmd->callback([&ctx, o] { run_interactions(ctx, *o); });
}

}  // namespace cadence::cli
