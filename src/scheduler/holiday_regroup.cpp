// Grouped holiday reminders after contact changes. A holiday reminder is one
// row per owner, rule, holiday and lead, listing every contact to greet
// (details_json "contacts"). When a changed contact joins or leaves a holiday
// rule's selection, or its name, account, department or title changes, the
// owner's holiday reminders that have not fired yet are planned again from
// all of the owner's contacts and rewritten. A touch changes none of that, so
// the common change costs one indexed query per owner and no pass.
#include <nlohmann/json.hpp>

#include <map>
#include <set>

#include "cadence/scheduler.hpp"

namespace cadence {
namespace {

// For one owner: per holiday rule with a reminder still to fire, the contacts
// it lists, as the JSON objects the engine wrote (id → entry).
using Listed = std::map<std::string, std::map<std::string, nlohmann::json>>;

Listed listed_contacts(const std::vector<Occurrence>& pending) {
  Listed listed;
  for (const Occurrence& o : pending) {
    auto& by_id = listed[o.rule];
    const nlohmann::json details = nlohmann::json::parse(o.details_json, nullptr, false);
    if (details.is_discarded() || !details.contains("contacts")) continue;
    for (const nlohmann::json& entry : details["contacts"]) {
      if (entry.contains("id") && entry["id"].is_string()) {
        by_id.emplace(entry["id"].get<std::string>(), entry);
      }
    }
  }
  return listed;
}

std::string text_of(const nlohmann::json& entry, const char* field) {
  return entry.contains(field) && entry[field].is_string() ? entry[field].get<std::string>() : "";
}

// Whether the entry the engine wrote for `c` would read differently now.
bool entry_differs(const nlohmann::json& entry, const Contact& c, const Account* account) {
  return text_of(entry, "name") != c.name || text_of(entry, "account") != c.account ||
         text_of(entry, "account_name") != (account != nullptr ? account->name : "") ||
         text_of(entry, "department") != c.department || text_of(entry, "title") != c.title;
}

bool is_pending_holiday(const Occurrence& o) {
  return o.kind == ReminderKind::kHoliday && o.state == OccurrenceState::kScheduled;
}

}  // namespace

Result<int> Scheduler::regroup_holidays(const std::vector<std::string>& changed, Instant now,
                                        ReplanReport& report) {
  const RuleSet& rules = *rules_;
  std::map<std::string, std::vector<Occurrence>> pending;  // owner id → its holiday rows
  std::map<std::string, Listed> listed;
  for (const CompiledOwner& owner : rules.owners()) {
    auto open = store_.open_occurrences_for_subject("owner:" + owner.id);
    if (!open) return open.error();
    std::erase_if(*open, [](const Occurrence& o) { return !is_pending_holiday(o); });
    if (open->empty()) continue;
    listed[owner.id] = listed_contacts(*open);
    pending[owner.id] = std::move(*open);
  }
  if (pending.empty()) return 0;

  std::set<std::string> dirty;  // owners whose reminders must be rewritten
  for (const std::string& id : changed) {
    auto contact = store_.get_contact(id);
    if (!contact && contact.error().code() != ErrorCode::kNotFound) return contact.error();
    std::optional<Account> account;
    if (contact && !contact->account.empty()) {
      if (auto a = store_.get_account(contact->account)) account = std::move(*a);
    }
    const Account* account_ptr = account ? &*account : nullptr;
    for (const auto& [owner_id, by_rule] : listed) {
      for (const auto& [rule_id, entries] : by_rule) {
        const CompiledRule* rule = rules.find_rule(rule_id);
        const bool selected =
            contact && rule != nullptr && !contact->archived &&
            rules.owner_of(*contact).id == owner_id &&
            selector_matches(rule->config.match, *contact, account_ptr, rules.default_owner().id);
        const auto entry = entries.find(id);
        const bool was_listed = entry != entries.end();
        if (selected != was_listed ||
            (selected && entry_differs(entry->second, *contact, account_ptr))) {
          dirty.insert(owner_id);
        }
      }
    }
  }
  if (dirty.empty()) return 0;

  // Plan the dirty owners' holiday reminders again from all their contacts.
  HolidayGroups groups(rules);
  std::unordered_map<std::string, Account> accounts;
  if (auto all = store_.list_accounts({}); all) {
    for (Account& a : *all) accounts.emplace(a.id, std::move(a));
  } else {
    return all.error();
  }
  auto walked = store_.for_each_contact([&](const Contact& c, const ContactSummary&) {
    if (dirty.count(rules.owner_of(c).id) == 0) return;
    const auto a = accounts.find(c.account);
    groups.add(ContactRecord{&c, a != accounts.end() ? &a->second : nullptr, nullptr});
  });
  if (!walked) return walked.error();

  int changed_rows = 0;
  for (const std::string& owner_id : dirty) {
    std::vector<Occurrence> planned = groups.plan(owner_id, now, horizon_end_);
    std::set<std::string> keys;
    std::vector<Occurrence> fresh;
    for (Occurrence& o : planned) {
      keys.insert(o.key);
      auto stored = store_.get_occurrence_by_key(o.key);
      if (!stored) {
        if (stored.error().code() != ErrorCode::kNotFound) return stored.error();
        fresh.push_back(std::move(o));
        continue;
      }
      if (!is_pending_holiday(*stored)) continue;  // fired or handled: it stays as sent
      if (stored->title == o.title && stored->details_json == o.details_json) continue;
      stored->title = std::move(o.title);
      stored->details_json = std::move(o.details_json);
      if (auto s = store_.update_occurrence(*stored); !s) return s.error();
      ++changed_rows;
    }
    // A reminder whose list is now empty (its last contact left) is moot.
    for (Occurrence o : pending[owner_id]) {
      if (keys.count(o.key) != 0 || o.fire_at < now) continue;
      o.state = OccurrenceState::kResolved;
      if (auto s = store_.update_occurrence(o); !s) return s.error();
      ++report.resolved;
      ++changed_rows;
    }
    auto n = store_.upsert_occurrences(fresh);
    if (!n) return n.error();
    report.inserted += *n;
    changed_rows += *n;
  }
  return changed_rows;
}

}  // namespace cadence
