// Materialising the planning horizon: one pass over every contact (start,
// daily extension, reload of changed rules), and the incremental re-plan of
// one contact or account after a change.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include "cadence/scheduler.hpp"

namespace cadence {
namespace {

// Rows written per store transaction.
constexpr std::size_t kUpsertChunk = 5000;

bool is_calendar_kind(ReminderKind k) {
  return k == ReminderKind::kBirthday || k == ReminderKind::kAnniversary ||
         k == ReminderKind::kHoliday || k == ReminderKind::kSchedule || k == ReminderKind::kReview;
}

bool is_touch_kind(ReminderKind k) {
  return k == ReminderKind::kCadence || k == ReminderKind::kDepth;
}

bool has_rule_kind(const RuleSet& rules, bool account_level) {
  return std::any_of(rules.rules().begin(), rules.rules().end(), [&](const CompiledRule& r) {
    return r.config.enabled && r.config.account_level == account_level &&
           r.kind == ReminderKind::kCoverage;
  });
}

// Keeps what the pass asked for.
struct Keep {
  const std::set<std::string>* only_rules = nullptr;
  bool calendar_only = false;
  bool operator()(const Occurrence& o) const {
    if (only_rules != nullptr && only_rules->count(o.rule) == 0) return false;
    if (calendar_only && !is_calendar_kind(o.kind)) return false;
    return true;
  }
};

Result<int> upsert_all(Store& store, std::vector<Occurrence>& planned) {
  int inserted = 0;
  for (std::size_t i = 0; i < planned.size(); i += kUpsertChunk) {
    const auto end = std::min(planned.size(), i + kUpsertChunk);
    std::vector<Occurrence> chunk(
        std::make_move_iterator(planned.begin() + static_cast<long>(i)),
        std::make_move_iterator(planned.begin() + static_cast<long>(end)));
    auto n = store.upsert_occurrences(chunk);
    if (!n) return n.error();
    inserted += *n;
  }
  planned.clear();
  return inserted;
}

// A contact as grouped planners keep it while the pass runs (a million of
// them at once): without its notes and dates, which they never read.
Contact slim(const Contact& c) {
  Contact out = c;
  out.notes.clear();
  out.notes.shrink_to_fit();
  out.dates.clear();
  out.dates.shrink_to_fit();
  return out;
}

const ContactSummary* summary_or_null(const ContactSummary& s) {
  return s.interaction_count > 0 || s.last_any ? &s : nullptr;
}

// The daily cap's view of the store: how many reminders of a rule an owner
// already has on a local day (scheduled, fired, snoozed or done), not counting
// the ones being planned now (re-planning yields their keys again). One query
// per (owner, rule, day) the cap reaches; the first store error is kept.
class StoredCapUsage {
 public:
  StoredCapUsage(Store& store, const RuleSet& rules, const std::vector<Occurrence>& batch)
      : store_(store), rules_(rules) {
    for (const Occurrence& o : batch) batch_keys_.insert(o.key);
  }

  CapUsageLookup lookup() {
    return [this](const std::string& owner, const std::string& rule, Date day) {
      return used(owner, rule, day);
    };
  }
  Status status() const { return error_ ? Status(*error_) : ok_status(); }

 private:
  int used(const std::string& owner, const std::string& rule, Date day) {
    const auto key = std::make_tuple(owner, rule, day);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    const CompiledOwner* o = rules_.find_owner(owner);
    const TimeZone& zone = (o != nullptr ? *o : rules_.default_owner()).zone;
    const Instant from = zone.to_instant(day, TimeOfDay{0});
    const Instant to =
        zone.to_instant(to_date(to_sys_days(day) + std::chrono::days{1}), TimeOfDay{0});
    int n = 0;
    auto rows = store_.occurrences_of_rule_between(rule, from, to);
    if (!rows) {
      if (!error_) error_ = rows.error();
    } else {
      for (const Occurrence& row : *rows) {
        if (row.owner == owner && batch_keys_.count(row.key) == 0) ++n;
      }
    }
    cache_.emplace(key, n);
    return n;
  }

