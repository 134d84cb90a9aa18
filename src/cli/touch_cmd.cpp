// cadencectl touch CONTACT --kind KIND [--at TIME] [--note TEXT] [--depth DEPTH]
//
// Logs an interaction; its depth comes from the kind in the config (unless
// --depth overrides it). The contact's summary is updated in the same
// transaction, and the change sequence moves so a running daemon reschedules.
#include <CLI/CLI.hpp>

#include <ostream>

#include "cadence/actions.hpp"
#include "cadence/calendar.hpp"
#include "cli/store_cli.hpp"

namespace cadence::cli {
namespace {

struct TouchOptions {
  std::string contact, kind, note;
  std::optional<std::string> at, depth;
};

void run_touch(CliContext& ctx, const TouchOptions& o) {
  const Config* config = ctx.config();
  if (config == nullptr) return;
  actions::TouchRequest request;
  request.contact = o.contact;
  request.lookup = actions::ContactLookup::kIdOrUniqueName;
  request.kind = o.kind;
  request.note = o.note;
  request.source = "cli";
  if (o.depth) {
    auto d = depth_from_name(*o.depth);
    if (!d) {
      return ctx.fail(
          Error::invalid_input("--depth " + *o.depth + ": expected shallow, normal or deep"));
    }
    request.depth = *d;
  }
  if (o.at) {
    auto at = parse_cli_instant(*o.at, config->timezone);
    if (!at) return ctx.fail(at.error());
    request.at = *at;
  }
  Store* store = ctx.store();
  if (store == nullptr) return;
  // No rule set: the running daemon resolves what the touch satisfies when it
  // sees the change.
  auto done = actions::log_touch(*store, *config, nullptr, ctx.clock, request);
  if (!done) {
    const std::string& field = done.error().field();
    return ctx.fail_field(done.error(), field.empty() || field == "contact" ? "" : "--" + field);
  }
  const Interaction& added = done->interaction;
  std::string when = format_rfc3339_utc(added.at);
  if (auto tz = TimeZone::locate(config->timezone)) {
    when = format_rfc3339(added.at, tz->utc_offset(added.at));
  }
  ctx.out << "touched " << done->contact.name << " (" << done->contact.id << "): " << added.kind
          << " (" << depth_name(added.depth) << ") at " << when << "\n";
}

}  // namespace

void register_touch_command(CLI::App& app, CliContext& ctx) {
  CLI::App* touch = app.add_subcommand("touch", "Log an interaction (a touch) with a contact");
  auto o = std::make_shared<TouchOptions>();
  touch->add_option("CONTACT", o->contact, "Contact id or unambiguous name")->required();
  touch->add_option("--kind", o->kind, "Interaction kind from the config (visit, call, ...)")
      ->required();
  touch->add_option("--at", o->at,
                    "When: RFC 3339, or 'YYYY-MM-DD HH:MM' in the config's time zone "
                    "(default: now)");
  touch->add_option("--note", o->note, "A note");
  touch->add_option("--depth", o->depth, "Override the kind's depth: shallow, normal, deep");
  touch->callback([&ctx, o] { run_touch(ctx, *o); });
}

}  // namespace cadence::cli
