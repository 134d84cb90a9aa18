// What an action link does to the store: the same transitions `cadencectl
// done` / `snooze` make (engine mark_done / snooze, Store::update_occurrence),
// and a logged touch (actions::log_touch, source "link").
//
// prepare_* computes the change without writing, so a link for a closed
// reminder is refused before its nonce is spent; commit_* writes it.
#pragma once

#include <string>
#include <variant>

#include "cadence/engine.hpp"
#include "cadence/store.hpp"

namespace cadence::http {

// The change an action will make: an occurrence to update or a touch to add.
using PreparedAction = std::variant<Occurrence, Interaction>;

// kConflict for a closed reminder (resolved, expired) or a touch on a
// reminder that is not about one contact; kInvalidInput for an unknown kind.
Result<PreparedAction> prepare_link_action(const RuleSet& rules, const Config& config,
                                           const Occurrence& reminder, const std::string& action,
                                           Instant now);

// Writes the change: an occurrence as it is, a touch through actions::log_touch
// (its checks, and what it resolves, in one transaction).
Status commit_link_action(Store& store, const Config& config, const RuleSet& rules,
                          const Clock& clock, const PreparedAction& change);

// "until 2026-11-28 09:00" in the reminder owner's zone, for the result page
// (empty for done and touch).
std::string action_detail(const RuleSet& rules, Locale locale, const PreparedAction& change);

}  // namespace cadence::http
