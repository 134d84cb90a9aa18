#include "config/reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "config/suggest.hpp"

namespace cadence::config_internal {
namespace {

// A file with this many problems is not a config file being edited; more
// messages would only bury the first ones.
constexpr std::size_t kMaxDiagnostics = 100;

}  // namespace

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
      return "nothing";
    case YAML::NodeType::Scalar:
      return "a single value";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Undefined:
      break;
  }
  return "nothing";
}

YAML::Mark Field::value_mark() const {
  if (value.IsNull() || !has_position(value.Mark())) return key_node.Mark();
  return value.Mark();
}

Fields::Fields(Reader& reader, const YAML::Node& node, const YAML::Mark& fallback,
               std::string_view what, std::vector<std::string> allowed)
    : mark_(has_position(node.Mark()) && !node.IsNull() ? node.Mark() : fallback) {
  if (node.IsNull()) return;
  if (!node.IsMap()) {
    reader.error(mark_,
                 fmt::format("{}: expected a mapping (key: value), got {}", what, describe(node)));
    ok_ = false;
    return;
  }
  for (const auto& entry : node) {
    // Copies: yaml-cpp nodes are handles, and the iterator's value is a temporary.
    const YAML::Node key_node = entry.first;
    if (!key_node.IsScalar()) {
      reader.error(key_node.Mark(),
                   fmt::format("{}: a key must be a name, got {}", what, describe(key_node)));
      continue;
    }
    const std::string key = key_node.Scalar();
    if (allowed != kAnyKey && std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      reader.error(key_node.Mark(),
                   fmt::format("unknown key '{}' in {}{}", key, what, did_you_mean(key, allowed)));
      continue;
    }
    if (const Field* first = get(key); first != nullptr) {
      reader.error(key_node.Mark(), fmt::format("duplicate key '{}' in {} (first at line {})", key,
                                                what, first->key_node.Mark().line + 1));
      continue;
    }
    entries_.push_back(Field{key, key_node, entry.second});
  }
}

const Field* Fields::get(std::string_view key) const {
  for (const auto& f : entries_) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

Reader::Reader(std::string file_name, const SubstitutionSource& subst, std::string base_dir)
    : file_name_(std::move(file_name)), subst_(subst), base_dir_(std::move(base_dir)) {}

SourceLocation Reader::location(const YAML::Mark& mark) const {
  if (!has_position(mark)) return SourceLocation{file_name_, 0, 0};
  return SourceLocation{file_name_, mark.line + 1, mark.column + 1};
}

void Reader::add(ConfigDiagnostic::Severity severity, SourceLocation where, std::string message) {
  if (severity == ConfigDiagnostic::Severity::kError) ++errors_;
  if (diagnostics_.size() >= kMaxDiagnostics) {
    truncated_ = true;
    return;
  }
  diagnostics_.push_back(ConfigDiagnostic{severity, std::move(where), scrub(std::move(message))});
}

void Reader::append_to_message(std::size_t index, std::string_view text) {
  if (index < diagnostics_.size()) diagnostics_[index].message += text;
}

std::string Reader::scrub(std::string message) const {
  return scrub_substituted_values(std::move(message), resolved_);
}

void Reader::error(const YAML::Mark& mark, std::string message) {
  add(ConfigDiagnostic::Severity::kError, location(mark), std::move(message));
}
void Reader::warning(const YAML::Mark& mark, std::string message) {
  add(ConfigDiagnostic::Severity::kWarning, location(mark), std::move(message));
}
void Reader::error_at(const SourceLocation& where, std::string message) {
  add(ConfigDiagnostic::Severity::kError, where, std::move(message));
}
void Reader::warning_at(const SourceLocation& where, std::string message) {
  add(ConfigDiagnostic::Severity::kWarning, where, std::move(message));
}

std::vector<ConfigDiagnostic> Reader::take_diagnostics() {
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(),
                   [](const ConfigDiagnostic& a, const ConfigDiagnostic& b) {
                     return std::pair(a.where.line, a.where.column) <
                            std::pair(b.where.line, b.where.column);
                   });
  if (truncated_) {
    diagnostics_.push_back(ConfigDiagnostic{
        ConfigDiagnostic::Severity::kError, SourceLocation{file_name_, 0, 0},
        fmt::format("too many problems; only the first {} are shown", kMaxDiagnostics)});
  }
  return std::move(diagnostics_);
}

