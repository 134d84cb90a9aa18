// Every number of the review of the hand-built data set (review_fixture.hpp),
// worked out by hand. "Today" is 2027-06-07 (Monday) in Asia/Shanghai; the
// review's instant is 09:00 local = 01:00 UTC.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "review_fixture.hpp"

namespace cadence::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

const OwnerReview& owner_of(const Review& r, const std::string& id) {
  for (const OwnerReview& o : r.owners) {
    if (o.owner == id) return o;
  }
  static const OwnerReview none;
  ADD_FAILURE() << "no owner " << id;
  return none;
}

TEST_F(ReviewData, OwnersTodayAndQuarter) {
  const Review r = review();
  ASSERT_EQ(r.owners.size(), 2u);  // config order
  EXPECT_EQ(r.owners[0].owner, "zhang");
  EXPECT_EQ(r.owners[0].owner_name, "张伟");
  EXPECT_EQ(r.owners[1].owner, "amy");
  EXPECT_EQ(r.owners[0].today, ymd(2027, 6, 7));
  EXPECT_EQ(r.owners[0].quarter_start, ymd(2027, 4, 1));
  EXPECT_EQ(r.owners[0].zone, "Asia/Shanghai");
}

// keep-a (tier A, every 14 days, any kind), keep-b (tier B, every 30 days,
// visit/meal/call). Due = local date of (last counted touch, else the day
// the contact was added, 2027-04-01) + every; overdue = today - due.
//   li-wei    A  last 06-01 -> due 06-15: on rhythm
//   wang-fang A  last 04-24 -> due 05-08: 30 days overdue, 44 days since
//   zhao-min  A  last 05-30 (a like counts for keep-a) -> due 06-13: on rhythm
//   chen-jing B  never -> since 04-01 -> due 05-01: 37 days overdue
//   liu-qiang B  last counted: the call of 04-20 (the message of 05-15 does
//                not count) -> due 05-20: 18 days overdue, 48 days since
//   sun-li       no tier: no cadence rule. zhou-jie: archived.
// 5 with cadence, 2 on rhythm (40%), 3 overdue.
TEST_F(ReviewData, CoolingAndRhythm) {
  const Review rz = review();
  const OwnerReview& z = owner_of(rz, "zhang");
  EXPECT_EQ(z.contacts, 6);
  EXPECT_EQ(z.with_cadence, 5);
  EXPECT_EQ(z.on_rhythm, 2);
  EXPECT_EQ(z.overdue, 3);
  EXPECT_EQ(z.on_rhythm_percent(), 40);
  ASSERT_EQ(z.cooling.size(), 3u);

  EXPECT_EQ(z.cooling[0].contact.id, "chen-jing");
  EXPECT_EQ(z.cooling[0].contact.account_name, "Beta 物流");
  EXPECT_EQ(z.cooling[0].rule, "keep-b");
  EXPECT_EQ(z.cooling[0].target_days, 30);
  EXPECT_EQ(z.cooling[0].overdue_days, 37);
  EXPECT_FALSE(z.cooling[0].days_since.has_value());
  // Periods of 30 days before now (01:00 UTC): [03-09, 04-08), [04-08, 05-08) ...
  // chen-jing has no touch at all.
  EXPECT_THAT(z.cooling[0].trend, ElementsAre(false, false, false));

  EXPECT_EQ(z.cooling[1].contact.id, "wang-fang");
  EXPECT_EQ(z.cooling[1].rule, "keep-a");
  EXPECT_EQ(z.cooling[1].overdue_days, 30);
  EXPECT_EQ(z.cooling[1].days_since, 44);
  // 14-day periods, oldest first: [04-12, 04-26) has the call of 04-24;
  // [04-26, 05-10) and [05-10, 05-24) have nothing (04-10 is before them).
  EXPECT_THAT(z.cooling[1].trend, ElementsAre(true, false, false));

  EXPECT_EQ(z.cooling[2].contact.id, "liu-qiang");
  EXPECT_EQ(z.cooling[2].overdue_days, 18);
  EXPECT_EQ(z.cooling[2].days_since, 48);
  // 30-day periods, oldest first: [02-07, 03-09) nothing; [03-09, 04-08) the
  // call of 03-15; [04-08, 05-08) the call of 04-20. (The message is not counted.)
  EXPECT_THAT(z.cooling[2].trend, ElementsAre(false, true, true));

  const Review ra = review();
  const OwnerReview& a = owner_of(ra, "amy");
  // ma-jun (A): consult 06-04 -> due 06-18, on rhythm. he-lan (C): no rule.
  EXPECT_EQ(a.contacts, 2);
  EXPECT_EQ(a.with_cadence, 1);
  EXPECT_EQ(a.on_rhythm, 1);
  EXPECT_EQ(a.on_rhythm_percent(), 100);
  EXPECT_TRUE(a.cooling.empty());
}

