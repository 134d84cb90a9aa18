// The one streamed pass over contacts and their summaries: cadence standing
// (cooling, on-rhythm), shallow-only contacts, relationship length, birthdays
// and anniversaries ahead, holiday greeting counts, account coverage inputs.
#include <algorithm>
#include <cstdint>
#include <set>

#include "engine/planning.hpp"
#include "review/pass.hpp"

namespace cadence::review_detail {
namespace {

bool cooling_less(const CoolingItem& a, const CoolingItem& b) {
  if (a.overdue_days != b.overdue_days) return a.overdue_days > b.overdue_days;
  return a.contact.id < b.contact.id;
}

bool shallow_less(const ShallowOnlyItem& a, const ShallowOnlyItem& b) {
  if (a.days_since != b.days_since) return a.days_since < b.days_since;
  return a.contact.id < b.contact.id;
}

bool milestone_less(const MilestoneItem& a, const MilestoneItem& b) {
  if (a.days_until != b.days_until) return a.days_until < b.days_until;
  return a.contact.id < b.contact.id;
}

bool long_standing_less(const LongStandingItem& a, const LongStandingItem& b) {
  if (a.first_met != b.first_met) return a.first_met < b.first_met;
  return a.contact.id < b.contact.id;
}

bool round_years(int years) { return years == 1 || years == 3 || years == 5 || years % 5 == 0; }

int full_years(Date from, Date to) {
  int years = static_cast<int>(to.year()) - static_cast<int>(from.year());
  if (std::pair(unsigned(to.month()), unsigned(to.day())) <
      std::pair(unsigned(from.month()), unsigned(from.day()))) {
    --years;
  }
  return years;
}

// The contact as the review's lists name it, built only for the few
// contacts that enter a list rather than copied for each of a million.
class Who {
 public:
  Who(const Contact& contact, const Account* account) : contact_(contact), account_(account) {}
  ReviewContact get() const {
    return {contact_.id, contact_.name, contact_.account,
            account_ != nullptr ? (account_->name.empty() ? account_->id : account_->name)
                                : contact_.account};
  }

 private:
  const Contact& contact_;
  const Account* account_;
};

class ContactVisitor {
 public:
  explicit ContactVisitor(ReviewState& state) : state_(state), rules_(*state.rules) {
    const BirthdayPolicy policy{rules_.feb29(), false};
    policy_ = policy;
    for (const CompiledRule& rule : rules_.rules()) {
      const auto* t = std::get_if<CadenceTrigger>(&rule.config.trigger);
      if (t != nullptr && rule.config.enabled && !rule.config.account_level) {
        cadence_rules_.push_back({&rule, t});
      }
      const auto* h = std::get_if<HolidayTrigger>(&rule.config.trigger);
      if (h != nullptr && rule.config.enabled && !rule.config.account_level) {
        holiday_rules_.push_back({&rule, h});
      }
    }
  }

  // Turns the holiday-rule sets counted per contact into contacts to greet per
  // holiday key (a contact selected by two rules naming a key counts once).
  void finish() {
    for (OwnerState& o : state_.owners) {
      for (const auto& [mask, contacts] : o.greet_by_rules) {
        std::set<std::string> keys;
        for (std::size_t i = 0; i < holiday_rules_.size(); ++i) {
          if ((mask >> i) & 1U)
            keys.insert(holiday_rules_[i].trigger->keys.begin(),
                        holiday_rules_[i].trigger->keys.end());
        }
        for (const std::string& k : keys) o.greet[k] += contacts;
      }
      o.greet_by_rules.clear();
    }
  }

