// What the owner's web page lists to act on: the owner's open reminders of
// today and before (fired ones; scheduled ones firing before the end of the
// owner's local today; snoozed ones until before then).
//
// Cost: three indexed reads of the occurrences table by state (fired, all;
// scheduled, up to the end of today; snoozed, all), filtered by owner here.
// Fired and snoozed rows are few (they are the open work); the scheduled ones
// are those of one day.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "cadence/engine.hpp"
#include "cadence/store.hpp"

namespace cadence::http {

// The start of the owner's next local day after `now`.
Instant end_of_local_day(const TimeZone& zone, Instant now);

// Ordered by when they are (or were) due to be shown (snoozed: their snooze
// time), then row id; at most `limit`.
Result<std::vector<Occurrence>> owner_open_today(Store& store, const std::string& owner,
                                                 const TimeZone& zone, Instant now,
                                                 std::size_t limit);

}  // namespace cadence::http
