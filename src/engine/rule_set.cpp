// RuleSet::compile: config → resolved rules, with semantic diagnostics that
// point into the config file.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "cadence/engine.hpp"
#include "engine/suggest.hpp"
#include "engine/text.hpp"

namespace cadence {
namespace {

using engine_detail::closest_name;
using engine_detail::kind_word;

constexpr Duration kYear{366LL * 86400};

// DESIGN.md's default interaction kinds, used when the config lists none.
const std::vector<std::pair<const char*, Depth>>& default_kinds() {
  static const std::vector<std::pair<const char*, Depth>> kKinds = {
      {"visit", Depth::kDeep},  {"meal", Depth::kDeep},       {"consult", Depth::kDeep},
      {"call", Depth::kNormal}, {"message", Depth::kShallow}, {"greeting", Depth::kShallow},
      {"like", Depth::kShallow}};
  return kKinds;
}

ReminderKind kind_of(const Trigger& t) {
  struct Visitor {
    ReminderKind operator()(const CadenceTrigger&) const { return ReminderKind::kCadence; }
    ReminderKind operator()(const BirthdayTrigger&) const { return ReminderKind::kBirthday; }
    ReminderKind operator()(const AnniversaryTrigger&) const { return ReminderKind::kAnniversary; }
    ReminderKind operator()(const HolidayTrigger&) const { return ReminderKind::kHoliday; }
    ReminderKind operator()(const DepthTrigger&) const { return ReminderKind::kDepth; }
    ReminderKind operator()(const CoverageTrigger&) const { return ReminderKind::kCoverage; }
    ReminderKind operator()(const ScheduleTrigger&) const { return ReminderKind::kSchedule; }
    ReminderKind operator()(const ReviewTrigger&) const { return ReminderKind::kReview; }
  };
  return std::visit(Visitor{}, t);
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += ',';
    out += s;
  }
  return out;
}

std::string selector_text(const Selector& s) {
  std::string out = fmt::format("tags={};tiers={};accounts={};atiers={};depts={};owners={}",
                                join(s.tags), join(s.tiers), join(s.accounts),
                                join(s.account_tiers), join(s.departments), join(s.owners));
  const auto subs = [&out](const char* name, const std::vector<Selector>& v) {
    if (v.empty()) return;
    out += fmt::format(";{}=[", name);
    for (const auto& x : v) out += "(" + selector_text(x) + ")";
    out += "]";
  };
  subs("any", s.any);
  subs("all", s.all);
  subs("none", s.none);
  return out;
}

std::string opt_seconds(const std::optional<Duration>& d) {
  return d ? std::to_string(d->count()) : "-";
}

std::string trigger_text(const Trigger& t) {
  struct Visitor {
    std::string operator()(const CadenceTrigger& c) const {
      return fmt::format("cadence every={} at_most={} kinds={}", c.every.count(),
                         opt_seconds(c.at_most), join(c.kinds));
    }
    std::string operator()(const BirthdayTrigger&) const { return "birthday"; }
    std::string operator()(const AnniversaryTrigger& a) const {
      return "anniversary dates=" + join(a.dates);
    }
    std::string operator()(const HolidayTrigger& h) const { return "holiday keys=" + join(h.keys); }
    std::string operator()(const DepthTrigger& d) const {
      return fmt::format("depth min={} every={}", static_cast<int>(d.min), d.every.count());
    }
    std::string operator()(const CoverageTrigger& c) const {
      return fmt::format("coverage departments={} contacts={} window={}", c.departments, c.contacts,
                         c.window.count());
    }
    std::string operator()(const ScheduleTrigger& s) const {
      return "schedule rrule=" + s.rrule +
             " dtstart=" + (s.dtstart ? format_date(*s.dtstart) : std::string("-"));
    }
    std::string operator()(const ReviewTrigger&) const { return "review"; }
  };
  return std::visit(Visitor{}, t);
}

std::string fingerprint_of(const CompiledRule& r) {
  const RuleConfig& c = r.config;
  std::string leads;
  for (Duration d : r.lead) leads += std::to_string(d.count()) + ",";
  std::string dtstart;
  if (r.recurrence) dtstart = format_date(r.recurrence->dtstart());
  return fmt::format(
      "id={}|level={}|match={}|trigger={}|at={}|lead={}|repeat={}|escalate={}|bd={}|max={}|"
      "catch_up={}|enabled={}|dtstart={}",
      c.id, c.account_level, selector_text(c.match), trigger_text(c.trigger), r.at.minutes, leads,
      opt_seconds(c.repeat), opt_seconds(c.escalate_after), c.business_days,
      c.max_per_day ? std::to_string(*c.max_per_day) : "-", r.catch_up.count(), c.enabled, dtstart);
}

class Compiler {
 public:
  Compiler(const Config& config, const CompileOptions& options)
      : config_(config), options_(options) {}

