// cadencectl explain CONTACT|REMINDER [--format text|json]
//
//   CONTACT   which rules apply to the contact and why (or why not), the last
//             counted touch, target and limit, and when each fires next
//             (engine explain_contact at the current time)
//   REMINDER  a reminder's state and history: when it fired (late?), why it
//             did not (expired beyond catch_up, resolved by a touch, done,
//             snoozed until ...)
// A number (or #number) or an occurrence key is a reminder; anything else is a
// contact id or name.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/output.hpp"
#include "cli/reminder_support.hpp"

namespace cadence::cli {
namespace {

struct ExplainOptions {
  std::string subject;
  OutputFormat format = OutputFormat::kText;
};

std::string state_story(const RuleSet& rules, const Occurrence& o) {
  const CompiledRule* rule = rules.find_rule(o.rule);
  const std::string catch_up = rule != nullptr ? format_duration(rule->catch_up) : "1d";
  switch (o.state) {
    case OccurrenceState::kScheduled:
      return "scheduled: fires at " + local_rfc3339(rules, o, o.fire_at);
    case OccurrenceState::kFired:
      return "fired " + std::to_string(o.fire_count) + " time(s), last at " +
             (o.fired_at ? local_rfc3339(rules, o, *o.fired_at) : std::string("?")) +
             (o.late ? " (late: sent by catch-up after the daemon was down or asleep)" : "") +
             (o.fired_at && o.fire_at > *o.fired_at
                  ? "; next repeat/escalation at " + local_rfc3339(rules, o, o.fire_at)
                  : "");
    case OccurrenceState::kSnoozed:
      return "snoozed until " + local_rfc3339(rules, o, o.snoozed_until.value_or(o.fire_at));
    case OccurrenceState::kDone:
      return "done: marked done (or acknowledged); nothing more is sent";
    case OccurrenceState::kResolved:
      return "resolved: not sent because a logged touch satisfied it (or the rule stopped "
             "applying to the contact)";
    case OccurrenceState::kExpired:
      return "expired: not sent; it fell due while cadence was not running and was missed by "
             "more than the rule's catch_up (" +
             catch_up + ")";
  }
  return to_string(o.state);
}

void explain_reminder(CliContext& ctx, const RuleSet& rules, const Occurrence& o,
                      OutputFormat format) {
  if (format == OutputFormat::kJson) {
    nlohmann::json j = occurrence_json(rules, o);
    j["explanation"] = state_story(rules, o);
    j["details"] =
        nlohmann::json::parse(o.details_json.empty() ? "{}" : o.details_json, nullptr, false);
    ctx.out << j.dump(2) << "\n";
    return;
  }
  ctx.out << "reminder #" << o.row_id << "  " << o.key << "\n"
          << "  " << o.title << "\n"
          << "  rule " << o.rule << " (" << to_string(o.kind) << "), subject " << o.subject
          << ", owner " << (o.owner.empty() ? "(default)" : o.owner) << "\n"
          << "  due " << format_date(o.due) << ", planned for "
          << local_rfc3339(rules, o, o.fire_at) << "\n"
          << "  " << state_story(rules, o) << "\n";
  if (!o.details_json.empty() && o.details_json != "{}") {
    auto details = nlohmann::json::parse(o.details_json, nullptr, false);
    if (details.is_object()) {
      for (const char* k : {"why", "reason"}) {
        if (auto it = details.find(k); it != details.end() && it->is_string()) {
          ctx.out << "  why: " << it->get<std::string>() << "\n";
          break;
        }
      }
    }
  }
}

void explain_contact_cmd(CliContext& ctx, const RuleSet& rules, Store& store,
                         const std::string& who, OutputFormat format) {
  auto contact = store.find_contact(who);
  if (!contact) return ctx.fail(contact.error());
  std::optional<Account> account;
  if (!contact->account.empty()) {
    if (auto a = store.get_account(contact->account)) account = std::move(*a);
  }
  auto summary = store.get_summary(contact->id);
  const bool touched = summary && (summary->interaction_count > 0 || summary->last_any);
  const ContactRecord record{&*contact, account ? &*account : nullptr,
                             touched ? &*summary : nullptr};
  const ContactExplanation e = explain_contact(rules, record, ctx.clock.now());
  const auto when = [&](Instant t) {
    Occurrence o;
    o.owner = e.owner;
    return local_rfc3339(rules, o, t);
  };
  if (format == OutputFormat::kJson) {
    nlohmann::json arr = nlohmann::json::array();
    for (const RuleExplanation& r : e.rules) {
      nlohmann::json j = {{"rule", r.rule},
                          {"kind", to_string(r.kind)},
                          {"applies", r.applies},
                          {"reason", r.reason}};
      if (r.last_counted_touch) j["last_counted_touch"] = when(*r.last_counted_touch);
      if (r.target) j["target"] = format_duration(*r.target);
      if (r.limit) j["limit"] = format_duration(*r.limit);
      if (r.next) {
        j["next"] = {{"fire_at", when(r.next->fire_at)},
                     {"due", format_date(r.next->due)},
                     {"title", r.next->title}};
      }
      arr.push_back(std::move(j));
    }
    ctx.out << nlohmann::json{{"contact", e.contact}, {"owner", e.owner}, {"rules", arr}}.dump(2)
            << "\n";
    return;
  }
  ctx.out << contact->name << " (" << contact->id << "), owner "
          << (e.owner.empty() ? "(default)" : e.owner) << "\n";
  for (const RuleExplanation& r : e.rules) {
    ctx.out << (r.applies ? "  + " : "  - ") << r.rule << " (" << to_string(r.kind)
            << "): " << r.reason << "\n";
    if (!r.applies) continue;
    if (r.target) {
      ctx.out << "      every " << format_duration(*r.target)
              << (r.limit ? ", at most " + format_duration(*r.limit) : "")
              << "; last counted touch "
              << (r.last_counted_touch
                      ? when(*r.last_counted_touch)
                      : std::string("none (counts from when the contact was added)"))
              << "\n";
    }
    if (r.next) {
      ctx.out << "      next: " << when(r.next->fire_at) << "  " << r.next->title << "\n";
    } else {
      ctx.out << "      next: nothing planned\n";
    }
  }
}

void run_explain(CliContext& ctx, const ExplainOptions& opt) {
  auto rules = compiled_rules(ctx);
  if (!rules) return;
  Store* store = ctx.store();
  if (store == nullptr) return;
  const std::string& s = opt.subject;
  const bool reminder_like =
      s.find('|') != std::string::npos ||
      (!s.empty() && s.find_first_not_of("#0123456789") == std::string::npos);
  if (reminder_like) {
    auto o = find_reminder(*store, s);
    if (o) return explain_reminder(ctx, *rules, *o, opt.format);
    if (s.find('|') != std::string::npos) return ctx.fail(o.error());
  }
  explain_contact_cmd(ctx, *rules, *store, s, opt.format);
}

}  // namespace

void register_explain_command(CLI::App& app, CliContext& ctx) {
  auto opt = std::make_shared<ExplainOptions>();
  CLI::App* cmd = app.add_subcommand(
      "explain", "Why a contact gets which reminders, or what happened to a reminder");
  cmd->add_option("SUBJECT", opt->subject, "Contact id/name, or reminder id/key")->required();
  add_format_option(*cmd, opt->format, {"text", "json"});
  cmd->callback([&ctx, opt] { run_explain(ctx, *opt); });
}

}  // namespace cadence::cli
