// rules: one selector, one trigger and the timing around it.
#include <fmt/format.h>

#include <algorithm>

#include "config/sections.hpp"
#include "config/suggest.hpp"

namespace cadence::config_internal {
namespace {

constexpr TimeOfDay kDefaultAt{9 * 60};
constexpr Duration kDefaultCatchUp{86400};

std::vector<std::string> rule_keys() {
  std::vector<std::string> keys = {"id",          "match",    "match_account", "at",
                                   "lead",        "repeat",   "escalate",      "business_days",
                                   "max_per_day", "catch_up", "enabled"};
  for (const auto& t : trigger_keys()) keys.push_back(t);
  return keys;
}

// The period a lead time must fit in, for triggers that have one.
std::optional<Duration> trigger_period(const Trigger& t) {
  if (const auto* c = std::get_if<CadenceTrigger>(&t)) return c->every;
  if (const auto* d = std::get_if<DepthTrigger>(&t)) return d->every;
  return std::nullopt;
}

void parse_lead(Reader& r, const Field& field, RuleConfig& rule,
                std::vector<YAML::Mark>& lead_marks) {
  rule.lead.clear();
  auto items = r.text_list(field, /*allow_single=*/true);
  if (!items) return;
  if (items->empty()) {
    r.error(field.value_mark(), "lead: list at least one offset (0 = on the day)");
    return;
  }
  for (const Item& item : *items) {
    auto d = parse_duration(item.value);
    if (!d) {
      r.error(item.mark, fmt::format("lead: {}", d.error().message()));
      continue;
    }
    if (std::find(rule.lead.begin(), rule.lead.end(), *d) != rule.lead.end()) {
      r.warning(item.mark, fmt::format("lead: {} is listed twice", item.value));
      continue;
    }
    rule.lead.push_back(*d);
    lead_marks.push_back(item.mark);
  }
}

void parse_rule(ParseState& state, const YAML::Node& item, const YAML::Mark& fallback) {
  Reader& r = state.reader;
  std::string label = "rule";
  if (item.IsMap() && item["id"] && item["id"].IsScalar()) {
    label = fmt::format("rule '{}'", item["id"].Scalar());
  }
  Fields f(r, item, fallback, label, rule_keys());
  if (!f.ok()) return;
  RuleConfig rule;
  rule.where = r.location(f.mark());
  rule.at = kDefaultAt;
  rule.lead = {Duration{0}};
  rule.catch_up = kDefaultCatchUp;
  bool trigger_ok = false;
  std::vector<const Field*> triggers;
  std::vector<YAML::Mark> lead_marks;

  if (const Field* v = f.get("id")) {
    if (auto id = r.identifier(*v, "rule id")) {
      rule.id = *id;
      for (const RuleConfig& other : state.config.rules) {
        if (other.id == rule.id) {
          r.error(v->value_mark(), fmt::format("duplicate rule id '{}' (first defined at line {})",
                                               rule.id, other.where.line));
        }
      }
    }
  } else {
    r.error(f.mark(), "rule is missing required key 'id'");
  }

  const Field* match = f.get("match");
  const Field* match_account = f.get("match_account");
  if (match != nullptr && match_account != nullptr) {
    const Field* second =
        match->key_node.Mark().pos < match_account->key_node.Mark().pos ? match_account : match;
    r.error(second->key_node.Mark(),
            fmt::format("{} has both match: and match_account:; a rule selects contacts or "
                        "accounts, not both",
                        label));
  } else if (match_account != nullptr) {
    rule.account_level = true;
    rule.match = parse_selector(state, match_account->value, match_account->key_node.Mark(),
                                "match_account", 0)
                     .value_or(Selector{});
  } else if (match != nullptr) {
    rule.match = parse_selector(state, match->value, match->key_node.Mark(), "match", 0)
                     .value_or(Selector{});
  }

  for (const Field& field : f.entries()) {
    const auto& keys = trigger_keys();
    if (std::find(keys.begin(), keys.end(), field.key) != keys.end()) {
      triggers.push_back(&field);
      if (triggers.size() == 1) {
        if (auto t = parse_trigger(state, field)) {
          rule.trigger = std::move(*t);
          trigger_ok = true;
        }
      } else if (triggers.size() == 2) {
        r.error(field.key_node.Mark(),
                fmt::format("{} has two triggers, {}: and {}:; a rule has exactly one (make two "
                            "rules)",
                            label, triggers[0]->key, field.key));
      }
    } else if (field.key == "at") {
      rule.at = r.time_of_day(field);
    } else if (field.key == "lead") {
      parse_lead(r, field, rule, lead_marks);
    } else if (field.key == "repeat") {
      rule.repeat = r.duration(field);
      if (rule.repeat && rule.repeat->count() == 0) {
        r.error(field.value_mark(), "repeat: must be longer than 0 (leave it out to send once)");
      }
    } else if (field.key == "escalate") {
      Fields e(r, field.value, field.key_node.Mark(), "escalate", {"after"});
      if (!e.ok()) continue;
      if (const Field* after = e.get("after")) {
        rule.escalate_after = r.duration(*after);
        if (rule.escalate_after && rule.escalate_after->count() == 0) {
          r.error(after->value_mark(), "after: must be longer than 0");
        }
      } else {
        r.error(e.mark(), "escalate: is missing required key 'after'");
      }
      state.escalations.push_back(field.key_node.Mark());
    } else if (field.key == "business_days") {
      rule.business_days = r.boolean(field).value_or(false);
    } else if (field.key == "max_per_day") {
      if (auto n = r.integer(field, 1, 100000)) rule.max_per_day = static_cast<int>(*n);
    } else if (field.key == "catch_up") {
      rule.catch_up = r.duration(field);
    } else if (field.key == "enabled") {
      rule.enabled = r.boolean(field).value_or(true);
    }
  }

  if (triggers.empty()) {
    r.error(f.mark(),
            fmt::format("{} has no trigger: add one of {}:", label, join(trigger_keys(), ":, ")));
  }
  if (trigger_ok && std::holds_alternative<CoverageTrigger>(rule.trigger) && !rule.account_level) {
    r.error(triggers.front()->key_node.Mark(),
            "coverage: is an account rule; select accounts with match_account:");
  }
  if (trigger_ok) {
    if (auto period = trigger_period(rule.trigger)) {
      for (std::size_t i = 0; i < rule.lead.size() && i < lead_marks.size(); ++i) {
        if (rule.lead[i] >= *period) {
          r.error(lead_marks[i],
                  fmt::format("lead: {} is not shorter than the period every: {}",
                              format_duration(rule.lead[i]), format_duration(*period)));
        }
      }
    }
  }
  state.config.rules.push_back(std::move(rule));
}

}  // namespace

void parse_rules(ParseState& state, const Field& field) {
  if (field.value.IsNull()) return;
  if (!field.value.IsSequence()) {
    state.reader.error(field.value_mark(), fmt::format("rules: expected a list of rules, got {}",
                                                       describe(field.value)));
    return;
  }
  for (const auto& item : field.value) parse_rule(state, item, field.value_mark());
}

}  // namespace cadence::config_internal
