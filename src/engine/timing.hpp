// When a reminder fires: `at` in the owner's zone, lead offsets counted in
// local days (so "10d before at 09:00" is 09:00 across a DST change), business
// days, quiet hours.
#pragma once

#include "cadence/engine.hpp"

namespace cadence::engine_detail {

// `t`, or the end of the owner's quiet hours when `t` falls inside them.
Instant leave_quiet_hours(const CompiledOwner& owner, Instant t);

// `t` moved to the next business day (same local time) when the rule asks for
// business days, then out of quiet hours; repeated until both hold.
Instant adjust_fire_time(const RuleSet& rules, const CompiledRule& rule, const CompiledOwner& owner,
                         Instant t);

// The rule's `at` on `due` in the owner's zone (no adjustment): the moment the
// reminder is "due" — the base for escalation.
Instant due_instant(const CompiledRule& rule, const CompiledOwner& owner, Date due);

// When the reminder for `due` with `lead` fires: `at` on the local date
// due - (whole days of lead), minus the rest of the lead, then adjusted.
Instant fire_time(const RuleSet& rules, const CompiledRule& rule, const CompiledOwner& owner,
                  Date due, Duration lead);

// Whole local days from instant `a` to `b` in `zone` (date difference).
long long local_days_between(const TimeZone& zone, Instant a, Instant b);

}  // namespace cadence::engine_detail