  void operator()(const Contact& contact, const ContactSummary& summary) {
    if (contact.archived) return;
    ContactSlot slot;
    slot.tier = tier_slot(contact.tier);
    const Account* account = nullptr;
    if (!contact.account.empty()) {
      slot.account = account_slot(contact.account);
      if (slot.account >= 0) {
        AccountSlot& a = state_.accounts[static_cast<std::size_t>(slot.account)];
        account = a.account;
        add_to_account(a, contact, summary);
      }
    }
    slot.owner = owner_slot(rules_.owner_of(contact).id);
    state_.contacts.add(contact.row_id, slot);
    if (slot.owner < 0) return;
    OwnerState& o = state_.owners[static_cast<std::size_t>(slot.owner)];
    ++o.review.contacts;
    const Who who(contact, account);
    cadence(o, contact, account, summary, who);
    shallow_only(o, summary, who);
    length(o, contact, summary, who);
    coming_up(o, contact, account, who);
  }

 private:
  // Contacts of one account often come one after another (imports, row order):
  // the last answer is kept before hashing the id.
  int account_slot(const std::string& id) {
    if (last_account_slot_ >= 0 && id == last_account_id_) return last_account_slot_;
    auto it = state_.account_index.find(id);
    if (it == state_.account_index.end()) return -1;
    last_account_id_ = id;
    last_account_slot_ = it->second;
    return it->second;
  }

  // Tiers are a handful of short strings: a scan beats hashing each contact's.
  int tier_slot(const std::string& tier) {
    const std::size_t scanned = std::min<std::size_t>(state_.tiers.size(), 16);
    for (std::size_t i = 0; i < scanned; ++i) {
      if (state_.tiers[i] == tier) return static_cast<int>(i);
    }
    if (auto it = state_.tier_index.find(tier); it != state_.tier_index.end()) return it->second;
    const int index = static_cast<int>(state_.tiers.size());
    state_.tiers.push_back(tier);
    state_.tier_index.emplace(tier, index);
    return index;
  }

  int owner_slot(const std::string& owner_id) {
    for (std::size_t i = 0; i < state_.owners.size(); ++i) {
      if (state_.owners[i].owner->id == owner_id) return static_cast<int>(i);
    }
    return -1;
  }

  static void add_to_account(AccountSlot& a, const Contact& contact,
                             const ContactSummary& summary) {
    ++a.contacts_total;
    if (summary.last_any) a.contact_lasts.push_back(*summary.last_any);
    if (contact.department.empty()) return;
    std::optional<Instant>& slot = a.last_by_department[contact.department];
    if (summary.last_any && (!slot || *summary.last_any > *slot)) slot = summary.last_any;
  }

  Date local(const OwnerState& o, Instant t) const { return o.owner->zone.local_date(t); }

  // The cadence rule the contact is most overdue against decides its standing.
  void cadence(OwnerState& o, const Contact& contact, const Account* account,
               const ContactSummary& summary, const Who& who) {
    const Date today = o.review.today;
    const CadenceRule* worst = nullptr;
    long long worst_overdue = 0;
    std::optional<Instant> worst_last;
    for (const CadenceRule& c : cadence_rules_) {
      if (!selector_matches(c.rule->config.match, contact, account, rules_.default_owner().id)) {
        continue;
      }
      // The same "since" and due date the engine plans the reminder from.
      const std::optional<Instant> last = engine_detail::last_counted_touch(*c.rule, &summary);
      const Instant since = last.value_or(contact.created_at);
      const long long overdue = days_between(local(o, since + c.trigger->every), today);
      if (worst != nullptr && overdue <= worst_overdue) continue;
      worst = &c;
      worst_overdue = overdue;
      worst_last = last;
    }
    if (worst == nullptr) return;
    ++o.review.with_cadence;
    if (worst_overdue <= 0) {
      ++o.review.on_rhythm;
      return;
    }
    ++o.review.overdue;
    // Once the list has been trimmed, a contact no more overdue than the least
    // overdue kept cannot enter it: skip building the item.
    if (o.cooling_cutoff &&
        (worst_overdue < o.cooling_cutoff->first ||
         (worst_overdue == o.cooling_cutoff->first && contact.id > o.cooling_cutoff->second))) {
      return;
    }
    CoolingItem item;
    item.contact = who.get();
    item.rule = worst->rule->id();
    item.target_days = worst->trigger->every.count() / kOneDay.count();
    if (worst_last) item.days_since = std::max(0LL, days_between(local(o, *worst_last), today));
    item.overdue_days = worst_overdue;
    o.review.cooling.push_back(std::move(item));
    const std::size_t before = o.review.cooling.size();
    keep_top(o.review.cooling, state_.options.top, cooling_less);
    if (o.review.cooling.size() < before && !o.review.cooling.empty()) {
      const CoolingItem& last =
          *std::max_element(o.review.cooling.begin(), o.review.cooling.end(), cooling_less);
      o.cooling_cutoff = std::pair(last.overdue_days, last.contact.id);
    }
  }

