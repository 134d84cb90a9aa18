// Builders for engine tests: configs, contacts and instants written by hand.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "cadence/engine.hpp"

namespace cadence::testing {

inline Date ymd(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

// A UTC instant.
inline Instant utc(int y, unsigned m, unsigned d, int hour = 0, int minute = 0) {
  return Instant{to_sys_days(ymd(y, m, d)).time_since_epoch() + std::chrono::hours{hour} +
                 std::chrono::minutes{minute}};
}

inline Duration days(long long n) { return Duration{n * 86400}; }
inline Duration hours(long long n) { return Duration{n * 3600}; }
inline TimeOfDay hm(int h, int m) { return TimeOfDay{h * 60 + m}; }

inline OwnerConfig owner(const std::string& id, const std::string& zone = "Asia/Shanghai") {
  OwnerConfig o;
  o.id = id;
  o.name = id;
  o.timezone = zone;
  o.locale = Locale::kEn;
  return o;
}

inline Config config_with(std::vector<OwnerConfig> owners, std::vector<RuleConfig> rules) {
  Config c;
  c.source_file = "cadence.yaml";
  c.locale = Locale::kEn;
  c.owners = std::move(owners);
  c.rules = std::move(rules);
  return c;
}

inline RuleConfig rule(const std::string& id, Trigger trigger) {
  RuleConfig r;
  r.id = id;
  r.trigger = std::move(trigger);
  r.where = SourceLocation{"cadence.yaml", 10, 5};
  return r;
}

inline CadenceTrigger cadence_every(Duration every, std::vector<std::string> kinds = {},
                                    std::optional<Duration> at_most = std::nullopt) {
  CadenceTrigger t;
  t.every = every;
  t.kinds = std::move(kinds);
  t.at_most = at_most;
  return t;
}

// Compiles and fails the test on any error diagnostic.
inline std::shared_ptr<const RuleSet> compile_ok(const Config& config) {
  RuleSetCompileResult r = RuleSet::compile(config);
  for (const ConfigDiagnostic& d : r.diagnostics) {
    if (d.severity == ConfigDiagnostic::Severity::kError) {
      ADD_FAILURE() << "unexpected diagnostic: " << d.message;
    }
  }
  return r.rules;
}

inline Contact contact(const std::string& id, const std::string& owner_id = "zhang",
                       Instant created = Instant{}) {
  Contact c;
  c.id = id;
  c.name = id;
  c.owner = owner_id;
  c.created_at = created;
  return c;
}

inline ContactSummary summary_with(const std::string& contact_id,
                                   std::vector<std::pair<std::string, Instant>> touches,
                                   std::optional<Instant> last_deep = std::nullopt) {
  ContactSummary s;
  s.contact = contact_id;
  for (const auto& [kind, at] : touches) {
    auto& slot = s.last_by_kind[kind];
    if (slot < at) slot = at;
    if (!s.last_any || *s.last_any < at) s.last_any = at;
    ++s.interaction_count;
  }
  s.last_deep = last_deep;
  return s;
}

// The keys of occurrences, in order.
inline std::vector<std::string> keys_of(const std::vector<Occurrence>& v) {
  std::vector<std::string> out;
  for (const Occurrence& o : v) out.push_back(o.key);
  return out;
}
// Fire times as RFC 3339 UTC text, in order (readable in failures).
inline std::vector<std::string> fires_of(const std::vector<Occurrence>& v) {
  std::vector<std::string> out;
  for (const Occurrence& o : v) out.push_back(format_rfc3339_utc(o.fire_at));
  return out;
}
inline std::string z(Instant t) { return format_rfc3339_utc(t); }

}  // namespace cadence::testing
