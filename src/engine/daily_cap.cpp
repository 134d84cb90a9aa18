// max_per_day: spread routine reminders so no owner gets more than N of one
// rule on one local day; the most overdue keep their place.
#include <algorithm>

#include "engine/planning.hpp"
#include "engine/timing.hpp"

namespace cadence {

std::vector<Occurrence> apply_daily_cap(const RuleSet& rules, std::vector<Occurrence> planned,
                                        const CapUsage& already_scheduled) {
  return apply_daily_cap(rules, std::move(planned),
                         [&](const std::string& owner, const std::string& rule, Date day) {
                           auto it = already_scheduled.find({owner, rule, day});
                           return it == already_scheduled.end() ? 0 : it->second;
                         });
}

std::vector<Occurrence> apply_daily_cap(const RuleSet& rules, std::vector<Occurrence> planned,
                                        const CapUsageLookup& already_used) {
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

  // Named references, not a structured binding: the lambdas below capture
  // them, which clang before 16 refuses (the fuzz build uses clang).
  for (auto& entry : capped) {
    const auto& who = entry.first;
    auto& items = entry.second;
    const CompiledRule& rule = *rules.find_rule(who.second);
    const CompiledOwner* owner_ptr = rules.find_owner(who.first);
    const CompiledOwner& owner = owner_ptr != nullptr ? *owner_ptr : rules.default_owner();
    const int cap = *rule.config.max_per_day;
    const auto used = [&](Date day) { return already_used(who.first, who.second, day); };
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
      return std::tie(a.day, a.occurrence.due, a.occurrence.key) <
             std::tie(b.day, b.occurrence.due, b.occurrence.key);
    });
    // The waiting pool is a heap, most overdue (earliest due, then key) on
    // top: a backlog of n spread over n / cap days costs O(n log n), not a
    // sort of the whole backlog every day.
    const auto later = [&items](std::size_t a, std::size_t b) {
      const Occurrence& x = items[a].occurrence;
      const Occurrence& y = items[b].occurrence;
      return std::tie(y.due, y.key) < std::tie(x.due, x.key);
    };
    std::vector<std::size_t> pool;
    std::size_t next = 0;
    Date day = items.front().day;
    while (next < items.size() || !pool.empty()) {
      if (pool.empty()) day = items[next].day;  // nothing waiting: jump to the next day with work
      for (; next < items.size() && items[next].day == day; ++next) {
        pool.push_back(next);
        std::push_heap(pool.begin(), pool.end(), later);
      }
      for (int room = std::max(0, cap - used(day)); room > 0 && !pool.empty(); --room) {
        std::pop_heap(pool.begin(), pool.end(), later);
        Item& item = items[pool.back()];
        pool.pop_back();
        Occurrence& o = item.occurrence;
        if (item.day != day) {
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