  void error(const SourceLocation& where, std::string message) {
    diagnostics.push_back({ConfigDiagnostic::Severity::kError, where, std::move(message)});
    failed_ = true;
  }
  void warning(const SourceLocation& where, std::string message) {
    diagnostics.push_back({ConfigDiagnostic::Severity::kWarning, where, std::move(message)});
  }
  SourceLocation file_only() const { return SourceLocation{config_.source_file, 0, 0}; }

  void check_lead_against(const CompiledRule& r, Duration period, const std::string& what) {
    if (r.lead.empty() || period.count() <= 0) return;
    if (r.lead.front() > period) {
      error(r.config.where,
            fmt::format("rule '{}': lead {} is longer than the period {} ({})", r.id(),
                        format_duration(r.lead.front()), format_duration(period), what));
    }
  }

  void check_level(const CompiledRule& r) {
    const bool account_only = r.kind == ReminderKind::kCoverage;
    const bool either = r.kind == ReminderKind::kSchedule || r.kind == ReminderKind::kReview;
    if (account_only && !r.config.account_level) {
      error(r.config.where, fmt::format("rule '{}': a {} rule works on accounts: use match_account",
                                        r.id(), kind_word(r.kind)));
    } else if (!account_only && !either && r.config.account_level) {
      error(r.config.where,
            fmt::format("rule '{}': a {} rule works on contacts: use match, not match_account",
                        r.id(), kind_word(r.kind)));
    }
  }

  void check_cadence(const CompiledRule& r, const CadenceTrigger& c) {
    if (c.every.count() <= 0) {
      error(r.config.where, fmt::format("rule '{}': cadence.every must be longer than 0", r.id()));
      return;
    }
    if (c.at_most && *c.at_most < c.every) {
      error(r.config.where,
            fmt::format("rule '{}': contradictory timing: at_most ({}) is shorter than every ({})",
                        r.id(), format_duration(*c.at_most), format_duration(c.every)));
    }
    for (const std::string& k : c.kinds) {
      if (kinds.count(k) != 0) continue;
      std::string message =
          fmt::format("rule '{}': unknown interaction kind '{}' in cadence.kinds", r.id(), k);
      if (auto near = closest_name(k, kind_names_)) message += "; did you mean '" + *near + "'?";
      message += " (known kinds: " + join(kind_names_) + ")";
      error(r.config.where, message);
    }
    check_lead_against(r, c.every, "cadence.every");
  }

  void check_holiday(const CompiledRule& r, const HolidayTrigger& h,
                     const HolidayCalendar& calendar) {
    if (h.keys.empty())
      error(r.config.where, fmt::format("rule '{}': holiday.keys is empty", r.id()));
    const std::vector<std::string> known = calendar.keys();
    for (std::size_t i = 0; i < h.keys.size(); ++i) {
      if (calendar.has_key(h.keys[i])) continue;
      const SourceLocation& where =
          i < h.key_where.size() && h.key_where[i].line != 0 ? h.key_where[i] : r.config.where;
      std::string message = fmt::format("rule '{}': unknown holiday key '{}'", r.id(), h.keys[i]);
      if (auto near = closest_name(h.keys[i], known))
        message += "; did you mean '" + *near + "'?";
      else
        message += " (holiday sets in use: " + join(config_.holidays.sets) + ")";
      error(where, message);
    }
    check_lead_against(r, kYear, "a year");
  }

