// Engine benchmarks: planning one contact against 8 rules, and rescheduling a
// contact after a touch (apply_touch + re-plan), with its p99; and the same
// re-plan with the 8 rules of bench/bench.yaml (the process benchmarks'
// config), step for step what Scheduler::on_data_changed does per contact
// without the store: resolve the open reminders against the summary's
// touches, plan_contact over the 30-day horizon, apply_daily_cap.
//
//   cmake --build build --target engine_bench && build/bench/engine_bench
//   (BM_ReplanAfterTouchBenchYaml reads bench/bench.yaml next to this file,
//   or $CADENCE_BENCH_CONFIG; run from the source root otherwise.)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <vector>

#include "cadence/config.hpp"
#include "cadence/engine.hpp"
#include "cadence/scheduler.hpp"

namespace cadence {
namespace {

Date ymd(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}
Instant at(int y, unsigned m, unsigned d, int h = 0) {
  return Instant{to_sys_days(ymd(y, m, d)).time_since_epoch() + std::chrono::hours{h}};
}
Duration days(long long n) { return Duration{n * 86400}; }

RuleConfig make_rule(const std::string& id, Trigger t) {
  RuleConfig r;
  r.id = id;
  r.trigger = std::move(t);
  return r;
}

// The eight rules of DESIGN.md's configuration sketch (plus an anniversary).
std::shared_ptr<const RuleSet> eight_rules() {
  Config c;
  OwnerConfig o;
  o.id = "zhang";
  o.timezone = "Asia/Shanghai";
  o.quiet_hours = TimeRange{TimeOfDay{21 * 60 + 30}, TimeOfDay{8 * 60}};
  c.owners = {o};
  c.holidays.sets = {"cn"};

  RuleConfig keep = make_rule(
      "keep-in-touch-a", CadenceTrigger{days(14), days(21), {"visit", "meal", "call", "message"}});
  keep.match.tiers = {"A"};
  keep.repeat = days(3);
  RuleConfig visit =
      make_rule("visit-decision-makers", CadenceTrigger{days(90), std::nullopt, {"visit", "meal"}});
  visit.match.tags = {"decision-maker"};
  visit.business_days = true;
  visit.max_per_day = 5;
  RuleConfig bday = make_rule("birthdays", BirthdayTrigger{});
  bday.lead = {days(3), days(0)};
  bday.at = TimeOfDay{8 * 60 + 30};
  HolidayTrigger fest;
  fest.keys = {"spring_festival", "dragon_boat", "mid_autumn", "new_year"};
  RuleConfig festivals = make_rule("festivals", fest);
  festivals.match.tiers = {"A", "B"};
  festivals.lead = {days(10), days(1)};
  RuleConfig deep = make_rule("deep-quarterly", DepthTrigger{Depth::kDeep, days(90)});
  deep.match.tiers = {"A"};
  RuleConfig anniv = make_rule("anniversaries", AnniversaryTrigger{});
  CoverageTrigger cov;
  cov.departments = 3;
  cov.window = days(30);
  RuleConfig coverage = make_rule("coverage", cov);
  coverage.account_level = true;
  ScheduleTrigger qbr;
  qbr.rrule = "FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO";
  qbr.dtstart = ymd(2026, 1, 1);
  RuleConfig schedule = make_rule("qbr", qbr);
  schedule.account_level = true;
  schedule.catch_up = Duration{0};
  c.rules = {keep, visit, bday, festivals, deep, anniv, coverage, schedule};
  RuleSetCompileResult r = RuleSet::compile(c);
  return r.rules;
}

struct Subject {
  Contact contact;
  Account account;
  ContactSummary summary;
};

Subject make_subject() {
  Subject s;
  s.account.id = "acme";
  s.account.name = "Acme";
  s.account.tier = "strategic";
  s.account.owner = "zhang";
  s.contact.id = "li-wei";
  s.contact.name = "李伟";
  s.contact.account = "acme";
  s.contact.department = "IT";
  s.contact.tier = "A";
  s.contact.tags = {"decision-maker"};
  s.contact.owner = "zhang";
  s.contact.birthday = GregorianBirthday{1980, 5, 20};
  s.contact.lunar_birthday = LunarBirthday{1980, 4, 6, false};
  s.contact.dates = {{"first_met", ymd(2019, 6, 18)}};
  s.contact.created_at = at(2024, 1, 1);
  s.summary.contact = "li-wei";
  s.summary.last_by_kind = {{"call", at(2026, 3, 1, 6)}, {"visit", at(2026, 1, 10, 6)}};
  s.summary.last_any = at(2026, 3, 1, 6);
  s.summary.last_normal_or_deeper = at(2026, 3, 1, 6);
  s.summary.last_deep = at(2026, 1, 10, 6);
  return s;
}

// One contact, 8 rules, a 30-day planning horizon (the daemon's window).
void BM_PlanContact(benchmark::State& state) {
  auto rules = eight_rules();
  if (!rules) {
    state.SkipWithError("rules did not compile");
    return;
  }
  Subject s = make_subject();
  const ContactRecord record{&s.contact, &s.account, &s.summary};
  const Instant from = at(2026, 3, 5);
  std::size_t planned = 0;
  for (auto _ : state) {
    auto v = plan_contact(*rules, record, from, from + days(30));
    planned = v.size();
    benchmark::DoNotOptimize(v);
  }
  state.counters["occurrences"] = static_cast<double>(planned);
}
BENCHMARK(BM_PlanContact);

// The same contact over a whole year (what `forecast` does per contact).
void BM_PlanContactYear(benchmark::State& state) {
  auto rules = eight_rules();
  if (!rules) {
    state.SkipWithError("rules did not compile");
    return;
  }
  Subject s = make_subject();
  const ContactRecord record{&s.contact, &s.account, &s.summary};
  const Instant from = at(2026, 1, 1);
  std::size_t planned = 0;
  for (auto _ : state) {
    auto v = plan_contact(*rules, record, from, from + days(365));
    planned = v.size();
    benchmark::DoNotOptimize(v);
  }
  state.counters["occurrences"] = static_cast<double>(planned);
}
BENCHMARK(BM_PlanContactYear);

// A touch arrives: resolve the open reminders it satisfies, re-plan the contact.
// Reports the mean per iteration and the p99 of single reschedules.
void BM_RescheduleAfterTouch(benchmark::State& state) {
  auto rules = eight_rules();
  if (!rules) {
    state.SkipWithError("rules did not compile");
    return;
  }
  Subject s = make_subject();
  const ContactRecord record{&s.contact, &s.account, &s.summary};
  const Instant now = at(2026, 3, 20, 3);
  const std::vector<Occurrence> open = plan_contact(*rules, record, at(2026, 3, 1), now + days(30));
  std::vector<double> micros;
  micros.reserve(1 << 16);
  long long minute = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    Interaction touch{0,  "li-wei", "visit", Depth::kDeep, now + Duration{60 * (minute++ % 600)},
                      "", "cli"};
    auto resolved = apply_touch(*rules, open, touch);
    ContactSummary updated = s.summary;
    updated.last_by_kind["visit"] = touch.at;
    updated.last_any = touch.at;
    updated.last_deep = touch.at;
    updated.last_normal_or_deeper = touch.at;
    auto next = plan_contact(*rules, ContactRecord{&s.contact, &s.account, &updated}, touch.at,
                             touch.at + days(30));
    benchmark::DoNotOptimize(resolved);
    benchmark::DoNotOptimize(next);
    const auto end = std::chrono::steady_clock::now();
    if (micros.size() < micros.capacity()) {
      micros.push_back(std::chrono::duration<double, std::micro>(end - start).count());
    }
  }
  if (!micros.empty()) {
    std::sort(micros.begin(), micros.end());
    state.counters["p50_us"] = micros[micros.size() / 2];
    state.counters["p99_us"] = micros[micros.size() * 99 / 100];
    state.counters["max_us"] = micros.back();
  }
}
BENCHMARK(BM_RescheduleAfterTouch);

// The rules of bench/bench.yaml, compiled as cadenced compiles them.
std::shared_ptr<const RuleSet> bench_yaml_rules() {
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("CADENCE_BENCH_CONFIG")) candidates.emplace_back(env);
  candidates.push_back((std::filesystem::path(__FILE__).parent_path() / "bench.yaml").string());
  candidates.emplace_back("bench/bench.yaml");
  for (const std::string& path : candidates) {
    if (!std::filesystem::exists(path)) continue;
    ConfigLoadResult loaded = load_config_file(path, SubstitutionSource::from_process());
    if (!loaded.ok()) return nullptr;
    return RuleSet::compile(*loaded.config).rules;
  }
  return nullptr;
}

