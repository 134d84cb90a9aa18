// The queries that complete the contact pass: the interactions of the depth
// window (one time-indexed query), the reminders around the coming-up window
// (one fire-time-indexed query), coverage rows, and the cooling trend (one
// per-contact indexed query for each contact shown).
#include <algorithm>
#include <map>
#include <tuple>

#include "review/pass.hpp"

namespace cadence::review_detail {
namespace {

Duration days(long long n) { return Duration{n * kOneDay.count()}; }

bool counted_by(const CompiledRule& rule, const std::string& kind) {
  const auto* t = std::get_if<CadenceTrigger>(&rule.config.trigger);
  if (t == nullptr) return false;
  return t->kinds.empty() || std::find(t->kinds.begin(), t->kinds.end(), kind) != t->kinds.end();
}

bool coming_up_less(const ComingUpItem& a, const ComingUpItem& b) {
  const auto key = [](const ComingUpItem& i) {
    return std::tuple(i.date, static_cast<int>(i.kind), i.contact ? i.contact->id : i.holiday,
                      i.lunar, i.occasion);
  };
  return key(a) < key(b);
}

std::string subject_of(const ComingUpItem& item, const std::string& owner) {
  if (item.contact) return "contact:" + item.contact->id;
  return "owner:" + owner;
}

void add_holidays(const ReviewState& state, OwnerState& o) {
  const HolidayCalendar& names = state.options.holiday_names != nullptr
                                     ? *state.options.holiday_names
                                     : state.rules->holidays();
  const Date today = o.review.today;
  const Date last = add_days(today, state.options.coming_up_days);
  for (const Holiday& h : state.rules->holidays().between(today, last)) {
    auto it = o.greet.find(h.key);
    if (it == o.greet.end()) continue;
    ComingUpItem item;
    item.kind = ReminderKind::kHoliday;
    item.date = h.date;
    item.days_until = days_between(today, h.date);
    item.holiday = h.key;
    item.holiday_name = names.has_key(h.key) ? names.name_of(h.key) : h.name;
    item.contacts_to_greet = it->second;
    o.review.coming_up.push_back(std::move(item));
  }
}

// The longest lead of the calendar rules: how far before an event its reminders fire.
Duration longest_lead(const RuleSet& rules) {
  Duration longest{0};
  for (const CompiledRule& r : rules.rules()) {
    if (r.kind != ReminderKind::kBirthday && r.kind != ReminderKind::kAnniversary &&
        r.kind != ReminderKind::kHoliday) {
      continue;
    }
    if (!r.lead.empty()) longest = std::max(longest, r.lead.front());
  }
  return longest;
}

CoverageRow coverage_row(const ReviewState& state, const AccountSlot& a) {
  const auto& t = std::get<CoverageTrigger>(a.coverage_rule->config.trigger);
  const Instant at = state.options.at;
  CoverageRow row;
  row.account = a.account->id;
  row.account_name = a.account->name.empty() ? a.account->id : a.account->name;
  row.rule = a.coverage_rule->id();
  row.window_days = t.window.count() / kOneDay.count();
  row.departments_required = t.departments;
  row.contacts_required = t.contacts;
  row.contacts_total = a.contacts_total;
  std::map<std::string, std::optional<Instant>> departments = a.last_by_department;
  for (const std::string& d : a.account->departments) departments[d];
  // Touched in the window exactly as the engine's coverage rule counts it.
  for (const auto& [name, last] : departments) {
    if (last && *last + t.window > at) {
      ++row.departments_touched;
    } else {
      row.quiet_departments.push_back(name);
    }
  }
  for (Instant last : a.contact_lasts) row.contacts_touched += last + t.window > at ? 1 : 0;
  row.meets = (t.departments == 0 || row.departments_touched >= t.departments) &&
              (t.contacts == 0 || row.contacts_touched >= t.contacts);
  return row;
}

}  // namespace

Status interactions_pass(Store& store, ReviewState& state) {
  const Instant at = state.options.at;
  for (OwnerState& o : state.owners) o.depth.assign(state.tiers.size(), DepthRow{});
  // Counted from the covering index, one (contact row, depth) pair at a time:
  // the window may hold millions of touches, none of them is materialised.
  Status s = store.for_each_interaction_depth(
      at - days(state.options.depth_window_days), at, [&](RowId contact_row, Depth depth) {
        const ContactSlot* slot = state.contacts.find(contact_row);
        if (slot == nullptr) return;  // archived
        if (slot->account >= 0) {
          AccountSlot& a = state.accounts[static_cast<std::size_t>(slot->account)];
          if (a.touches == 0) {
            a.touched_contact = contact_row;
          } else if (a.touched_contact != contact_row) {
            a.several_touched = true;
          }
          ++a.touches;
        }
        if (slot->owner < 0) return;
        DepthRow& row = state.owners[static_cast<std::size_t>(slot->owner)]
                            .depth[static_cast<std::size_t>(slot->tier)];
        switch (depth) {
          case Depth::kDeep:
            ++row.deep;
            break;
          case Depth::kNormal:
            ++row.normal;
            break;
          case Depth::kShallow:
            ++row.shallow;
            break;
        }
      });
  if (!s) return s;
  // Depth rows by tier name, the contacts without a tier last; only tiers touched.
  for (OwnerState& o : state.owners) {
    std::map<std::string, DepthRow> by_name;
    for (std::size_t t = 0; t < o.depth.size(); ++t) {
      const DepthRow& row = o.depth[t];
      if (row.deep + row.normal + row.shallow == 0) continue;
      DepthRow& named = by_name[state.tiers[t]];
      named = row;
      named.tier = state.tiers[t];
    }
    for (auto& [tier, row] : by_name) {
      if (!tier.empty()) o.review.depth.push_back(row);
    }
    if (auto none = by_name.find(""); none != by_name.end()) {
      o.review.depth.push_back(none->second);
    }
  }
  // Single-threaded: two or more contacts, and every touch of the window on one of them.
  for (const AccountSlot& a : state.accounts) {
    if (a.owner < 0 || a.contacts_total < 2 || a.touches == 0 || a.several_touched) continue;
    OwnerReview& r = state.owners[static_cast<std::size_t>(a.owner)].review;
    ++r.single_threaded_total;
    SingleThreadedItem item;
    item.account = a.account->id;
    item.account_name = a.account->name.empty() ? a.account->id : a.account->name;
    item.touches = a.touches;
    item.contacts_total = a.contacts_total;
    r.single_threaded.push_back(std::move(item));
  }
  for (OwnerState& o : state.owners) {
    auto& list = o.review.single_threaded;
    keep_top(
        list, state.options.top,
        [](const SingleThreadedItem& x, const SingleThreadedItem& y) {
          return std::tie(y.touches, x.account) < std::tie(x.touches, y.account);
        },
        true);
    // Only the few accounts shown: find the one touched contact among its
    // contacts. One moved or removed since the pass (another process wrote
    // meanwhile) leaves its item out rather than failing the whole review.
    std::vector<SingleThreadedItem> named;
    for (SingleThreadedItem& item : list) {
      ContactFilter filter;
      filter.account = item.account;
      auto contacts = store.list_contacts(filter);
      if (!contacts) return contacts.error();
      const RowId touched =
          state.accounts[static_cast<std::size_t>(state.account_index.at(item.account))]
              .touched_contact;
      auto c = std::find_if(contacts->begin(), contacts->end(),
                            [&](const Contact& x) { return x.row_id == touched; });
      if (c == contacts->end()) continue;
      item.contact.id = c->id;
      item.contact.name = c->name;
      item.contact.account = item.account;
      item.contact.account_name = item.account_name;
      named.push_back(std::move(item));
    }
    list = std::move(named);
  }
  return ok_status();
}

Status coming_up_and_coverage(Store& store, ReviewState& state) {
  for (const AccountSlot& a : state.accounts) {
    if (a.owner < 0 || a.coverage_rule == nullptr) continue;
    OwnerReview& r = state.owners[static_cast<std::size_t>(a.owner)].review;
    r.coverage.push_back(coverage_row(state, a));
    if (!r.coverage.back().meets) ++r.coverage_gaps;
  }
  Date last_day{};
  for (OwnerState& o : state.owners) {
    add_holidays(state, o);
    auto& list = o.review.coming_up;
    o.review.coming_up_total = static_cast<long long>(list.size());
    keep_top(list, state.options.top, coming_up_less, true);
    last_day = std::max(last_day, add_days(o.review.today, state.options.coming_up_days + 1));
  }
  // Reminders already recorded for these events: one range query on fire time.
  const Instant from = state.options.at - longest_lead(*state.rules) - days(2);
  const Instant to = Instant{to_sys_days(last_day).time_since_epoch()} + days(1);
  auto occurrences = store.list_occurrences(std::nullopt, from, to, 0);
  if (!occurrences) return occurrences.error();
  std::map<std::tuple<ReminderKind, std::string, Date>, std::vector<const Occurrence*>> by_event;
  for (const Occurrence& occ : *occurrences) {
    if (occ.kind != ReminderKind::kBirthday && occ.kind != ReminderKind::kAnniversary &&
        occ.kind != ReminderKind::kHoliday) {
      continue;
    }
    by_event[{occ.kind, occ.subject, occ.due}].push_back(&occ);
  }
  for (OwnerState& o : state.owners) {
    for (ComingUpItem& item : o.review.coming_up) {
      auto it = by_event.find({item.kind, subject_of(item, o.owner->id), item.date});
      if (it == by_event.end()) continue;
      for (const Occurrence* occ : it->second) {
        if (occ->owner != o.owner->id) continue;
        const long long lead = days_between(o.owner->zone.local_date(occ->fire_at), item.date);
        item.reminders.push_back({occ->fire_at, lead, occ->state});
      }
    }
  }
  return ok_status();
}

Status cooling_trend(Store& store, ReviewState& state) {
  const Instant at = state.options.at;
  const int periods = std::max(0, state.options.trend_periods);
  for (OwnerState& o : state.owners) {
    for (CoolingItem& item : o.review.cooling) {
      const CompiledRule* rule = state.rules->find_rule(item.rule);
      if (rule == nullptr || periods == 0) continue;
      const Duration every = std::get<CadenceTrigger>(rule->config.trigger).every;
      auto touches = store.list_interactions(item.contact.id, at - every * (periods + 1), 0);
      if (!touches) return touches.error();
      item.trend.assign(static_cast<std::size_t>(periods), false);
      for (const Interaction& i : *touches) {
        if (!counted_by(*rule, i.kind) || i.at >= at) continue;
        // Period k (1 = the one just before the current) is [at-(k+1)e, at-k*e).
        const long long k = (at - i.at - Duration{1}) / every;
        if (k < 1 || k > periods) continue;
        item.trend[static_cast<std::size_t>(periods - k)] = true;
      }
    }
  }
  return ok_status();
}

}  // namespace cadence::review_detail