  void check_schedule(CompiledRule& r, const ScheduleTrigger& s) {
    const SourceLocation& where = s.rrule_where.line != 0 ? s.rrule_where : r.config.where;
    Date dtstart = options_.default_dtstart;
    if (s.dtstart) {
      dtstart = *s.dtstart;
    } else if (auto it = options_.dtstart_by_rule.find(r.id());
               it != options_.dtstart_by_rule.end()) {
      dtstart = it->second;
    }
    Result<Recurrence> parsed = Recurrence::parse(s.rrule, dtstart);
    if (!parsed) {
      error(where, fmt::format("rule '{}': malformed RRULE: {}", r.id(), parsed.error().message()));
      return;
    }
    const std::vector<Date> first = parsed->expand(std::nullopt, 8);
    if (first.empty()) {
      error(where, fmt::format("rule '{}': RRULE '{}' never fires (from {})", r.id(), s.rrule,
                               format_date(dtstart)));
      return;
    }
    Duration min_gap{0};
    for (std::size_t i = 1; i < first.size(); ++i) {
      const Duration gap = to_sys_days(first[i]) - to_sys_days(first[i - 1]);
      if (min_gap.count() == 0 || gap < min_gap) min_gap = gap;
    }
    check_lead_against(r, min_gap, "the shortest gap between occurrences of the RRULE");
    r.recurrence = std::move(parsed).value();
  }

  void check_rule(CompiledRule& r, const HolidayCalendar& calendar) {
    check_level(r);
    const RuleConfig& c = r.config;
    if (const auto* t = std::get_if<CadenceTrigger>(&c.trigger)) {
      check_cadence(r, *t);
    } else if (const auto* d = std::get_if<DepthTrigger>(&c.trigger)) {
      if (d->every.count() <= 0) {
        error(c.where, fmt::format("rule '{}': depth.every must be longer than 0", r.id()));
      }
      check_lead_against(r, d->every, "depth.every");
    } else if (std::holds_alternative<BirthdayTrigger>(c.trigger) ||
               std::holds_alternative<AnniversaryTrigger>(c.trigger)) {
      check_lead_against(r, kYear, "a year");
    } else if (const auto* h = std::get_if<HolidayTrigger>(&c.trigger)) {
      check_holiday(r, *h, calendar);
    } else if (const auto* cov = std::get_if<CoverageTrigger>(&c.trigger)) {
      if (cov->window.count() <= 0) {
        error(c.where, fmt::format("rule '{}': coverage.window must be longer than 0", r.id()));
      }
      if (cov->departments <= 0 && cov->contacts <= 0) {
        error(c.where,
              fmt::format("rule '{}': coverage needs departments or contacts above 0", r.id()));
      }
      check_lead_against(r, cov->window, "coverage.window");
    } else if (const auto* s = std::get_if<ScheduleTrigger>(&c.trigger)) {
      check_schedule(r, *s);
    } else if (std::holds_alternative<ReviewTrigger>(c.trigger)) {
      // The weekly review: every Monday at the rule's time in the owner's zone.
      // 2024-01-01 is a Monday, so the recurrence starts on its own weekday.
      auto weekly = Recurrence::parse(
          "FREQ=WEEKLY;BYDAY=MO",
          Date{std::chrono::year{2024}, std::chrono::January, std::chrono::day{1}});
      if (weekly) r.recurrence = std::move(weekly).value();
      check_lead_against(r, Duration{7 * 86400}, "a week");
    }
    if (c.max_per_day) {
      if (*c.max_per_day <= 0) {
        error(c.where, fmt::format("rule '{}': max_per_day must be at least 1", r.id()));
      } else if (!r.capped()) {
        warning(c.where, fmt::format("rule '{}': max_per_day is ignored for {} reminders (never "
                                     "deferred)",
                                     r.id(), kind_word(r.kind)));
      }
    }
    if (c.repeat && c.repeat->count() <= 0) {
      error(c.where, fmt::format("rule '{}': repeat must be longer than 0", r.id()));
    }
  }

  void compile_owners() {
    for (const OwnerConfig& o : config_.owners) {
      const std::string zone_name = o.timezone.empty() ? config_.timezone : o.timezone;
      Result<TimeZone> zone = TimeZone::locate(zone_name);
      if (!zone) {
        error(o.where, fmt::format("owner '{}': {}", o.id, zone.error().message()));
        zone = TimeZone::locate("UTC");
        if (!zone) continue;
      }
      owners.push_back(CompiledOwner{o.id, o.name.empty() ? o.id : o.name, *zone,
                                     o.locale.value_or(config_.locale), o.quiet_hours, o.digest,
                                     o.digest_only, o.manager});
    }
    if (owners.empty()) {
      Result<TimeZone> zone = TimeZone::locate(config_.timezone);
      if (!zone) {
        error(file_only(), zone.error().message());
        zone = TimeZone::locate("UTC");
      }
      if (!zone) return;
      owners.push_back(CompiledOwner{"", "", *zone, config_.locale, std::nullopt, std::nullopt,
                                     false, std::nullopt});
    }
  }

