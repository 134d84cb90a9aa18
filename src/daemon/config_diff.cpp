#include "daemon/config_diff.hpp"

#include <set>
#include <variant>

namespace cadence::daemon {
namespace {

// Field-by-field equality that ignores SourceLocation. The config structs have
// no operator== of their own because their `where` members must not count.

bool same(const Selector& a, const Selector& b);

bool same(const std::vector<Selector>& a, const std::vector<Selector>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same(a[i], b[i])) return false;
  }
  return true;
}

bool same(const Selector& a, const Selector& b) {
  return a.tags == b.tags && a.tiers == b.tiers && a.accounts == b.accounts &&
         a.account_tiers == b.account_tiers && a.departments == b.departments &&
         a.owners == b.owners && same(a.any, b.any) && same(a.all, b.all) && same(a.none, b.none);
}

bool same(const CadenceTrigger& a, const CadenceTrigger& b) {
  return a.every == b.every && a.at_most == b.at_most && a.kinds == b.kinds;
}
bool same(const BirthdayTrigger&, const BirthdayTrigger&) { return true; }
bool same(const AnniversaryTrigger& a, const AnniversaryTrigger& b) { return a.dates == b.dates; }
bool same(const HolidayTrigger& a, const HolidayTrigger& b) { return a.keys == b.keys; }
bool same(const DepthTrigger& a, const DepthTrigger& b) {
  return a.min == b.min && a.every == b.every;
}
bool same(const CoverageTrigger& a, const CoverageTrigger& b) {
  return a.departments == b.departments && a.contacts == b.contacts && a.window == b.window;
}
bool same(const ScheduleTrigger& a, const ScheduleTrigger& b) {
  return a.rrule == b.rrule && a.dtstart == b.dtstart;
}
bool same(const ReviewTrigger&, const ReviewTrigger&) { return true; }

bool same(const CustomHoliday::Gregorian& a, const CustomHoliday::Gregorian& b) {
  return a.month == b.month && a.day == b.day;
}
bool same(const CustomHoliday::Lunar& a, const CustomHoliday::Lunar& b) {
  return a.month == b.month && a.day == b.day && a.leap == b.leap;
}
bool same(const CustomHoliday::NthWeekday& a, const CustomHoliday::NthWeekday& b) {
  return a.month == b.month && a.weekday == b.weekday && a.n == b.n;
}
bool same(const CustomHoliday::EasterOffset& a, const CustomHoliday::EasterOffset& b) {
  return a.days == b.days;
}
bool same(const CustomHoliday::SolarTerm& a, const CustomHoliday::SolarTerm& b) {
  return a.index == b.index;
}

// Two variants hold the same alternative with the same fields.
template <typename... Ts>
bool same(const std::variant<Ts...>& a, const std::variant<Ts...>& b) {
  if (a.index() != b.index()) return false;
  return std::visit(
      [&b](const auto& left) {
        using T = std::decay_t<decltype(left)>;
        return same(left, std::get<T>(b));
      },
      a);
}

bool same(const CustomHoliday& a, const CustomHoliday& b) {
  return a.key == b.key && a.name == b.name && same(a.date, b.date);
}

bool same(const HolidayConfig& a, const HolidayConfig& b) {
  if (a.sets != b.sets || a.workdays != b.workdays || a.days_off != b.days_off ||
      a.weekend != b.weekend || a.custom.size() != b.custom.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.custom.size(); ++i) {
    if (!same(a.custom[i], b.custom[i])) return false;
  }
  return true;
}

bool same(const OwnerConfig& a, const OwnerConfig& b) {
  return a.id == b.id && a.name == b.name && a.timezone == b.timezone && a.locale == b.locale &&
         a.email == b.email && a.channels == b.channels && a.fallback_after == b.fallback_after &&
         a.quiet_hours == b.quiet_hours && a.digest == b.digest && a.digest_only == b.digest_only &&
         a.manager == b.manager;
}

bool same(const ChannelConfig& a, const ChannelConfig& b) {
  return a.id == b.id && a.type == b.type && a.url == b.url && a.params == b.params;
}

bool same(const InteractionKind& a, const InteractionKind& b) {
  return a.name == b.name && a.depth == b.depth;
}

