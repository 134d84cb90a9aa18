// What a per-day cap counts: one rule's live occurrences in a time range.
#include "store/codec.hpp"
#include "store/sqlite_store.hpp"

namespace cadence::store {

Result<std::vector<Occurrence>> SqliteStore::occurrences_of_rule_between(const std::string& rule,
                                                                         Instant from, Instant to) {
  std::vector<Occurrence> found;
  auto s = read([&]() -> Status {
    // `+rule` keeps SQLite off the (rule, state) index, which would walk every
    // row of the rule; (state, fire_at) reads only the range.
    found = query_occurrences(
        "INDEXED BY occurrences_fire WHERE state IN ('scheduled', 'fired', 'snoozed', 'done') "
        "AND fire_at >= ?2 AND fire_at < ?3 AND +rule = ?1 ORDER BY fire_at, row_id",
        [&](SQLite::Statement& q) {
          q.bind(1, rule);
          q.bind(2, to_seconds(from));
          q.bind(3, to_seconds(to));
        });
    return ok_status();
  });
  if (!s) return s.error();
  return found;
}

}  // namespace cadence::store
