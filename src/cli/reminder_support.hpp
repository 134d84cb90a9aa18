// Shared pieces of the reminder commands (forecast, explain, due, upcoming,
// done, snooze, ack, demo): compiled rules from the config, reminder lookup,
// occurrence rows in text/CSV/JSON.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <string>
#include <vector>

#include "cadence/engine.hpp"
#include "cli/cli.hpp"

namespace cadence::cli {

// Compiles the config's rules; prints error diagnostics (FILE:LINE:COL) and
// sets exit 1 on failure (nullptr).
std::shared_ptr<const RuleSet> compiled_rules(CliContext& ctx);

// A reminder by row id ("42", "#42") or key; kNotFound names what was given.
Result<Occurrence> find_reminder(Store& store, const std::string& id_or_key);

// fire_at in the owner's zone, RFC 3339 with offset.
std::string local_rfc3339(const RuleSet& rules, const Occurrence& o, Instant t);

// One reminder as a JSON object (id, key, rule, kind, subject, owner, due,
// fire_at, state, ...).
nlohmann::json occurrence_json(const RuleSet& rules, const Occurrence& o);

// Prints a listing: text (one line per reminder) or JSON (an array).
void print_occurrences(CliContext& ctx, const RuleSet& rules, const std::vector<Occurrence>& list,
                       OutputFormat format);

// The commands, one file each.
void register_forecast_command(CLI::App& app, CliContext& ctx);          // forecast_cmd.cpp
void register_explain_command(CLI::App& app, CliContext& ctx);           // explain_cmd.cpp
void register_due_commands(CLI::App& app, CliContext& ctx);              // due_cmd.cpp
void register_reminder_action_commands(CLI::App& app, CliContext& ctx);  // reminder_action_cmd.cpp
void register_demo_command(CLI::App& app, CliContext& ctx);              // demo_cmd.cpp

}  // namespace cadence::cli
