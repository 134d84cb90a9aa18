// Contact-level planning: cadence, depth, birthday, anniversary.
#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "engine/planning.hpp"
#include "engine/timing.hpp"

namespace cadence {
namespace engine_detail {
namespace {

std::string subject_of(const Contact& c) { return "contact:" + c.id; }

// The local date from which calendar events must be looked at so that every
// fire in [from, to) is seen (leads reach back before the event).
Date scan_start(const CompiledOwner& owner, const CompiledRule& rule, Instant from) {
  return add_days(owner.zone.local_date(from), -(whole_days(rule.lead.front()) + 2));
}

std::string depth_word(Locale l, Depth d) {
  switch (d) {
    case Depth::kDeep:
      return is_en(l) ? "deep conversation" : "深度交流";
    case Depth::kNormal:
      return is_en(l) ? "real conversation" : "正式沟通";
    case Depth::kShallow:
      return is_en(l) ? "touch" : "联系";
  }
  return "";
}

// cadence and depth: "every N since the last counted touch".
void plan_standing(const RuleSet& rules, const CompiledRule& rule, const ContactRecord& c,
                   Instant from, Instant to, std::vector<Occurrence>& out, bool details) {
  const Contact& contact = *c.contact;
  const CompiledOwner& owner = rules.owner_of(contact);
  const Locale l = owner.locale;
  Duration every{0};
  std::optional<Duration> at_most;
  Depth min_depth = Depth::kShallow;
  if (const auto* t = std::get_if<CadenceTrigger>(&rule.config.trigger)) {
    every = t->every;
    at_most = t->at_most;
  } else if (const auto* d = std::get_if<DepthTrigger>(&rule.config.trigger)) {
    every = d->every;
    min_depth = d->min;
  }
  if (every.count() <= 0) return;
  const std::optional<Instant> last = last_counted_touch(rule, c.summary);
  const Instant since = last.value_or(contact.created_at);
  const Date due = owner.zone.local_date(since + every);
  std::optional<Date> limit_due;
  if (at_most) limit_due = owner.zone.local_date(since + *at_most);

  const ContactRef ref = contact_ref(contact, c.account);
  const std::string label = contact_label(l, ref);
  for (const StandingCandidate& k :
       standing_candidates(rules, rule, owner, due, limit_due, from, to)) {
    Occurrence o =
        make_occurrence(rule, subject_of(contact), owner, k.due, k.fire, k.lead, k.limit);
    const long long days_since = local_days_between(owner.zone, since, k.fire);
    const Date fire_day = owner.zone.local_date(k.fire);
    const long long overdue = days_between(k.due, fire_day);
    const std::string since_words =
        last ? (is_en(l) ? fmt::format("{} days since the last {}", days_since,
                                       rule.kind == ReminderKind::kDepth ? depth_word(l, min_depth)
                                                                         : "touch")
                         : fmt::format("距上次{}已 {} 天",
                                       rule.kind == ReminderKind::kDepth ? depth_word(l, min_depth)
                                                                         : "联系",
                                       days_since))
             : (is_en(l) ? fmt::format("never touched (added {} days ago)", days_since)
                         : fmt::format("从未联系（添加于 {} 天前）", days_since));
    const std::string target_words =
        k.limit ? (is_en(l) ? "limit " : "上限 ") + duration_words(l, *at_most)
                : (is_en(l) ? "target " : "目标 ") + duration_words(l, every);
    const bool due_later = k.due > fire_day;
    const std::string when = due_later ? (is_en(l) ? ", due " : "，到期 ") +
                                             relative_day(l, days_between(fire_day, k.due), k.due)
                                       : "";
    if (rule.kind == ReminderKind::kDepth) {
      o.title = is_en(l) ? fmt::format("Have a {} with {}: {} ({}){}", depth_word(l, min_depth),
                                       label, since_words, target_words, when)
                         : fmt::format("与{}{}：{}（{}）{}", label, depth_word(l, min_depth),
                                       since_words, target_words, when);
    } else if (k.limit) {
      o.title = is_en(l)
                    ? fmt::format("Overdue: get in touch with {}: {} ({})", label, since_words,
                                  target_words)
                    : fmt::format("已超期：联系{}：{}（{}）", label, since_words, target_words);
      o.escalated = true;
    } else {
      o.title = is_en(l)
                    ? fmt::format("Get in touch with {}: {} ({}){}", label, since_words,
                                  target_words, when)
                    : fmt::format("联系{}：{}（{}）{}", label, since_words, target_words, when);
    }
    if (details) {
      DetailFields f;
      f.rule = rule.id();
      f.kind = kind_word(rule.kind);
      f.contact = ref;
      if (last) {
        f.last_touch = format_rfc3339_utc(*last);
        f.last_touch_days_ago = days_since;
      }
      f.target_days = whole_days(every);
      if (at_most) f.limit_days = whole_days(*at_most);
      if (overdue > 0) f.overdue_days = overdue;
      if (k.lead.count() > 0) f.lead_days = whole_days(k.lead);
      f.why = o.title;
      o.details_json = details_json(f);
    }
    out.push_back(std::move(o));
  }
}

// A contact's birthday (Gregorian or lunar): `next` gives the next observed
// date on or after a date; `birth_year_of` the age's base for a date.
template <typename Birthday>
void plan_yearly(const RuleSet& rules, const CompiledRule& rule, const ContactRecord& c,
                 const Birthday& birthday, bool lunar, const std::string& date_name, Instant from,
                 Instant to, std::vector<Occurrence>& out, bool details) {
  const Contact& contact = *c.contact;
  const CompiledOwner& owner = rules.owner_of(contact);
  const Locale l = owner.locale;
  const BirthdayPolicy policy{rules.feb29(), false};
  const ContactRef ref = contact_ref(contact, c.account);
  // Never congratulate before the day has begun where the contact lives.
  std::optional<TimeZone> contact_zone;
  if (!contact.timezone.empty()) {
    if (auto z = TimeZone::locate(contact.timezone)) contact_zone = *z;
  }
  std::optional<Date> day = next_birthday(birthday, scan_start(owner, rule, from), policy);
  for (int guard = 0; day && guard < 400; ++guard) {
    if (fire_time(rules, rule, owner, *day, rule.lead.front()) >= to) break;
    std::optional<long long> years;
    if (birthday.year) {
      if (lunar) {
        if (auto ld = to_lunar(*day)) years = ld->year - *birthday.year;
      } else {
        years = static_cast<int>(day->year()) - *birthday.year;
      }
    }
    const bool anniversary = rule.kind == ReminderKind::kAnniversary;
    if (anniversary && (!years || *years <= 0)) {
      day = next_birthday(birthday, add_days(*day, 1), policy);
      continue;
    }
    for (Duration lead : rule.lead) {
      Instant fire = fire_time(rules, rule, owner, *day, lead);
      if (contact_zone && lead < kOneDay) {
        const Instant day_start = contact_zone->to_instant(*day, TimeOfDay{0});
        if (fire < day_start) fire = adjust_fire_time(rules, rule, owner, day_start);
      }
      if (!in_window(fire, from, to)) continue;
      Occurrence o = make_occurrence(rule, "contact:" + contact.id, owner, *day, fire, lead);
      const Date fire_day = owner.zone.local_date(fire);
      const std::string when = relative_day(l, days_between(fire_day, *day), *day);
      const std::string label = contact_label(l, ref);
      if (anniversary) {
        std::string words = date_name;
        std::replace(words.begin(), words.end(), '_', ' ');
        o.title = is_en(l) ? fmt::format("{} years since {} with {} ({}): {}", *years, words, label,
                                         format_date(*day), when)
                           : fmt::format("与{}的{} {} 周年（{}）：{}", label, words, *years,
                                         format_date(*day), when);
      } else {
        const std::string which =
            lunar ? (is_en(l) ? "lunar birthday" : "农历生日") : (is_en(l) ? "birthday" : "生日");
        const std::string age =
            years ? (is_en(l) ? fmt::format(", turns {}", *years) : fmt::format("，{} 岁", *years))
                  : "";
        o.title = is_en(l) ? fmt::format("{}'s {}{}: {}", label, which, age, when)
                           : fmt::format("{}的{}{}：{}", label, which, age, when);
      }
      if (details) {
        DetailFields f;
        f.rule = rule.id();
        f.kind = kind_word(rule.kind);
        f.contact = ref;
        f.years = years;
        f.lunar = lunar;
        f.date_name = date_name;
        if (lead.count() > 0) f.lead_days = whole_days(lead);
        f.why = o.title;
        o.details_json = details_json(f);
      }
      out.push_back(std::move(o));
    }
    day = next_birthday(birthday, add_days(*day, 1), policy);
  }
}

void plan_anniversaries(const RuleSet& rules, const CompiledRule& rule, const ContactRecord& c,
                        const AnniversaryTrigger& t, Instant from, Instant to,
                        std::vector<Occurrence>& out, bool details) {
  for (const ContactDate& d : c.contact->dates) {
    if (!t.dates.empty() && std::find(t.dates.begin(), t.dates.end(), d.name) == t.dates.end()) {
      continue;
    }
    const GregorianBirthday yearly{static_cast<int>(d.date.year()),
                                   static_cast<unsigned>(d.date.month()),
                                   static_cast<unsigned>(d.date.day())};
    plan_yearly(rules, rule, c, yearly, false, d.name, from, to, out, details);
  }
}

}  // namespace

Occurrence make_occurrence(const CompiledRule& rule, const std::string& subject,
                           const CompiledOwner& owner, Date due, Instant fire_at, Duration lead,
                           bool limit) {
  Occurrence o;
  o.key = occurrence_key(rule.id(), subject, due, lead, limit);
  o.rule = rule.id();
  o.kind = rule.kind;
  o.subject = subject;
  o.owner = owner.id;
  o.due = due;
  o.fire_at = fire_at;
  return o;
}

std::vector<StandingCandidate> standing_candidates(const RuleSet& rules, const CompiledRule& rule,
                                                   const CompiledOwner& owner, Date due,
                                                   std::optional<Date> limit_due, Instant from,
                                                   Instant to) {
  std::vector<StandingCandidate> all;
  for (Duration lead : rule.lead) {
    all.push_back({due, lead, false, fire_time(rules, rule, owner, due, lead), {}});
  }
  if (limit_due) {
    all.push_back({*limit_due,
                   Duration{0},
                   true,
                   fire_time(rules, rule, owner, *limit_due, Duration{0}),
                   {}});
  }
  // The most urgent missed one is the last in this order (leads largest first, then the limit).
  int last_missed = -1;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].natural < from) last_missed = static_cast<int>(i);
  }
  const Instant now_slot = adjust_fire_time(rules, rule, owner, from);
  std::vector<StandingCandidate> out;
  for (std::size_t i = 0; i < all.size(); ++i) {
    StandingCandidate k = all[i];
    if (k.natural < from) {
      if (static_cast<int>(i) != last_missed) continue;
      k.fire = now_slot;
    } else {
      k.fire = k.natural;
    }
    if (in_window(k.fire, from, to)) out.push_back(k);
  }
  return out;
}

