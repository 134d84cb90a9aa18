// Checks that need the whole file: references by id, and unused pieces.
#include <fmt/format.h>

#include <algorithm>

#include "config/sections.hpp"
#include "config/suggest.hpp"

namespace cadence::config_internal {
namespace {

template <typename T, typename Name>
std::vector<std::string> names_of(const std::vector<T>& items, Name name) {
  std::vector<std::string> out;
  for (const auto& item : items) {
    if (!name(item).empty()) out.push_back(name(item));
  }
  return out;
}

std::string defined(const std::vector<std::string>& names, std::string_view what) {
  if (names.empty()) return fmt::format(" (no {} are defined)", what);
  return fmt::format(" (defined {}: {})", what, join(names));
}

}  // namespace

void check_references(ParseState& state) {
  Reader& r = state.reader;
  const Config& cfg = state.config;
  const auto channels = names_of(cfg.channels, [](const ChannelConfig& c) { return c.id; });
  const auto owners = names_of(cfg.owners, [](const OwnerConfig& o) { return o.id; });
  const auto kinds = names_of(cfg.kinds, [](const InteractionKind& k) { return k.name; });

  for (const Reference& ref : state.references) {
    const std::vector<std::string>* names = &channels;
    std::string_view what = "channel";
    std::string_view plural = "channels";
    if (ref.target == Reference::Target::kOwner) {
      names = &owners;
      what = "owner";
      plural = "owners";
    } else if (ref.target == Reference::Target::kKind) {
      names = &kinds;
      what = "interaction kind";
      plural = "kinds";
    }
    if (std::find(names->begin(), names->end(), ref.name) != names->end()) continue;
    std::string hint = did_you_mean(ref.name, *names);
    if (hint.empty()) hint = defined(*names, plural);
    r.error(ref.mark, fmt::format("{}: unknown {} '{}'{}", ref.key, what, ref.name, hint));
  }

  for (const ChannelConfig& channel : cfg.channels) {
    const bool used = std::any_of(cfg.owners.begin(), cfg.owners.end(), [&](const OwnerConfig& o) {
      return std::find(o.channels.begin(), o.channels.end(), channel.id) != o.channels.end();
    });
    if (!used && !channel.id.empty()) {
      r.warning_at(channel.where, fmt::format("channel '{}' is not used by any owner", channel.id));
    }
  }
  for (const OwnerConfig& owner : cfg.owners) {
    if (owner.channels.empty() && !owner.id.empty()) {
      r.warning_at(
          owner.where,
          fmt::format("owner '{}' has no channels, so its reminders are not sent", owner.id));
    }
  }
  const bool any_manager = std::any_of(cfg.owners.begin(), cfg.owners.end(),
                                       [](const OwnerConfig& o) { return o.manager.has_value(); });
  if (!any_manager) {
    for (const YAML::Mark& mark : state.escalations) {
      r.warning(mark, "escalate: no owner has a manager, so escalations reach nobody");
    }
  }
}

}  // namespace cadence::config_internal
