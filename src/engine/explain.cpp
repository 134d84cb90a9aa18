// explain: which rules apply to a contact, when each fires next and why.
#include <fmt/format.h>

#include <algorithm>

#include "engine/planning.hpp"

namespace cadence {
namespace {

constexpr Duration kLookAhead{800LL * 86400};

std::optional<Occurrence> first_of(const std::vector<Occurrence>& v) {
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::string kinds_text(const CadenceTrigger& t) {
  if (t.kinds.empty()) return "any kind";
  std::string out;
  for (const std::string& k : t.kinds) out += (out.empty() ? "" : ", ") + k;
  return out;
}

void explain_standing(const RuleSet& rules, const CompiledRule& rule, const ContactRecord& c,
                      Instant now, RuleExplanation& e) {
  e.last_counted_touch = engine_detail::last_counted_touch(rule, c.summary);
  std::string counts;
  if (const auto* t = std::get_if<CadenceTrigger>(&rule.config.trigger)) {
    e.target = t->every;
    e.limit = t->at_most;
    counts = "touches of " + kinds_text(*t);
  } else if (const auto* d = std::get_if<DepthTrigger>(&rule.config.trigger)) {
    e.target = d->every;
    counts = d->min == Depth::kDeep     ? "deep interactions"
             : d->min == Depth::kNormal ? "interactions of normal depth or deeper"
                                        : "interactions of any depth";
  }
  const std::string since =
      e.last_counted_touch
          ? fmt::format("last counted touch {} ({})", format_rfc3339_utc(*e.last_counted_touch),
                        counts)
          : fmt::format("never touched ({}): counting from when the contact was added, {}", counts,
                        format_rfc3339_utc(c.contact->created_at));
  e.reason = fmt::format("{}; target {}{}", since, format_duration(*e.target),
                         e.limit ? "; limit " + format_duration(*e.limit) : "");
  std::vector<Occurrence> v;
  engine_detail::plan_contact_rule(rules, rule, c, now, now + kLookAhead, v);
  engine_detail::sort_and_dedupe(v);
  e.next = first_of(v);
}

}  // namespace

ContactExplanation explain_contact(const RuleSet& rules, const ContactRecord& c, Instant now) {
  ContactExplanation out;
  if (c.contact == nullptr) return out;
  const Contact& contact = *c.contact;
  out.contact = contact.id;
  out.owner = rules.owner_of(contact).id;
  const std::string& default_owner = rules.default_owner().id;
  for (const CompiledRule& rule : rules.rules()) {
    RuleExplanation e;
    e.rule = rule.id();
    e.kind = rule.kind;
    const Trigger& t = rule.config.trigger;
    if (!rule.config.enabled) {
      e.reason = "the rule is disabled";
    } else if (contact.archived) {
      e.reason = "the contact is archived";
    } else if (rule.config.account_level) {
      if (c.account == nullptr) {
        e.reason = "an account-level rule and the contact has no account";
      } else if (account_selector_matches(rule.config.match, *c.account)) {
        e.reason = fmt::format("an account-level rule: it applies to the contact's account '{}'",
                               c.account->id);
      } else {
        e.reason = fmt::format("an account-level rule that does not select the account '{}'",
                               c.account->id);
      }
    } else if (std::holds_alternative<ReviewTrigger>(t)) {
      e.reason = "a weekly review rule: it is not planned per contact";
    } else if (std::holds_alternative<ScheduleTrigger>(t)) {
      e.reason = "an owner-level schedule: it is not planned per contact";
    } else if (auto mismatch =
                   selector_mismatch(rule.config.match, contact, c.account, default_owner)) {
      e.reason = "selector does not match: " + *mismatch;
    } else if (std::holds_alternative<CadenceTrigger>(t) ||
               std::holds_alternative<DepthTrigger>(t)) {
      e.applies = true;
      explain_standing(rules, rule, c, now, e);
    } else if (std::holds_alternative<BirthdayTrigger>(t)) {
      if (!contact.birthday && !contact.lunar_birthday) {
        e.reason = "no birthday on record";
      } else {
        e.applies = true;
        e.reason = contact.birthday && contact.lunar_birthday
                       ? "Gregorian and lunar birthdays on record"
                   : contact.birthday ? "Gregorian birthday on record"
                                      : "lunar birthday on record";
        std::vector<Occurrence> v;
        engine_detail::plan_contact_rule(rules, rule, c, now, now + kLookAhead, v);
        engine_detail::sort_and_dedupe(v);
        e.next = first_of(v);
      }
    } else if (const auto* a = std::get_if<AnniversaryTrigger>(&t)) {
      const bool any =
          std::any_of(contact.dates.begin(), contact.dates.end(), [&](const ContactDate& d) {
            return a->dates.empty() ||
                   std::find(a->dates.begin(), a->dates.end(), d.name) != a->dates.end();
          });
      if (!any) {
        e.reason = a->dates.empty() ? "no contact dates on record"
                                    : "none of the rule's dates is on record";
      } else {
        e.applies = true;
        e.reason = "contact dates on record";
        std::vector<Occurrence> v;
        engine_detail::plan_contact_rule(rules, rule, c, now, now + kLookAhead, v);
        engine_detail::sort_and_dedupe(v);
        e.next = first_of(v);
      }
    } else if (std::holds_alternative<HolidayTrigger>(t)) {
      e.applies = true;
      e.reason = fmt::format("listed in owner '{}'s grouped holiday reminder", out.owner);
      e.next = first_of(plan_holidays(rules, out.owner, {c}, now, now + kLookAhead));
    } else {
      e.reason = "not planned per contact";
    }
    out.rules.push_back(std::move(e));
  }
  return out;
}

}  // namespace cadence
