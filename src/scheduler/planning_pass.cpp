// Materialising the planning horizon: one pass over every contact (start,
// daily extension, reload of changed rules), and the incremental re-plan of
// one contact or account after a change.
#include <algorithm>
#include <unordered_map>

#include "cadence/scheduler.hpp"

namespace cadence {
namespace {

// Rows written per store transaction.
constexpr std::size_t kUpsertChunk = 5000;

bool is_calendar_kind(ReminderKind k) {
  return k == ReminderKind::kBirthday || k == ReminderKind::kAnniversary ||
         k == ReminderKind::kHoliday || k == ReminderKind::kSchedule;
}

bool is_touch_kind(ReminderKind k) {
  return k == ReminderKind::kCadence || k == ReminderKind::kDepth;
}

// Whether a contact may be listed in a grouped holiday reminder: it matches
// the selector of at least one enabled holiday rule.
bool in_some_holiday_rule(const RuleSet& rules, const Contact& c, const Account* account) {
  for (const CompiledRule& r : rules.rules()) {
    if (!r.config.enabled || r.kind != ReminderKind::kHoliday) continue;
    if (selector_matches(r.config.match, c, account, rules.default_owner().id)) return true;
  }
  return false;
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

const ContactSummary* summary_or_null(const ContactSummary& s) {
  return s.interaction_count > 0 || s.last_any ? &s : nullptr;
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
  std::map<std::string, std::vector<std::pair<Contact, ContactSummary>>> by_owner;
  std::unordered_map<std::string, std::vector<std::pair<Contact, ContactSummary>>> by_account;

  std::vector<Occurrence> planned;
  std::vector<Occurrence> capped;
  const auto take = [&](std::vector<Occurrence>&& v) {
    for (Occurrence& o : v) {
      if (!keep(o)) continue;
      const CompiledRule* r = rules.find_rule(o.rule);
      (r != nullptr && r->capped() ? capped : planned).push_back(std::move(o));
    }
  };
  auto s = store_.for_each_contact([&](const Contact& c, const ContactSummary& summary) {
    const Account* account = nullptr;
    if (auto it = accounts.find(c.account); it != accounts.end()) account = it->second;
    take(plan_contact(rules, ContactRecord{&c, account, summary_or_null(summary)}, from, to));
    if (c.archived) return;
    if (in_some_holiday_rule(rules, c, account)) {
      by_owner[rules.owner_of(c).id].emplace_back(c, summary);
    }
    if (coverage && account != nullptr) by_account[c.account].emplace_back(c, summary);
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
    take(plan_holidays(rules, owner.id, records(by_owner[owner.id]), from, to));
    take(plan_owner(rules, owner.id, from, to));
  }
  for (const Account& a : *accounts_r) {
    take(plan_account(rules, a, records(by_account[a.id]), from, to));
  }
  for (Occurrence& o : apply_daily_cap(rules, std::move(capped))) planned.push_back(std::move(o));
  return upsert_all(store_, planned);
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
    planned = apply_daily_cap(*rules_, plan_contact(*rules_, record, now, horizon_end_));
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
  planned = apply_daily_cap(*rules_, std::move(planned));
  auto n = upsert_all(store_, planned);
  if (!n) return n.error();
  report.inserted += *n;
  return *n;
}

}  // namespace cadence
