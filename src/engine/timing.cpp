#include "engine/timing.hpp"

#include "engine/planning.hpp"

namespace cadence::engine_detail {

Instant leave_quiet_hours(const CompiledOwner& owner, Instant t) {
  if (!owner.quiet_hours) return t;
  const TimeRange& quiet = *owner.quiet_hours;
  const TimeOfDay local = owner.zone.local_time_of_day(t);
  if (!quiet.contains(local)) return t;
  Date day = owner.zone.local_date(t);
  // Inside a window that wraps midnight and before midnight: it ends tomorrow.
  if (quiet.end < quiet.start && local >= quiet.start) day = add_days(day, 1);
  const Instant end = owner.zone.to_instant(day, quiet.end);
  return end > t ? end : t;
}

Instant adjust_fire_time(const RuleSet& rules, const CompiledRule& rule, const CompiledOwner& owner,
                         Instant t) {
  // Each step only moves forward; a few rounds settle any real calendar.
  for (int round = 0; round < 8; ++round) {
    Instant moved = t;
    if (rule.config.business_days) {
      const Date day = owner.zone.local_date(moved);
      const Date business = rules.business_days().next_business_day_on_or_after(day);
      if (business != day) {
        moved = owner.zone.to_instant(business, owner.zone.local_time_of_day(moved));
      }
    }
    moved = leave_quiet_hours(owner, moved);
    if (moved == t) return t;
    t = moved;
  }
  return t;
}

Instant due_instant(const CompiledRule& rule, const CompiledOwner& owner, Date due) {
  return owner.zone.to_instant(due, rule.at);
}

Instant fire_time(const RuleSet& rules, const CompiledRule& rule, const CompiledOwner& owner,
                  Date due, Duration lead) {
  const long long whole_days = lead.count() / kOneDay.count();
  const Duration rest = lead - kOneDay * whole_days;
  const Instant base = owner.zone.to_instant(add_days(due, -whole_days), rule.at) - rest;
  return adjust_fire_time(rules, rule, owner, base);
}

long long local_days_between(const TimeZone& zone, Instant a, Instant b) {
  return (to_sys_days(zone.local_date(b)) - to_sys_days(zone.local_date(a))).count();
}

}  // namespace cadence::engine_detail