// Depth window: 90 days before 06-07 01:00 UTC = from 03-09 01:00 UTC.
//   tier A: li-wei call, like, visit; wang-fang call, call; zhao-min like
//           (her greeting of 03-01 is older) -> deep 1, normal 3, shallow 2 of 6
//           = 17% / 50% / 33%
//   tier B: liu-qiang call 03-15, call 04-20, message -> 0 / 2 / 1 of 3
//           = 0% / 67% / 33%
//   zhou-jie's visit: archived. sun-li's greeting (02-10): older.
// Shallow window: 180 days, from 2026-12-09: zhao-min (last 05-30, 8 days) and
// sun-li (last 02-10, 117 days) were touched only shallowly.
TEST_F(ReviewData, Depth) {
  const Review rz = review();
  const OwnerReview& z = owner_of(rz, "zhang");
  ASSERT_EQ(z.depth.size(), 2u);
  EXPECT_EQ(z.depth[0].tier, "A");
  EXPECT_EQ(z.depth[0].deep, 1);
  EXPECT_EQ(z.depth[0].normal, 3);
  EXPECT_EQ(z.depth[0].shallow, 2);
  EXPECT_EQ(percent_of(1, 6), 17);
  EXPECT_EQ(percent_of(3, 6), 50);
  EXPECT_EQ(percent_of(2, 6), 33);
  EXPECT_EQ(z.depth[1].tier, "B");
  EXPECT_EQ(z.depth[1].deep, 0);
  EXPECT_EQ(z.depth[1].normal, 2);
  EXPECT_EQ(z.depth[1].shallow, 1);
  EXPECT_EQ(percent_of(2, 3), 67);
  EXPECT_EQ(percent_of(1, 3), 33);

  EXPECT_EQ(z.shallow_only_total, 2);
  ASSERT_EQ(z.shallow_only.size(), 2u);
  EXPECT_EQ(z.shallow_only[0].contact.id, "zhao-min");
  EXPECT_EQ(z.shallow_only[0].days_since, 8);
  EXPECT_EQ(z.shallow_only[1].contact.id, "sun-li");
  EXPECT_EQ(z.shallow_only[1].days_since, 117);  // Feb 18 + Mar 31 + Apr 30 + May 31 + Jun 7

  const Review ra = review();
  const OwnerReview& a = owner_of(ra, "amy");
  ASSERT_EQ(a.depth.size(), 1u);  // ma-jun's consult
  EXPECT_EQ(a.depth[0].deep, 1);
  EXPECT_EQ(a.depth[0].total(), 1);
}

