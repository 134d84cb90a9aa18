// The checking YAML reader every config section parser uses.
//
// A Reader collects diagnostics (it never stops at the first one) and turns
// yaml-cpp nodes into typed values: each accessor reports a located error and
// returns nullopt when the value is unusable, so a section parser can go on
// and find the next problem. Every scalar string goes through ${...}
// substitution. Only src/config includes yaml-cpp.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cadence/config.hpp"
#include "config/substitution.hpp"

namespace cadence::config_internal {

// One key: value entry of a mapping.
struct Field {
  std::string key;
  YAML::Node key_node;
  YAML::Node value;

  // Where a problem with the value is reported: the value, or the key when
  // the value is empty (yaml-cpp puts an empty value's mark on the next line).
  YAML::Mark value_mark() const;
};

// One element of a string list, with its location.
struct Item {
  std::string value;
  YAML::Mark mark;
};

class Reader;

// For Fields: a mapping whose keys are free (channel settings, kind names).
inline const std::vector<std::string> kAnyKey = {"*"};

// A mapping whose keys were checked: unknown keys (with a suggestion) and
// repeated keys are reported on construction.
class Fields {
 public:
  // `what` names the mapping in messages ("owner", "rule 'x'"). A null node is
  // an empty mapping; any other non-mapping is an error (ok() == false).
  // `allowed` == kAnyKey accepts any key; an empty list accepts none.
  Fields(Reader& reader, const YAML::Node& node, const YAML::Mark& fallback, std::string_view what,
         std::vector<std::string> allowed);

  bool ok() const { return ok_; }
  bool empty() const { return entries_.empty(); }
  const Field* get(std::string_view key) const;
  const std::vector<Field>& entries() const { return entries_; }
  // The mapping's own position (for "missing key" errors).
  const YAML::Mark& mark() const { return mark_; }

 private:
  bool ok_ = true;
  YAML::Mark mark_;
  std::vector<Field> entries_;
};

class Reader {
 public:
  Reader(std::string file_name, const SubstitutionSource& subst, std::string base_dir);

  void error(const YAML::Mark& mark, std::string message);
  void warning(const YAML::Mark& mark, std::string message);
  void error_at(const SourceLocation& where, std::string message);
  void warning_at(const SourceLocation& where, std::string message);
  SourceLocation location(const YAML::Mark& mark) const;
  bool has_errors() const { return errors_ > 0; }
  // How many diagnostics were added so far, and a way to complete one of them
  // (index from diagnostic_count() before it was added) once more is known.
  std::size_t diagnostic_count() const { return diagnostics_.size(); }
  void append_to_message(std::size_t index, std::string_view text);
  // All diagnostics, stably sorted into file order.
  std::vector<ConfigDiagnostic> take_diagnostics();

  const std::string& file_name() const { return file_name_; }
  // Every value substituted so far, for Config::substituted.
  const std::vector<Resolved>& resolved() const { return resolved_; }
  const std::string& base_dir() const { return base_dir_; }

  // Typed values. Messages start with the key: "timezone: ...".
  std::optional<std::string> text(const Field& f);
  std::optional<std::string> scalar_text(const YAML::Node& node, const YAML::Mark& mark,
                                         std::string_view key);
  std::optional<Duration> duration(const Field& f);
  std::optional<TimeOfDay> time_of_day(const Field& f);
  std::optional<TimeRange> time_range(const Field& f);
  std::optional<bool> boolean(const Field& f);
  std::optional<long long> integer(const Field& f, long long min, long long max);
  std::optional<Date> date(const Field& f);
  // A list of scalars; with allow_single a lone scalar is a one-element list.
  // An empty value is an empty list.
  std::optional<std::vector<Item>> text_list(const Field& f, bool allow_single);
  // An identifier: [a-z0-9_-]+ starting with a letter or digit. `kind` names it
  // in the message ("owner id").
  std::optional<std::string> identifier(const Field& f, std::string_view kind);
  bool valid_identifier(std::string_view id) const;

 private:
  void add(ConfigDiagnostic::Severity severity, SourceLocation where, std::string message);
  // Puts the ${...} reference back wherever a substituted value (a possible
  // secret) shows up in a message.
  std::string scrub(std::string message) const;

  std::string file_name_;
  const SubstitutionSource& subst_;
  std::string base_dir_;
  std::vector<ConfigDiagnostic> diagnostics_;
  std::vector<Resolved> resolved_;
  int errors_ = 0;
  bool truncated_ = false;
};

// "a list", "a mapping", "a value", "nothing": for "expected X, got Y".
std::string describe(const YAML::Node& node);

// Null marks (line -1) become location-less diagnostics.
inline bool has_position(const YAML::Mark& m) { return m.line >= 0; }

}  // namespace cadence::config_internal
