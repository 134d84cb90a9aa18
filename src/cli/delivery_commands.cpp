// cadencectl send-test CHANNEL, cadencectl outbox [list|retry ID|retry --all-dead].
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <memory>
#include <ostream>

#include "cadence/channel.hpp"
#include "cadence/delivery.hpp"
#include "cli/cli.hpp"
#include "cli/output.hpp"

namespace cadence::cli {
namespace {

struct SendTestArgs {
  std::string channel;
  std::string locale;
};

struct OutboxArgs {
  std::string state;  // "", queued, sent, dead
  int limit = 100;
  OutputFormat format = OutputFormat::kText;
  RowId retry_id = 0;
  bool all_dead = false;
};

// A sample reminder: a cadence nudge with full context, as the engine writes it.
Occurrence sample_occurrence(Instant now) {
  Occurrence o;
  o.key = "send-test|" + format_rfc3339_utc(now);
  o.rule = "send-test";
  o.kind = ReminderKind::kCadence;
  o.subject = "contact:li-wei";
  o.due = to_date(std::chrono::floor<std::chrono::days>(now));
  o.fire_at = now;
  o.fired_at = now;
  o.title = "Call 李伟 (Acme)";
  o.details_json = nlohmann::json{{"contact", "li-wei"},
                                  {"contact_name", "李伟 Li Wei"},
                                  {"account_name", "Acme 阿克米"},
                                  {"department", "Purchasing 采购部"},
                                  {"title", "Director 总监"},
                                  {"last_touch_days_ago", 23},
                                  {"target_days", 14},
                                  {"years_known", 6},
                                  {"reason", "cadence send-test: this is a sample reminder."}}
                       .dump();
  return o;
}

void send_test(CliContext& ctx, const SendTestArgs& args) {
  const Config* config = ctx.config();
  if (config == nullptr) return;
  const ChannelConfig* found = nullptr;
  for (const auto& c : config->channels) {
    if (c.id == args.channel) found = &c;
  }
  if (found == nullptr) {
    ctx.fail(Error::not_found("no channel '" + args.channel + "' in " + config->source_file));
    return;
  }
  auto spec = parse_channel(*found);
  if (!spec) {
    ctx.fail(Error(spec.error().code(), config->scrubbed(spec.error().message())));
    return;
  }
  // The locale and address of the first owner who uses this channel.
  const OwnerConfig* owner = nullptr;
  for (const auto& o : config->owners) {
    for (const auto& c : o.channels) {
      if (c == args.channel && owner == nullptr) owner = &o;
    }
  }
  Locale locale = owner != nullptr && owner->locale ? *owner->locale : config->locale;
  if (args.locale == "en") locale = Locale::kEn;
  if (args.locale == "zh-CN") locale = Locale::kZhCN;
  const Instant now = ctx.clock.now();
  Occurrence occ = sample_occurrence(now);
  auto message = render_message(occ, *spec, locale);
  if (!message) {
    ctx.fail(message.error());
    return;
  }
  message->idempotency_key = idempotency_key_for(occ.key, spec->id);
  if (owner != nullptr) {
    message->to_address = owner->email;
    message->to_name = owner->name.empty() ? owner->id : owner->name;
  }
  TransportOptions options;
  options.console = &ctx.out;
  auto transport = make_transport(options);
  SendResult result = transport->send(*spec, *message, now);
  ctx.out << "channel: " << spec->id << " (" << to_string(spec->kind) << ")\n"
          << "result: " << to_string(result.outcome) << "\n";
  if (result.status != 0) ctx.out << "status: " << result.status << "\n";
  ctx.out << "answer: " << result.detail << "\n";
  if (result.retry_after) {
    ctx.out << "retry_after_ms: " << result.retry_after->count() << "\n";
  }
  if (result.outcome != Outcome::kDelivered) ctx.exit_code = kExitRuntime;
}

nlohmann::json delivery_json(const Delivery& d) {
  return {{"id", d.row_id},
          {"occurrence", d.occurrence},
          {"channel", d.channel},
          {"state", to_string(d.state)},
          {"attempts", d.attempts},
          {"next_attempt_at", format_rfc3339_utc(d.next_attempt_at)},
          {"created_at", format_rfc3339_utc(d.created_at)},
          {"sent_at", d.sent_at ? nlohmann::json(format_rfc3339_utc(*d.sent_at)) : nullptr},
          {"idempotency_key", d.idempotency_key},
          {"last_error", d.last_error}};
}

std::optional<DeliveryState> state_from(const std::string& s) {
  if (s == "queued") return DeliveryState::kQueued;
  if (s == "sent") return DeliveryState::kSent;
  if (s == "dead") return DeliveryState::kDead;
  return std::nullopt;
}

void outbox_list(CliContext& ctx, const OutboxArgs& args) {
  Store* store = ctx.store();
  if (store == nullptr) return;
  auto rows = store->list_deliveries(args.state.empty() ? std::nullopt : state_from(args.state),
                                     args.limit);
  if (!rows) {
    ctx.fail(rows.error());
    return;
  }
  if (args.format == OutputFormat::kJson) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& d : *rows) out.push_back(delivery_json(d));
    ctx.out << out.dump(2) << "\n";
    return;
  }
  write_csv_row(ctx.out, {"id", "state", "channel", "attempts", "next_attempt_at", "last_error"});
  for (const auto& d : *rows) {
    write_csv_row(
        ctx.out, {std::to_string(d.row_id), to_string(d.state), d.channel,
                  std::to_string(d.attempts), format_rfc3339_utc(d.next_attempt_at), d.last_error});
  }
}

