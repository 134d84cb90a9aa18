// cadencectl done REMINDER... | ack REMINDER... | snooze REMINDER --for 3d|--until DATE
//
// They change the store a running daemon uses; the daemon sees the change at
// once (it watches the database with inotify) and re-arms its timer.
//   done    the reminder was acted on: no repeat, no escalation
//   ack     a fired reminder was seen: the same end state as done, but only a
//           reminder that has fired can be acknowledged
//   snooze  fire again later: --for a duration from now, or --until a date
//           (09:00 in the owner's zone, or the rule's `at`) or an RFC 3339 time
// REMINDER is the id from `due`/`upcoming` (or the occurrence key). Every id
// is checked before anything is written: an unknown one is exit 1, nothing changed.
#include <CLI/CLI.hpp>

#include "cli/reminder_support.hpp"

namespace cadence::cli {
namespace {

struct ActionOptions {
  std::vector<std::string> reminders;
  std::string for_duration;
  std::string until;
};

Result<std::vector<Occurrence>> load_all(Store& store, const std::vector<std::string>& ids) {
  std::vector<Occurrence> out;
  for (const std::string& id : ids) {
    auto o = find_reminder(store, id);
    if (!o) return o.error();
    out.push_back(std::move(*o));
  }
  return out;
}

void run_done(CliContext& ctx, const ActionOptions& opt, bool ack) {
  Store* store = ctx.store();
  if (store == nullptr) return;
  auto found = load_all(*store, opt.reminders);
  if (!found) return ctx.fail(found.error());
  const Instant now = ctx.clock.now();
  std::vector<Occurrence> changed;
  for (const Occurrence& o : *found) {
    if (ack && o.state == OccurrenceState::kScheduled) {
      return ctx.fail(Error::conflict("reminder #" + std::to_string(o.row_id) +
                                      " has not fired yet; use `done` to close it in advance"));
    }
    auto done = mark_done(o, now);
    if (!done) return ctx.fail(done.error());
    changed.push_back(std::move(*done));
  }
  auto s = store->transaction([&]() -> Status {
    for (const Occurrence& o : changed) {
      if (auto u = store->update_occurrence(o); !u) return u;
    }
    return ok_status();
  });
  if (!s) return ctx.fail(s.error());
  for (const Occurrence& o : changed) {
    ctx.out << "#" << o.row_id << " " << (ack ? "acknowledged" : "done") << ": " << o.title << "\n";
  }
}

void run_snooze(CliContext& ctx, const ActionOptions& opt) {
  if (opt.for_duration.empty() == opt.until.empty()) {
    ctx.err << "cadencectl: snooze needs exactly one of --for DURATION or --until DATE\n";
    ctx.exit_code = kExitUsage;
    return;
  }
  auto rules = compiled_rules(ctx);
  if (!rules) return;
  Store* store = ctx.store();
  if (store == nullptr) return;
  auto found = find_reminder(*store, opt.reminders.front());
  if (!found) return ctx.fail(found.error());
  const Instant now = ctx.clock.now();
  Instant until{};
  if (!opt.for_duration.empty()) {
    auto d = parse_duration(opt.for_duration);
    if (!d) return ctx.fail(d.error().with_context("--for"));
    if (d->count() <= 0) return ctx.fail(Error::invalid_input("--for must be longer than 0"));
    until = now + *d;
  } else if (auto t = parse_rfc3339(opt.until)) {
    until = *t;
  } else {
    auto day = parse_date(opt.until);
    if (!day) {
      return ctx.fail(Error::invalid_input("--until " + opt.until +
                                           ": expected YYYY-MM-DD or an RFC 3339 time"));
    }
    const CompiledOwner* owner = rules->find_owner(found->owner);
    const CompiledRule* rule = rules->find_rule(found->rule);
    until = (owner != nullptr ? *owner : rules->default_owner())
                .zone.to_instant(*day, rule != nullptr ? rule->at : TimeOfDay{9 * 60});
  }
  auto snoozed = snooze(*rules, *found, until, now);
  if (!snoozed) return ctx.fail(snoozed.error());
  if (auto s = store->update_occurrence(*snoozed); !s) return ctx.fail(s.error());
  ctx.out << "#" << snoozed->row_id << " snoozed until "
          << local_rfc3339(*rules, *snoozed, *snoozed->snoozed_until) << ": " << snoozed->title
          << "\n";
}

}  // namespace

void register_reminder_action_commands(CLI::App& app, CliContext& ctx) {
  auto done = std::make_shared<ActionOptions>();
  CLI::App* done_cmd = app.add_subcommand("done", "Mark reminders done (no repeat, no escalation)");
  done_cmd->add_option("REMINDER", done->reminders, "Reminder ids or keys")->required();
  done_cmd->callback([&ctx, done] { run_done(ctx, *done, false); });

  auto ack = std::make_shared<ActionOptions>();
  CLI::App* ack_cmd = app.add_subcommand("ack", "Acknowledge fired reminders");
  ack_cmd->add_option("REMINDER", ack->reminders, "Reminder ids or keys")->required();
  ack_cmd->callback([&ctx, ack] { run_done(ctx, *ack, true); });

  auto sn = std::make_shared<ActionOptions>();
  CLI::App* sn_cmd = app.add_subcommand("snooze", "Fire a reminder again later");
  sn_cmd->add_option("REMINDER", sn->reminders, "Reminder id or key")->required()->expected(1);
  sn_cmd->add_option("--for", sn->for_duration, "How long, e.g. 3d, 2h");
  sn_cmd->add_option("--until", sn->until, "YYYY-MM-DD or an RFC 3339 time");
  sn_cmd->callback([&ctx, sn] { run_snooze(ctx, *sn); });
}

}  // namespace cadence::cli
