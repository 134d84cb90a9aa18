// match: / match_account: selectors.
#include <fmt/format.h>

#include "config/sections.hpp"

namespace cadence::config_internal {
namespace {

// Nested any/all/none deeper than this is a mistake (or an alias loop), not a rule.
constexpr int kMaxSelectorDepth = 8;

}  // namespace

std::optional<Selector> parse_selector(ParseState& state, const YAML::Node& node,
                                       const YAML::Mark& fallback, std::string_view what,
                                       int depth) {
  Reader& r = state.reader;
  if (depth > kMaxSelectorDepth) {
    if (state.selectors_too_deep++ == 0) {
      state.too_deep_error = r.diagnostic_count();
      r.error(fallback, fmt::format("{}: selectors are nested more than {} levels deep", what,
                                    kMaxSelectorDepth));
    }
    return std::nullopt;
  }
  if (--state.selectors_left < 0) {
    if (state.selectors_left == -1) {
      r.error(fallback, fmt::format("{}: too many selectors in one file (YAML aliases that "
                                    "repeat selectors count every time)",
                                    what));
    }
    return std::nullopt;
  }
  Fields f(
      r, node, fallback, what,
      {"tags", "tier", "account", "account_tier", "department", "owner", "any", "all", "none"});
  if (!f.ok()) return std::nullopt;
  Selector s;
  s.where = r.location(f.mark());
  bool ok = true;
  for (const Field& field : f.entries()) {
    if (field.key == "any" || field.key == "all" || field.key == "none") {
      std::vector<Selector>& subs =
          field.key == "any" ? s.any : (field.key == "all" ? s.all : s.none);
      if (!field.value.IsSequence()) {
        r.error(field.value_mark(), fmt::format("{}: expected a list of selectors, got {}",
                                                field.key, describe(field.value)));
        ok = false;
        continue;
      }
      for (const auto& sub : field.value) {
        const YAML::Mark mark = has_position(sub.Mark()) ? sub.Mark() : field.value_mark();
        if (auto parsed = parse_selector(state, sub, mark, field.key, depth + 1)) {
          subs.push_back(std::move(*parsed));
        } else {
          ok = false;
        }
      }
      continue;
    }
    auto items = r.text_list(field, /*allow_single=*/true);
    if (!items) {
      ok = false;
      continue;
    }
    std::vector<std::string> values;
    for (const Item& item : *items) {
      if (item.value.empty()) {
        r.error(item.mark, fmt::format("{}: an empty value matches nothing", field.key));
        ok = false;
        continue;
      }
      values.push_back(item.value);
      if (field.key == "owner") {
        state.references.push_back({Reference::Target::kOwner, item.value, "owner", item.mark});
      }
    }
    if (field.key == "tags") s.tags = std::move(values);
    if (field.key == "tier") s.tiers = std::move(values);
    if (field.key == "account") s.accounts = std::move(values);
    if (field.key == "account_tier") s.account_tiers = std::move(values);
    if (field.key == "department") s.departments = std::move(values);
    if (field.key == "owner") s.owners = std::move(values);
  }
  if (!ok) return std::nullopt;
  return s;
}

}  // namespace cadence::config_internal