  Store& store_;
  const RuleSet& rules_;
  std::set<std::string> batch_keys_;
  std::map<std::tuple<std::string, std::string, Date>, int> cache_;
  std::optional<Error> error_;
};

// apply_daily_cap counting what the store already holds.
Result<std::vector<Occurrence>> cap_against_store(Store& store, const RuleSet& rules,
                                                  std::vector<Occurrence> planned) {
  StoredCapUsage usage(store, rules, planned);
  std::vector<Occurrence> out = apply_daily_cap(rules, std::move(planned), usage.lookup());
  if (auto s = usage.status(); !s) return s.error();
  return out;
}

}  // namespace

Result<int> Scheduler::full_pass(Instant from, Instant to, const std::set<std::string>* only_rules,
                                 bool calendar_only) {
  ++stats_.full_passes;
  const RuleSet& rules = *rules_;
  const Keep keep{only_rules, calendar_only};
  auto accounts_r = store_.list_accounts({});
  if (!accounts_r) return accounts_r.error();
  std::unordered_map<std::string, const Account*> accounts;
  for (const Account& a : *accounts_r) accounts.emplace(a.id, &a);

  // Grouped planners need their members; keep only contacts that can be one.
  const bool coverage = has_rule_kind(rules, true);
  // Only accounts that a coverage rule selects need their members.
  std::set<std::string> covered_accounts;
  for (const Account& a : *accounts_r) {
    for (const CompiledRule& r : rules.rules()) {
      if (r.config.enabled && r.kind == ReminderKind::kCoverage &&
          account_selector_matches(r.config.match, a)) {
        covered_accounts.insert(a.id);
        break;
      }
    }
  }
  HolidayGroups holiday_groups(rules);
  std::unordered_map<std::string, std::vector<std::pair<Contact, ContactSummary>>> by_account;

  std::vector<Occurrence> planned;
  std::vector<Occurrence> capped;
  const auto take = [&](std::vector<Occurrence>&& v) {
    for (Occurrence& o : v) {
      if (!keep(o)) continue;
      // Only rules with a max_per_day wait for the cap at the end of the
      // pass; everything else is written as the pass goes.
      const CompiledRule* r = rules.find_rule(o.rule);
      const bool waits = r != nullptr && r->capped() && r->config.max_per_day.has_value();
      (waits ? capped : planned).push_back(std::move(o));
    }
  };
  // Rows are written as the pass goes, so a million contacts' horizon is never
  // in memory at once. Writing while the contacts are being read works unless
  // another process committed since the read began (SQLite cannot upgrade a
  // stale snapshot): then the rest waits in memory for the end of the pass.
  int inserted = 0;
  bool flush_while_reading = true;
  const auto flush = [&] {
    if (!flush_while_reading || planned.size() < kUpsertChunk) return;
    if (auto n = store_.upsert_occurrences(planned); n) {
      inserted += *n;
      planned.clear();
    } else {
      flush_while_reading = false;
    }
  };
  auto s = store_.for_each_contact([&](const Contact& c, const ContactSummary& summary) {
    const Account* account = nullptr;
    if (auto it = accounts.find(c.account); it != accounts.end()) account = it->second;
    take(plan_contact(rules, ContactRecord{&c, account, summary_or_null(summary)}, from, to));
    flush();
    if (c.archived) return;
    // Grouping keeps who the contact is, not the whole record or its touches.
    holiday_groups.add(ContactRecord{&c, account, nullptr});
    if (coverage && account != nullptr && covered_accounts.count(c.account) != 0) {
      ContactSummary last;  // coverage reads only the last touch
      last.contact = summary.contact;
      last.last_any = summary.last_any;
      last.interaction_count = summary.interaction_count;
      by_account[c.account].emplace_back(slim(c), std::move(last));
    }
  });
  if (!s) return s.error();

  const auto records = [&](const std::vector<std::pair<Contact, ContactSummary>>& members) {
    std::vector<ContactRecord> out;
    out.reserve(members.size());
    for (const auto& [c, summary] : members) {
      const Account* account = nullptr;
      if (auto it = accounts.find(c.account); it != accounts.end()) account = it->second;
      out.push_back(ContactRecord{&c, account, summary_or_null(summary)});
    }
    return out;
  };
  for (const CompiledOwner& owner : rules.owners()) {
    take(holiday_groups.plan(owner.id, from, to));
    take(plan_owner(rules, owner.id, from, to));
  }
  for (const Account& a : *accounts_r) {
    take(plan_account(rules, a, records(by_account[a.id]), from, to));
  }
  auto spread = cap_against_store(store_, rules, std::move(capped));
  if (!spread) return spread.error();
  for (Occurrence& o : *spread) planned.push_back(std::move(o));
  auto n = upsert_all(store_, planned);
  if (!n) return n.error();
  return inserted + *n;
}

Result<bool> Scheduler::resolve_if_touched(const Occurrence& o) {
  if (!is_touch_kind(o.kind) || !is_open(o) || o.subject.rfind("contact:", 0) != 0) return false;
  auto summary = store_.get_summary(o.subject.substr(8));
  if (!summary) {
    if (summary.error().code() == ErrorCode::kNotFound) return false;
    return summary.error();
  }
  for (const Interaction& touch : touches_from_summary(*summary)) {
    std::vector<Occurrence> resolved = apply_touch(*rules_, {o}, touch);
    if (resolved.empty()) continue;
    if (auto st = store_.update_occurrence(resolved.front()); !st) return st.error();
    ++stats_.resolved;
    return true;
  }
  return false;
}

Result<int> Scheduler::replan_contact(const std::string& id, Instant now, ReplanReport& report) {
  report.contacts.insert(id);
  ++stats_.contacts_replanned;
  const std::string subject = "contact:" + id;
  auto open = store_.open_occurrences_for_subject(subject);
  if (!open) return open.error();

  auto contact = store_.get_contact(id);
  std::vector<Occurrence> planned;
  if (contact) {
    // Resolve what the latest touches satisfy (the summary holds them all).
    for (const Occurrence& o : *open) {
      auto r = resolve_if_touched(o);
      if (!r) return r.error();
      if (*r) ++report.resolved;
    }
    std::optional<Account> account;
    if (!contact->account.empty()) {
      if (auto a = store_.get_account(contact->account)) account = std::move(*a);
    }
    auto summary = store_.get_summary(id);
    if (!summary) return summary.error();
    const ContactRecord record{&*contact, account ? &*account : nullptr, summary_or_null(*summary)};
    auto spread =
        cap_against_store(store_, *rules_, plan_contact(*rules_, record, now, horizon_end_));
    if (!spread) return spread.error();
    planned = std::move(*spread);
    // A touch can change the account's coverage.
    if (account && has_rule_kind(*rules_, true) && report.accounts.count(account->id) == 0) {
      if (auto a = replan_account(account->id, now, report); !a) return a.error();
    }
  } else if (contact.error().code() != ErrorCode::kNotFound) {
    return contact.error();
  }

  // Scheduled reminders the new plan no longer has (the rule stopped applying,
  // the birthday changed, the contact is gone) are moot. Fired ones stay open
  // for the owner to handle.
  std::set<std::string> keys;
  for (const Occurrence& o : planned) keys.insert(o.key);
  auto still_open = store_.open_occurrences_for_subject(subject);
  if (!still_open) return still_open.error();
  for (Occurrence o : *still_open) {
    if (o.state != OccurrenceState::kScheduled || keys.count(o.key) != 0) continue;
    if (o.fire_at < now) continue;  // due: process_due decides (it may be moot or late)
    o.state = OccurrenceState::kResolved;
    if (auto st = store_.update_occurrence(o); !st) return st.error();
    ++report.resolved;
    ++stats_.resolved;
  }
  auto n = upsert_all(store_, planned);
  if (!n) return n.error();
  report.inserted += *n;
  return *n;
}

Result<int> Scheduler::replan_account(const std::string& id, Instant now, ReplanReport& report) {
  report.accounts.insert(id);
  auto account = store_.get_account(id);
  if (!account)
    return account.error().code() == ErrorCode::kNotFound ? Result<int>(0) : account.error();
  ContactFilter f;
  f.account = id;
  auto contacts = store_.list_contacts(f);
  if (!contacts) return contacts.error();
  std::vector<ContactSummary> summaries;
  summaries.reserve(contacts->size());
  for (const Contact& c : *contacts) {
    auto s = store_.get_summary(c.id);
    summaries.push_back(s ? *s : ContactSummary{});
  }
  std::vector<ContactRecord> records;
  for (std::size_t i = 0; i < contacts->size(); ++i) {
    records.push_back(ContactRecord{&(*contacts)[i], &*account, summary_or_null(summaries[i])});
  }
  std::vector<Occurrence> planned = plan_account(*rules_, *account, records, now, horizon_end_);
  auto spread = cap_against_store(store_, *rules_, std::move(planned));
  if (!spread) return spread.error();
  planned = std::move(*spread);
  auto n = upsert_all(store_, planned);
  if (!n) return n.error();
  report.inserted += *n;
  return *n;
}

}  // namespace cadence
