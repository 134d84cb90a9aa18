// Birthday (Gregorian, lunar, Feb 29) and anniversary triggers.
#include <gtest/gtest.h>

#include "engine_fixture.hpp"

namespace cadence::testing {
namespace {

using ::testing::ElementsAre;

std::vector<Occurrence> plan_one(const Config& config, const Contact& c, Instant from, Instant to) {
  auto rules = compile_ok(config);
  if (!rules) return {};
  return plan_contact(*rules, ContactRecord{&c, nullptr, nullptr}, from, to);
}

TEST(DatesTest, GregorianBirthdayWithLeadsAndAge) {
  RuleConfig r = rule("bday", BirthdayTrigger{});
  r.at = hm(8, 30);
  r.lead = {days(3), days(0)};
  Contact c = contact("li");
  c.birthday = GregorianBirthday{1980, 5, 20};
  auto v = plan_one(config_with({owner("zhang")}, {r}), c, utc(2026, 1, 1), utc(2027, 1, 1));
  // 08:30 Shanghai = 00:30Z.
  EXPECT_THAT(keys_of(v),
              ElementsAre("bday|contact:li|2026-05-20|3d", "bday|contact:li|2026-05-20"));
  EXPECT_THAT(fires_of(v), ElementsAre("2026-05-17T00:30:00Z", "2026-05-20T00:30:00Z"));
  EXPECT_NE(v[1].title.find("turns 46"), std::string::npos) << v[1].title;
  EXPECT_NE(v[1].title.find("today"), std::string::npos) << v[1].title;
  EXPECT_NE(v[0].title.find("in 3 days"), std::string::npos) << v[0].title;
  EXPECT_EQ(v[0].kind, ReminderKind::kBirthday);
}

TEST(DatesTest, Feb29BirthdayFollowsThePolicy) {
  RuleConfig r = rule("bday", BirthdayTrigger{});
  Contact c = contact("li");
  c.birthday = GregorianBirthday{std::nullopt, 2, 29};
  Config feb28 = config_with({owner("zhang")}, {r});
  auto v = plan_one(feb28, c, utc(2026, 1, 1), utc(2029, 1, 1));
  EXPECT_THAT(keys_of(v), ElementsAre("bday|contact:li|2026-02-28", "bday|contact:li|2027-02-28",
                                      "bday|contact:li|2028-02-29"));
  Config mar1 = feb28;
  mar1.feb29 = Feb29Policy::kMar1;
  v = plan_one(mar1, c, utc(2026, 1, 1), utc(2029, 1, 1));
  EXPECT_THAT(keys_of(v), ElementsAre("bday|contact:li|2026-03-01", "bday|contact:li|2027-03-01",
                                      "bday|contact:li|2028-02-29"));
}

TEST(DatesTest, LunarBirthdayFallsInTheRightGregorianMonth) {
  RuleConfig r = rule("bday", BirthdayTrigger{});
  Contact c = contact("li");
  // Lunar 8/15 (Mid-Autumn day): 2026-09-25 and 2027-09-15.
  c.lunar_birthday = LunarBirthday{std::nullopt, 8, 15, false};
  auto v = plan_one(config_with({owner("zhang")}, {r}), c, utc(2026, 1, 1), utc(2028, 1, 1));
  EXPECT_THAT(keys_of(v), ElementsAre("bday|contact:li|2026-09-25", "bday|contact:li|2027-09-15"));
  EXPECT_NE(v[0].title.find("lunar birthday"), std::string::npos) << v[0].title;
  EXPECT_NE(v[0].details_json.find("\"lunar\":true"), std::string::npos);
  // Lunar 1/1 is Chinese New Year: 2026-02-17, not January.
  c.lunar_birthday = LunarBirthday{std::nullopt, 1, 1, false};
  v = plan_one(config_with({owner("zhang")}, {r}), c, utc(2026, 1, 1), utc(2027, 1, 1));
  EXPECT_THAT(keys_of(v), ElementsAre("bday|contact:li|2026-02-17"));
}

TEST(DatesTest, BothGregorianAndLunarBirthdaysAreReminded) {
  RuleConfig r = rule("bday", BirthdayTrigger{});
  Contact c = contact("li");
  c.birthday = GregorianBirthday{std::nullopt, 3, 3};
  c.lunar_birthday = LunarBirthday{std::nullopt, 8, 15, false};
  auto v = plan_one(config_with({owner("zhang")}, {r}), c, utc(2026, 1, 1), utc(2027, 1, 1));
  EXPECT_THAT(keys_of(v), ElementsAre("bday|contact:li|2026-03-03", "bday|contact:li|2026-09-25"));
}

TEST(DatesTest, ContactWithoutBirthdayGetsNone) {
  RuleConfig r = rule("bday", BirthdayTrigger{});
  Contact c = contact("li");
  EXPECT_TRUE(
      plan_one(config_with({owner("zhang")}, {r}), c, utc(2026, 1, 1), utc(2027, 1, 1)).empty());
}

TEST(DatesTest, AnniversaryTitleSaysTheRelationshipsAge) {
  AnniversaryTrigger t;
  t.dates = {"first_met"};
  RuleConfig r = rule("anniv", t);
  Contact c = contact("li");
  c.dates = {{"first_met", ymd(2019, 6, 18)}, {"contract_signed", ymd(2021, 1, 5)}};
  auto v = plan_one(config_with({owner("zhang")}, {r}), c, utc(2026, 1, 1), utc(2027, 1, 1));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].key, "anniv|contact:li|2026-06-18");
  EXPECT_EQ(z(v[0].fire_at), "2026-06-18T01:00:00Z");
  EXPECT_NE(v[0].title.find("7 years since first met"), std::string::npos) << v[0].title;
  EXPECT_NE(v[0].details_json.find("\"years\":7"), std::string::npos);
  // The event's own date (year 0) is not an anniversary.
  EXPECT_TRUE(
      plan_one(config_with({owner("zhang")}, {r}), c, utc(2019, 1, 1), utc(2020, 1, 1)).empty());
}

TEST(DatesTest, BirthdayWaitsForTheContactsDayToBegin) {
  // Owner in Shanghai, contact in New York: 08:30 Shanghai on May 20 is still
  // May 19 in New York; the reminder waits for NY midnight (04:00Z, 12:00 local).
  RuleConfig r = rule("bday", BirthdayTrigger{});
  r.at = hm(8, 30);
  Contact c = contact("ann");
  c.timezone = "America/New_York";
  c.birthday = GregorianBirthday{std::nullopt, 5, 20};
  auto v = plan_one(config_with({owner("zhang")}, {r}), c, utc(2026, 5, 1), utc(2026, 6, 1));
  EXPECT_THAT(fires_of(v), ElementsAre("2026-05-20T04:00:00Z"));
}

}  // namespace
}  // namespace cadence::testing