std::optional<std::string> Reader::scalar_text(const YAML::Node& node, const YAML::Mark& mark,
                                               std::string_view key) {
  if (!node.IsScalar()) {
    error(mark, fmt::format("{}: expected a single value, got {}", key, describe(node)));
    return std::nullopt;
  }
  auto value = substitute(node.Scalar(), subst_, base_dir_, &resolved_);
  if (!value) {
    error(mark, fmt::format("{}: {}", key, value.error().message()));
    return std::nullopt;
  }
  return std::move(value.value());
}

std::optional<std::string> Reader::text(const Field& f) {
  return scalar_text(f.value, f.value_mark(), f.key);
}

std::optional<Duration> Reader::duration(const Field& f) {
  auto s = text(f);
  if (!s) return std::nullopt;
  auto d = parse_duration(*s);
  if (!d) {
    error(f.value_mark(), fmt::format("{}: {}", f.key, d.error().message()));
    return std::nullopt;
  }
  return *d;
}

std::optional<TimeOfDay> Reader::time_of_day(const Field& f) {
  auto s = text(f);
  if (!s) return std::nullopt;
  auto t = parse_time_of_day(*s);
  if (!t) {
    error(f.value_mark(), fmt::format("{}: {}", f.key, t.error().message()));
    return std::nullopt;
  }
  return *t;
}

std::optional<TimeRange> Reader::time_range(const Field& f) {
  auto s = text(f);
  if (!s) return std::nullopt;
  auto t = parse_time_range(*s);
  if (!t) {
    error(f.value_mark(), fmt::format("{}: {}", f.key, t.error().message()));
    return std::nullopt;
  }
  return *t;
}

std::optional<bool> Reader::boolean(const Field& f) {
  auto s = text(f);
  if (!s) return std::nullopt;
  // YAML 1.2 booleans only: "yes"/"on" are too easy to write by accident.
  if (*s == "true") return true;
  if (*s == "false") return false;
  error(f.value_mark(), fmt::format("{}: expected true or false, got '{}'", f.key, *s));
  return std::nullopt;
}

std::optional<long long> Reader::integer(const Field& f, long long min, long long max) {
  auto s = text(f);
  if (!s) return std::nullopt;
  long long v = 0;
  const char* begin = s->data();
  const char* end = s->data() + s->size();
  auto [ptr, ec] = std::from_chars(begin, end, v);
  if (s->empty() || ec != std::errc() || ptr != end) {
    error(f.value_mark(), fmt::format("{}: expected a whole number, got '{}'", f.key, *s));
    return std::nullopt;
  }
  if (v < min || v > max) {
    error(f.value_mark(),
          fmt::format("{}: {} is out of range (expected {} to {})", f.key, v, min, max));
    return std::nullopt;
  }
  return v;
}

std::optional<Date> Reader::date(const Field& f) {
  auto s = text(f);
  if (!s) return std::nullopt;
  auto d = parse_date(*s);
  if (!d) {
    error(f.value_mark(), fmt::format("{}: {}", f.key, d.error().message()));
    return std::nullopt;
  }
  return *d;
}

std::optional<std::vector<Item>> Reader::text_list(const Field& f, bool allow_single) {
  std::vector<Item> items;
  if (f.value.IsNull()) return items;
  if (f.value.IsScalar() && allow_single) {
    auto s = text(f);
    if (!s) return std::nullopt;
    items.push_back(Item{std::move(*s), f.value_mark()});
    return items;
  }
  if (!f.value.IsSequence()) {
    error(f.value_mark(), fmt::format("{}: expected a list{}, got {}", f.key,
                                      allow_single ? " or a single value" : "", describe(f.value)));
    return std::nullopt;
  }
  bool ok = true;
  for (const auto& element : f.value) {
    const YAML::Mark mark = has_position(element.Mark()) ? element.Mark() : f.value_mark();
    auto s = scalar_text(element, mark, f.key);
    if (!s) {
      ok = false;
      continue;
    }
    items.push_back(Item{std::move(*s), mark});
  }
  if (!ok) return std::nullopt;
  return items;
}

bool Reader::valid_identifier(std::string_view id) const {
  if (id.empty() || id.size() > 64) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '-' && c != '_'))) return false;
  }
  return true;
}

std::optional<std::string> Reader::identifier(const Field& f, std::string_view kind) {
  auto s = text(f);
  if (!s) return std::nullopt;
  if (!valid_identifier(*s)) {
    error(f.value_mark(),
          fmt::format("invalid {} '{}': use lowercase letters, digits, '-' and '_' (at most 64, "
                      "starting with a letter or digit)",
                      kind, *s));
    return std::nullopt;
  }
  return s;
}

}  // namespace cadence::config_internal
