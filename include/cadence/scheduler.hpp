// The durable scheduler: the rule engine (engine.hpp) applied to the store
// (store.hpp) over time. SQLite is the timer queue: occurrences are rows with
// idempotent keys, so planning twice, restarting, or a clock jumping back and
// forth never doubles or loses a reminder.
//
//   start(now)            materialises the planning horizon [now, now + horizon)
//                         for every subject (one pass over the contacts), plus
//                         calendar events (birthdays, holidays, ...) of the
//                         last max(catch_up) that were never materialised (a
//                         long outage), which then go through catch_up.
//   process_due(now)      fires what is due: engine fire() decides send /
//                         expire / skip; a send is recorded with its outbox rows
//                         (delivery's plan_deliveries) in ONE store transaction
//                         (durable before visible). Nothing is rendered or sent
//                         here: the Outbox does that. A due cadence/depth
//                         reminder whose contact was touched meanwhile (even
//                         while the daemon was down) is resolved, not sent.
//                         Extends the horizon when a day has passed, and sends
//                         owners' daily digests.
//   next_wake(now)        the earliest instant at which process_due has work:
//                         an occurrence, a repeat, a delivery, a digest, the
//                         horizon extension.
//   on_data_changed()     re-plans only the contacts/accounts changed since the
//                         last call (Store::contacts_changed_since), resolving
//                         open reminders that a new touch satisfies. No scan of
//                         all contacts.
//   reconfigure(rules)    recomputes only rules whose fingerprint changed (or
//                         that were added/removed): their scheduled rows are
//                         deleted and re-planned; fired history is kept.
//
// Not thread-safe: one Scheduler, one thread (the daemon's loop). No Asio here;
// time comes only from the `now` arguments (the daemon passes its Clock's now).
// Errors are store errors; the scheduler's state stays consistent because every
// step is idempotent and re-derivable from the store.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cadence/config.hpp"
#include "cadence/engine.hpp"
#include "cadence/error.hpp"
#include "cadence/store.hpp"
#include "cadence/time.hpp"

namespace cadence {

struct SchedulerOptions {
  // How far ahead occurrences are materialised. Default: 30 days. A daemon
  // down for longer than this loses nothing that is still within catch_up:
  // start() looks back over max(catch_up) for calendar events.
  Duration horizon{30 * 86400};
  // The horizon is extended (one pass over the contacts) when it has shrunk
  // by this much. Default: 1 day.
  Duration extend_step{86400};
  // Rows read per store query while firing. Default: 500.
  int batch = 500;
  // The longest look-back at start-up (caps max(catch_up)). Default: 30 days.
  Duration max_lookback{30 * 86400};
};

// What one process_due call did.
struct ProcessReport {
  int sent = 0;           // fired with deliveries queued (repeats and escalations included)
  int late = 0;           // of those, sent late by catch-up
  int expired = 0;        // missed beyond catch_up: recorded, never sent
  int skipped = 0;        // missed repeats skipped
  int resolved = 0;       // due but already satisfied by a touch: resolved, not sent
  int digests = 0;        // daily digests sent
  bool extended = false;  // the horizon was extended
};

// What one on_data_changed / reconfigure call did.
struct ReplanReport {
  std::set<std::string> contacts;  // contact ids re-planned
  std::set<std::string> accounts;  // account ids re-planned
  std::set<std::string> rules;     // rule ids recomputed (reconfigure)
  int inserted = 0;                // occurrence rows added
  int resolved = 0;                // open reminders resolved by a touch or made moot
};

// Counters since construction (for STATUS= and tests).
struct SchedulerStats {
  std::int64_t sent = 0;
  std::int64_t expired = 0;
  std::int64_t resolved = 0;
  std::int64_t contacts_replanned = 0;  // by on_data_changed
  std::int64_t full_passes = 0;         // passes over every contact (start, extension, reload)
  Instant horizon_end{};
};

class Scheduler {
 public:
  // `store`, `rules` and `config` must outlive the scheduler (the config is the
  // one `rules` was compiled from; owners' channels come from it).
  Scheduler(Store& store, std::shared_ptr<const RuleSet> rules,
            std::shared_ptr<const Config> config, SchedulerOptions options = {});

  // Materialises the horizon and remembers the store's change sequence (later
  // changes reach on_data_changed). Call once, before the others.
  Status start(Instant now);

  Result<ProcessReport> process_due(Instant now);

  // nullopt: nothing pending at all (the caller still wakes for the horizon).
  Result<std::optional<Instant>> next_wake(Instant now);

  Result<ReplanReport> on_data_changed(Instant now);

  // Swaps to new rules (compiled from `config`) and recomputes the changed ones.
  // On an error the old rules stay in force: a retry with the same arguments
  // finds the same changes.
  Result<ReplanReport> reconfigure(std::shared_ptr<const RuleSet> rules,
                                   std::shared_ptr<const Config> config, Instant now);

  const SchedulerStats& stats() const { return stats_; }
  const RuleSet& rules() const { return *rules_; }

 private:
  // Plans every subject over [from, to) (only `only_rules` when set; only
  // calendar events when calendar_only) and upserts the result.
  Result<int> full_pass(Instant from, Instant to, const std::set<std::string>* only_rules,
                        bool calendar_only);
  Result<int> replan_contact(const std::string& id, Instant now, ReplanReport& report);
  Result<int> replan_account(const std::string& id, Instant now, ReplanReport& report);
  // Rewrites the grouped holiday reminders (not fired yet) of owners whose
  // list of contacts to greet the `changed` contacts alter; returns the rows
  // changed. src/scheduler/holiday_regroup.cpp.
  Result<int> regroup_holidays(const std::vector<std::string>& changed, Instant now,
                               ReplanReport& report);
  // Resolves `o` when the contact's summary shows a touch that satisfies it.
  Result<bool> resolve_if_touched(const Occurrence& o);
  Status fire_one(const Occurrence& o, Instant now, ProcessReport& report);
  Status send_digests(Instant now, ProcessReport& report);
  Result<std::vector<Occurrence>> due_repeats(Instant now);
  std::optional<Instant> next_digest(Instant now) const;
  Duration lookback() const;

  Store& store_;
  std::shared_ptr<const RuleSet> rules_;
  std::shared_ptr<const Config> config_;
  SchedulerOptions options_;
  std::int64_t last_seq_ = 0;
  Instant horizon_end_{};
  // The `now` of the last process_due whose repeats were all handled; the
  // next scan for due repeats starts there (firing.cpp, due_repeats).
  std::optional<Instant> repeats_scanned_until_;
  // Per owner: the last local day whose digest was sent (this run).
  std::map<std::string, Date> digest_sent_;
  Instant started_{};
  SchedulerStats stats_;
};

// The interactions a contact summary implies (the last touch of each kind,
// the last deep and normal ones): what apply_touch needs to decide whether a
// reminder has been satisfied without reading the interactions table.
std::vector<Interaction> touches_from_summary(const ContactSummary& summary);

}  // namespace cadence
