// The rule engine: "what is due when". Pure functions over plain values — no
// I/O, no clock reads, no Asio. The daemon and `cadencectl forecast` both call
// these; the model and the policies are described in docs/ENGINE.md.
//
// Flow:
//   RuleSet::compile(config)             once per config (check / start / reload)
//   plan_contact / plan_holidays /       occurrences whose fire time falls in [from, to)
//   plan_account / plan_owner / plan_all
//   apply_daily_cap                      spreads routine reminders over days
//   fire / apply_touch / mark_done /     state transitions of one occurrence
//   snooze / expire / next_fire_time
//   group_digest, explain_contact        views for delivery and the CLI
//
// Everything here is thread-safe for concurrent reads of one RuleSet.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "cadence/calendar.hpp"
#include "cadence/config.hpp"
#include "cadence/error.hpp"
#include "cadence/model.hpp"
#include "cadence/time.hpp"

namespace cadence {

// ------------------------------------------------------------ compiled rules

// An owner with its zone resolved.
struct CompiledOwner {
  std::string id;
  std::string name;
  TimeZone zone;
  Locale locale = Locale::kZhCN;
  std::optional<TimeRange> quiet_hours;
  std::optional<TimeOfDay> digest;
  bool digest_only = false;
  std::optional<std::string> manager;  // owner id
};

// A rule with its defaults applied and its trigger checked.
struct CompiledRule {
  RuleConfig config;  // as written
  ReminderKind kind = ReminderKind::kCadence;
  TimeOfDay at{9 * 60};                  // config.at or 09:00
  std::vector<Duration> lead;            // config.lead or [0], sorted largest first, unique
  Duration catch_up{86400};              // config.catch_up or 1d; 0 = missed fires are skipped
  std::optional<Recurrence> recurrence;  // schedule rules only
  // A canonical text of the rule's definition: equal fingerprints = same
  // behaviour, so a reload need only recompute rules whose fingerprint changed.
  std::string fingerprint;

  const std::string& id() const { return config.id; }
  // Daily cap applies (routine reminders: cadence, depth, coverage).
  bool capped() const;
};

struct CompileOptions {
  // dtstart of schedule rules that have none in the config ("the date the rule
  // was first seen"): the scheduler passes what it recorded; else default_dtstart.
  std::map<std::string, Date> dtstart_by_rule;
  Date default_dtstart{std::chrono::year{2000}, std::chrono::January, std::chrono::day{1}};
};

class RuleSet;

struct RuleSetCompileResult {
  std::shared_ptr<const RuleSet> rules;       // set when there is no error
  std::vector<ConfigDiagnostic> diagnostics;  // errors and warnings, in rule order

  bool ok() const { return rules != nullptr; }
};

class RuleSet {
 public:
  // Resolves zones, the holiday and business calendars, recurrences, and checks
  // semantics with config locations: unknown holiday key ("did you mean"),
  // malformed or never-firing RRULE, a lead longer than the period, at_most
  // shorter than every, unknown interaction kinds, a trigger at the wrong level.
  // Never throws. Disabled rules are checked but not planned.
  static RuleSetCompileResult compile(const Config& config, const CompileOptions& options = {});

  const std::vector<CompiledRule>& rules() const { return rules_; }
  const CompiledRule* find_rule(std::string_view id) const;
  const std::vector<CompiledOwner>& owners() const { return owners_; }
  // The owner, or nullptr. An empty id means the default (first) owner.
  const CompiledOwner* find_owner(std::string_view id) const;
  // The owner a contact's reminders go to (its owner, else the default owner).
  const CompiledOwner& owner_of(const Contact& contact) const;
  const CompiledOwner& default_owner() const { return owners_.front(); }
  const HolidayCalendar& holidays() const { return *holidays_; }
  const BusinessCalendar& business_days() const { return *business_; }
  // The depth of an interaction kind; nullopt for an unknown kind.
  std::optional<Depth> kind_depth(std::string_view kind) const;
  Feb29Policy feb29() const { return feb29_; }
  Locale locale() const { return locale_; }

