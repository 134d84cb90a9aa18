// Grouped and account/owner-level planning: holiday (one reminder per holiday
// per owner), coverage, schedule; and plan_all over a whole data set.
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_map>

#include "engine/planning.hpp"
#include "engine/timing.hpp"

namespace cadence {
namespace engine_detail {
namespace {

std::string join_names(Locale l, const std::vector<std::string>& names, std::size_t max) {
  std::string out;
  const char* sep = is_en(l) ? ", " : "、";
  for (std::size_t i = 0; i < names.size() && i < max; ++i) {
    if (i) out += sep;
    out += names[i];
  }
  if (names.size() > max) out += is_en(l) ? ", …" : "等";
  return out;
}

const std::string& account_display(const Account& a) { return a.name.empty() ? a.id : a.name; }

// The schedule dates whose fires may land in [from, to).
std::vector<Date> schedule_dates(const RuleSet& rules, const CompiledRule& rule,
                                 const CompiledOwner& owner, Instant from, Instant to) {
  std::vector<Date> dates;
  if (!rule.recurrence) return dates;
  Date day = add_days(owner.zone.local_date(from), -(whole_days(rule.lead.front()) + 2));
  for (int guard = 0; guard < 2000; ++guard) {
    std::optional<Date> next = rule.recurrence->next_on_or_after(day);
    if (!next) break;
    if (fire_time(rules, rule, owner, *next, rule.lead.front()) >= to) break;
    dates.push_back(*next);
    day = add_days(*next, 1);
  }
  return dates;
}

void plan_schedule(const RuleSet& rules, const CompiledRule& rule, const CompiledOwner& owner,
                   const std::string& subject, const std::string& what, const Account* account,
                   Instant from, Instant to, std::vector<Occurrence>& out) {
  const Locale l = owner.locale;
  for (Date day : schedule_dates(rules, rule, owner, from, to)) {
    for (Duration lead : rule.lead) {
      const Instant fire = fire_time(rules, rule, owner, day, lead);
      if (!in_window(fire, from, to)) continue;
      Occurrence o = make_occurrence(rule, subject, owner, day, fire, lead);
      const Date fire_day = owner.zone.local_date(fire);
      const std::string when = relative_day(l, days_between(fire_day, day), day);
      o.title = is_en(l) ? fmt::format("{}: {} {}", rule.id(), what, when)
                         : fmt::format("{}：{}，{}", rule.id(), what, when);
      DetailFields f;
      f.rule = rule.id();
      f.kind = kind_word(rule.kind);
      f.why = is_en(l) ? fmt::format("recurring schedule {}", rule.recurrence->rule_text())
                       : fmt::format("固定日程 {}", rule.recurrence->rule_text());
      if (account != nullptr) {
        f.account = account->id;
        f.account_name = account_display(*account);
      }
      if (lead.count() > 0) f.lead_days = whole_days(lead);
      o.details_json = details_json(f);
      out.push_back(std::move(o));
    }
  }
}

// The weekly relationship review (issue 9): one reminder per owner and week;
// its content is computed when it fires (src/scheduler/review_fire.cpp).
void plan_review(const RuleSet& rules, const CompiledRule& rule, const CompiledOwner& owner,
                 Instant from, Instant to, std::vector<Occurrence>& out) {
  const Locale l = owner.locale;
  for (Date day : schedule_dates(rules, rule, owner, from, to)) {
    for (Duration lead : rule.lead) {
      const Instant fire = fire_time(rules, rule, owner, day, lead);
      if (!in_window(fire, from, to)) continue;
      Occurrence o = make_occurrence(rule, "owner:" + owner.id, owner, day, fire, lead);
      o.title = is_en(l) ? fmt::format("Weekly relationship review, {}", format_date(day))
                         : fmt::format("客户关系周报（{}）", format_date(day));
      DetailFields f;
      f.rule = rule.id();
      f.kind = kind_word(rule.kind);
      f.why =
          is_en(l) ? std::string("weekly review, every Monday") : std::string("每周一的关系回顾");
      o.details_json = details_json(f);
      out.push_back(std::move(o));
    }
  }
}

// Coverage: the instant the account stops having `required` distinct groups
// (departments or contacts) touched within `window`, given each group's last
// touch; never enough groups touched → window after the account was added.
Instant coverage_due(const std::vector<Instant>& lasts_desc, int required, Duration window,
                     Instant created) {
  if (static_cast<int>(lasts_desc.size()) >= required) {
    return lasts_desc[static_cast<std::size_t>(required - 1)] + window;
  }
  return created + window;
}

void plan_coverage(const RuleSet& rules, const CompiledRule& rule, const CoverageTrigger& t,
                   const Account& account, const std::vector<ContactRecord>& contacts, Instant from,
                   Instant to, std::vector<Occurrence>& out) {
  const CompiledOwner* owner_ptr = rules.find_owner(account.owner);
  const CompiledOwner& owner = owner_ptr != nullptr ? *owner_ptr : rules.default_owner();
  const Locale l = owner.locale;
  std::map<std::string, std::optional<Instant>> by_department;
  for (const std::string& d : account.departments) by_department[d];
  std::vector<Instant> contact_lasts;
  for (const ContactRecord& c : contacts) {
    if (c.contact == nullptr || c.contact->archived) continue;
    const std::optional<Instant> last = c.summary ? c.summary->last_any : std::nullopt;
    if (last) contact_lasts.push_back(*last);
    if (c.contact->department.empty()) continue;
    std::optional<Instant>& slot = by_department[c.contact->department];
    if (last && (!slot || *last > *slot)) slot = last;
  }
  std::vector<Instant> dept_lasts;
  for (const auto& [name, last] : by_department) {
    if (last) dept_lasts.push_back(*last);
  }
  std::sort(dept_lasts.rbegin(), dept_lasts.rend());
  std::sort(contact_lasts.rbegin(), contact_lasts.rend());

  std::optional<Instant> due_at;
  if (t.departments > 0) {
    due_at = coverage_due(dept_lasts, t.departments, t.window, account.created_at);
  }
  if (t.contacts > 0) {
    const Instant c_due = coverage_due(contact_lasts, t.contacts, t.window, account.created_at);
    if (!due_at || c_due < *due_at) due_at = c_due;
  }
  if (!due_at) return;
  const Date due = owner.zone.local_date(*due_at);
  const std::string subject = "account:" + account.id;
  for (const StandingCandidate& k :
       standing_candidates(rules, rule, owner, due, std::nullopt, from, to)) {
    Occurrence o = make_occurrence(rule, subject, owner, k.due, k.fire, k.lead);
    // Which departments are quiet when the reminder fires (no touch within the window).
    const Instant at = std::max(k.fire, *due_at);
    DetailFields f;
    f.rule = rule.id();
    f.kind = kind_word(rule.kind);
    f.account = account.id;
    f.account_name = account_display(account);
    for (const auto& [name, last] : by_department) {
      if (last && *last + t.window > at)
        f.covered_departments.push_back(name);
      else
        f.quiet_departments.push_back(name);
    }
    long long covered_contacts = 0;
    for (Instant last : contact_lasts) covered_contacts += last + t.window > at ? 1 : 0;
    const bool by_departments = t.departments > 0;
    f.covered =
        by_departments ? static_cast<long long>(f.covered_departments.size()) : covered_contacts;
    f.required = by_departments ? t.departments : t.contacts;
    if (k.lead.count() > 0) f.lead_days = whole_days(k.lead);
    const std::string quiet = join_names(l, f.quiet_departments, 6);
    if (by_departments) {
      o.title =
          is_en(l)
              ? fmt::format(
                    "Coverage of {}: {} of {} departments touched in the last "
                    "{}; gone quiet: {}",
                    f.account_name, *f.covered, *f.required, duration_words(l, t.window), quiet)
              : fmt::format("{}覆盖不足：近 {} 仅 {}/{} 个部门有联系；沉寂部门：{}", f.account_name,
                            duration_words(l, t.window), *f.covered, *f.required, quiet);
    } else {
      o.title = is_en(l) ? fmt::format("Coverage of {}: {} of {} contacts touched in the last {}",
                                       f.account_name, *f.covered, *f.required,
                                       duration_words(l, t.window))
                         : fmt::format("{}覆盖不足：近 {} 仅 {}/{} 位联系人有联系", f.account_name,
                                       duration_words(l, t.window), *f.covered, *f.required);
    }
    f.why = o.title;
    o.details_json = details_json(f);
    out.push_back(std::move(o));
  }
}

}  // namespace
}  // namespace engine_detail

using namespace engine_detail;  // NOLINT: this file implements the public planners

std::vector<Occurrence> plan_holidays(const RuleSet& rules, std::string_view owner_id,
                                      const std::vector<ContactRecord>& owner_contacts,
                                      Instant from, Instant to) {
  HolidayGroups groups(rules);
  for (const ContactRecord& c : owner_contacts) groups.add(c);
  return groups.plan(owner_id, from, to);
}

// Per owner id, per holiday rule (by its index in rules.rules()), the contacts
// the rule selects, in the order they were added.
struct HolidayGroups::Members {
  std::map<std::string, std::map<std::size_t, std::vector<ContactRef>>, std::less<>> by_owner;
};

HolidayGroups::HolidayGroups(const RuleSet& rules)
    : rules_(&rules), members_(std::make_unique<Members>()) {}
HolidayGroups::~HolidayGroups() = default;
HolidayGroups::HolidayGroups(HolidayGroups&&) noexcept = default;
HolidayGroups& HolidayGroups::operator=(HolidayGroups&&) noexcept = default;

void HolidayGroups::add(const ContactRecord& c) {
  if (c.contact == nullptr || c.contact->archived) return;
  const RuleSet& rules = *rules_;
  const std::vector<CompiledRule>& all = rules.rules();
  std::map<std::size_t, std::vector<ContactRef>>* groups = nullptr;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const CompiledRule& rule = all[i];
    if (!std::holds_alternative<HolidayTrigger>(rule.config.trigger) || !rule.config.enabled ||
        rule.config.account_level) {
      continue;
    }
    if (!selector_matches(rule.config.match, *c.contact, c.account, rules.default_owner().id)) {
      continue;
    }
    if (groups == nullptr) groups = &members_->by_owner[rules.owner_of(*c.contact).id];
    (*groups)[i].push_back(contact_ref(*c.contact, c.account));
  }
}

