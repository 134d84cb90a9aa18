// When reminders fire: `at` in the owner's zone across DST changes, leads in
// local days, quiet hours, business days.
#include <gtest/gtest.h>

#include "engine_fixture.hpp"

namespace cadence::testing {
namespace {

using ::testing::ElementsAre;

std::vector<Occurrence> plan_owner_schedule(const std::string& zone, const std::string& rrule,
                                            Date dtstart, Instant from, Instant to) {
  ScheduleTrigger t;
  t.rrule = rrule;
  t.dtstart = dtstart;
  RuleConfig r = rule("daily", t);
  r.at = hm(9, 0);
  auto rules = compile_ok(config_with({owner("zhang", zone)}, {r}));
  if (!rules) return {};
  return plan_owner(*rules, "zhang", from, to);
}

// 2026: America/New_York springs forward Sun Mar 8 and falls back Sun Nov 1.
// 09:00 EST = 14:00Z, 09:00 EDT = 13:00Z.
TEST(TimingTest, NineOClockInNewYorkAcrossBothDstChanges) {
  auto spring = plan_owner_schedule("America/New_York", "FREQ=DAILY", ymd(2026, 3, 6),
                                    utc(2026, 3, 6), utc(2026, 3, 10));
  EXPECT_THAT(fires_of(spring), ElementsAre("2026-03-06T14:00:00Z", "2026-03-07T14:00:00Z",
                                            "2026-03-08T13:00:00Z", "2026-03-09T13:00:00Z"));
  auto fall = plan_owner_schedule("America/New_York", "FREQ=DAILY", ymd(2026, 10, 30),
                                  utc(2026, 10, 30), utc(2026, 11, 3));
  EXPECT_THAT(fires_of(fall), ElementsAre("2026-10-30T13:00:00Z", "2026-10-31T13:00:00Z",
                                          "2026-11-01T14:00:00Z", "2026-11-02T14:00:00Z"));
}

// 2026: Europe/Berlin goes to CEST Sun Mar 29 and back to CET Sun Oct 25.
// 09:00 CET = 08:00Z, 09:00 CEST = 07:00Z.
TEST(TimingTest, NineOClockInBerlinAcrossBothDstChanges) {
  auto spring = plan_owner_schedule("Europe/Berlin", "FREQ=DAILY", ymd(2026, 3, 28),
                                    utc(2026, 3, 28), utc(2026, 3, 31));
  EXPECT_THAT(fires_of(spring),
              ElementsAre("2026-03-28T08:00:00Z", "2026-03-29T07:00:00Z", "2026-03-30T07:00:00Z"));
  auto fall = plan_owner_schedule("Europe/Berlin", "FREQ=DAILY", ymd(2026, 10, 24),
                                  utc(2026, 10, 24), utc(2026, 10, 27));
  EXPECT_THAT(fires_of(fall),
              ElementsAre("2026-10-24T07:00:00Z", "2026-10-25T08:00:00Z", "2026-10-26T08:00:00Z"));
}

TEST(TimingTest, LeadIsCountedInLocalDaysAcrossDst) {
  // Birthday on the DST day; a 1-day lead fires the day before at 09:00 EST.
  RuleConfig r = rule("bday", BirthdayTrigger{});
  r.lead = {days(1), days(0)};
  auto rules = compile_ok(config_with({owner("zhang", "America/New_York")}, {r}));
  Contact c = contact("ann");
  c.birthday = GregorianBirthday{std::nullopt, 3, 8};
  auto v =
      plan_contact(*rules, ContactRecord{&c, nullptr, nullptr}, utc(2026, 1, 1), utc(2026, 12, 31));
  EXPECT_THAT(fires_of(v), ElementsAre("2026-03-07T14:00:00Z", "2026-03-08T13:00:00Z"));
}

TEST(TimingTest, QuietHoursMoveRemindersToTheirEnd) {
  OwnerConfig o = owner("zhang");
  o.quiet_hours = TimeRange{hm(21, 30), hm(8, 0)};
  RuleConfig early = rule("early", BirthdayTrigger{});
  early.at = hm(7, 0);  // inside the quiet hours' morning part
  RuleConfig late = rule("late", BirthdayTrigger{});
  late.at = hm(23, 0);  // inside the evening part: moves to the next morning
  auto rules = compile_ok(config_with({o}, {early, late}));
  Contact c = contact("li");
  c.birthday = GregorianBirthday{std::nullopt, 5, 20};
  auto v =
      plan_contact(*rules, ContactRecord{&c, nullptr, nullptr}, utc(2026, 5, 1), utc(2026, 6, 1));
  // 08:00 Shanghai = 00:00Z, on May 20 and on May 21.
  EXPECT_THAT(keys_of(v), ElementsAre("early|contact:li|2026-05-20", "late|contact:li|2026-05-20"));
  EXPECT_THAT(fires_of(v), ElementsAre("2026-05-20T00:00:00Z", "2026-05-21T00:00:00Z"));
}

TEST(TimingTest, BusinessDaysSkipWeekendsDaysOffAndKeepMakeUpWorkdays) {
  RuleConfig r = rule("keep", cadence_every(days(14)));
  r.business_days = true;
  Config config = config_with({owner("zhang")}, {r});
  config.holidays.days_off = {ymd(2026, 10, 2)};   // a Friday off
  config.holidays.workdays = {ymd(2026, 10, 10)};  // a Saturday worked (调休)
  auto rules = compile_ok(config);
  Contact c = contact("li");
  const auto due_for = [&](Instant last) {
    ContactSummary s = summary_with("li", {{"call", last}});
    auto v = plan_contact(*rules, ContactRecord{&c, nullptr, &s}, last, last + days(40));
    return v.empty() ? std::string("none") : z(v[0].fire_at);
  };
  // Feb 28 + 14 d = Sat Mar 14 → Mon Mar 16.
  EXPECT_EQ(due_for(utc(2026, 2, 28, 4)), "2026-03-16T01:00:00Z");
  // Sep 18 + 14 d = Fri Oct 2 (day off) → Mon Oct 5.
  EXPECT_EQ(due_for(utc(2026, 9, 18, 4)), "2026-10-05T01:00:00Z");
  // Sep 26 + 14 d = Sat Oct 10, a make-up workday: stays.
  EXPECT_EQ(due_for(utc(2026, 9, 26, 4)), "2026-10-10T01:00:00Z");
  // Mar 2 + 14 d = Mon Mar 16: a business day already.
  EXPECT_EQ(due_for(utc(2026, 3, 2, 4)), "2026-03-16T01:00:00Z");
}

}  // namespace
}  // namespace cadence::testing
