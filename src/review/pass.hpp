// The review's computation in steps (compute.cpp drives them): the streamed
// pass over contacts and summaries (contact_pass.cpp), then the queries that
// complete it (interactions of the depth window, the coming-up reminders, the
// cooling trend: finish.cpp).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "cadence/review.hpp"

namespace cadence::review_detail {

inline long long days_between(Date a, Date b) { return (to_sys_days(b) - to_sys_days(a)).count(); }
inline Date add_days(Date d, long long n) { return to_date(to_sys_days(d) + Days{n}); }

// What the interactions pass needs to know of any contact: twelve bytes, as
// there is one per contact.
struct ContactSlot {
  int owner = -1;    // index into ReviewState::owners; -1 = not in the review
  int account = -1;  // index into ReviewState::accounts; -1 = none
  int tier = -1;     // index into ReviewState::tiers; -1 = absent (no contact)
};

// Contact row id -> ContactSlot, for the millions of look-ups of the depth
// window. Row ids come from an INTEGER PRIMARY KEY and are dense in practice,
// so a vector indexed by row id answers without hashing; ids far sparser than
// the contacts (mass deletions) fall back to a hash map.
class ContactSlots {
 public:
  void add(RowId row, const ContactSlot& slot);
  const ContactSlot* find(RowId row) const;

 private:
  std::size_t count_ = 0;
  bool sparse_mode_ = false;
  std::vector<ContactSlot> dense_;  // index: row id; tier -1 = no contact
  std::unordered_map<RowId, ContactSlot> sparse_;
};

// An account and what the contact pass gathered for its coverage.
struct AccountSlot {
  const Account* account = nullptr;
  int owner = -1;  // index into ReviewState::owners; -1 = not in the review
  const CompiledRule* coverage_rule = nullptr;
  int contacts_total = 0;
  std::map<std::string, std::optional<Instant>> last_by_department;  // known departments too
  std::vector<Instant> contact_lasts;
  // Touches of the depth window: on whom, and whether on more than one contact.
  RowId touched_contact = 0;
  long long touches = 0;
  bool several_touched = false;
};

// One owner's review while it is being computed.
struct OwnerState {
  const CompiledOwner* owner = nullptr;
  OwnerReview review;
  Instant quarter_start{};
  std::vector<DepthRow> depth;             // by tier index (ReviewState::tiers)
  std::map<std::string, long long> greet;  // holiday key -> contacts to greet
  // During the contact pass: set of holiday rules (bit i = the i-th enabled
  // contact-level holiday rule) -> contacts selected by exactly that set.
  std::unordered_map<std::uint64_t, long long> greet_by_rules;
  // The least overdue cooling item kept after the list was last trimmed
  // (overdue days, contact id): nothing below it can enter the list.
  std::optional<std::pair<long long, std::string>> cooling_cutoff;
};

struct ReviewState {
  const RuleSet* rules = nullptr;
  ReviewOptions options;
  std::vector<OwnerState> owners;
  std::vector<AccountSlot> accounts;
  std::vector<Account> account_rows;
  std::unordered_map<std::string, int> account_index;  // account id -> index
  ContactSlots contacts;
  std::vector<std::string> tiers;  // contacts' tiers, interned
  std::unordered_map<std::string, int> tier_index;
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