// Coverage rule: 3 departments touched within 30 days (last + 30d > now).
//   acme: 采购部 li-wei 06-01 yes; 技术部 wang-fang 04-24 no (zhou-jie is
//         archived); 财务部 zhao-min 05-30 yes -> 2 of 3, below; quiet 技术部
//   gamma: IT ma-jun 06-04 yes; Risk he-lan never touched -> 1 of 3
// Single-threaded (90 days, two or more contacts, one carries every touch):
//   beta: liu-qiang 3 touches, chen-jing none -> yes
//   gamma: ma-jun 1 touch, he-lan none -> yes
//   acme: three contacts touched -> no
TEST_F(ReviewData, CoverageAndSingleThreading) {
  const Review r = review();
  const OwnerReview& z = owner_of(r, "zhang");
  ASSERT_EQ(z.coverage.size(), 1u);
  const CoverageRow& acme = z.coverage[0];
  EXPECT_EQ(acme.account, "acme");
  EXPECT_EQ(acme.rule, "coverage");
  EXPECT_EQ(acme.window_days, 30);
  EXPECT_EQ(acme.departments_required, 3);
  EXPECT_EQ(acme.departments_touched, 2);
  EXPECT_EQ(acme.contacts_touched, 2);
  EXPECT_EQ(acme.contacts_total, 3);
  EXPECT_THAT(acme.quiet_departments, ElementsAre("技术部"));
  EXPECT_FALSE(acme.meets);
  EXPECT_EQ(z.coverage_gaps, 1);
  EXPECT_EQ(z.single_threaded_total, 1);
  ASSERT_EQ(z.single_threaded.size(), 1u);
  EXPECT_EQ(z.single_threaded[0].account, "beta");
  EXPECT_EQ(z.single_threaded[0].contact.id, "liu-qiang");
  EXPECT_EQ(z.single_threaded[0].contact.name, "刘强");
  EXPECT_EQ(z.single_threaded[0].touches, 3);
  EXPECT_EQ(z.single_threaded[0].contacts_total, 2);

  const OwnerReview& a = owner_of(r, "amy");
  ASSERT_EQ(a.coverage.size(), 1u);
  EXPECT_EQ(a.coverage[0].departments_touched, 1);
  EXPECT_THAT(a.coverage[0].quiet_departments, ElementsAre("Risk"));
  EXPECT_EQ(a.single_threaded_total, 1);
  EXPECT_EQ(a.single_threaded[0].touches, 1);
}

// Milestones within 30 days (06-07..07-07): li-wei first met 2022-06-20 ->
// 5 years on 06-20, in 13 days. sun-li (2014-06-15 -> 13 years) is not round.
// Not touched since the quarter began (04-01), by first meeting: sun-li
// (2014-06-15, 12 full years, last touch 117 days ago), chen-jing
// (2020-03-01, 7 years, never). li-wei and wang-fang were touched this quarter.
TEST_F(ReviewData, Length) {
  const Review rz = review();
  const OwnerReview& z = owner_of(rz, "zhang");
  EXPECT_EQ(z.milestones_total, 1);
  ASSERT_EQ(z.milestones.size(), 1u);
  EXPECT_EQ(z.milestones[0].contact.id, "li-wei");
  EXPECT_EQ(z.milestones[0].years, 5);
  EXPECT_EQ(z.milestones[0].date, ymd(2027, 6, 20));
  EXPECT_EQ(z.milestones[0].days_until, 13);
  EXPECT_EQ(z.long_standing_total, 2);
  ASSERT_EQ(z.long_standing.size(), 2u);
  EXPECT_EQ(z.long_standing[0].contact.id, "sun-li");
  EXPECT_EQ(z.long_standing[0].years, 12);
  EXPECT_EQ(z.long_standing[0].days_since, 117);
  EXPECT_EQ(z.long_standing[1].contact.id, "chen-jing");
  EXPECT_EQ(z.long_standing[1].years, 7);
  EXPECT_FALSE(z.long_standing[1].days_since.has_value());
}