std::vector<Occurrence> HolidayGroups::plan(std::string_view owner_id, Instant from,
                                            Instant to) const {
  return plan(owner_id, from, to, PlanOptions{});
}

std::vector<Occurrence> HolidayGroups::plan(std::string_view owner_id, Instant from, Instant to,
                                            const PlanOptions& options) const {
  std::vector<Occurrence> out;
  const RuleSet& rules = *rules_;
  const CompiledOwner* owner = rules.find_owner(owner_id);
  if (owner == nullptr || !(from < to)) return out;
  const auto owner_groups = members_->by_owner.find(owner->id);
  if (owner_groups == members_->by_owner.end()) return out;
  const Locale l = owner->locale;
  // Named references, not a structured binding: `prepare` captures `members`,
  // which clang before 16 refuses (the fuzz build uses clang).
  for (const auto& group : owner_groups->second) {
    const auto& index = group.first;
    const auto& members = group.second;
    const CompiledRule& rule = rules.rules()[index];
    const auto& t = std::get<HolidayTrigger>(rule.config.trigger);
    // Sorted and labelled only when the range holds one of the rule's
    // holidays: most passes (a 30-day horizon) hold none.
    std::vector<ContactRef> greet;
    std::vector<std::string> names;
    const auto prepare = [&] {
      if (!greet.empty()) return;
      greet = members;
      std::sort(greet.begin(), greet.end(),
                [](const ContactRef& a, const ContactRef& b) { return a.id < b.id; });
      for (const ContactRef& g : greet) names.push_back(contact_label(l, g));
    };
    const Date first = add_days(owner->zone.local_date(from), -2);
    const Date last = add_days(owner->zone.local_date(to), whole_days(rule.lead.front()) + 2);
    const std::string subject = "owner:" + owner->id;
    for (const Holiday& h : rules.holidays().between(first, last)) {
      if (std::find(t.keys.begin(), t.keys.end(), h.key) == t.keys.end()) continue;
      for (Duration lead : rule.lead) {
        const Instant fire = fire_time(rules, rule, *owner, h.date, lead);
        if (!in_window(fire, from, to)) continue;
        prepare();
        Occurrence o = make_occurrence(rule, subject, *owner, h.date, fire, lead);
        const Date fire_day = owner->zone.local_date(fire);
        const std::string when = relative_day(l, days_between(fire_day, h.date), h.date);
        o.title = is_en(l)
                      ? fmt::format("{} {}: greet {} contact{}: {}", h.name, when, greet.size(),
                                    greet.size() == 1 ? "" : "s", join_names(l, names, 5))
                      : fmt::format("{}{}：问候 {} 位联系人：{}", h.name, when, greet.size(),
                                    join_names(l, names, 5));
        if (!options.details) {
          out.push_back(std::move(o));
          continue;
        }
        DetailFields f;
        f.rule = rule.id();
        f.kind = kind_word(rule.kind);
        f.why = o.title;
        f.holiday = h.key;
        f.holiday_name = h.name;
        f.contacts = greet;
        if (lead.count() > 0) f.lead_days = whole_days(lead);
        o.details_json = details_json(f);
        out.push_back(std::move(o));
      }
    }
  }
  sort_and_dedupe(out);
  return out;
}

