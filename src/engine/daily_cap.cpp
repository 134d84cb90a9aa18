// max_per_day: spread routine reminders so no owner gets more than N of one
// rule on one local day; the most overdue keep their place.
#include <algorithm>

#include "engine/planning.hpp"
#include "engine/timing.hpp"

namespace cadence {

std::vector<Occurrence> apply_daily_cap(const RuleSet& rules, std::vector<Occurrence> planned,
                                        const CapUsage& already_scheduled) {
  using engine_detail::add_days;
  std::vector<Occurrence> out;
  out.reserve(planned.size());
  // (owner, rule) → its capped occurrences, with their local fire dates.
  struct Item {
    Date day;
    Occurrence occurrence;
  };
  std::map<std::pair<std::string, std::string>, std::vector<Item>> capped;
  for (Occurrence& o : planned) {
    const CompiledRule* rule = rules.find_rule(o.rule);
    if (rule == nullptr || !rule->capped() || !rule->config.max_per_day) {
      out.push_back(std::move(o));
      continue;
    }
    const CompiledOwner* owner = rules.find_owner(o.owner);
    const CompiledOwner& zone_owner = owner != nullptr ? *owner : rules.default_owner();
    const Date day = zone_owner.zone.local_date(o.fire_at);
    capped[{o.owner, o.rule}].push_back({day, std::move(o)});
  }

  for (auto& [who, items] : capped) {
    const CompiledRule& rule = *rules.find_rule(who.second);
    const CompiledOwner* owner_ptr = rules.find_owner(who.first);
    const CompiledOwner& owner = owner_ptr != nullptr ? *owner_ptr : rules.default_owner();
    const int cap = *rule.config.max_per_day;
    const auto used = [&](Date day) {
      auto it = already_scheduled.find({who.first, who.second, day});
      return it == already_scheduled.end() ? 0 : it->second;
    };
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
      return std::tie(a.day, a.occurrence.due, a.occurrence.key) <
             std::tie(b.day, b.occurrence.due, b.occurrence.key);
    });
    std::size_t next = 0;
    std::vector<Item> carry;  // deferred from earlier days
    Date day = items.front().day;
    while (next < items.size() || !carry.empty()) {
      if (carry.empty() && next < items.size()) day = items[next].day;
      std::vector<Item> pool = std::move(carry);
      carry.clear();
      while (next < items.size() && items[next].day == day)
        pool.push_back(std::move(items[next++]));
      // Most overdue first: the earliest due date.
      std::sort(pool.begin(), pool.end(), [](const Item& a, const Item& b) {
        return std::tie(a.occurrence.due, a.occurrence.key) <
               std::tie(b.occurrence.due, b.occurrence.key);
      });
      const int room = std::max(0, cap - used(day));
      for (std::size_t i = 0; i < pool.size(); ++i) {
        if (static_cast<int>(i) >= room) {
          carry.push_back(std::move(pool[i]));
          continue;
        }
        Occurrence& o = pool[i].occurrence;
        if (pool[i].day != day) {
          o.fire_at = engine_detail::adjust_fire_time(rules, rule, owner,
                                                      owner.zone.to_instant(day, rule.at));
        }
        out.push_back(std::move(o));
      }
      day = add_days(day, 1);
    }
  }
  std::sort(out.begin(), out.end(), [](const Occurrence& a, const Occurrence& b) {
    return std::tie(a.fire_at, a.key) < std::tie(b.fire_at, b.key);
  });
  return out;
}

}  // namespace cadence
