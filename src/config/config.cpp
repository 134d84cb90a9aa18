// The small public pieces of config.hpp: lookups, names, diagnostics, paths.
#include "cadence/config.hpp"

#include <fmt/format.h>

#include <cstdlib>

namespace cadence {

std::string ConfigDiagnostic::to_string() const {
  const char* level = severity == Severity::kError ? "error" : "warning";
  if (where.line <= 0) return fmt::format("{}: {}: {}", where.file, level, message);
  return fmt::format("{}:{}:{}: {}: {}", where.file, where.line, where.column, level, message);
}

std::string trigger_name(const Trigger& t) {
  struct Name {
    std::string operator()(const CadenceTrigger&) const { return "cadence"; }
    std::string operator()(const BirthdayTrigger&) const { return "birthday"; }
    std::string operator()(const AnniversaryTrigger&) const { return "anniversary"; }
    std::string operator()(const HolidayTrigger&) const { return "holiday"; }
    std::string operator()(const DepthTrigger&) const { return "depth"; }
    std::string operator()(const CoverageTrigger&) const { return "coverage"; }
    std::string operator()(const ScheduleTrigger&) const { return "schedule"; }
    std::string operator()(const ReviewTrigger&) const { return "review"; }
  };
  return std::visit(Name{}, t);
}

const OwnerConfig* Config::find_owner(std::string_view id) const {
  for (const auto& o : owners) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

const ChannelConfig* Config::find_channel(std::string_view id) const {
  for (const auto& c : channels) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

const InteractionKind* Config::find_kind(std::string_view name) const {
  for (const auto& k : kinds) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

std::string scrub_substituted_values(std::string message,
                                     const std::vector<SubstitutedValue>& values) {
  for (const SubstitutedValue& v : values) {
    if (v.value.size() < 4) continue;
    for (auto at = message.find(v.value); at != std::string::npos;
         at = message.find(v.value, at + v.reference.size())) {
      message.replace(at, v.value.size(), v.reference);
    }
  }
  return message;
}

std::string Config::scrubbed(std::string message) const {
  return scrub_substituted_values(std::move(message), substituted);
}

std::string default_config_path() {
  const char* env = std::getenv("CADENCE_CONFIG");
  if (env != nullptr && *env != '\0') return env;
  return "/etc/cadence/cadence.yaml";
}

}  // namespace cadence
