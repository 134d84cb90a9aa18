// State transitions of one occurrence: fire (with catch-up, repeat and
// escalation), touch, done, snooze, expire. Pure: time is an input.
#include <fmt/format.h>

#include <algorithm>

#include "engine/planning.hpp"
#include "engine/timing.hpp"

namespace cadence {
namespace {

using engine_detail::add_days;
using engine_detail::whole_days;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

const CompiledOwner& owner_or_default(const RuleSet& rules, std::string_view id) {
  const CompiledOwner* o = rules.find_owner(id);
  return o != nullptr ? *o : rules.default_owner();
}

// When the escalation to the manager is due, if the rule escalates and it has not happened.
std::optional<Instant> escalation_time(const RuleSet& rules, const CompiledRule& rule,
                                       const Occurrence& o) {
  if (!rule.config.escalate_after || o.escalated) return std::nullopt;
  const CompiledOwner& owner = owner_or_default(rules, o.owner);
  if (!owner.manager || rules.find_owner(*owner.manager) == nullptr) return std::nullopt;
  // Only the last reminder of a due date (the smallest lead) escalates.
  if (o.key != occurrence_key(rule.id(), o.subject, o.due, rule.lead.back(), false)) {
    return std::nullopt;
  }
  return engine_detail::due_instant(rule, owner, o.due) + *rule.config.escalate_after;
}

Error closed_error(const Occurrence& o, const char* verb) {
  return Error::conflict(fmt::format("reminder {} cannot be {}: it is already {}", o.key, verb,
                                     o.state == OccurrenceState::kDone       ? "done"
                                     : o.state == OccurrenceState::kResolved ? "resolved"
                                                                             : "expired"));
}

}  // namespace

bool is_open(const Occurrence& o) {
  return o.state == OccurrenceState::kScheduled || o.state == OccurrenceState::kFired ||
         o.state == OccurrenceState::kSnoozed;
}

std::optional<Instant> next_fire_time(const Occurrence& o) {
  switch (o.state) {
    case OccurrenceState::kScheduled:
      return o.fire_at;
    case OccurrenceState::kSnoozed:
      return o.snoozed_until.value_or(o.fire_at);
    case OccurrenceState::kFired:
      if (o.fired_at && o.fire_at > *o.fired_at) return o.fire_at;
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

FireDecision fire(const RuleSet& rules, const Occurrence& o, Instant now) {
  FireDecision d;
  d.next = o;
  const std::optional<Instant> pending = next_fire_time(o);
  if (!pending || *pending > now) return d;
  const CompiledRule* rule = rules.find_rule(o.rule);
  const CompiledOwner& owner = owner_or_default(rules, o.owner);
  const Duration catch_up = rule != nullptr ? rule->catch_up : Duration{86400};
  const Duration lateness = now - *pending;
  const bool late = lateness > kOnTimeSlack;
  const bool first_send = o.state != OccurrenceState::kFired;
  const std::optional<Instant> escalate_at =
      rule != nullptr ? escalation_time(rules, *rule, o) : std::nullopt;

  if (late && (catch_up.count() == 0 || lateness > catch_up)) {
    if (first_send) {
      // Missed beyond what the rule accepts: never sent.
      d.action = FireDecision::Action::kExpire;
      d.next.state = OccurrenceState::kExpired;
      return d;
    }
    // A missed repeat is skipped; the next one counts from now.
    d.action = FireDecision::Action::kSkip;
  } else {
    d.action = FireDecision::Action::kSend;
    d.recipient = owner.id;
    if (!first_send && escalate_at && *escalate_at <= now) {
      d.escalation = true;
      d.recipient = *owner.manager;
      d.next.escalated = true;
    } else {
      d.next.fire_count += 1;
    }
    if (late) d.next.late = true;
  }
  d.next.state = OccurrenceState::kFired;
  d.next.snoozed_until.reset();
  d.next.fired_at = now;

  // What is pending after this step: the next repeat and/or the escalation.
  std::optional<Instant> next;
  if (rule != nullptr && rule->config.repeat && rule->config.repeat->count() > 0) {
    next = engine_detail::leave_quiet_hours(owner, now + *rule->config.repeat);
  }
  if (!d.next.escalated && escalate_at) {
    const CompiledOwner& manager = owner_or_default(rules, *owner.manager);
    const Instant at =
        engine_detail::leave_quiet_hours(manager, std::max(*escalate_at, now + Duration{1}));
    if (!next || at < *next) next = at;
  }
  d.next.fire_at = next.value_or(now);
  return d;
}

std::vector<Occurrence> apply_touch(const RuleSet& rules, const std::vector<Occurrence>& open,
                                    const Interaction& touch) {
  std::vector<Occurrence> resolved;
  const std::string subject = "contact:" + touch.contact;
  for (const Occurrence& o : open) {
    if (!is_open(o) || o.subject != subject) continue;
    const CompiledRule* rule = rules.find_rule(o.rule);
    if (rule == nullptr) continue;
    Duration period{0};
    if (const auto* c = std::get_if<CadenceTrigger>(&rule->config.trigger)) {
      if (!c->kinds.empty() &&
          std::find(c->kinds.begin(), c->kinds.end(), touch.kind) == c->kinds.end()) {
        continue;
      }
      period = ends_with(o.key, "|limit") && c->at_most ? *c->at_most : c->every;
    } else if (const auto* d = std::get_if<DepthTrigger>(&rule->config.trigger)) {
      if (touch.depth < d->min) continue;
      period = d->every;
    } else {
      continue;
    }
    // The touch must be newer than the period that made this occurrence due.
    // The period starts on the day of the touch that made it due (due = that
    // day + period), so that touch itself, a same-day one and any backdated
    // one change nothing here: only a later day's touch resolves.
    const CompiledOwner& owner = owner_or_default(rules, o.owner);
    const Date period_start = add_days(o.due, -whole_days(period));
    if (owner.zone.local_date(touch.at) <= period_start) continue;
    Occurrence r = o;
    r.state = OccurrenceState::kResolved;
    resolved.push_back(std::move(r));
  }
  return resolved;
}

std::vector<Occurrence> resolve_superseded(const std::vector<Occurrence>& open,
                                           const std::vector<std::string>& replanned_subjects,
                                           const std::vector<Occurrence>& replanned,
                                           Instant replanned_to) {
  std::vector<Occurrence> resolved;
  for (const Occurrence& o : open) {
    if (!is_open(o) || o.fire_at >= replanned_to) continue;
    if (o.kind != ReminderKind::kCadence && o.kind != ReminderKind::kDepth &&
        o.kind != ReminderKind::kCoverage) {
      continue;
    }
    if (std::find(replanned_subjects.begin(), replanned_subjects.end(), o.subject) ==
        replanned_subjects.end()) {
      continue;
    }
    const bool still_planned = std::any_of(replanned.begin(), replanned.end(),
                                           [&](const Occurrence& p) { return p.key == o.key; });
    if (still_planned) continue;
    Occurrence r = o;
    r.state = OccurrenceState::kResolved;
    resolved.push_back(std::move(r));
  }
  return resolved;
}

Result<Occurrence> mark_done(const Occurrence& o, Instant /*now*/) {
  if (o.state == OccurrenceState::kDone) return o;
  if (!is_open(o)) return closed_error(o, "marked done");
  Occurrence d = o;
  d.state = OccurrenceState::kDone;
  return d;
}

Result<Occurrence> snooze(const RuleSet& rules, const Occurrence& o, Instant until, Instant now) {
  if (until <= now) {
    return Error::invalid_input(
        fmt::format("cannot snooze reminder {} into the past: {} is not "
                    "after now ({})",
                    o.key, format_rfc3339_utc(until), format_rfc3339_utc(now)));
  }
  if (!is_open(o)) return closed_error(o, "snoozed");
  Occurrence s = o;
  const Instant when = engine_detail::leave_quiet_hours(owner_or_default(rules, o.owner), until);
  s.state = OccurrenceState::kSnoozed;
  s.snoozed_until = when;
  s.fire_at = when;
  return s;
}

Result<Occurrence> expire(const Occurrence& o, Instant /*now*/) {
  if (!is_open(o)) return closed_error(o, "expired");
  Occurrence e = o;
  e.state = OccurrenceState::kExpired;
  return e;
}

}  // namespace cadence