// Next 14 days (06-07..06-21). Published calendar: lunar 2027-05-01 is
// Gregorian 06-05, so 端午 (5/5) is 06-09 and sun-li's lunar 5/10 is 06-14.
//   06-09 Dragon Boat: festivals selects tiers A and B: li-wei, wang-fang,
//         zhao-min, chen-jing, liu-qiang = 5; one reminder 06-08 09:00 (1 day)
//   06-10 li-wei's birthday (1987): turns 40; reminders 06-07 08:30 (3 days,
//         sent) and 06-10 08:30 (on the day, scheduled)
//   06-14 sun-li's lunar birthday (no year, no age); no reminder
//   06-15 sun-li: 13 years since first met
//   06-20 li-wei: 5 years since first met
// wang-fang's birthday (07-01) is 24 days ahead. amy: Dragon Boat, ma-jun = 1.
TEST_F(ReviewData, ComingUp) {
  const Review r = review();
  const OwnerReview& z = owner_of(r, "zhang");
  EXPECT_EQ(z.coming_up_total, 5);
  ASSERT_EQ(z.coming_up.size(), 5u);
  const ComingUpItem& boat = z.coming_up[0];
  EXPECT_EQ(boat.kind, ReminderKind::kHoliday);
  EXPECT_EQ(boat.date, ymd(2027, 6, 9));
  EXPECT_EQ(boat.days_until, 2);
  EXPECT_EQ(boat.holiday, "dragon_boat");
  EXPECT_EQ(boat.contacts_to_greet, 5);
  ASSERT_EQ(boat.reminders.size(), 1u);
  EXPECT_EQ(boat.reminders[0].lead_days, 1);
  EXPECT_EQ(boat.reminders[0].fire_at, shanghai(2027, 6, 8, 9));

  const ComingUpItem& bday = z.coming_up[1];
  EXPECT_EQ(bday.kind, ReminderKind::kBirthday);
  EXPECT_EQ(bday.date, ymd(2027, 6, 10));
  EXPECT_EQ(bday.contact->id, "li-wei");
  EXPECT_EQ(bday.years, 40);
  ASSERT_EQ(bday.reminders.size(), 2u);
  EXPECT_EQ(bday.reminders[0].lead_days, 3);
  EXPECT_EQ(bday.reminders[0].state, OccurrenceState::kFired);
  EXPECT_EQ(bday.reminders[1].lead_days, 0);
  EXPECT_EQ(bday.reminders[1].state, OccurrenceState::kScheduled);

  const ComingUpItem& lunar = z.coming_up[2];
  EXPECT_EQ(lunar.kind, ReminderKind::kBirthday);
  EXPECT_TRUE(lunar.lunar);
  EXPECT_EQ(lunar.date, ymd(2027, 6, 14));
  EXPECT_EQ(lunar.contact->id, "sun-li");
  EXPECT_FALSE(lunar.years.has_value());
  EXPECT_TRUE(lunar.reminders.empty());

  EXPECT_EQ(z.coming_up[3].kind, ReminderKind::kAnniversary);
  EXPECT_EQ(z.coming_up[3].date, ymd(2027, 6, 15));
  EXPECT_EQ(z.coming_up[3].years, 13);
  EXPECT_EQ(z.coming_up[3].occasion, "first_met");
  EXPECT_EQ(z.coming_up[4].contact->id, "li-wei");
  EXPECT_EQ(z.coming_up[4].years, 5);

  const OwnerReview& a = owner_of(r, "amy");
  ASSERT_EQ(a.coming_up.size(), 1u);
  EXPECT_EQ(a.coming_up[0].contacts_to_greet, 1);
  EXPECT_TRUE(a.coming_up[0].reminders.empty());
}

// Team: contacts 6 + 2; with cadence 5 + 1; on rhythm 2 + 1 = 3 of 6 (50%);
// depth tier A: (1,3,2) + (1,0,0) = (2,3,2); tier B (0,2,1).
TEST_F(ReviewData, TeamViewSumsOwners) {
  const Review r = review();
  ASSERT_TRUE(r.team.has_value());
  const OwnerReview& t = *r.team;
  EXPECT_EQ(t.contacts, 8);
  EXPECT_EQ(t.with_cadence, 6);
  EXPECT_EQ(t.on_rhythm, 3);
  EXPECT_EQ(t.overdue, 3);
  EXPECT_EQ(t.on_rhythm_percent(), 50);
  ASSERT_EQ(t.depth.size(), 2u);
  EXPECT_EQ(t.depth[0].deep, 2);
  EXPECT_EQ(t.depth[0].normal, 3);
  EXPECT_EQ(t.depth[0].shallow, 2);
  EXPECT_EQ(t.shallow_only_total, 2);
  EXPECT_EQ(t.coverage_gaps, 2);
  EXPECT_EQ(t.single_threaded_total, 2);
  EXPECT_EQ(t.coming_up_total, 6);

  const Review one = review("amy");
  EXPECT_FALSE(one.team.has_value());
  ASSERT_EQ(one.owners.size(), 1u);
  EXPECT_EQ(one.owners[0].owner, "amy");
}

