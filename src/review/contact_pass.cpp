// The one streamed pass over contacts and their summaries: cadence standing
// (cooling, on-rhythm), shallow-only contacts, relationship length, birthdays
// and anniversaries ahead, holiday greeting counts, account coverage inputs.
#include <algorithm>
#include <set>

#include "engine/planning.hpp"
#include "review/pass.hpp"

namespace cadence::review_detail {
namespace {

constexpr long long kDaySeconds = 86400;

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

class ContactVisitor {
 public:
  explicit ContactVisitor(ReviewState& state) : state_(state), rules_(*state.rules) {
    const BirthdayPolicy policy{rules_.feb29(), false};
    policy_ = policy;
  }

  void operator()(const Contact& contact, const ContactSummary& summary) {
    if (contact.archived) return;
    ContactSlot slot;
    slot.tier = contact.tier;
    const Account* account = nullptr;
    if (!contact.account.empty()) {
      auto it = state_.account_index.find(contact.account);
      if (it != state_.account_index.end()) {
        slot.account = it->second;
        account = state_.accounts[static_cast<std::size_t>(it->second)].account;
        add_to_account(state_.accounts[static_cast<std::size_t>(it->second)], contact, summary);
      }
    }
    slot.owner = owner_slot(rules_.owner_of(contact).id);
    state_.contacts.emplace(contact.id, slot);
    if (slot.owner < 0) return;
    OwnerState& o = state_.owners[static_cast<std::size_t>(slot.owner)];
    ++o.review.contacts;
    const ReviewContact who{contact.id, contact.name, contact.account,
                            account != nullptr
                                ? (account->name.empty() ? account->id : account->name)
                                : contact.account};
    cadence(o, contact, account, summary, who);
    shallow_only(o, summary, who);
    length(o, contact, summary, who);
    coming_up(o, contact, account, who);
  }

 private:
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
               const ContactSummary& summary, const ReviewContact& who) {
    const Date today = o.review.today;
    std::optional<CoolingItem> worst;
    bool any = false;
    for (const CompiledRule& rule : rules_.rules()) {
      const auto* t = std::get_if<CadenceTrigger>(&rule.config.trigger);
      if (t == nullptr || !rule.config.enabled || rule.config.account_level) continue;
      if (!selector_matches(rule.config.match, contact, account, rules_.default_owner().id)) {
        continue;
      }
      any = true;
      // The same "since" and due date the engine plans the reminder from.
      const std::optional<Instant> last = engine_detail::last_counted_touch(rule, &summary);
      const Instant since = last.value_or(contact.created_at);
      const Date due = local(o, since + t->every);
      const long long overdue = days_between(due, today);
      if (worst && overdue <= worst->overdue_days) continue;
      CoolingItem item;
      item.contact = who;
      item.rule = rule.id();
      item.target_days = t->every.count() / kDaySeconds;
      if (last) item.days_since = std::max(0LL, days_between(local(o, *last), today));
      item.overdue_days = overdue;
      worst = std::move(item);
    }
    if (!any) return;
    ++o.review.with_cadence;
    if (worst->overdue_days <= 0) {
      ++o.review.on_rhythm;
      return;
    }
    ++o.review.overdue;
    o.review.cooling.push_back(std::move(*worst));
    keep_top(o.review.cooling, state_.options.top, cooling_less);
  }

  void shallow_only(OwnerState& o, const ContactSummary& s, const ReviewContact& who) {
    const Instant from =
        state_.options.at - Duration{kDaySeconds * state_.options.shallow_window_days};
    if (!s.last_any || *s.last_any < from) return;
    if (s.last_normal_or_deeper && *s.last_normal_or_deeper >= from) return;
    ++o.review.shallow_only_total;
    const long long since = std::max(0LL, days_between(local(o, *s.last_any), o.review.today));
    o.review.shallow_only.push_back({who, since});
    keep_top(o.review.shallow_only, state_.options.top, shallow_less);
  }

  void length(OwnerState& o, const Contact& contact, const ContactSummary& s,
              const ReviewContact& who) {
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
        o.review.milestones.push_back({who, met, *next, years, until});
        keep_top(o.review.milestones, state_.options.top, milestone_less);
      }
    }
    if (s.last_any && *s.last_any >= o.quarter_start) return;
    ++o.review.long_standing_total;
    LongStandingItem item{who, met, full_years(met, today), std::nullopt};
    if (s.last_any) item.days_since = std::max(0LL, days_between(local(o, *s.last_any), today));
    o.review.long_standing.push_back(std::move(item));
    keep_top(o.review.long_standing, state_.options.top, long_standing_less);
  }

  template <typename Birthday>
  void birthday(OwnerState& o, const Birthday& b, bool lunar, const ReviewContact& who) {
    const Date today = o.review.today;
    const std::optional<Date> next = next_birthday(b, today, policy_);
    if (!next || days_between(today, *next) > state_.options.coming_up_days) return;
    ComingUpItem item;
    item.kind = ReminderKind::kBirthday;
    item.date = *next;
    item.days_until = days_between(today, *next);
    item.contact = who;
    item.lunar = lunar;
    // A lunar age counts lunar years; the Gregorian year of the date is close enough
    // only for Gregorian birthdays, so lunar ones name no age.
    if (b.year && !lunar) item.years = static_cast<int>(next->year()) - *b.year;
    o.review.coming_up.push_back(std::move(item));
  }

  void coming_up(OwnerState& o, const Contact& contact, const Account* account,
                 const ReviewContact& who) {
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
      item.contact = who;
      item.occasion = d.name;
      item.years = years;
      o.review.coming_up.push_back(std::move(item));
    }
    // Holidays: how many contacts the owner's holiday rules would have greeted.
    std::set<std::string> keys;
    for (const CompiledRule& rule : rules_.rules()) {
      const auto* h = std::get_if<HolidayTrigger>(&rule.config.trigger);
      if (h == nullptr || !rule.config.enabled || rule.config.account_level) continue;
      if (!selector_matches(rule.config.match, contact, account, rules_.default_owner().id)) {
        continue;
      }
      keys.insert(h->keys.begin(), h->keys.end());
    }
    for (const std::string& k : keys) ++o.greet[k];
  }

  ReviewState& state_;
  const RuleSet& rules_;
  BirthdayPolicy policy_;
};

}  // namespace

Status contact_pass(Store& store, ReviewState& state) {
  ContactVisitor visit(state);
  Status s = store.for_each_contact(
      [&](const Contact& c, const ContactSummary& summary) { visit(c, summary); });
  if (!s) return s;
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
