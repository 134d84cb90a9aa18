// compute_review: sets up the owners and accounts in the review, runs the
// contact pass and the queries that complete it, and sums the team view.
#include <algorithm>

#include "review/pass.hpp"

namespace cadence {

using review_detail::OwnerState;
using review_detail::ReviewState;

int percent_of(long long n, long long total) {
  if (total <= 0) return 0;
  return static_cast<int>((200 * n + total) / (2 * total));
}

std::optional<int> OwnerReview::on_rhythm_percent() const {
  if (with_cadence == 0) return std::nullopt;
  return percent_of(on_rhythm, with_cadence);
}

namespace {

Date quarter_start_of(Date d) {
  const unsigned first_month = (unsigned(d.month()) - 1) / 3 * 3 + 1;
  return Date{d.year(), std::chrono::month{first_month}, std::chrono::day{1}};
}

void set_up_accounts(ReviewState& state) {
  const RuleSet& rules = *state.rules;
  state.accounts.resize(state.account_rows.size());
  for (std::size_t i = 0; i < state.account_rows.size(); ++i) {
    const Account& a = state.account_rows[i];
    review_detail::AccountSlot& slot = state.accounts[i];
    slot.account = &a;
    state.account_index.emplace(a.id, static_cast<int>(i));
    const CompiledOwner* owner = rules.find_owner(a.owner);
    const std::string& owner_id = owner != nullptr ? owner->id : rules.default_owner().id;
    for (std::size_t k = 0; k < state.owners.size(); ++k) {
      if (state.owners[k].owner->id == owner_id) slot.owner = static_cast<int>(k);
    }
    for (const CompiledRule& r : rules.rules()) {
      if (!r.config.enabled || !std::holds_alternative<CoverageTrigger>(r.config.trigger)) {
        continue;
      }
      if (account_selector_matches(r.config.match, a)) {
        slot.coverage_rule = &r;
        break;
      }
    }
  }
}

OwnerReview team_of(const std::vector<OwnerReview>& owners) {
  OwnerReview t;
  std::map<std::string, DepthRow> depth;
  for (const OwnerReview& o : owners) {
    t.today = std::max(t.today, o.today);
    t.contacts += o.contacts;
    t.with_cadence += o.with_cadence;
    t.on_rhythm += o.on_rhythm;
    t.overdue += o.overdue;
    t.shallow_only_total += o.shallow_only_total;
    t.coverage_gaps += o.coverage_gaps;
    t.single_threaded_total += o.single_threaded_total;
    t.milestones_total += o.milestones_total;
    t.long_standing_total += o.long_standing_total;
    t.coming_up_total += o.coming_up_total;
    for (const DepthRow& r : o.depth) {
      DepthRow& sum = depth[r.tier];
      sum.tier = r.tier;
      sum.deep += r.deep;
      sum.normal += r.normal;
      sum.shallow += r.shallow;
    }
  }
  for (const auto& [tier, row] : depth) {
    if (!tier.empty()) t.depth.push_back(row);
  }
  if (auto none = depth.find(""); none != depth.end()) t.depth.push_back(none->second);
  return t;
}

}  // namespace

Result<Review> compute_review(Store& store, const RuleSet& rules, const ReviewOptions& options) {
  ReviewState state;
  state.rules = &rules;
  state.options = options;
  for (const CompiledOwner& owner : rules.owners()) {
    if (options.owner && owner.id != *options.owner) continue;
    OwnerState o;
    o.owner = &owner;
    o.review.owner = owner.id;
    o.review.owner_name = owner.name.empty() ? owner.id : owner.name;
    o.review.zone = owner.zone.name();
    o.review.today = owner.zone.local_date(options.at);
    o.review.quarter_start = quarter_start_of(o.review.today);
    o.quarter_start = owner.zone.to_instant(o.review.quarter_start, TimeOfDay{0});
    state.owners.push_back(std::move(o));
  }
  if (state.owners.empty()) {
    return Error::not_found("no owner '" + options.owner.value_or("") + "' in the config");
  }
  auto accounts = store.list_accounts(AccountFilter{});
  if (!accounts) return accounts.error();
  state.account_rows = std::move(*accounts);
  set_up_accounts(state);

  if (Status s = review_detail::contact_pass(store, state); !s) return s.error();
  if (Status s = review_detail::interactions_pass(store, state); !s) return s.error();
  if (Status s = review_detail::coming_up_and_coverage(store, state); !s) return s.error();
  if (Status s = review_detail::cooling_trend(store, state); !s) return s.error();

  Review review;
  review.at = options.at;
  review.options = options;
  review.options.holiday_names = nullptr;
  for (OwnerState& o : state.owners) {
    const bool empty =
        o.review.contacts == 0 && o.review.coverage.empty() && o.review.single_threaded_total == 0;
    if (empty && !options.owner) continue;
    review.owners.push_back(std::move(o.review));
  }
  if (review.owners.size() > 1) review.team = team_of(review.owners);
  return review;
}

}  // namespace cadence
