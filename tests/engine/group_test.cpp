// Grouped and account/owner-level triggers: holiday (one per holiday per owner),
// coverage (names the quiet departments), schedule (RRULE).
#include <gtest/gtest.h>

#include "engine_fixture.hpp"

namespace cadence::testing {
namespace {

using ::testing::ElementsAre;

TEST(GroupTest, HolidayIsOneReminderPerHolidayPerOwnerPerLead) {
  HolidayTrigger t;
  t.keys = {"mid_autumn"};
  RuleConfig r = rule("festivals", t);
  r.match.tiers = {"A", "B"};
  r.lead = {days(10), days(1)};
  Config config = config_with({owner("zhang"), owner("wang")}, {r});
  config.holidays.sets = {"cn"};
  auto rules = compile_ok(config);
  ASSERT_TRUE(rules);

  Dataset data;
  const auto add = [&](const std::string& id, const std::string& who, const std::string& tier) {
    Contact c = contact(id, who);
    c.tier = tier;
    data.contacts.push_back(c);
  };
  add("li", "zhang", "A");
  add("chen", "zhang", "B");
  add("zhao", "zhang", "C");  // not selected
  add("sun", "wang", "A");
  auto v = plan_all(*rules, data, utc(2026, 9, 1), utc(2026, 10, 1));
  // Mid-Autumn 2026 is Sep 25: leads fire Sep 15 and Sep 24 at 09:00 (01:00Z).
  ASSERT_EQ(v.size(), 4u);
  EXPECT_THAT(
      keys_of(v),
      ElementsAre("festivals|owner:wang|2026-09-25|10d", "festivals|owner:zhang|2026-09-25|10d",
                  "festivals|owner:wang|2026-09-25|1d", "festivals|owner:zhang|2026-09-25|1d"));
  EXPECT_EQ(z(v[0].fire_at), "2026-09-15T01:00:00Z");
  EXPECT_EQ(z(v[2].fire_at), "2026-09-24T01:00:00Z");
  const Occurrence& zhang = v[1];
  EXPECT_EQ(zhang.owner, "zhang");
  EXPECT_EQ(zhang.kind, ReminderKind::kHoliday);
  EXPECT_NE(zhang.title.find("greet 2 contacts"), std::string::npos) << zhang.title;
  EXPECT_NE(zhang.details_json.find("\"li\""), std::string::npos);
  EXPECT_NE(zhang.details_json.find("\"chen\""), std::string::npos);
  EXPECT_EQ(zhang.details_json.find("zhao"), std::string::npos) << zhang.details_json;
  EXPECT_EQ(zhang.details_json.find("\"sun\""), std::string::npos);
  EXPECT_NE(v[0].details_json.find("\"sun\""), std::string::npos);
}

TEST(GroupTest, HolidayWithNoMatchingContactIsNotPlanned) {
  HolidayTrigger t;
  t.keys = {"mid_autumn"};
  RuleConfig r = rule("festivals", t);
  r.match.tags = {"vip"};
  Config config = config_with({owner("zhang")}, {r});
  config.holidays.sets = {"cn"};
  auto rules = compile_ok(config);
  Contact c = contact("li");
  EXPECT_TRUE(plan_holidays(*rules, "zhang", {ContactRecord{&c, nullptr, nullptr}}, utc(2026, 9, 1),
                            utc(2026, 10, 1))
                  .empty());
}

TEST(GroupTest, CoverageNamesTheQuietDepartments) {
  CoverageTrigger t;
  t.departments = 3;
  t.window = days(30);
  RuleConfig r = rule("coverage", t);
  r.account_level = true;
  r.match.tiers = {"strategic"};
  auto rules = compile_ok(config_with({owner("zhang")}, {r}));
  ASSERT_TRUE(rules);

  Account acme;
  acme.id = "acme";
  acme.name = "Acme";
  acme.tier = "strategic";
  acme.owner = "zhang";
  acme.departments = {"Sales", "IT", "Finance", "Legal"};
  acme.created_at = utc(2025, 1, 1);
  std::vector<Contact> people = {contact("s1"), contact("i1"), contact("f1"), contact("l1")};
  people[0].department = "Sales";
  people[1].department = "IT";
  people[2].department = "Finance";
  people[3].department = "Legal";
  std::vector<ContactSummary> sums = {summary_with("s1", {{"visit", utc(2026, 3, 10, 2)}}),
                                      summary_with("i1", {{"call", utc(2026, 3, 5, 2)}}),
                                      summary_with("f1", {{"meal", utc(2026, 2, 1, 2)}})};
  sums.reserve(4);  // records point into it; a later push_back must not move it
  std::vector<ContactRecord> records = {{&people[0], &acme, &sums[0]},
                                        {&people[1], &acme, &sums[1]},
                                        {&people[2], &acme, &sums[2]},
                                        {&people[3], &acme, nullptr}};
  // The third most recent department touch (Finance, Feb 1 10:00 local) leaves
  // the window on Mar 3: from then only Sales and IT are covered.
  auto v = plan_account(*rules, acme, records, utc(2026, 3, 1), utc(2026, 4, 1));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].key, "coverage|account:acme|2026-03-03");
  EXPECT_EQ(z(v[0].fire_at), "2026-03-03T01:00:00Z");
  EXPECT_EQ(v[0].kind, ReminderKind::kCoverage);
  EXPECT_NE(v[0].title.find("2 of 3 departments"), std::string::npos) << v[0].title;
  EXPECT_NE(v[0].title.find("gone quiet: Finance, Legal"), std::string::npos) << v[0].title;
  EXPECT_NE(v[0].details_json.find("\"quiet_departments\":[\"Finance\",\"Legal\"]"),
            std::string::npos)
      << v[0].details_json;