  // Fills the public parts below; failed() tells whether an error was found.
  void run() {
    if (config_.kinds.empty()) {
      for (const auto& [name, depth] : default_kinds()) kinds.emplace(name, depth);
    } else {
      for (const InteractionKind& k : config_.kinds) kinds.emplace(k.name, k.depth);
    }
    for (const auto& [name, depth] : kinds) kind_names_.push_back(name);

    compile_owners();

    Result<HolidayCalendar> calendar =
        HolidayCalendar::create(config_.holidays.sets, config_.holidays.custom, config_.locale);
    if (!calendar) {
      const SourceLocation where =
          config_.holidays.where.line != 0 ? config_.holidays.where : file_only();
      error(where, "holidays: " + calendar.error().message());
      calendar = HolidayCalendar::create({}, {}, config_.locale);
    }
    if (!calendar) {
      failed_ = true;
      return;
    }
    holidays = std::make_shared<const HolidayCalendar>(std::move(calendar).value());
    business = std::make_shared<const BusinessCalendar>(holidays, config_.holidays);

    for (const RuleConfig& rc : config_.rules) {
      CompiledRule r;
      r.config = rc;
      r.kind = kind_of(rc.trigger);
      r.at = rc.at.value_or(TimeOfDay{9 * 60});
      r.lead = rc.lead.empty() ? std::vector<Duration>{Duration{0}} : rc.lead;
      std::sort(r.lead.begin(), r.lead.end(), std::greater<>());
      r.lead.erase(std::unique(r.lead.begin(), r.lead.end()), r.lead.end());
      r.catch_up = rc.catch_up.value_or(Duration{86400});
      check_rule(r, *holidays);
      r.fingerprint = fingerprint_of(r);
      rules.push_back(std::move(r));
    }
  }

  bool failed() const { return failed_; }

  // Results.
  std::vector<ConfigDiagnostic> diagnostics;
  std::vector<CompiledOwner> owners;
  std::shared_ptr<const HolidayCalendar> holidays;
  std::shared_ptr<const BusinessCalendar> business;
  std::map<std::string, Depth, std::less<>> kinds;
  std::vector<CompiledRule> rules;

 private:
  const Config& config_;
  const CompileOptions& options_;
  std::vector<std::string> kind_names_;
  bool failed_ = false;
};

}  // namespace

bool CompiledRule::capped() const {
  return kind == ReminderKind::kCadence || kind == ReminderKind::kDepth ||
         kind == ReminderKind::kCoverage;
}

RuleSetCompileResult RuleSet::compile(const Config& config, const CompileOptions& options) {
  Compiler compiler(config, options);
  compiler.run();
  RuleSetCompileResult result;
  result.diagnostics = std::move(compiler.diagnostics);
  if (compiler.failed() || compiler.owners.empty()) return result;
  auto set = std::shared_ptr<RuleSet>(new RuleSet());
  set->feb29_ = config.feb29;
  set->locale_ = config.locale;
  set->owners_ = std::move(compiler.owners);
  set->holidays_ = std::move(compiler.holidays);
  set->business_ = std::move(compiler.business);
  set->kinds_ = std::move(compiler.kinds);
  set->rules_ = std::move(compiler.rules);
  result.rules = std::move(set);
  return result;
}

const CompiledRule* RuleSet::find_rule(std::string_view id) const {
  for (const CompiledRule& r : rules_) {
    if (r.id() == id) return &r;
  }
  return nullptr;
}

const CompiledOwner* RuleSet::find_owner(std::string_view id) const {
  if (id.empty()) return &owners_.front();
  for (const CompiledOwner& o : owners_) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

const CompiledOwner& RuleSet::owner_of(const Contact& contact) const {
  const CompiledOwner* o = find_owner(contact.owner);
  return o != nullptr ? *o : owners_.front();
}

std::optional<Depth> RuleSet::kind_depth(std::string_view kind) const {
  auto it = kinds_.find(kind);
  if (it == kinds_.end()) return std::nullopt;
  return it->second;
}

}  // namespace cadence