TEST_F(ReviewData, TouchesAfterTheReviewInstantStayOutOfTheDepthWindow) {
  touch("li-wei", "visit", Depth::kDeep, shanghai(2027, 6, 8, 10));
  const Review rz = review();
  const OwnerReview& z = owner_of(rz, "zhang");
  ASSERT_FALSE(z.depth.empty());
  EXPECT_EQ(z.depth[0].deep, 1);
  EXPECT_EQ(z.depth[0].total(), 6);
}

TEST_F(ReviewData, UnknownOwnerIsNotFound) {
  ReviewOptions options;
  options.owner = "nobody";
  options.at = at_;
  auto r = compute_review(*store_, *rules_, options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kNotFound);
}

TEST_F(ReviewData, TopLimitsListsButNotTotals) {
  ReviewOptions options;
  options.at = at_;
  options.top = 1;
  auto r = compute_review(*store_, *rules_, options);
  ASSERT_TRUE(r.ok());
  const OwnerReview& z = r->owners[0];
  ASSERT_EQ(z.cooling.size(), 1u);
  EXPECT_EQ(z.cooling[0].contact.id, "chen-jing");
  EXPECT_EQ(z.overdue, 3);
  EXPECT_EQ(z.coming_up.size(), 1u);
  EXPECT_EQ(z.coming_up_total, 5);
  EXPECT_THAT(render_review_text(*r, Locale::kEn), HasSubstr("… and 2 more"));
}

TEST_F(ReviewData, JsonCarriesTheNumbers) {
  const auto j = nlohmann::json::parse(render_review_json(review()));
  EXPECT_EQ(j["at"], "2027-06-07T01:00:00Z");
  const auto& z = j["owners"][0];
  EXPECT_EQ(z["counts"]["on_rhythm_percent"], 40);
  EXPECT_EQ(z["cooling"][0]["overdue_days"], 37);
  EXPECT_EQ(z["cooling"][0]["days_since"], nullptr);
  EXPECT_EQ(z["depth"][0]["deep_percent"], 17);
  EXPECT_EQ(z["coming_up"][1]["reminders"][0]["state"], "fired");
  EXPECT_EQ(j["team"]["counts"]["contacts"], 8);
}

TEST_F(ReviewData, HtmlIsSelfContainedWithCellBars) {
  const std::string html = render_review_html(review(), Locale::kZhCN);
  EXPECT_THAT(html, HasSubstr("<!DOCTYPE html>"));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("<img")));
  EXPECT_THAT(html, Not(HasSubstr("<link")));
  EXPECT_THAT(html, Not(HasSubstr("url(")));
  EXPECT_THAT(html, Not(HasSubstr("http")));
  // Tier A's bar: 17% deep, 50% normal, 33% shallow (the last takes the rounding).
  EXPECT_THAT(html, HasSubstr("<td width=\"17%\" bgcolor=\"#2e7d32\""));
  EXPECT_THAT(html, HasSubstr("<td width=\"50%\" bgcolor=\"#1565c0\""));
  EXPECT_THAT(html, HasSubstr("<td width=\"33%\" bgcolor=\"#f9a825\""));
  EXPECT_THAT(html, HasSubstr("Acme 科技"));
}

}  // namespace
}  // namespace cadence::testing