bool same(const RuleConfig& a, const RuleConfig& b) {
  return a.id == b.id && same(a.match, b.match) && a.account_level == b.account_level &&
         same(a.trigger, b.trigger) && a.at == b.at && a.lead == b.lead && a.repeat == b.repeat &&
         a.escalate_after == b.escalate_after && a.business_days == b.business_days &&
         a.max_per_day == b.max_per_day && a.catch_up == b.catch_up && a.enabled == b.enabled;
}

bool same(const HttpConfig& a, const HttpConfig& b) {
  return a.enabled == b.enabled && a.listen == b.listen && a.public_url == b.public_url &&
         a.token == b.token;
}

const std::string& key_of(const OwnerConfig& o) { return o.id; }
const std::string& key_of(const ChannelConfig& c) { return c.id; }
const std::string& key_of(const RuleConfig& r) { return r.id; }
const std::string& key_of(const InteractionKind& k) { return k.name; }

template <typename T>
const T* find_by_key(const std::vector<T>& items, const std::string& key) {
  for (const T& item : items) {
    if (key_of(item) == key) return &item;
  }
  return nullptr;
}

// "rules +added -removed ~changed" for a list of items with ids; empty if no
// id was added, removed or changed. The order of the items in the file has no
// meaning, so a reordering alone is not a change.
template <typename T>
std::string list_changes(const std::string& label, const std::vector<T>& before,
                         const std::vector<T>& after) {
  std::string added;
  std::string removed;
  std::string changed;
  for (const T& item : after) {
    const T* old = find_by_key(before, key_of(item));
    if (old == nullptr) {
      added += " +" + key_of(item);
    } else if (!same(*old, item)) {
      changed += " ~" + key_of(item);
    }
  }
  for (const T& item : before) {
    if (find_by_key(after, key_of(item)) == nullptr) removed += " -" + key_of(item);
  }
  if (added.empty() && removed.empty() && changed.empty()) return {};
  return label + added + removed + changed;
}

std::string locale_name(Locale l) { return l == Locale::kEn ? "en" : "zh-CN"; }
std::string feb29_name(Feb29Policy p) { return p == Feb29Policy::kMar1 ? "mar1" : "feb28"; }

}  // namespace

std::vector<std::string> config_changes(const Config& before, const Config& after) {
  std::vector<std::string> out;
  if (before.timezone != after.timezone) {
    out.push_back("timezone " + before.timezone + " -> " + after.timezone);
  }
  if (before.locale != after.locale) {
    out.push_back("locale " + locale_name(before.locale) + " -> " + locale_name(after.locale));
  }
  if (before.database != after.database) {
    out.push_back("database " + before.database + " -> " + after.database);
  }
  if (before.feb29 != after.feb29) {
    out.push_back("birthdays.feb29 " + feb29_name(before.feb29) + " -> " + feb29_name(after.feb29));
  }
  for (std::string part : {list_changes("owners", before.owners, after.owners),
                           list_changes("channels", before.channels, after.channels),
                           list_changes("kinds", before.kinds, after.kinds),
                           list_changes("rules", before.rules, after.rules)}) {
    if (!part.empty()) out.push_back(std::move(part));
  }
  if (!same(before.holidays, after.holidays)) out.push_back("holidays changed");
  if (!same(before.http, after.http)) out.push_back("http changed");
  const DeliveryConfig& d0 = before.delivery;
  const DeliveryConfig& d1 = after.delivery;
  if (d0.max_age != d1.max_age || d0.retry_base != d1.retry_base || d0.retry_max != d1.retry_max) {
    out.push_back("delivery max_age " + format_duration(d1.max_age) + ", retry " +
                  format_duration(d1.retry_base) + ".." + format_duration(d1.retry_max));
  }
  return out;
}

std::string describe_config_changes(const Config& before, const Config& after) {
  const std::vector<std::string> parts = config_changes(before, after);
  if (parts.empty()) return "no changes";
  std::string joined;
  for (const std::string& part : parts) {
    if (!joined.empty()) joined += "; ";
    joined += part;
  }
  return joined;
}

}  // namespace cadence::daemon
