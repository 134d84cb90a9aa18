// parse_config(): the document, the top-level keys and the defaults that need
// the whole file.
#include <fmt/format.h>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <exception>
#include <optional>
#include <sstream>

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

// Where each of the stream's first documents has its first node. Used instead
// of YAML::LoadAll, which never returns on some malformed input in yaml-cpp
// 0.7 (Debian 12): on a stray "," (or ",'") its parser reports an empty
// document without consuming the token, so LoadAll collects empty documents
// until memory runs out (upstream issue #1040, fixed in 0.8 by PR #1319; found
// by fuzz/config_fuzz.cpp). Asking the parser for two documents at most is
// bounded whatever it does.
class FirstNodes final : public YAML::EventHandler {
 public:
  std::vector<std::optional<YAML::Mark>> marks;  // one per document seen

  void OnDocumentStart(const YAML::Mark&) override { marks.emplace_back(); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& m, YAML::anchor_t) override { node(m); }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { node(m); }
  void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t,
                const std::string&) override {
    node(m);
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    node(m);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    node(m);
  }
  void OnMapEnd() override {}

 private:
  void node(const YAML::Mark& m) {
    if (!marks.empty() && !marks.back()) marks.back() = m;
  }
};

// Whether `text` from byte `pos` on holds only blanks and comments.
bool nothing_but_comments(std::string_view text, std::size_t pos) {
  bool in_comment = false;
  for (std::size_t i = pos; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      in_comment = false;
    } else if (c == '#') {
      in_comment = true;
    } else if (!in_comment && c != ' ' && c != '\t' && c != '\r') {
      return false;
    }
  }
  return true;
}

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
              "kinds", "rules", "http", "delivery"});
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
    } else if (f.key == "delivery") {
      config_internal::parse_delivery(state, f);
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
  YAML::Node root;
  FirstNodes first_nodes;
  try {
    root = YAML::Load(std::string(text));  // the first document only
    std::istringstream stream{std::string(text)};
    YAML::Parser parser(stream);
    if (parser.HandleNextDocument(first_nodes)) (void)parser.HandleNextDocument(first_nodes);
  } catch (const YAML::Exception& e) {
    if (e.mark.is_null()) return single_error(file_name, 0, 0, "YAML syntax error: " + e.msg);
    return single_error(file_name, e.mark.line + 1, e.mark.column + 1,
                        "YAML syntax error: " + e.msg);
  } catch (const std::exception& e) {
    return single_error(file_name, 0, 0, std::string("cannot parse YAML: ") + e.what());
  }
  if (!root.IsDefined() || root.IsNull()) {
    // An empty first document: only comments, or a token yaml-cpp 0.7 takes
    // for an empty document without complaint (a stray ",").
    const auto& m = first_nodes.marks.empty() ? std::nullopt : first_nodes.marks.front();
    if (m && !m->is_null() && m->pos >= 0 &&
        !nothing_but_comments(text, static_cast<std::size_t>(m->pos))) {
      const char c = text[static_cast<std::size_t>(m->pos)];
      return single_error(file_name, m->line + 1, m->column + 1,
                          static_cast<unsigned char>(c) < 0x80
                              ? fmt::format("YAML syntax error: unexpected '{}'", c)
                              : std::string("YAML syntax error: unexpected text"));
    }
    return single_error(file_name, 0, 0, "the file has no settings (only comments or blank lines)");
  }
  if (first_nodes.marks.size() > 1) {
    const auto& m = first_nodes.marks[1];
    const bool known = m && !m->is_null();
    return single_error(file_name, known ? m->line + 1 : 0, known ? m->column + 1 : 0,
                        "a config file holds one YAML document; found a second one");
  }

  Config config;
  config.source_file = file_name;
  Reader reader(file_name, subst, directory_of(file_name));
  ParseState state{reader, config, {}, false, {}, 10000};
  try {
    parse_top_level(state, root);
    apply_defaults(state);
    config_internal::check_references(state);
  } catch (const std::exception& e) {
    // yaml-cpp can still throw on conversions it considers impossible; never crash on a file.
    reader.error(YAML::Mark::null_mark(), std::string("cannot read the file: ") + e.what());
  }

  if (state.selectors_too_deep > 1) {
    reader.append_to_message(
        state.too_deep_error,
        fmt::format(" ({} selectors in all are nested too deep)", state.selectors_too_deep));
  }
  config.substituted = reader.resolved();
  ConfigLoadResult result;
  const bool ok = !reader.has_errors();
  result.diagnostics = reader.take_diagnostics();
  if (ok) result.config = std::move(config);
  return result;
}

}  // namespace cadence
