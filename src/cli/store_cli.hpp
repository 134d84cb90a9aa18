// Shared pieces of the store commands (contact, account, touch, interactions,
// export, import): registration functions and record formatting.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

#include "cadence/model.hpp"
#include "cli/cli.hpp"

namespace cadence::cli {

void register_contact_commands(CLI::App& app, CliContext& ctx);      // contact_cmd.cpp
void register_account_commands(CLI::App& app, CliContext& ctx);      // account_cmd.cpp
void register_touch_command(CLI::App& app, CliContext& ctx);         // touch_cmd.cpp
void register_interactions_command(CLI::App& app, CliContext& ctx);  // interactions_cmd.cpp
void register_export_command(CLI::App& app, CliContext& ctx);        // export_cmd.cpp
void register_import_command(CLI::App& app, CliContext& ctx);        // import_cmd.cpp

// JSON objects for records (field names match the CSV export header).
nlohmann::json contact_to_json(const Contact& c);
nlohmann::json account_to_json(const Account& a);
nlohmann::json interaction_to_json(const Interaction& i);
nlohmann::json summary_to_json(const ContactSummary& s);

// The export/import CSV header and one contact's row in it.
const std::vector<std::string>& contact_csv_header();
std::vector<std::string> contact_csv_row(const Contact& c, const std::string& company);

// The config when its file exists and loads; nullptr (silently) when the file
// does not exist; nullptr with diagnostics printed (exit_code set) when broken.
const Config* optional_config(CliContext& ctx);

// Tiers the config's rules select on (match.tier / match_account.tier), for
// validating contact and account tiers; empty = tiers are free-form.
std::vector<std::string> known_tiers(const Config* config);

// An instant for --at: RFC 3339, or "YYYY-MM-DD HH:MM" local in `zone`.
Result<Instant> parse_cli_instant(const std::string& text, const std::string& zone);

}  // namespace cadence::cli
