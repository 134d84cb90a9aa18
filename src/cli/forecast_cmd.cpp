// cadencectl forecast --from DATE --to DATE [--format csv|json]
//
// Every reminder that would fire from the start of --from to the end of --to
// (both days inclusive, in the config's time zone), computed by the same
// engine the daemon runs (plan_all: every planner, then the daily cap) over
// the store's contacts, accounts and touch summaries. Read-only: the store is
// not modified, and the daemon's own state (what already fired, was snoozed or
// done) does not enter — this is what the rules say, on a simulated clock.
//
//   csv header: fire_at,rule,kind,subject,due,title
//   (fire_at RFC 3339 with the owner's UTC offset at that instant)
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <ostream>

#include "cli/output.hpp"
#include "cli/reminder_support.hpp"

namespace cadence::cli {
namespace {

struct ForecastOptions {
  std::string from;
  std::string to;
  OutputFormat format = OutputFormat::kCsv;
};

// The longest range one forecast covers (the planners' work grows with it).
constexpr long long kMaxDays = 3 * 366;

void run_forecast(CliContext& ctx, const ForecastOptions& opt) {
  auto from = parse_date(opt.from);
  if (!from) return ctx.fail(from.error().with_context("--from"));
  auto to = parse_date(opt.to);
  if (!to) return ctx.fail(to.error().with_context("--to"));
  const long long span = (to_sys_days(*to) - to_sys_days(*from)).count();
  if (span < 0)
    return ctx.fail(Error::invalid_input("--to " + opt.to + " is before --from " + opt.from));
  if (span >= kMaxDays) {
    return ctx.fail(Error::invalid_input("the range is too long (" + std::to_string(span + 1) +
                                         " days; at most " + std::to_string(kMaxDays) + ")"));
  }
  auto rules = compiled_rules(ctx);
  if (!rules) return;
  Store* store = ctx.store();
  if (store == nullptr) return;
  auto zone = TimeZone::locate(ctx.config()->timezone);
  if (!zone) return ctx.fail(zone.error());

  Dataset data;
  auto accounts = store->list_accounts({});
  if (!accounts) return ctx.fail(accounts.error());
  data.accounts = std::move(*accounts);
  auto s = store->for_each_contact([&](const Contact& c, const ContactSummary& summary) {
    data.contacts.push_back(c);
    if (summary.interaction_count > 0 || summary.last_any) data.summaries.push_back(summary);
  });
  if (!s) return ctx.fail(s.error());

  const Instant begin = zone->to_instant(*from, TimeOfDay{0});
  const Instant end = zone->to_instant(to_date(to_sys_days(*to) + Days{1}), TimeOfDay{0});
  const std::vector<Occurrence> planned = plan_all(*rules, data, begin, end);

  if (opt.format == OutputFormat::kJson) {
    nlohmann::json arr = nlohmann::json::array();
    for (const Occurrence& o : planned) {
      arr.push_back({{"fire_at", local_rfc3339(*rules, o, o.fire_at)},
                     {"rule", o.rule},
                     {"kind", to_string(o.kind)},
                     {"subject", o.subject},
                     {"due", format_date(o.due)},
                     {"title", o.title},
                     {"owner", o.owner},
                     {"key", o.key}});
    }
    ctx.out << arr.dump(2) << "\n";
    return;
  }
  write_csv_row(ctx.out, {"fire_at", "rule", "kind", "subject", "due", "title"});
  for (const Occurrence& o : planned) {
    write_csv_row(ctx.out, {local_rfc3339(*rules, o, o.fire_at), o.rule, to_string(o.kind),
                            o.subject, format_date(o.due), o.title});
  }
}

}  // namespace

void register_forecast_command(CLI::App& app, CliContext& ctx) {
  auto opt = std::make_shared<ForecastOptions>();
  CLI::App* cmd = app.add_subcommand(
      "forecast",
      "Every reminder that would fire in a date range (the daemon's engine, read-only)");
  cmd->add_option("--from", opt->from, "First day, YYYY-MM-DD")->required();
  cmd->add_option("--to", opt->to, "Last day (inclusive), YYYY-MM-DD")->required();
  add_format_option(*cmd, opt->format, {"csv", "json"});
  cmd->callback([&ctx, opt] { run_forecast(ctx, *opt); });
}

}  // namespace cadence::cli