// Re-queues for now as if new: attempts reset and a fresh age window
// (created_at = now), so the outbox retries it for RetryPolicy::max_age again
// instead of giving up after min_attempts quick attempts.
Status requeue(Store& store, Delivery d, Instant now) {
  d.state = DeliveryState::kQueued;
  d.next_attempt_at = now;
  d.attempts = 0;
  d.created_at = now;
  d.sent_at.reset();
  return store.update_delivery(d);
}

void outbox_retry(CliContext& ctx, const OutboxArgs& args) {
  if ((args.retry_id == 0) == !args.all_dead) {
    ctx.fail(Error::usage("outbox retry: give a delivery ID or --all-dead"));
    return;
  }
  Store* store = ctx.store();
  if (store == nullptr) return;
  const Instant now = ctx.clock.now();
  auto rows = store->list_deliveries(
      args.all_dead ? std::optional(DeliveryState::kDead) : std::nullopt, 1'000'000);
  if (!rows) {
    ctx.fail(rows.error());
    return;
  }
  int count = 0;
  for (const auto& d : *rows) {
    if (!args.all_dead && d.row_id != args.retry_id) continue;
    if (d.state == DeliveryState::kSent) {
      ctx.fail(Error::conflict("delivery " + std::to_string(d.row_id) + " was sent already"));
      return;
    }
    if (auto st = requeue(*store, d, now); !st) {
      ctx.fail(st.error());
      return;
    }
    ++count;
  }
  if (!args.all_dead && count == 0) {
    ctx.fail(Error::not_found("no delivery " + std::to_string(args.retry_id)));
    return;
  }
  ctx.out << "re-queued " << count << (count == 1 ? " delivery" : " deliveries") << "\n";
}

}  // namespace

void register_delivery_commands(CLI::App& app, CliContext& ctx) {
  auto send_args = std::make_shared<SendTestArgs>();
  CLI::App* send = app.add_subcommand(
      "send-test", "Send a sample reminder through a channel and print the service's answer");
  send->add_option("CHANNEL", send_args->channel, "Channel id from the config")->required();
  send->add_option("--locale", send_args->locale, "zh-CN or en (default: the owner's)")
      ->check(CLI::IsMember({"zh-CN", "en"}));
  send->callback([&ctx, send_args] { send_test(ctx, *send_args); });

  auto args = std::make_shared<OutboxArgs>();
  CLI::App* outbox = app.add_subcommand("outbox", "List or re-queue deliveries (the outbox)");
  outbox->require_subcommand(0, 1);
  CLI::App* list = outbox->add_subcommand("list", "List deliveries (the default)");
  for (CLI::App* cmd : {outbox, list}) {
    cmd->add_option("--state", args->state, "queued, sent or dead (default: all)")
        ->check(CLI::IsMember({"queued", "sent", "dead"}));
    cmd->add_option("--limit", args->limit, "At most this many rows (default: 100)");
    add_format_option(*cmd, args->format, {"text", "json"});
  }
  list->callback([&ctx, args] { outbox_list(ctx, *args); });
  CLI::App* retry = outbox->add_subcommand("retry", "Re-queue a dead (or queued) delivery");
  retry->add_option("ID", args->retry_id, "Delivery id (see `cadencectl outbox`)");
  retry->add_flag("--all-dead", args->all_dead, "Re-queue every dead delivery");
  retry->callback([&ctx, args] { outbox_retry(ctx, *args); });
  outbox->callback([&ctx, args, outbox] {
    if (outbox->get_subcommands().empty()) outbox_list(ctx, *args);
  });
}

}  // namespace cadence::cli
