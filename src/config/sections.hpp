// Section parsers of cadence.yaml and the state they share while one file is read.
#pragma once

#include <string>
#include <vector>

#include "cadence/config.hpp"
#include "config/reader.hpp"

namespace cadence::config_internal {

// A name used before everything is read; resolved by check_references().
struct Reference {
  enum class Target { kChannel, kOwner, kKind };
  Target target;
  std::string name;
  std::string key;  // the YAML key that holds it, for the message
  YAML::Mark mark;
};

struct ParseState {
  Reader& reader;
  Config& config;
  std::vector<Reference> references;
  bool kinds_given = false;             // `kinds:` present (else the default table applies)
  std::vector<YAML::Mark> escalations;  // rules with escalate:, checked against managers
  int selectors_left = 10000;  // YAML aliases can multiply nested selectors; bound the work
  // Selectors nested too deep: one error for the first, counting the others
  // (an alias bomb would otherwise print the same line a hundred times).
  int selectors_too_deep = 0;
  std::size_t too_deep_error = 0;  // its index among the reader's diagnostics
};

// Each parses the value of one top-level key into state.config.
void parse_owners(ParseState& state, const Field& field);
void parse_channels(ParseState& state, const Field& field);
void parse_holidays(ParseState& state, const Field& field);
void parse_kinds(ParseState& state, const Field& field);
void parse_rules(ParseState& state, const Field& field);
void parse_http(ParseState& state, const Field& field);
void parse_delivery(ParseState& state, const Field& field);

// A selector (match:, match_account:, or an any/all/none element); `depth` is
// the nesting level (0 at the rule). nullopt when it has errors.
std::optional<Selector> parse_selector(ParseState& state, const YAML::Node& node,
                                       const YAML::Mark& fallback, std::string_view what,
                                       int depth);

// The trigger keys of a rule, in the order of the Trigger variant.
const std::vector<std::string>& trigger_keys();
// Parses the trigger whose key is field.key (one of trigger_keys()).
std::optional<Trigger> parse_trigger(ParseState& state, const Field& field);

// The table in DESIGN.md: visit/meal/consult deep, call normal, message/greeting/like shallow.
std::vector<InteractionKind> default_kinds();
// "shallow" | "normal" | "deep".
std::optional<Depth> parse_depth(std::string_view text);

// An IANA zone name from the system tzdata; reports unknown ones (with a
// suggestion) at the field's value.
std::optional<std::string> time_zone(Reader& reader, const Field& field);
// "zh-CN" | "en".
std::optional<Locale> locale(Reader& reader, const Field& field);

// Dangling channel/owner/kind references, and warnings that need the whole file.
void check_references(ParseState& state);

}  // namespace cadence::config_internal