 private:
  RuleSet() = default;
  std::vector<CompiledRule> rules_;
  std::vector<CompiledOwner> owners_;  // never empty (a fallback owner "" is made)
  std::shared_ptr<const HolidayCalendar> holidays_;
  std::shared_ptr<const BusinessCalendar> business_;
  std::map<std::string, Depth, std::less<>> kinds_;
  Feb29Policy feb29_ = Feb29Policy::kFeb28;
  Locale locale_ = Locale::kZhCN;
};

// -------------------------------------------------------------- selectors

// Whether a contact-level selector matches a contact (with its account, if any;
// nullptr when it has none or it is unknown). `default_owner` is the owner id of
// a contact whose owner is empty.
bool selector_matches(const Selector& s, const Contact& contact, const Account* account,
                      std::string_view default_owner = {});
// Why it does not match ("tier is 'B', rule wants one of [A]"), or nullopt.
std::optional<std::string> selector_mismatch(const Selector& s, const Contact& contact,
                                             const Account* account,
                                             std::string_view default_owner = {});
// The same for account-level rules (match_account): tiers and account_tiers
// compare the account tier, accounts its id, owners its owner, departments its
// known departments; tags never match an account.
bool account_selector_matches(const Selector& s, const Account& account);

// --------------------------------------------------------------- planning

// One contact with what the engine needs to know about it.
struct ContactRecord {
  const Contact* contact = nullptr;
  const Account* account = nullptr;         // nullptr: no account
  const ContactSummary* summary = nullptr;  // nullptr: never touched
};

// Contact-level rules (cadence, depth, birthday, anniversary) for one contact:
// the occurrences whose fire_at lies in [from, to), sorted by fire_at then key.
// Calendar events (birthday, anniversary) keep their natural fire time.
// Standing conditions (cadence, depth) already overdue before `from` are due
// now: their fire_at is `from` (then moved out of quiet hours / to a business
// day), keeping the key of their real due date, and only the most urgent one
// (the limit over the target, the smallest lead) is emitted.
// Archived contacts get nothing.
std::vector<Occurrence> plan_contact(const RuleSet& rules, const ContactRecord& contact,
                                     Instant from, Instant to);

// What a planner fills in besides the schedule and the title.
struct PlanOptions {
  // details_json (template data). `forecast` prints none, and at a million
  // contacts building them was a quarter of its time. Default: true.
  bool details = true;
};
// plan_contact with options; equal to it when options.details is true.
std::vector<Occurrence> plan_contact(const RuleSet& rules, const ContactRecord& contact,
                                     Instant from, Instant to, const PlanOptions& options);

// Holiday rules for one owner, grouped: one occurrence per rule, holiday and
// lead, listing every contact in `owner_contacts` that the rule selects (the
// caller passes the owner's contacts; others are ignored). Subject "owner:<id>".
std::vector<Occurrence> plan_holidays(const RuleSet& rules, std::string_view owner,
                                      const std::vector<ContactRecord>& owner_contacts,
                                      Instant from, Instant to);

// plan_holidays fed one contact at a time: add() keeps, per owner and holiday
// rule, only what the reminder lists about each selected contact (id, name,
// account, department, title), so a full pass over a million contacts does not
// hold a million Contact records. plan(owner, ...) gives exactly what
// plan_holidays gives for the same contacts. `rules` must outlive this.
class HolidayGroups {
 public:
  explicit HolidayGroups(const RuleSet& rules);
  ~HolidayGroups();
  HolidayGroups(HolidayGroups&&) noexcept;
  HolidayGroups& operator=(HolidayGroups&&) noexcept;

  // Archived contacts and contacts no holiday rule selects are ignored.
  void add(const ContactRecord& contact);
  std::vector<Occurrence> plan(std::string_view owner, Instant from, Instant to) const;
  // The same with options (without details: a forecast of 400,000 members does
  // not build a 400,000-entry JSON list per reminder).
  std::vector<Occurrence> plan(std::string_view owner, Instant from, Instant to,
                               const PlanOptions& options) const;