std::vector<Occurrence> plan_account(const RuleSet& rules, const Account& account,
                                     const std::vector<ContactRecord>& account_contacts,
                                     Instant from, Instant to) {
  std::vector<Occurrence> out;
  if (!(from < to)) return out;
  for (const CompiledRule& rule : rules.rules()) {
    if (!rule.config.enabled || !rule.config.account_level) continue;
    if (!account_selector_matches(rule.config.match, account)) continue;
    if (const auto* cov = std::get_if<CoverageTrigger>(&rule.config.trigger)) {
      plan_coverage(rules, rule, *cov, account, account_contacts, from, to, out);
    } else if (std::holds_alternative<ScheduleTrigger>(rule.config.trigger)) {
      const CompiledOwner* owner = rules.find_owner(account.owner);
      plan_schedule(rules, rule, owner != nullptr ? *owner : rules.default_owner(),
                    "account:" + account.id, account_display(account), &account, from, to, out);
    }
  }
  sort_and_dedupe(out);
  return out;
}

std::vector<Occurrence> plan_owner(const RuleSet& rules, std::string_view owner_id, Instant from,
                                   Instant to) {
  std::vector<Occurrence> out;
  const CompiledOwner* owner = rules.find_owner(owner_id);
  if (owner == nullptr || !(from < to)) return out;
  for (const CompiledRule& rule : rules.rules()) {
    if (!rule.config.enabled || rule.config.account_level) continue;
    const bool review = std::holds_alternative<ReviewTrigger>(rule.config.trigger);
    if (!review && !std::holds_alternative<ScheduleTrigger>(rule.config.trigger)) continue;
    const auto& owners = rule.config.match.owners;
    if (!owners.empty() && std::find(owners.begin(), owners.end(), owner->id) == owners.end()) {
      continue;
    }
    if (review) {
      plan_review(rules, rule, *owner, from, to, out);
      continue;
    }
    plan_schedule(rules, rule, *owner, "owner:" + owner->id, owner->name, nullptr, from, to, out);
  }
  sort_and_dedupe(out);
  return out;
}

