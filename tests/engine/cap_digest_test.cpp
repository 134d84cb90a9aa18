// The daily cap with spreading, and digest grouping.
#include <gtest/gtest.h>

#include "engine_fixture.hpp"

namespace cadence::testing {
namespace {

using ::testing::ElementsAre;

class CapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RuleConfig keep = rule("keep", cadence_every(days(14)));
    keep.max_per_day = 2;
    RuleConfig bday = rule("bday", BirthdayTrigger{});
    bday.max_per_day = 1;  // ignored (warned): birthdays are never deferred
    RuleSetCompileResult r = RuleSet::compile(config_with({owner("zhang")}, {keep, bday}));
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_EQ(r.diagnostics[0].severity, ConfigDiagnostic::Severity::kWarning);
    rules_ = r.rules;
    // Five contacts last touched Feb 1..5 (due Feb 15..19), all overdue on Mar 20.
    for (int i = 0; i < 5; ++i) {
      Contact c = contact("c" + std::to_string(i + 1));
      c.birthday = GregorianBirthday{std::nullopt, 3, 20};
      data_.contacts.push_back(c);
      data_.summaries.push_back(
          summary_with(c.id, {{"call", utc(2026, 2, 1 + static_cast<unsigned>(i), 4)}}));
    }
  }

  std::shared_ptr<const RuleSet> rules_;
  Dataset data_;
};

TEST_F(CapTest, OverflowMovesToFollowingDaysMostOverdueFirst) {
  // Mar 20 00:00Z is 08:00 in Shanghai: the overdue reminders are due then.
  auto v = plan_all(*rules_, data_, utc(2026, 3, 20), utc(2026, 3, 25));
  std::vector<std::string> keep;
  std::vector<std::string> bday;
  for (const Occurrence& o : v) {
    (o.rule == "keep" ? keep : bday).push_back(o.key.substr(0, 15) + "@" + z(o.fire_at));
  }
  EXPECT_THAT(
      keep,
      ElementsAre("keep|contact:c1@2026-03-20T00:00:00Z", "keep|contact:c2@2026-03-20T00:00:00Z",
                  "keep|contact:c3@2026-03-21T01:00:00Z", "keep|contact:c4@2026-03-21T01:00:00Z",
                  "keep|contact:c5@2026-03-22T01:00:00Z"));
  // All five birthdays stay on Mar 20 09:00 local.
  ASSERT_EQ(bday.size(), 5u);
  for (const std::string& b : bday) EXPECT_NE(b.find("@2026-03-20T01:00:00Z"), std::string::npos);
}

TEST_F(CapTest, CountsWhatIsAlreadyScheduled) {
  auto planned = plan_all(
      *rules_,
      Dataset{{}, {data_.contacts[0], data_.contacts[1]}, {data_.summaries[0], data_.summaries[1]}},
      utc(2026, 3, 20), utc(2026, 3, 25));
  std::vector<Occurrence> keep;
  for (const Occurrence& o : planned) {
    if (o.rule == "keep") keep.push_back(o);
  }
  ASSERT_EQ(keep.size(), 2u);
  // One already on Mar 20 and two on Mar 21 (local): c1 takes the last Mar 20
  // slot; c2 skips the full Mar 21 and lands on Mar 22.
  CapUsage used;
  used[{"zhang", "keep", ymd(2026, 3, 20)}] = 1;
  used[{"zhang", "keep", ymd(2026, 3, 21)}] = 2;
  auto v = apply_daily_cap(*rules_, keep, used);
  EXPECT_THAT(fires_of(v), ElementsAre("2026-03-20T00:00:00Z", "2026-03-22T01:00:00Z"));
  EXPECT_EQ(v[0].key, keep[0].key);
  EXPECT_EQ(v[1].key, keep[1].key) << "keys never change";
}

TEST(DigestTest, GroupsOneOwnersDayByAccount) {
  OwnerConfig zhang = owner("zhang");
  zhang.digest = hm(8, 30);
  HolidayTrigger festival;
  festival.keys = {"mid_autumn"};
  Config config = config_with({zhang, owner("wang")},
                              {rule("bday", BirthdayTrigger{}), rule("fest", festival)});
  config.holidays.sets = {"cn"};
  auto rules = compile_ok(config);
  ASSERT_TRUE(rules);

  Dataset data;
  data.accounts = {Account{}, Account{}};
  data.accounts[0].id = "zeta";
  data.accounts[0].name = "Zeta Corp";
  data.accounts[1].id = "acme";
  data.accounts[1].name = "Acme";
  const auto add = [&](const std::string& id, const std::string& account, unsigned day,
                       const std::string& who = "zhang") {
    Contact c = contact(id, who);
    c.account = account;
    c.birthday = GregorianBirthday{std::nullopt, 9, day};
    data.contacts.push_back(c);
  };
  add("a1", "acme", 25);
  add("z1", "zeta", 25);
  add("a2", "acme", 25);
  add("n1", "", 25);
  add("a3", "acme", 26);          // another day
  add("w1", "acme", 25, "wang");  // another owner
  auto all = plan_all(*rules, data, utc(2026, 9, 1), utc(2026, 10, 1));

  auto groups = group_digest(*rules, "zhang", ymd(2026, 9, 25), all);
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0].account, "acme");
  EXPECT_EQ(groups[0].account_name, "Acme");
  EXPECT_THAT(keys_of(groups[0].occurrences),
              ElementsAre("bday|contact:a1|2026-09-25", "bday|contact:a2|2026-09-25"));
  EXPECT_EQ(groups[1].account, "zeta");
  EXPECT_THAT(keys_of(groups[1].occurrences), ElementsAre("bday|contact:z1|2026-09-25"));
  // No account: the contact without one and the grouped festival reminder.
  EXPECT_EQ(groups[2].account, "");
  EXPECT_THAT(keys_of(groups[2].occurrences),
              ElementsAre("bday|contact:n1|2026-09-25", "fest|owner:zhang|2026-09-25"));

  ASSERT_TRUE(digest_time(*rules, "zhang", ymd(2026, 9, 25)));
  EXPECT_EQ(z(*digest_time(*rules, "zhang", ymd(2026, 9, 25))), "2026-09-25T00:30:00Z");
  EXPECT_FALSE(digest_time(*rules, "wang", ymd(2026, 9, 25)));
}

}  // namespace
}  // namespace cadence::testing
