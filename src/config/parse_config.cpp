// parse_config(): the document, the top-level keys and the defaults that need
// the whole file.
#include <fmt/format.h>

#include <exception>

#include "cadence/config.hpp"
#include "config/reader.hpp"
#include "config/sections.hpp"
#include "config/utf8.hpp"

namespace cadence {
namespace {

using config_internal::Field;
using config_internal::Fields;
using config_internal::ParseState;
using config_internal::Reader;

ConfigLoadResult single_error(const std::string& file, int line, int column, std::string message) {
  ConfigLoadResult result;
  result.diagnostics.push_back(ConfigDiagnostic{
      ConfigDiagnostic::Severity::kError, SourceLocation{file, line, column}, std::move(message)});
  return result;
}

std::string directory_of(const std::string& file_name) {
  const auto slash = file_name.rfind('/');
  if (slash == std::string::npos) return "";
  if (slash == 0) return "/";
  return file_name.substr(0, slash);
}

bool blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

void parse_birthdays(ParseState& state, const Field& field) {
  Fields f(state.reader, field.value, field.key_node.Mark(), "birthdays", {"feb29"});
  if (const Field* feb29 = f.get("feb29")) {
    auto v = state.reader.text(*feb29);
    if (v && *v == "feb28") {
      state.config.feb29 = Feb29Policy::kFeb28;
    } else if (v && *v == "mar1") {
      state.config.feb29 = Feb29Policy::kMar1;
    } else if (v) {
      state.reader.error(feb29->value_mark(),
                         fmt::format("feb29: expected feb28 or mar1, got '{}'", *v));
    }
  }
}

void parse_top_level(ParseState& state, const YAML::Node& root) {
  Reader& r = state.reader;
  Config& cfg = state.config;
  Fields top(r, root, root.Mark(), "the top level",
             {"timezone", "locale", "database", "birthdays", "owners", "channels", "holidays",
              "kinds", "rules", "http"});
  if (!top.ok()) return;
  for (const Field& f : top.entries()) {
    if (f.key == "timezone") {
      if (auto tz = config_internal::time_zone(r, f)) cfg.timezone = *tz;
    } else if (f.key == "locale") {
      if (auto l = config_internal::locale(r, f)) cfg.locale = *l;
    } else if (f.key == "database") {
      if (auto db = r.text(f)) {
        if (db->empty()) {
          r.error(f.value_mark(), "database: the path is empty");
        } else if (db->front() != '/' && !r.base_dir().empty()) {
          // Relative to the config file, so a config and its database can travel together.
          cfg.database = r.base_dir() + "/" + *db;
        } else {
          cfg.database = *db;
        }
      }
    } else if (f.key == "birthdays") {
      parse_birthdays(state, f);
    } else if (f.key == "owners") {
      config_internal::parse_owners(state, f);
    } else if (f.key == "channels") {
      config_internal::parse_channels(state, f);
    } else if (f.key == "holidays") {
      config_internal::parse_holidays(state, f);
    } else if (f.key == "kinds") {
      config_internal::parse_kinds(state, f);
    } else if (f.key == "rules") {
      config_internal::parse_rules(state, f);
    } else if (f.key == "http") {
      config_internal::parse_http(state, f);
    }
  }
}

// Owners inherit the top-level zone and locale; kinds default to DESIGN.md's table.
void apply_defaults(ParseState& state) {
  Config& cfg = state.config;
  if (!state.kinds_given) cfg.kinds = config_internal::default_kinds();
  for (OwnerConfig& owner : cfg.owners) {
    if (owner.timezone.empty()) owner.timezone = cfg.timezone;
    if (!owner.locale) owner.locale = cfg.locale;
    if (owner.name.empty()) owner.name = owner.id;
  }
}

}  // namespace

ConfigLoadResult parse_config(std::string_view text, const std::string& file_name,
                              const SubstitutionSource& subst) {
  if (blank(text)) return single_error(file_name, 0, 0, "the file is empty");
  if (auto bad = config_internal::find_invalid_utf8(text)) {
    return single_error(file_name, bad->line, bad->column,
                        fmt::format("invalid UTF-8 (byte 0x{:02X}); the file must be UTF-8 text",
                                    static_cast<unsigned char>(text[bad->offset])));
  }
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& e) {
    if (e.mark.is_null()) return single_error(file_name, 0, 0, "YAML syntax error: " + e.msg);
    return single_error(file_name, e.mark.line + 1, e.mark.column + 1,
                        "YAML syntax error: " + e.msg);
  } catch (const std::exception& e) {
    return single_error(file_name, 0, 0, std::string("cannot parse YAML: ") + e.what());
  }
  if (documents.empty() || documents.front().IsNull()) {
    return single_error(file_name, 0, 0, "the file has no settings (only comments or blank lines)");
  }
  if (documents.size() > 1) {
    const YAML::Mark m = documents[1].Mark();
    return single_error(file_name, m.is_null() ? 0 : m.line + 1, m.is_null() ? 0 : m.column + 1,
                        "a config file holds one YAML document; found a second one");
  }

  Config config;
  config.source_file = file_name;
  Reader reader(file_name, subst, directory_of(file_name));
  ParseState state{reader, config, {}, false, {}, 10000};
  try {
    parse_top_level(state, documents.front());
    apply_defaults(state);
    config_internal::check_references(state);
  } catch (const std::exception& e) {
    // yaml-cpp can still throw on conversions it considers impossible; never crash on a file.
    reader.error(YAML::Mark::null_mark(), std::string("cannot read the file: ") + e.what());
  }

  ConfigLoadResult result;
  const bool ok = !reader.has_errors();
  result.diagnostics = reader.take_diagnostics();
  if (ok) result.config = std::move(config);
  return result;
}

}  // namespace cadence