std::vector<Occurrence> plan_all(const RuleSet& rules, const Dataset& data, Instant from,
                                 Instant to) {
  std::unordered_map<std::string, const Account*> accounts;
  for (const Account& a : data.accounts) accounts.emplace(a.id, &a);
  std::unordered_map<std::string, const ContactSummary*> summaries;
  for (const ContactSummary& s : data.summaries) summaries.emplace(s.contact, &s);

  std::vector<Occurrence> out;
  std::map<std::string, std::vector<ContactRecord>> by_owner;
  std::unordered_map<std::string, std::vector<ContactRecord>> by_account;
  for (const Contact& c : data.contacts) {
    ContactRecord r{&c, nullptr, nullptr};
    if (auto it = accounts.find(c.account); it != accounts.end()) r.account = it->second;
    if (auto it = summaries.find(c.id); it != summaries.end()) r.summary = it->second;
    for (Occurrence& o : plan_contact(rules, r, from, to)) out.push_back(std::move(o));
    by_owner[rules.owner_of(c).id].push_back(r);
    if (r.account != nullptr) by_account[c.account].push_back(r);
  }
  for (const CompiledOwner& owner : rules.owners()) {
    for (Occurrence& o : plan_holidays(rules, owner.id, by_owner[owner.id], from, to)) {
      out.push_back(std::move(o));
    }
    for (Occurrence& o : plan_owner(rules, owner.id, from, to)) out.push_back(std::move(o));
  }
  for (const Account& a : data.accounts) {
    for (Occurrence& o : plan_account(rules, a, by_account[a.id], from, to)) {
      out.push_back(std::move(o));
    }
  }
  out = apply_daily_cap(rules, std::move(out));
  // The cap may have deferred some past the range.
  std::erase_if(out, [to](const Occurrence& o) { return o.fire_at >= to; });
  return out;
}

}  // namespace cadence