// A tier-A decision-maker (every bench.yaml rule but keep-in-touch-b/c applies),
// with Gregorian and lunar birthdays, an anniversary and touches of 3 kinds.
Subject bench_subject() {
  Subject s = make_subject();
  s.contact.owner = "zhang";
  s.summary.last_by_kind["message"] = at(2026, 3, 4, 6);
  s.summary.interaction_count = 12;
  return s;
}

// One re-plan after a touch with bench/bench.yaml's rules, timed one by one:
// p50/p99/max of single re-plans as counters (microseconds).
void BM_ReplanAfterTouchBenchYaml(benchmark::State& state) {
  auto rules = bench_yaml_rules();
  if (!rules) {
    state.SkipWithError("bench/bench.yaml not found or did not compile");
    return;
  }
  const Duration horizon = days(30);  // SchedulerOptions::horizon
  Subject s = bench_subject();
  const Instant now = at(2026, 3, 20, 3);
  // What the store holds open for the contact: its horizon before the touch.
  const std::vector<Occurrence> open = plan_contact(
      *rules, ContactRecord{&s.contact, &s.account, &s.summary}, now - days(30), now + horizon);
  const CapUsageLookup nothing_used = [](const std::string&, const std::string&, Date) {
    return 0;
  };
  std::vector<double> micros;
  micros.reserve(1 << 18);
  long long minute = 0;
  std::size_t resolved_count = 0;
  std::size_t planned_count = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    const Instant touched = now + Duration{60 * (minute++ % 600)};
    ContactSummary updated = s.summary;
    updated.last_by_kind["visit"] = touched;
    updated.last_any = touched;
    updated.last_deep = touched;
    updated.last_normal_or_deeper = touched;
    ++updated.interaction_count;
    // Scheduler::resolve_if_touched for each open reminder.
    std::vector<Occurrence> resolved;
    const std::vector<Interaction> touches = touches_from_summary(updated);
    for (const Occurrence& o : open) {
      if (!is_open(o)) continue;
      for (const Interaction& touch : touches) {
        std::vector<Occurrence> r = apply_touch(*rules, {o}, touch);
        if (r.empty()) continue;
        resolved.push_back(std::move(r.front()));
        break;
      }
    }
    // Scheduler::replan_contact: the new plan through the daily cap, and the
    // scheduled reminders it no longer yields.
    std::vector<Occurrence> next = apply_daily_cap(
        *rules,
        plan_contact(*rules, ContactRecord{&s.contact, &s.account, &updated}, now, now + horizon),
        nothing_used);
    std::set<std::string> keys;
    for (const Occurrence& o : next) keys.insert(o.key);
    for (const Occurrence& o : resolved) keys.insert(o.key);  // already resolved by the touch
    for (const Occurrence& o : open) {
      if (o.state == OccurrenceState::kScheduled && keys.count(o.key) == 0) resolved.push_back(o);
    }
    benchmark::DoNotOptimize(resolved);
    benchmark::DoNotOptimize(next);
    const auto end = std::chrono::steady_clock::now();
    resolved_count = resolved.size();
    planned_count = next.size();
    if (micros.size() < micros.capacity()) {
      micros.push_back(std::chrono::duration<double, std::micro>(end - start).count());
    }
  }
  state.counters["open"] = static_cast<double>(open.size());
  state.counters["resolved"] = static_cast<double>(resolved_count);
  state.counters["planned"] = static_cast<double>(planned_count);
  if (!micros.empty()) {
    std::sort(micros.begin(), micros.end());
    state.counters["samples"] = static_cast<double>(micros.size());
    state.counters["p50_us"] = micros[micros.size() / 2];
    state.counters["p99_us"] = micros[micros.size() * 99 / 100];
    state.counters["max_us"] = micros.back();
  }
}
BENCHMARK(BM_ReplanAfterTouchBenchYaml);

}  // namespace
}  // namespace cadence

BENCHMARK_MAIN();
