// A real SQLite file, a manual clock and a small config for scheduler tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "cadence/clock.hpp"
#include "cadence/engine.hpp"
#include "cadence/scheduler.hpp"
#include "cadence/store.hpp"
#include "temp_dir.hpp"

namespace cadence::testing {

inline Date ymd(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}
inline Instant utc(int y, unsigned m, unsigned d, int hour = 0, int minute = 0) {
  return Instant{to_sys_days(ymd(y, m, d)).time_since_epoch() + std::chrono::hours{hour} +
                 std::chrono::minutes{minute}};
}
inline Duration days(long long n) { return Duration{n * 86400}; }
inline Duration hours(long long n) { return Duration{n * 3600}; }

// Owner "zhang" in Asia/Shanghai (UTC+8, no DST) with one console channel;
// rules:
//   keep-in-touch  tier A, cadence every 14d (visit, call), 09:00, catch_up 3d
//   birthdays      every contact, 08:30, catch_up 7d
//   vip-birthdays  tag vip, birthday, 08:30, catch_up 1d
// The occurrence key of wang's birthday (added by the tests on 03-05) in 2027.
inline constexpr const char* kWangBirthday = "birthdays|contact:wang|2027-03-05";

inline Config scheduler_config() {
  Config c;
  c.source_file = "cadence.yaml";
  c.locale = Locale::kEn;
  c.timezone = "Asia/Shanghai";
  OwnerConfig zhang;
  zhang.id = "zhang";
  zhang.name = "Zhang";
  zhang.timezone = "Asia/Shanghai";
  zhang.locale = Locale::kEn;
  zhang.channels = {"console"};
  c.owners.push_back(zhang);
  ChannelConfig console;
  console.id = "console";
  console.type = "console";
  c.channels.push_back(console);
  c.kinds = {
      {"visit", Depth::kDeep, {}}, {"call", Depth::kNormal, {}}, {"like", Depth::kShallow, {}}};

  RuleConfig keep;
  keep.id = "keep-in-touch";
  keep.match.tiers = {"A"};
  CadenceTrigger cadence;
  cadence.every = days(14);
  cadence.kinds = {"visit", "call"};
  keep.trigger = cadence;
  keep.at = TimeOfDay{9 * 60};
  keep.catch_up = days(3);
  c.rules.push_back(keep);

  RuleConfig birthdays;
  birthdays.id = "birthdays";
  birthdays.trigger = BirthdayTrigger{};
  birthdays.at = TimeOfDay{8 * 60 + 30};
  birthdays.catch_up = days(7);
  c.rules.push_back(birthdays);

  RuleConfig vip = birthdays;
  vip.id = "vip-birthdays";
  vip.match.tags = {"vip"};
  vip.catch_up = days(1);
  c.rules.push_back(vip);
  return c;
}

inline std::shared_ptr<const RuleSet> compile_or_fail(const Config& config) {
  RuleSetCompileResult r = RuleSet::compile(config);
  for (const ConfigDiagnostic& d : r.diagnostics) {
    if (d.severity == ConfigDiagnostic::Severity::kError) ADD_FAILURE() << d.to_string();
  }
  return r.rules;
}

class SchedulerTest : public ::testing::Test {
 protected:
  SchedulerTest()
      : clock_(utc(2027, 3, 1)),
        config_(std::make_shared<Config>(scheduler_config())),
        rules_(compile_or_fail(*config_)) {
    reopen_store();
  }

  void reopen_store() {
    scheduler_.reset();
    store_.reset();
    StoreOptions options;
    options.path = dir_.file("cadence.db");
    options.clock = &clock_;
    auto opened = open_sqlite_store(options);
    ASSERT_TRUE(opened) << opened.error().message();
    store_ = std::move(opened.value());
  }

  // A new scheduler on the same file (a daemon restart), started at the clock's now.
  void restart(SchedulerOptions options = {}) {
    reopen_store();
    scheduler_ = std::make_unique<Scheduler>(*store_, rules_, config_, options);
    auto s = scheduler_->start(clock_.now());
    ASSERT_TRUE(s) << s.error().message();
  }

  Contact add_contact(const std::string& id, const std::string& tier = "",
                      std::optional<GregorianBirthday> birthday = std::nullopt,
                      std::vector<std::string> tags = {}) {
    Contact c;
    c.id = id;
    c.name = id;
    c.owner = "zhang";
    c.tier = tier;
    c.birthday = birthday;
    c.tags = std::move(tags);
    auto added = store_->add_contact(c);
    EXPECT_TRUE(added) << added.error().message();
    return added ? *added : c;
  }

  void touch(const std::string& contact, const std::string& kind, Instant at) {
    Interaction i;
    i.contact = contact;
    i.kind = kind;
    i.depth = kind == "visit" ? Depth::kDeep : Depth::kNormal;
    i.at = at;
    i.source = "test";
    auto added = store_->add_interaction(i);
    ASSERT_TRUE(added) << added.error().message();
  }

  ProcessReport process(Instant now) {
    auto r = scheduler_->process_due(now);
    EXPECT_TRUE(r) << r.error().message();
    return r ? *r : ProcessReport{};
  }

  std::optional<Occurrence> by_key(const std::string& key) {
    auto o = store_->get_occurrence_by_key(key);
    if (!o) return std::nullopt;
    return *o;
  }

  std::vector<Delivery> deliveries() {
    auto d = store_->list_deliveries(std::nullopt, 0);
    EXPECT_TRUE(d);
    return d ? *d : std::vector<Delivery>{};
  }

  TempDir dir_;
  ManualClock clock_;
  std::shared_ptr<const Config> config_;
  std::shared_ptr<const RuleSet> rules_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Scheduler> scheduler_;
};

}  // namespace cadence::testing