  void shallow_only(OwnerState& o, const ContactSummary& s, const Who& who) {
    const Instant from =
        state_.options.at - Duration{kOneDay.count() * state_.options.shallow_window_days};
    if (!s.last_any || *s.last_any < from) return;
    if (s.last_normal_or_deeper && *s.last_normal_or_deeper >= from) return;
    ++o.review.shallow_only_total;
    const long long since = std::max(0LL, days_between(local(o, *s.last_any), o.review.today));
    o.review.shallow_only.push_back({who.get(), since});
    keep_top(o.review.shallow_only, state_.options.top, shallow_less);
  }

  void length(OwnerState& o, const Contact& contact, const ContactSummary& s, const Who& who) {
    const Date today = o.review.today;
    auto it = std::find_if(contact.dates.begin(), contact.dates.end(),
                           [](const ContactDate& d) { return d.name == "first_met"; });
    if (it == contact.dates.end() || it->date > today) return;
    const Date met = it->date;
    const GregorianBirthday yearly{static_cast<int>(met.year()), unsigned(met.month()),
                                   unsigned(met.day())};
    if (auto next = next_birthday(yearly, today, policy_)) {
      const long long until = days_between(today, *next);
      const int years = static_cast<int>(next->year()) - static_cast<int>(met.year());
      if (years > 0 && until <= state_.options.milestone_days && round_years(years)) {
        ++o.review.milestones_total;
        o.review.milestones.push_back({who.get(), met, *next, years, until});
        keep_top(o.review.milestones, state_.options.top, milestone_less);
      }
    }
    if (s.last_any && *s.last_any >= o.quarter_start) return;
    ++o.review.long_standing_total;
    LongStandingItem item{who.get(), met, full_years(met, today), std::nullopt};
    if (s.last_any) item.days_since = std::max(0LL, days_between(local(o, *s.last_any), today));
    o.review.long_standing.push_back(std::move(item));
    keep_top(o.review.long_standing, state_.options.top, long_standing_less);
  }

  template <typename Birthday>
  void birthday(OwnerState& o, const Birthday& b, bool lunar, const Who& who) {
    const Date today = o.review.today;
    const std::optional<Date> next = next_birthday(b, today, policy_);
    if (!next || days_between(today, *next) > state_.options.coming_up_days) return;
    ComingUpItem item;
    item.kind = ReminderKind::kBirthday;
    item.date = *next;
    item.days_until = days_between(today, *next);
    item.contact = who.get();
    item.lunar = lunar;
    // A lunar age counts lunar years; the Gregorian year of the date is close enough
    // only for Gregorian birthdays, so lunar ones name no age.
    if (b.year && !lunar) item.years = static_cast<int>(next->year()) - *b.year;
    o.review.coming_up.push_back(std::move(item));
  }

