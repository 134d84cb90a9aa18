// cadencectl due | upcoming [--days N] [--format text|json]
//
//   due       reminders waiting for the owner: fired and not yet done, snoozed
//             ones whose time has come, and scheduled ones already past their
//             fire time (the daemon sends them at its next wake)
//   upcoming  scheduled and snoozed reminders firing within the next N days
//             (default 7), from the store the daemon keeps (its planning
//             horizon; `forecast` computes further ahead)
#include <CLI/CLI.hpp>

#include <algorithm>

#include "cli/output.hpp"
#include "cli/reminder_support.hpp"

namespace cadence::cli {
namespace {

struct DueOptions {
  int days = 7;
  OutputFormat format = OutputFormat::kText;
};

Instant when_of(const Occurrence& o) {
  if (o.state == OccurrenceState::kSnoozed && o.snoozed_until) return *o.snoozed_until;
  return o.fire_at;
}

void sort_by_time(std::vector<Occurrence>& v) {
  std::sort(v.begin(), v.end(), [](const Occurrence& a, const Occurrence& b) {
    return std::pair(when_of(a), a.row_id) < std::pair(when_of(b), b.row_id);
  });
}

void run_due(CliContext& ctx, const DueOptions& opt) {
  auto rules = compiled_rules(ctx);
  if (!rules) return;
  Store* store = ctx.store();
  if (store == nullptr) return;
  const Instant now = ctx.clock.now();
  std::vector<Occurrence> out;
  auto fired = store->list_occurrences(OccurrenceState::kFired, std::nullopt, std::nullopt, 0);
  if (!fired) return ctx.fail(fired.error());
  out = std::move(*fired);
  auto waiting = store->due_occurrences(now, 0);  // scheduled/snoozed past their time
  if (!waiting) return ctx.fail(waiting.error());
  out.insert(out.end(), waiting->begin(), waiting->end());
  sort_by_time(out);
  print_occurrences(ctx, *rules, out, opt.format);
}

void run_upcoming(CliContext& ctx, const DueOptions& opt) {
  if (opt.days < 1 || opt.days > 366) {
    return ctx.fail(
        Error::invalid_input("--days " + std::to_string(opt.days) + " is out of range (1..366)"));
  }
  auto rules = compiled_rules(ctx);
  if (!rules) return;
  Store* store = ctx.store();
  if (store == nullptr) return;
  const Instant now = ctx.clock.now();
  const Instant until = now + Duration{86400LL * opt.days};
  std::vector<Occurrence> out;
  for (OccurrenceState state : {OccurrenceState::kScheduled, OccurrenceState::kSnoozed}) {
    auto rows = store->list_occurrences(state, std::nullopt, until, 0);
    if (!rows) return ctx.fail(rows.error());
    for (Occurrence& o : *rows) {
      const Instant t = when_of(o);
      if (t >= now && t <= until) out.push_back(std::move(o));
    }
  }
  sort_by_time(out);
  print_occurrences(ctx, *rules, out, opt.format);
}

}  // namespace

void register_due_commands(CLI::App& app, CliContext& ctx) {
  auto due = std::make_shared<DueOptions>();
  CLI::App* due_cmd = app.add_subcommand("due", "Reminders waiting for you (fired, not yet done)");
  add_format_option(*due_cmd, due->format, {"text", "json"});
  due_cmd->callback([&ctx, due] { run_due(ctx, *due); });

  auto up = std::make_shared<DueOptions>();
  CLI::App* up_cmd = app.add_subcommand("upcoming", "Reminders firing in the next days");
  up_cmd->add_option("--days", up->days, "How many days ahead (default 7)");
  add_format_option(*up_cmd, up->format, {"text", "json"});
  up_cmd->callback([&ctx, up] { run_upcoming(ctx, *up); });
}

}  // namespace cadence::cli