 private:
  struct Members;
  const RuleSet* rules_;
  std::unique_ptr<Members> members_;
};

// Account-level rules (coverage, schedule with match_account) for one account;
// `account_contacts` are its contacts (their summaries give coverage).
std::vector<Occurrence> plan_account(const RuleSet& rules, const Account& account,
                                     const std::vector<ContactRecord>& account_contacts,
                                     Instant from, Instant to);

// Owner-level schedule rules (schedule without match_account; the selector's
// `owners` picks owners, empty = every owner). Subject "owner:<id>".
std::vector<Occurrence> plan_owner(const RuleSet& rules, std::string_view owner, Instant from,
                                   Instant to);

// Everything for a whole data set (forecast): every planner above, then the
// daily cap (apply_daily_cap with nothing already scheduled); sorted by fire_at.
struct Dataset {
  std::vector<Account> accounts;
  std::vector<Contact> contacts;
  std::vector<ContactSummary> summaries;  // by contact id; missing = never touched
};
std::vector<Occurrence> plan_all(const RuleSet& rules, const Dataset& data, Instant from,
                                 Instant to);

// The idempotency key: "<rule>|<subject>|<YYYY-MM-DD>" plus "|<lead>" when the
// lead is not 0 ("|10d") and "|limit" for a cadence rule's at_most reminder.
std::string occurrence_key(std::string_view rule, std::string_view subject, Date due,
                           Duration lead = Duration{0}, bool limit = false);

// ---------------------------------------------------------- daily cap

// Occurrences of capped rules (CompiledRule::capped) already scheduled, per
// (owner, rule, owner-local date of fire_at).
using CapUsage = std::map<std::tuple<std::string, std::string, Date>, int>;

// Applies `max_per_day` per owner and rule and local day. Within one day the
// most overdue (earliest due, then key) keep their place; the overflow moves
// to the following days at the rule's `at` time (cascading). Occurrences of
// uncapped rules (birthdays, holidays, ...) are returned unchanged. Keys never
// change. Returns every occurrence, sorted by fire_at then key.
std::vector<Occurrence> apply_daily_cap(const RuleSet& rules, std::vector<Occurrence> planned,
                                        const CapUsage& already_scheduled = {});
// The same with the use of each (owner, rule, owner-local day) asked for when
// the cap reaches that day (a cascade may reach days the caller cannot
// foresee): the scheduler answers from the store — reminders already
// scheduled, fired or handled that day, other than the ones being planned.
using CapUsageLookup =
    std::function<int(const std::string& owner, const std::string& rule, Date day)>;
std::vector<Occurrence> apply_daily_cap(const RuleSet& rules, std::vector<Occurrence> planned,
                                        const CapUsageLookup& already_used);

// ---------------------------------------------------------------- digest

struct DigestGroup {
  std::string account;                  // account id; empty = no account (owner-level, grouped)
  std::string account_name;             // as recorded in details_json
  std::vector<Occurrence> occurrences;  // by fire_at, then key
};
// The groups of one owner's digest for one local day: the occurrences of that
// owner whose fire_at falls on `day` in the owner's zone, grouped by account
// (accounts by name, the no-account group last).
std::vector<DigestGroup> group_digest(const RuleSet& rules, std::string_view owner, Date day,
                                      const std::vector<Occurrence>& occurrences);
// When the owner's digest for `day` is due; nullopt without a digest time.
std::optional<Instant> digest_time(const RuleSet& rules, std::string_view owner, Date day);

// ------------------------------------------------------------ transitions

// Missed by at most this much, a fire is on time (the timer's own latency).
inline constexpr Duration kOnTimeSlack{60};

// The next instant at which the scheduler must act on `o`, or nullopt when
// nothing is pending: scheduled → fire_at; snoozed → snoozed_until; fired →
// fire_at when a repeat or an escalation is pending (fire_at > fired_at);
// done, resolved, expired → nullopt.
std::optional<Instant> next_fire_time(const Occurrence& o);

struct FireDecision {
  enum class Action {
    kSend,    // send to `recipient` now
    kExpire,  // a first send missed beyond catch_up (or catch_up 0): never sent
    kSkip,    // a repeat missed beyond catch_up: not sent; `next` holds the following one
    kNone,    // nothing is pending yet
  };
  Action action = Action::kNone;
  std::string recipient;  // owner id: the owner, or the manager for an escalation
  bool escalation = false;
  Occurrence next;  // the occurrence after this step (state, counts, next fire_at)
};
// What to do with `o` at `now` (called when next_fire_time(o) <= now):
// applies catch_up (a fire more than kOnTimeSlack late is sent marked late if
// within catch_up, else expired; catch_up 0 skips it), then repeat (the next
// send `repeat` after this one, out of quiet hours) and escalation (to the
// owner's manager once, `escalate_after` after the due time, if unhandled).
// A fire late by many repeat periods is sent once. Pure: `now` is an input.
FireDecision fire(const RuleSet& rules, const Occurrence& o, Instant now);

// Whether an occurrence is still open (scheduled, fired or snoozed).
bool is_open(const Occurrence& o);

// The open occurrences that `touch` satisfies, with state kResolved: cadence
// occurrences of its contact when the kind is counted by the rule, depth
// occurrences when the touch's depth >= the rule's min (a "like" does not
// satisfy a deep rule). A touch older than the start of the period that made
// the occurrence due resolves nothing. `open` may hold any occurrences; the
// others are ignored. Re-plan the contact afterwards for its new due dates.
std::vector<Occurrence> apply_touch(const RuleSet& rules, const std::vector<Occurrence>& open,
                                    const Interaction& touch);

// After re-planning a subject (a touch, an edit, an import): the open
// standing-condition occurrences (cadence, depth, coverage) of the subjects in
// `replanned_subjects` whose fire_at is before `replanned_to` and whose key the
// new plan no longer yields, with state kResolved (the condition moved or went
// away). Calendar events are never superseded.
std::vector<Occurrence> resolve_superseded(const std::vector<Occurrence>& open,
                                           const std::vector<std::string>& replanned_subjects,
                                           const std::vector<Occurrence>& replanned,
                                           Instant replanned_to);

// done: an open occurrence → kDone. Already done: unchanged (idempotent).
// Resolved or expired: kConflict.
Result<Occurrence> mark_done(const Occurrence& o, Instant now);
// snooze until `until` (moved out of the owner's quiet hours): an open
// occurrence → kSnoozed. `until` <= now: kInvalidInput ("snooze into the past").
Result<Occurrence> snooze(const RuleSet& rules, const Occurrence& o, Instant until, Instant now);
// expire: an open occurrence → kExpired; a closed one: kConflict.
Result<Occurrence> expire(const Occurrence& o, Instant now);

// ---------------------------------------------------------------- explain

struct RuleExplanation {
  std::string rule;
  ReminderKind kind = ReminderKind::kCadence;
  bool applies = false;
  std::string reason;  // why it applies ("tier A matches") or not ("no birthday on record")
  std::optional<Instant> last_counted_touch;  // cadence / depth
  std::optional<Duration> target;             // cadence every / depth every
  std::optional<Duration> limit;              // cadence at_most
  std::optional<Occurrence> next;             // the next occurrence at or after `now`
};
struct ContactExplanation {
  std::string contact;
  std::string owner;
  std::vector<RuleExplanation> rules;  // every rule, in config order
};
// Which rules apply to a contact, when each fires next and why, and why the
// others do not. Holiday rules show the contact's part in the owner's grouped
// reminder; account-level rules say so.
ContactExplanation explain_contact(const RuleSet& rules, const ContactRecord& contact, Instant now);

}  // namespace cadence
