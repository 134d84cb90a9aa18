// Selectors: which contacts (or accounts) a rule applies to.
#include <fmt/format.h>

#include <algorithm>

#include "cadence/engine.hpp"

namespace cadence {
namespace {

bool contains(const std::vector<std::string>& v, std::string_view x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::string list(const std::vector<std::string>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
  return out + "]";
}

// "field is 'x', rule wants one of [a, b]" when `value` is not in `wanted`.
std::optional<std::string> one_of(const char* field, std::string_view value,
                                  const std::vector<std::string>& wanted) {
  if (wanted.empty() || contains(wanted, value)) return std::nullopt;
  return fmt::format("{} is '{}', rule wants one of {}", field, value, list(wanted));
}

}  // namespace

std::optional<std::string> selector_mismatch(const Selector& s, const Contact& contact,
                                             const Account* account,
                                             std::string_view default_owner) {
  for (const std::string& tag : s.tags) {
    if (!contains(contact.tags, tag)) return fmt::format("has no tag '{}'", tag);
  }
  if (auto m = one_of("tier", contact.tier, s.tiers)) return m;
  if (auto m = one_of("account", contact.account, s.accounts)) return m;
  if (!s.account_tiers.empty()) {
    if (account == nullptr) return std::string("has no account (rule selects account tiers)");
    if (auto m = one_of("account tier", account->tier, s.account_tiers)) return m;
  }
  if (auto m = one_of("department", contact.department, s.departments)) return m;
  const std::string_view owner = contact.owner.empty() ? default_owner : contact.owner;
  if (auto m = one_of("owner", owner, s.owners)) return m;
  if (!s.any.empty()) {
    const bool hit = std::any_of(s.any.begin(), s.any.end(), [&](const Selector& sub) {
      return !selector_mismatch(sub, contact, account, default_owner);
    });
    if (!hit) return std::string("matches none of the 'any' alternatives");
  }
  for (const Selector& sub : s.all) {
    if (auto m = selector_mismatch(sub, contact, account, default_owner)) return m;
  }
  for (const Selector& sub : s.none) {
    if (!selector_mismatch(sub, contact, account, default_owner)) {
      return std::string("matches an excluded ('not') selector");
    }
  }
  return std::nullopt;
}

// The same decisions as selector_mismatch without composing the reason: the
// planners ask this for every rule and contact (8 million times a pass at a
// million contacts).
bool selector_matches(const Selector& s, const Contact& contact, const Account* account,
                      std::string_view default_owner) {
  const auto allowed = [](const std::vector<std::string>& wanted, std::string_view value) {
    return wanted.empty() || contains(wanted, value);
  };
  for (const std::string& tag : s.tags) {
    if (!contains(contact.tags, tag)) return false;
  }
  if (!allowed(s.tiers, contact.tier) || !allowed(s.accounts, contact.account)) return false;
  if (!s.account_tiers.empty() && (account == nullptr || !contains(s.account_tiers, account->tier)))
    return false;
  if (!allowed(s.departments, contact.department)) return false;
  if (!allowed(s.owners, contact.owner.empty() ? default_owner : contact.owner)) return false;
  if (!s.any.empty() && std::none_of(s.any.begin(), s.any.end(), [&](const Selector& sub) {
        return selector_matches(sub, contact, account, default_owner);
      })) {
    return false;
  }
  for (const Selector& sub : s.all) {
    if (!selector_matches(sub, contact, account, default_owner)) return false;
  }
  for (const Selector& sub : s.none) {
    if (selector_matches(sub, contact, account, default_owner)) return false;
  }
  return true;
}

bool account_selector_matches(const Selector& s, const Account& account) {
  if (!s.tags.empty()) return false;
  if (!s.tiers.empty() && !contains(s.tiers, account.tier)) return false;
  if (!s.account_tiers.empty() && !contains(s.account_tiers, account.tier)) return false;
  if (!s.accounts.empty() && !contains(s.accounts, account.id)) return false;
  if (!s.owners.empty() && !contains(s.owners, account.owner)) return false;
  if (!s.departments.empty() &&
      std::none_of(s.departments.begin(), s.departments.end(),
                   [&](const std::string& d) { return contains(account.departments, d); })) {
    return false;
  }
  if (!s.any.empty() && std::none_of(s.any.begin(), s.any.end(), [&](const Selector& sub) {
        return account_selector_matches(sub, account);
      })) {
    return false;
  }
  for (const Selector& sub : s.all) {
    if (!account_selector_matches(sub, account)) return false;
  }
  for (const Selector& sub : s.none) {
    if (account_selector_matches(sub, account)) return false;
  }
  return true;
}

}  // namespace cadence
