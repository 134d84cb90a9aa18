// The reminders the engine plans for a window, from the store's current data:
// the forecast of `cadencectl forecast` (engine plan_all: every planner, then
// the daily cap), for GET /api/v1/forecast and the ICS feed. Reads every
// account and contact with its summary: bounded windows only (callers cap it
// at 400 days).
#pragma once

#include <vector>

#include "cadence/engine.hpp"
#include "cadence/store.hpp"

namespace cadence::http {

// Occurrences with fire_at in [from, to), sorted by fire_at then key.
Result<std::vector<Occurrence>> plan_window(Store& store, const RuleSet& rules, Instant from,
                                            Instant to);

}  // namespace cadence::http
