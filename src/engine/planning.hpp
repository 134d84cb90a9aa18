// Shared pieces of the planners (plan_contact.cpp, plan_group.cpp, explain.cpp).
#pragma once

#include <string>
#include <vector>

#include "cadence/engine.hpp"
#include "engine/text.hpp"

namespace cadence::engine_detail {

inline Date add_days(Date d, long long n) { return to_date(to_sys_days(d) + Days{n}); }
inline long long whole_days(Duration d) { return d.count() / kOneDay.count(); }
inline long long days_between(Date a, Date b) { return (to_sys_days(b) - to_sys_days(a)).count(); }

// An occurrence with the fields every planner sets; title and details are the caller's.
Occurrence make_occurrence(const CompiledRule& rule, const std::string& subject,
                           const CompiledOwner& owner, Date due, Instant fire_at, Duration lead,
                           bool limit = false);

// Whether `t` is in [from, to).
inline bool in_window(Instant t, Instant from, Instant to) { return from <= t && t < to; }

// One candidate reminder of a standing condition (cadence, depth, coverage).
struct StandingCandidate {
  Date due;
  Duration lead{0};
  bool limit = false;
  Instant natural{};  // fire time by the calendar
  Instant fire{};     // after clamping to `from`
};
// The reminders of a standing condition due on `due` (and its limit, if any):
// every lead of `due`, then the limit; natural fire times before `from` are
// clamped to `from` (adjusted), keeping only the most urgent of those.
// Returns those firing in [from, to).
std::vector<StandingCandidate> standing_candidates(const RuleSet& rules, const CompiledRule& rule,
                                                   const CompiledOwner& owner, Date due,
                                                   std::optional<Date> limit_due, Instant from,
                                                   Instant to);

// The last touch a cadence/depth rule counts, or nullopt (never touched).
std::optional<Instant> last_counted_touch(const CompiledRule& rule, const ContactSummary* summary);

// Contact-level rule (cadence, depth, birthday, anniversary) for one contact,
// selector already checked. Appends to `out`.
void plan_contact_rule(const RuleSet& rules, const CompiledRule& rule, const ContactRecord& c,
                       Instant from, Instant to, std::vector<Occurrence>& out, bool details = true);

// Sort by fire_at then key, and drop repeated keys (first kept).
void sort_and_dedupe(std::vector<Occurrence>& v);

}  // namespace cadence::engine_detail