  void coming_up(OwnerState& o, const Contact& contact, const Account* account, const Who& who) {
    if (contact.birthday) birthday(o, *contact.birthday, false, who);
    if (contact.lunar_birthday) birthday(o, *contact.lunar_birthday, true, who);
    const Date today = o.review.today;
    for (const ContactDate& d : contact.dates) {
      const GregorianBirthday yearly{static_cast<int>(d.date.year()), unsigned(d.date.month()),
                                     unsigned(d.date.day())};
      const std::optional<Date> next = next_birthday(yearly, today, policy_);
      if (!next || days_between(today, *next) > state_.options.coming_up_days) continue;
      const int years = static_cast<int>(next->year()) - static_cast<int>(d.date.year());
      if (years <= 0) continue;  // the date itself, not an anniversary
      ComingUpItem item;
      item.kind = ReminderKind::kAnniversary;
      item.date = *next;
      item.days_until = days_between(today, *next);
      item.contact = who.get();
      item.occasion = d.name;
      item.years = years;
      o.review.coming_up.push_back(std::move(item));
    }
    // Holidays: how many contacts the owner's holiday rules would have greeted.
    // The set of rules selecting the contact is counted here (a bit mask of at
    // most 64 rules, no allocation); finish() turns the sets into keys.
    if (holiday_rules_.size() <= 64) {
      std::uint64_t mask = 0;
      for (std::size_t i = 0; i < holiday_rules_.size(); ++i) {
        if (selector_matches(holiday_rules_[i].rule->config.match, contact, account,
                             rules_.default_owner().id)) {
          mask |= std::uint64_t{1} << i;
        }
      }
      if (mask != 0) ++o.greet_by_rules[mask];
      return;
    }
    std::set<std::string> keys;
    for (const HolidayRule& h : holiday_rules_) {
      if (selector_matches(h.rule->config.match, contact, account, rules_.default_owner().id)) {
        keys.insert(h.trigger->keys.begin(), h.trigger->keys.end());
      }
    }
    for (const std::string& k : keys) ++o.greet[k];
  }

  struct CadenceRule {
    const CompiledRule* rule;
    const CadenceTrigger* trigger;
  };
  struct HolidayRule {
    const CompiledRule* rule;
    const HolidayTrigger* trigger;
  };

  ReviewState& state_;
  const RuleSet& rules_;
  BirthdayPolicy policy_;
  std::vector<CadenceRule> cadence_rules_;  // enabled, contact-level
  std::vector<HolidayRule> holiday_rules_;  // enabled, contact-level
  std::string last_account_id_;
  int last_account_slot_ = -1;
};

}  // namespace

void ContactSlots::add(RowId row, const ContactSlot& slot) {
  ++count_;
  const auto index = static_cast<std::size_t>(row);
  if (!sparse_mode_ && row > 0 && index < 4 * count_ + (std::size_t{1} << 20)) {
    if (index >= dense_.size()) dense_.resize(std::max(index + 1, dense_.size() * 2));
    dense_[index] = slot;
    return;
  }
  if (!sparse_mode_) {
    sparse_mode_ = true;
    for (std::size_t i = 0; i < dense_.size(); ++i) {
      if (dense_[i].tier >= 0) sparse_.emplace(static_cast<RowId>(i), dense_[i]);
    }
    dense_ = {};
  }
  sparse_[row] = slot;
}

const ContactSlot* ContactSlots::find(RowId row) const {
  if (!sparse_mode_) {
    const auto index = static_cast<std::size_t>(row);
    if (row <= 0 || index >= dense_.size() || dense_[index].tier < 0) return nullptr;
    return &dense_[index];
  }
  auto it = sparse_.find(row);
  return it == sparse_.end() ? nullptr : &it->second;
}

Status contact_pass(Store& store, ReviewState& state) {
  ContactVisitor visit(state);
  Status s = store.for_each_contact(
      [&](const Contact& c, const ContactSummary& summary) { visit(c, summary); });
  if (!s) return s;
  visit.finish();
  const int top = state.options.top;
  for (OwnerState& o : state.owners) {
    keep_top(o.review.cooling, top, cooling_less, true);
    keep_top(o.review.shallow_only, top, shallow_less, true);
    keep_top(o.review.milestones, top, milestone_less, true);
    keep_top(o.review.long_standing, top, long_standing_less, true);
  }
  return ok_status();
}

}  // namespace cadence::review_detail
