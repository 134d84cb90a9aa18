#include "http/owner_agenda.hpp"

#include <algorithm>
#include <tuple>

namespace cadence::http {
namespace {

Instant shown_at(const Occurrence& o) {
  return o.state == OccurrenceState::kSnoozed && o.snoozed_until ? *o.snoozed_until : o.fire_at;
}

}  // namespace

Instant end_of_local_day(const TimeZone& zone, Instant now) {
  const Date today = zone.local_date(now);
  return zone.to_instant(Date{to_sys_days(today) + std::chrono::days{1}}, TimeOfDay{0});
}

Result<std::vector<Occurrence>> owner_open_today(Store& store, const std::string& owner,
                                                 const TimeZone& zone, Instant now,
                                                 std::size_t limit) {
  const Instant end = end_of_local_day(zone, now);
  std::vector<Occurrence> out;
  for (auto state :
       {OccurrenceState::kFired, OccurrenceState::kScheduled, OccurrenceState::kSnoozed}) {
    // Scheduled: only those firing today or earlier (the store's to is inclusive).
    const bool windowed = state == OccurrenceState::kScheduled;
    auto list = store.list_occurrences(
        state, std::nullopt, windowed ? std::optional(end - Duration{1}) : std::nullopt, 0);
    if (!list) return list.error();
    for (Occurrence& o : *list) {
      if (o.owner != owner || shown_at(o) >= end) continue;
      out.push_back(std::move(o));
    }
  }
  std::sort(out.begin(), out.end(), [](const Occurrence& a, const Occurrence& b) {
    return std::make_tuple(shown_at(a), a.row_id) < std::make_tuple(shown_at(b), b.row_id);
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace cadence::http
