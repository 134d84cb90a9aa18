// The review tests' hand-built data set: a real SQLite store in a temp dir,
// the config in tests/data/review/cadence.yaml, the review taken at
// Monday 2027-06-07 09:00 Asia/Shanghai (01:00 UTC).
//
// Owner zhang (zh-CN): accounts acme (strategic: 采购部, 技术部, 财务部) and
// beta (B); contacts li-wei, wang-fang, zhao-min (acme, A), chen-jing and
// liu-qiang (beta, B), sun-li (no account, no tier), zhou-jie (acme, archived).
// Owner amy (en): account gamma (strategic: IT, Risk); ma-jun (A), he-lan (C).
// Every contact was added at 2027-04-01 09:00 local (the store's clock).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "cadence/clock.hpp"
#include "cadence/config.hpp"
#include "cadence/engine.hpp"
#include "cadence/review.hpp"
#include "cadence/store.hpp"
#include "temp_dir.hpp"

namespace cadence::testing {

inline Date ymd(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

// An instant given in Shanghai local time (UTC+8, no DST).
inline Instant shanghai(int y, unsigned m, unsigned d, int hour = 0, int minute = 0) {
  return Instant{to_sys_days(ymd(y, m, d)).time_since_epoch() + std::chrono::hours{hour - 8} +
                 std::chrono::minutes{minute}};
}

class ReviewData : public ::testing::Test {
 protected:
  static constexpr const char* kAt = "2027-06-07T09:00:00+08:00";

  void SetUp() override {
    config_path_ = source_path("tests/data/review/cadence.yaml");
    db_path_ = dir_.file("cadence.db");
    auto loaded = load_config_file(config_path_, SubstitutionSource::from_process());
    ASSERT_TRUE(loaded.ok()) << (loaded.diagnostics.empty() ? std::string()
                                                            : loaded.diagnostics[0].to_string());
    config_ = *loaded.config;
    auto compiled = RuleSet::compile(config_);
    ASSERT_TRUE(compiled.ok());
    rules_ = compiled.rules;
    StoreOptions options;
    options.path = db_path_;
    options.clock = &clock_;
    auto store = open_sqlite_store(options);
    ASSERT_TRUE(store.ok()) << store.error().message();
    store_ = std::move(*store);
    add_data();
    add_reminders();
  }

  // The review as of kAt (`owner` nullopt = every owner).
  Review review(std::optional<std::string> owner = std::nullopt) {
    ReviewOptions options;
    options.owner = std::move(owner);
    options.at = at_;
    auto r = compute_review(*store_, *rules_, options);
    EXPECT_TRUE(r.ok()) << (r.ok() ? std::string() : r.error().message());
    return r.ok() ? *r : Review{};
  }

  std::string config_path_;
  std::string db_path_;
  TempDir dir_;
  Config config_;
  ManualClock clock_{shanghai(2027, 4, 1, 9)};
  std::unique_ptr<Store> store_;
  std::shared_ptr<const RuleSet> rules_;
  Instant at_ = shanghai(2027, 6, 7, 9);

 protected:
  void add_account(const std::string& id, const std::string& name, const std::string& tier,
                   const std::string& owner, std::vector<std::string> departments) {
    Account a;
    a.id = id;
    a.name = name;
    a.tier = tier;
    a.owner = owner;
    a.departments = std::move(departments);
    ASSERT_TRUE(store_->add_account(a).ok());
  }

  Contact contact(const std::string& id, const std::string& name, const std::string& account,
                  const std::string& department, const std::string& tier,
                  const std::string& owner) {
    Contact c;
    c.id = id;
    c.name = name;
    c.account = account;
    c.department = department;
    c.tier = tier;
    c.owner = owner;
    return c;
  }

  void add_contact(const Contact& c) {
    auto added = store_->add_contact(c);
    ASSERT_TRUE(added.ok()) << added.error().message();
  }

  void touch(const std::string& contact, const std::string& kind, Depth depth, Instant at) {
    Interaction i;
    i.contact = contact;
    i.kind = kind;
    i.depth = depth;
    i.at = at;
    auto added = store_->add_interaction(i);
    ASSERT_TRUE(added.ok()) << added.error().message();
  }

  void add_data() {
    add_account("acme", "Acme 科技", "strategic", "zhang", {"采购部", "技术部", "财务部"});
    add_account("beta", "Beta 物流", "B", "zhang", {});
    add_account("gamma", "Gamma Bank", "strategic", "amy", {"IT", "Risk"});

    Contact li = contact("li-wei", "李伟", "acme", "采购部", "A", "zhang");
    li.birthday = GregorianBirthday{1987, 6, 10};
    li.dates = {{"first_met", ymd(2022, 6, 20)}};
    add_contact(li);
    Contact wang = contact("wang-fang", "王芳", "acme", "技术部", "A", "zhang");
    wang.birthday = GregorianBirthday{std::nullopt, 7, 1};  // 24 days ahead: not coming up
    wang.dates = {{"first_met", ymd(2019, 5, 2)}};
    add_contact(wang);
    add_contact(contact("zhao-min", "赵敏", "acme", "财务部", "A", "zhang"));
    Contact chen = contact("chen-jing", "陈静", "beta", "", "B", "zhang");
    chen.dates = {{"first_met", ymd(2020, 3, 1)}};
    add_contact(chen);
    add_contact(contact("liu-qiang", "刘强", "beta", "", "B", "zhang"));
    Contact sun = contact("sun-li", "孙丽", "", "", "", "zhang");
    sun.lunar_birthday = LunarBirthday{std::nullopt, 5, 10, false};
    sun.dates = {{"first_met", ymd(2014, 6, 15)}};
    add_contact(sun);
    add_contact(contact("zhou-jie", "周杰", "acme", "技术部", "A", "zhang"));
    add_contact(contact("ma-jun", "Ma Jun", "gamma", "IT", "A", "amy"));
    add_contact(contact("he-lan", "He Lan", "gamma", "Risk", "C", "amy"));

    touch("li-wei", "call", Depth::kNormal, shanghai(2027, 5, 10, 10));
    touch("li-wei", "like", Depth::kShallow, shanghai(2027, 5, 20, 10));
    touch("li-wei", "visit", Depth::kDeep, shanghai(2027, 6, 1, 10));
    touch("wang-fang", "call", Depth::kNormal, shanghai(2027, 4, 10, 10));
    touch("wang-fang", "call", Depth::kNormal, shanghai(2027, 4, 24, 10));
    touch("zhao-min", "greeting", Depth::kShallow, shanghai(2027, 3, 1, 10));
    touch("zhao-min", "like", Depth::kShallow, shanghai(2027, 5, 30, 10));
    touch("liu-qiang", "call", Depth::kNormal, shanghai(2027, 3, 15, 10));
    touch("liu-qiang", "call", Depth::kNormal, shanghai(2027, 4, 20, 10));
    touch("liu-qiang", "message", Depth::kShallow, shanghai(2027, 5, 15, 10));
    touch("sun-li", "greeting", Depth::kShallow, shanghai(2027, 2, 10, 10));
    touch("zhou-jie", "visit", Depth::kDeep, shanghai(2027, 6, 3, 10));
    touch("ma-jun", "consult", Depth::kDeep, shanghai(2027, 6, 4, 10));
    // Archived after its touch: it and its touch leave the review.
    auto zhou = store_->get_contact("zhou-jie");
    ASSERT_TRUE(zhou.ok());
    zhou->archived = true;
    ASSERT_TRUE(store_->update_contact(*zhou).ok());
  }

  // Reminders as the scheduler would have recorded them: li-wei's birthday
  // (3 days ahead: sent this morning; on the day: scheduled) and the Dragon
  // Boat greeting one day ahead for zhang.
  void add_reminders() {
    const auto occurrence = [](std::string key, std::string rule, ReminderKind kind,
                               std::string subject, std::string owner, Date due, Instant fire,
                               OccurrenceState state) {
      Occurrence o;
      o.key = std::move(key);
      o.rule = std::move(rule);
      o.kind = kind;
      o.subject = std::move(subject);
      o.owner = std::move(owner);
      o.due = due;
      o.fire_at = fire;
      o.state = state;
      o.title = "t";
      return o;
    };
    std::vector<Occurrence> list = {
        occurrence("birthdays|contact:li-wei|2027-06-10|3d", "birthdays", ReminderKind::kBirthday,
                   "contact:li-wei", "zhang", ymd(2027, 6, 10), shanghai(2027, 6, 7, 8, 30),
                   OccurrenceState::kFired),
        occurrence("birthdays|contact:li-wei|2027-06-10", "birthdays", ReminderKind::kBirthday,
                   "contact:li-wei", "zhang", ymd(2027, 6, 10), shanghai(2027, 6, 10, 8, 30),
                   OccurrenceState::kScheduled),
        occurrence("festivals|owner:zhang|2027-06-09|1d", "festivals", ReminderKind::kHoliday,
                   "owner:zhang", "zhang", ymd(2027, 6, 9), shanghai(2027, 6, 8, 9),
                   OccurrenceState::kScheduled),
        // A cadence reminder in the same window: not a coming-up event.
        occurrence("keep-a|contact:wang-fang|2027-05-08", "keep-a", ReminderKind::kCadence,
                   "contact:wang-fang", "zhang", ymd(2027, 5, 8), shanghai(2027, 6, 7, 9),
                   OccurrenceState::kScheduled),
    };
    auto inserted = store_->upsert_occurrences(list);
    ASSERT_TRUE(inserted.ok());
    ASSERT_EQ(*inserted, 4);
  }
};

}  // namespace cadence::testing