  // A visit to Legal on Mar 8 keeps three departments covered until the IT
  // touch (Mar 5) leaves the window: Apr 4.
  sums.push_back(summary_with("l1", {{"visit", utc(2026, 3, 8, 2)}}));
  records[3].summary = &sums[3];
  v = plan_account(*rules, acme, records, utc(2026, 3, 8, 3), utc(2026, 5, 1));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].key, "coverage|account:acme|2026-04-04");
  EXPECT_NE(v[0].title.find("gone quiet: Finance, IT"), std::string::npos) << v[0].title;

  // An account the selector does not pick gets nothing.
  acme.tier = "small";
  EXPECT_TRUE(plan_account(*rules, acme, records, utc(2026, 3, 1), utc(2026, 4, 1)).empty());
}

TEST(GroupTest, AccountScheduleFollowsTheRrule) {
  ScheduleTrigger t;
  t.rrule = "FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO";
  t.dtstart = ymd(2026, 1, 1);
  RuleConfig r = rule("qbr", t);
  r.account_level = true;
  auto rules = compile_ok(config_with({owner("zhang")}, {r}));
  ASSERT_TRUE(rules);
  Account acme;
  acme.id = "acme";
  acme.name = "Acme";
  acme.owner = "zhang";
  auto v = plan_account(*rules, acme, {}, utc(2026, 1, 1), utc(2027, 1, 1));
  // First Mondays of Jan, Apr, Jul, Oct 2026.
  EXPECT_THAT(keys_of(v),
              ElementsAre("qbr|account:acme|2026-01-05", "qbr|account:acme|2026-04-06",
                          "qbr|account:acme|2026-07-06", "qbr|account:acme|2026-10-05"));
  EXPECT_EQ(v[0].kind, ReminderKind::kSchedule);
  EXPECT_NE(v[0].details_json.find("\"account\":\"acme\""), std::string::npos);
}

TEST(GroupTest, OwnerLevelScheduleOnlyForSelectedOwners) {
  ScheduleTrigger t;
  t.rrule = "FREQ=WEEKLY;BYDAY=FR";
  t.dtstart = ymd(2026, 1, 1);
  RuleConfig r = rule("weekly", t);
  r.match.owners = {"wang"};
  auto rules = compile_ok(config_with({owner("zhang"), owner("wang")}, {r}));
  ASSERT_TRUE(rules);
  EXPECT_TRUE(plan_owner(*rules, "zhang", utc(2026, 1, 1), utc(2026, 1, 15)).empty());
  auto v = plan_owner(*rules, "wang", utc(2026, 1, 1), utc(2026, 1, 15));
  EXPECT_THAT(keys_of(v),
              ElementsAre("weekly|owner:wang|2026-01-02", "weekly|owner:wang|2026-01-09"));
}

}  // namespace
}  // namespace cadence::testing

namespace cadence::testing {
namespace {

TEST(SupersededTest, CoverageReminderIsResolvedWhenATouchMovesItsDueDate) {
  CoverageTrigger t;
  t.departments = 2;
  t.window = days(30);
  RuleConfig r = rule("coverage", t);
  r.account_level = true;
  BirthdayTrigger b;
  auto rules = compile_ok(config_with({owner("zhang")}, {r, rule("bday", b)}));
  ASSERT_TRUE(rules);
  Account acme;
  acme.id = "acme";
  acme.owner = "zhang";
  acme.departments = {"IT", "Sales"};
  Contact it = contact("it1");
  it.department = "IT";
  Contact sales = contact("s1");
  sales.department = "Sales";
  ContactSummary it_s = summary_with("it1", {{"call", utc(2026, 3, 1, 2)}});
  ContactSummary sales_s = summary_with("s1", {{"call", utc(2026, 3, 5, 2)}});
  std::vector<ContactRecord> records = {{&it, &acme, &it_s}, {&sales, &acme, &sales_s}};
  // IT's Mar 1 touch leaves the 30-day window on Mar 31.
  auto open = plan_account(*rules, acme, records, utc(2026, 3, 6), utc(2026, 5, 1));
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].key, "coverage|account:acme|2026-03-31");
  Occurrence birthday = open[0];  // a calendar event of the same subject is never superseded
  birthday.key = "bday|account:acme|2026-03-20";
  birthday.kind = ReminderKind::kBirthday;
  open.push_back(birthday);

  // A call to IT on Mar 10: the second department now leaves on Apr 4 (Sales).
  it_s = summary_with("it1", {{"call", utc(2026, 3, 10, 2)}});
  auto replanned = plan_account(*rules, acme, records, utc(2026, 3, 10, 2), utc(2026, 5, 1));
  ASSERT_EQ(replanned.size(), 1u);
  EXPECT_EQ(replanned[0].key, "coverage|account:acme|2026-04-04");
  auto resolved = resolve_superseded(open, {"account:acme"}, replanned, utc(2026, 5, 1));
  ASSERT_EQ(resolved.size(), 1u);
  EXPECT_EQ(resolved[0].key, "coverage|account:acme|2026-03-31");
  EXPECT_EQ(resolved[0].state, OccurrenceState::kResolved);
  EXPECT_TRUE(resolve_superseded(open, {"account:other"}, replanned, utc(2026, 5, 1)).empty());
}

}  // namespace
}  // namespace cadence::testing
