// cadencectl forecast | explain | due | upcoming | done | snooze | ack | demo:
// the reminder commands, and the helpers they share (reminder_support.hpp).
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <ostream>

#include "cli/reminder_support.hpp"

namespace cadence::cli {

std::shared_ptr<const RuleSet> compiled_rules(CliContext& ctx) {
  const Config* config = ctx.config();
  if (config == nullptr) return nullptr;
  RuleSetCompileResult compiled = RuleSet::compile(*config);
  for (const ConfigDiagnostic& d : compiled.diagnostics) {
    if (d.severity == ConfigDiagnostic::Severity::kError) ctx.err << d.to_string() << "\n";
  }
  if (!compiled.ok()) {
    ctx.exit_code = kExitUserError;
    return nullptr;
  }
  return compiled.rules;
}

Result<Occurrence> find_reminder(Store& store, const std::string& id_or_key) {
  std::string text = id_or_key;
  if (!text.empty() && text.front() == '#') text.erase(0, 1);
  const bool numeric = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  if (numeric) {
    auto o = store.get_occurrence(std::strtoll(text.c_str(), nullptr, 10));
    if (o || o.error().code() != ErrorCode::kNotFound) return o;
  } else if (auto o = store.get_occurrence_by_key(id_or_key);
             o || o.error().code() != ErrorCode::kNotFound) {
    return o;
  }
  return Error::not_found("no reminder '" + id_or_key +
                          "' (give the id shown by `cadencectl due` or `upcoming`, or its key)");
}

std::string local_rfc3339(const RuleSet& rules, const Occurrence& o, Instant t) {
  const CompiledOwner* owner = rules.find_owner(o.owner);
  const TimeZone& zone = owner != nullptr ? owner->zone : rules.default_owner().zone;
  return format_rfc3339(t, zone.utc_offset(t));
}

nlohmann::json occurrence_json(const RuleSet& rules, const Occurrence& o) {
  nlohmann::json j = {{"id", o.row_id},
                      {"key", o.key},
                      {"rule", o.rule},
                      {"kind", to_string(o.kind)},
                      {"subject", o.subject},
                      {"owner", o.owner},
                      {"due", format_date(o.due)},
                      {"fire_at", local_rfc3339(rules, o, o.fire_at)},
                      {"state", to_string(o.state)},
                      {"title", o.title},
                      {"fire_count", o.fire_count},
                      {"late", o.late},
                      {"escalated", o.escalated}};
  if (o.snoozed_until) j["snoozed_until"] = local_rfc3339(rules, o, *o.snoozed_until);
  if (o.fired_at) j["fired_at"] = local_rfc3339(rules, o, *o.fired_at);
  return j;
}

void print_occurrences(CliContext& ctx, const RuleSet& rules, const std::vector<Occurrence>& list,
                       OutputFormat format) {
  if (format == OutputFormat::kJson) {
    nlohmann::json arr = nlohmann::json::array();
    for (const Occurrence& o : list) arr.push_back(occurrence_json(rules, o));
    ctx.out << arr.dump(2) << "\n";
    return;
  }
  if (list.empty()) {
    ctx.out << "no reminders\n";
    return;
  }
  for (const Occurrence& o : list) {
    const Instant when = o.state == OccurrenceState::kSnoozed && o.snoozed_until ? *o.snoozed_until
                         : o.fired_at && o.state == OccurrenceState::kFired      ? *o.fired_at
                                                                                 : o.fire_at;
    ctx.out << "#" << o.row_id << "  " << local_rfc3339(rules, o, when) << "  "
            << to_string(o.state) << (o.late ? " (late)" : "") << "  " << o.rule << "  " << o.title
            << "\n";
  }
}

void register_reminder_commands(CLI::App& app, CliContext& ctx) {
  register_forecast_command(app, ctx);
  register_explain_command(app, ctx);
  register_due_commands(app, ctx);
  register_reminder_action_commands(app, ctx);
  register_demo_command(app, ctx);
}

}  // namespace cadence::cli
