// The daily digest's grouping: one owner's reminders of one local day by account.
#include <algorithm>

#include "cadence/engine.hpp"
#include "engine/text.hpp"

namespace cadence {

std::vector<DigestGroup> group_digest(const RuleSet& rules, std::string_view owner_id, Date day,
                                      const std::vector<Occurrence>& occurrences) {
  std::vector<DigestGroup> groups;
  const CompiledOwner* owner = rules.find_owner(owner_id);
  if (owner == nullptr) return groups;
  std::map<std::string, DigestGroup> by_account;
  for (const Occurrence& o : occurrences) {
    if (o.owner != owner->id || owner->zone.local_date(o.fire_at) != day) continue;
    std::string account;
    std::string name;
    engine_detail::account_of_details(o.details_json, &account, &name);
    DigestGroup& g = by_account[account];
    g.account = account;
    if (g.account_name.empty()) g.account_name = name.empty() ? account : name;
    g.occurrences.push_back(o);
  }
  for (auto& [account, group] : by_account) {
    std::sort(group.occurrences.begin(), group.occurrences.end(),
              [](const Occurrence& a, const Occurrence& b) {
                return std::tie(a.fire_at, a.key) < std::tie(b.fire_at, b.key);
              });
    groups.push_back(std::move(group));
  }
  std::sort(groups.begin(), groups.end(), [](const DigestGroup& a, const DigestGroup& b) {
    // Accounts by name; the group without an account goes last.
    if (a.account.empty() != b.account.empty()) return b.account.empty();
    return std::tie(a.account_name, a.account) < std::tie(b.account_name, b.account);
  });
  return groups;
}

std::optional<Instant> digest_time(const RuleSet& rules, std::string_view owner_id, Date day) {
  const CompiledOwner* owner = rules.find_owner(owner_id);
  if (owner == nullptr || !owner->digest) return std::nullopt;
  return owner->zone.to_instant(day, *owner->digest);
}

}  // namespace cadence
