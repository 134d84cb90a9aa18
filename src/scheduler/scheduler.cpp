// Scheduler life cycle: start (materialise the horizon), next_wake, incremental
// re-planning after data changes, and reconfiguration by rule fingerprint.
#include "cadence/scheduler.hpp"

#include <algorithm>
#include <utility>

namespace cadence {

Scheduler::Scheduler(Store& store, std::shared_ptr<const RuleSet> rules,
                     std::shared_ptr<const Config> config, SchedulerOptions options)
    : store_(store), rules_(std::move(rules)), config_(std::move(config)), options_(options) {}

Duration Scheduler::lookback() const {
  Duration longest{0};
  for (const CompiledRule& r : rules_->rules()) longest = std::max(longest, r.catch_up);
  return std::min(longest, options_.max_lookback);
}

Status Scheduler::start(Instant now) {
  started_ = now;
  // Read the sequence first: a change landing during the pass is seen again
  // by on_data_changed (re-planning is idempotent).
  auto seq = store_.change_sequence();
  if (!seq) return seq.error();
  last_seq_ = *seq;
  horizon_end_ = now + options_.horizon;
  stats_.horizon_end = horizon_end_;
  // Calendar events of the catch-up window that were never materialised (the
  // daemon was down longer than its horizon): they keep their natural fire
  // times, so fire() treats them as late. Standing conditions are planned from
  // now (their overdue reminders fire now, with the key of their real due date).
  if (const Duration back = lookback(); back > Duration{0}) {
    if (auto n = full_pass(now - back, now, nullptr, true); !n) return n.error();
  }
  if (auto n = full_pass(now, horizon_end_, nullptr, false); !n) return n.error();
  return ok_status();
}

Result<std::optional<Instant>> Scheduler::next_wake(Instant now) {
  std::optional<Instant> wake = horizon_end_ - options_.horizon + options_.extend_step;
  const auto consider = [&](std::optional<Instant> t) {
    if (t && (!wake || *t < *wake)) wake = t;
  };
  auto occ = store_.next_fire_time();
  if (!occ) return occ.error();
  consider(*occ);
  auto del = store_.next_delivery_time();
  if (!del) return del.error();
  consider(*del);
  // Repeats and escalations of fired reminders (the store's wake index holds
  // scheduled and snoozed rows only): the earliest fired row firing after now.
  auto fired = store_.list_occurrences(OccurrenceState::kFired, now, std::nullopt, 50);
  if (!fired) return fired.error();
  for (const Occurrence& o : *fired) {
    if (auto t = next_fire_time(o)) {
      consider(*t);
      break;
    }
  }
  consider(next_digest(now));
  return wake;
}

Result<ReplanReport> Scheduler::on_data_changed(Instant now) {
  ReplanReport report;
  auto seq = store_.change_sequence();
  if (!seq) return seq.error();
  if (*seq == last_seq_) return report;
  auto contacts = store_.contacts_changed_since(last_seq_);
  if (!contacts) return contacts.error();
  auto accounts = store_.accounts_changed_since(last_seq_);
  if (!accounts) return accounts.error();
  for (const std::string& id : *contacts) {
    if (auto r = replan_contact(id, now, report); !r) return r.error();
  }
  if (!contacts->empty()) {
    if (auto r = regroup_holidays(*contacts, now, report); !r) return r.error();
  }
  for (const std::string& id : *accounts) {
    if (report.accounts.count(id) != 0) continue;
    if (auto r = replan_account(id, now, report); !r) return r.error();
  }
  last_seq_ = *seq;
  return report;
}

Result<ReplanReport> Scheduler::reconfigure(std::shared_ptr<const RuleSet> rules,
                                            std::shared_ptr<const Config> config, Instant now) {
  ReplanReport report;
  std::map<std::string, std::string> old_prints;
  for (const CompiledRule& r : rules_->rules()) {
    old_prints[r.id()] = r.config.enabled ? r.fingerprint : std::string();
  }
  std::set<std::string> changed;  // to recompute
  for (const CompiledRule& r : rules->rules()) {
    const std::string print = r.config.enabled ? r.fingerprint : std::string();
    auto it = old_prints.find(r.id());
    if (it == old_prints.end() || it->second != print) changed.insert(r.id());
    if (it != old_prints.end()) old_prints.erase(it);
  }
  std::set<std::string> removed;
  for (const auto& [id, print] : old_prints) removed.insert(id);

  // On a store error the old rules come back, so that a retry with the same
  // new rules finds the same changes (deleting and re-planning are idempotent).
  std::shared_ptr<const RuleSet> old_rules = std::exchange(rules_, std::move(rules));
  std::shared_ptr<const Config> old_config = std::exchange(config_, std::move(config));
  const auto undo = [&](const Error& e) -> Error {
    rules_ = std::move(old_rules);
    config_ = std::move(old_config);
    return e;
  };
  for (const std::set<std::string>* ids : {&changed, &removed}) {
    for (const std::string& id : *ids) {
      if (auto n = store_.delete_scheduled_for_rule(id); !n) return undo(n.error());
    }
  }
  report.rules = changed;
  report.rules.insert(removed.begin(), removed.end());
  if (!changed.empty()) {
    auto n = full_pass(now, horizon_end_, &changed, false);
    if (!n) return undo(n.error());
    report.inserted += *n;
  }
  return report;
}

}  // namespace cadence