std::optional<Instant> last_counted_touch(const CompiledRule& rule, const ContactSummary* s) {
  if (s == nullptr) return std::nullopt;
  if (const auto* t = std::get_if<CadenceTrigger>(&rule.config.trigger)) {
    if (t->kinds.empty()) return s->last_any;
    std::optional<Instant> last;
    for (const std::string& kind : t->kinds) {
      auto it = s->last_by_kind.find(kind);
      if (it != s->last_by_kind.end() && (!last || it->second > *last)) last = it->second;
    }
    return last;
  }
  if (const auto* d = std::get_if<DepthTrigger>(&rule.config.trigger)) {
    switch (d->min) {
      case Depth::kDeep:
        return s->last_deep;
      case Depth::kNormal:
        return s->last_normal_or_deeper;
      case Depth::kShallow:
        return s->last_any;
    }
  }
  return std::nullopt;
}

void plan_contact_rule(const RuleSet& rules, const CompiledRule& rule, const ContactRecord& c,
                       Instant from, Instant to, std::vector<Occurrence>& out, bool details) {
  const Trigger& t = rule.config.trigger;
  if (std::holds_alternative<CadenceTrigger>(t) || std::holds_alternative<DepthTrigger>(t)) {
    plan_standing(rules, rule, c, from, to, out, details);
  } else if (std::holds_alternative<BirthdayTrigger>(t)) {
    if (c.contact->birthday) {
      plan_yearly(rules, rule, c, *c.contact->birthday, false, "birthday", from, to, out, details);
    }
    if (c.contact->lunar_birthday) {
      plan_yearly(rules, rule, c, *c.contact->lunar_birthday, true, "lunar_birthday", from, to, out,
                  details);
    }
  } else if (const auto* a = std::get_if<AnniversaryTrigger>(&t)) {
    plan_anniversaries(rules, rule, c, *a, from, to, out, details);
  }
}

