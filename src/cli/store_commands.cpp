// Registers the store commands (contact, account, touch, interactions, export,
// import) and holds the formatting they share.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <functional>

#include "cadence/calendar.hpp"
#include "cli/store_cli.hpp"
#include "import/fields.hpp"

namespace cadence::cli {

void register_store_commands(CLI::App& app, CliContext& ctx) {
  register_contact_commands(app, ctx);
  register_account_commands(app, ctx);
  register_touch_command(app, ctx);
  register_interactions_command(app, ctx);
  register_export_command(app, ctx);
  register_import_command(app, ctx);
}

namespace {

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

nlohmann::json optional_instant(const std::optional<Instant>& t) {
  return t ? nlohmann::json(format_rfc3339_utc(*t)) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json contact_to_json(const Contact& c) {
  nlohmann::json dates = nlohmann::json::object();
  for (const auto& d : c.dates) dates[d.name] = format_date(d.date);
  return {
      {"id", c.id},
      {"name", c.name},
      {"account", c.account},
      {"department", c.department},
      {"title", c.title},
      {"tags", c.tags},
      {"tier", c.tier},
      {"owner", c.owner},
      {"timezone", c.timezone},
      {"birthday", c.birthday ? nlohmann::json(import::format_birthday(*c.birthday)) : nullptr},
      {"lunar_birthday", c.lunar_birthday
                             ? nlohmann::json(import::format_lunar_birthday(*c.lunar_birthday))
                             : nullptr},
      {"dates", dates},
      {"emails", c.emails},
      {"phones", c.phones},
      {"notes", c.notes},
      {"archived", c.archived},
      {"created_at", format_rfc3339_utc(c.created_at)},
      {"updated_at", format_rfc3339_utc(c.updated_at)},
  };
}

nlohmann::json account_to_json(const Account& a) {
  return {{"id", a.id},
          {"name", a.name},
          {"tier", a.tier},
          {"industry", a.industry},
          {"owner", a.owner},
          {"departments", a.departments},
          {"notes", a.notes},
          {"created_at", format_rfc3339_utc(a.created_at)},
          {"updated_at", format_rfc3339_utc(a.updated_at)}};
}

nlohmann::json interaction_to_json(const Interaction& i) {
  return {{"contact", i.contact},           {"kind", i.kind}, {"depth", depth_name(i.depth)},
          {"at", format_rfc3339_utc(i.at)}, {"note", i.note}, {"source", i.source}};
}

nlohmann::json summary_to_json(const ContactSummary& s) {
  nlohmann::json by_kind = nlohmann::json::object();
  for (const auto& [kind, t] : s.last_by_kind) by_kind[kind] = format_rfc3339_utc(t);
  return {{"last_any", optional_instant(s.last_any)},
          {"last_normal_or_deeper", optional_instant(s.last_normal_or_deeper)},
          {"last_deep", optional_instant(s.last_deep)},
          {"last_by_kind", by_kind},
          {"interaction_count", s.interaction_count}};
}

const std::vector<std::string>& contact_csv_header() {
  static const std::vector<std::string> kHeader = {
      "id",    "name",   "account", "company",  "department", "title",
      "tags",  "tier",   "owner",   "timezone", "birthday",   "lunar_birthday",
      "dates", "emails", "phones",  "notes",    "archived"};
  return kHeader;
}

std::vector<std::string> contact_csv_row(const Contact& c, const std::string& company) {
  return {c.id,
          c.name,
          c.account,
          company,
          c.department,
          c.title,
          join(c.tags, "; "),
          c.tier,
          c.owner,
          c.timezone,
          c.birthday ? import::format_birthday(*c.birthday) : "",
          c.lunar_birthday ? import::format_lunar_birthday(*c.lunar_birthday) : "",
          import::format_dates(c.dates),
          join(c.emails, "; "),
          join(c.phones, "; "),
          c.notes,
          c.archived ? "1" : "0"};
}

const Config* optional_config(CliContext& ctx) {
  std::error_code ec;
  if (!std::filesystem::exists(ctx.config_path, ec)) return nullptr;
  return ctx.config();
}

std::vector<std::string> known_tiers(const Config* config) {
  std::vector<std::string> tiers;
  if (config == nullptr) return tiers;
  std::function<void(const Selector&)> collect = [&](const Selector& s) {
    for (const auto* list : {&s.tiers, &s.account_tiers}) {
      for (const auto& t : *list) {
        if (std::find(tiers.begin(), tiers.end(), t) == tiers.end()) tiers.push_back(t);
      }
    }
    for (const auto* subs : {&s.any, &s.all, &s.none}) {
      for (const auto& sub : *subs) collect(sub);
    }
  };
  for (const auto& rule : config->rules) collect(rule.match);
  std::sort(tiers.begin(), tiers.end());
  return tiers;
}

Result<Instant> parse_cli_instant(const std::string& text, const std::string& zone) {
  if (auto t = parse_rfc3339(text)) return *t;
  // "YYYY-MM-DD HH:MM" (or with 'T') in the config's time zone.
  if (text.size() == 16 && (text[10] == ' ' || text[10] == 'T')) {
    auto date = parse_date(text.substr(0, 10));
    auto time = parse_time_of_day(text.substr(11));
    if (date && time) {
      auto tz = TimeZone::locate(zone);
      if (!tz) return tz.error();
      return tz->to_instant(*date, *time);
    }
    if (!date) return date.error();
  }
  return Error::invalid_input(
      "--at " + text +
      ": expected RFC 3339 (2026-11-27T10:00:00+08:00) or 'YYYY-MM-DD HH:MM' "
      "in the config's time zone (" +
      zone + ")");
}

}  // namespace cadence::cli
