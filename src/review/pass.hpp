// The review's computation in steps (compute.cpp drives them): the streamed
// pass over contacts and summaries (contact_pass.cpp), then the queries that
// complete it (interactions of the depth window, the coming-up reminders, the
// cooling trend: finish.cpp).
#pragma once

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "cadence/review.hpp"

namespace cadence::review_detail {

inline long long days_between(Date a, Date b) { return (to_sys_days(b) - to_sys_days(a)).count(); }
inline Date add_days(Date d, long long n) { return to_date(to_sys_days(d) + Days{n}); }

// What the interactions pass needs to know of any contact.
struct ContactSlot {
  int owner = -1;    // index into ReviewState::owners; -1 = not in the review
  int account = -1;  // index into ReviewState::accounts; -1 = none
  std::string tier;
};

// An account and what the contact pass gathered for its coverage.
struct AccountSlot {
  const Account* account = nullptr;
  int owner = -1;  // index into ReviewState::owners; -1 = not in the review
  const CompiledRule* coverage_rule = nullptr;
  int contacts_total = 0;
  std::map<std::string, std::optional<Instant>> last_by_department;  // known departments too
  std::vector<Instant> contact_lasts;
  std::map<std::string, long long> touches_by_contact;  // depth window, from the interactions
};

// One owner's review while it is being computed.
struct OwnerState {
  const CompiledOwner* owner = nullptr;
  OwnerReview review;
  Instant quarter_start{};
  std::map<std::string, DepthRow> depth;   // by tier
  std::map<std::string, long long> greet;  // holiday key -> contacts to greet
};

struct ReviewState {
  const RuleSet* rules = nullptr;
  ReviewOptions options;
  std::vector<OwnerState> owners;
  std::vector<AccountSlot> accounts;
  std::vector<Account> account_rows;
  std::unordered_map<std::string, int> account_index;  // account id -> index
  std::unordered_map<std::string, ContactSlot> contacts;
};

// Keeps the `top` first items of `v` by `less` once it has grown past a bound,
// so a pass over a million contacts holds a few lists of a few dozen items.
template <typename T, typename Less>
void keep_top(std::vector<T>& v, int top, Less less, bool final = false) {
  const auto n = static_cast<std::size_t>(top < 0 ? 0 : top);
  if (!final && v.size() < 4 * n + 64) return;
  if (v.size() > n) {
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(n), v.end(), less);
    v.resize(n);
  }
  if (final) std::sort(v.begin(), v.end(), less);
}

// The pass over every contact with its summary.
Status contact_pass(Store& store, ReviewState& state);
// Interactions of the depth window: depth rows and single-threaded accounts.
Status interactions_pass(Store& store, ReviewState& state);
// Coverage rows, holidays to greet, reminders for the coming-up items.
Status coming_up_and_coverage(Store& store, ReviewState& state);
// Trend of the cooling contacts (one indexed query each).
Status cooling_trend(Store& store, ReviewState& state);

}  // namespace cadence::review_detail