void sort_and_dedupe(std::vector<Occurrence>& v) {
  std::sort(v.begin(), v.end(), [](const Occurrence& a, const Occurrence& b) {
    return std::tie(a.fire_at, a.key) < std::tie(b.fire_at, b.key);
  });
  std::vector<Occurrence> out;
  out.reserve(v.size());
  // One contact's plan is a handful of occurrences: a linear look-up beats
  // hashing every key (this runs once per contact, a million times a pass).
  constexpr std::size_t kLinear = 32;
  std::unordered_set<std::string> seen;
  for (Occurrence& o : v) {
    if (v.size() <= kLinear) {
      const bool repeated = std::any_of(out.begin(), out.end(),
                                        [&](const Occurrence& kept) { return kept.key == o.key; });
      if (repeated) continue;
    } else if (!seen.insert(o.key).second) {
      continue;
    }
    out.push_back(std::move(o));
  }
  v = std::move(out);
}

}  // namespace engine_detail

std::string occurrence_key(std::string_view rule, std::string_view subject, Date due, Duration lead,
                           bool limit) {
  std::string key = fmt::format("{}|{}|{}", rule, subject, format_date(due));
  if (lead.count() != 0) key += "|" + format_duration(lead);
  if (limit) key += "|limit";
  return key;
}

std::vector<Occurrence> plan_contact(const RuleSet& rules, const ContactRecord& c, Instant from,
                                     Instant to) {
  return plan_contact(rules, c, from, to, PlanOptions{});
}

std::vector<Occurrence> plan_contact(const RuleSet& rules, const ContactRecord& c, Instant from,
                                     Instant to, const PlanOptions& options) {
  std::vector<Occurrence> out;
  if (c.contact == nullptr || c.contact->archived || !(from < to)) return out;
  const std::string& default_owner = rules.default_owner().id;
  for (const CompiledRule& rule : rules.rules()) {
    if (!rule.config.enabled || rule.config.account_level) continue;
    if (!selector_matches(rule.config.match, *c.contact, c.account, default_owner)) continue;
    engine_detail::plan_contact_rule(rules, rule, c, from, to, out, options.details);
  }
  engine_detail::sort_and_dedupe(out);
  return out;
}

}  // namespace cadence
