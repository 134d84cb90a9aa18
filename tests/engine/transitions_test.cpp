// Firing (catch-up after downtime, repeat, escalation), snooze, done, expire.
#include <gtest/gtest.h>

#include "engine_fixture.hpp"

namespace cadence::testing {
namespace {

using ::testing::ElementsAre;

Occurrence scheduled(const std::string& rule_id, Date due, Instant fire_at,
                     const std::string& owner_id = "zhang") {
  Occurrence o;
  o.key = occurrence_key(rule_id, "contact:li", due);
  o.rule = rule_id;
  o.subject = "contact:li";
  o.owner = owner_id;
  o.due = due;
  o.fire_at = fire_at;
  return o;
}

std::shared_ptr<const RuleSet> daily_rules(std::optional<Duration> catch_up) {
  ScheduleTrigger t;
  t.rrule = "FREQ=DAILY";
  t.dtstart = ymd(2026, 1, 1);
  RuleConfig r = rule("daily", t);
  r.catch_up = catch_up;
  return compile_ok(config_with({owner("zhang")}, {r}));
}

// The daemon planned five daily reminders (09:00 Shanghai = 01:00Z, Mar 1-5),
// then was down until Mar 6 10:00 local (02:00Z). At restart each one is handled
// once, by the rule's catch_up.
std::vector<FireDecision::Action> restart_after_outage(std::optional<Duration> catch_up,
                                                       std::vector<bool>* late = nullptr) {
  auto rules = daily_rules(catch_up);
  if (!rules) return {};
  const auto planned = plan_owner(*rules, "zhang", utc(2026, 3, 1), utc(2026, 3, 6));
  EXPECT_EQ(planned.size(), 5u);
  const Instant now = utc(2026, 3, 6, 2);
  std::vector<FireDecision::Action> actions;
  for (const Occurrence& o : planned) {
    FireDecision d = fire(*rules, o, now);
    actions.push_back(d.action);
    if (late) late->push_back(d.next.late);
    // Handled once: nothing is pending afterwards (no repeat configured).
    EXPECT_FALSE(next_fire_time(d.next).has_value()) << o.key;
    EXPECT_EQ(fire(*rules, d.next, now).action, FireDecision::Action::kNone);
  }
  return actions;
}

using A = FireDecision::Action;

TEST(CatchUpTest, DefaultOneDayExpiresEverythingMissedByMore) {
  // Missed by 5d1h, 4d1h, 3d1h, 2d1h, 1d1h: all beyond 1 d.
  EXPECT_THAT(restart_after_outage(std::nullopt),
              ElementsAre(A::kExpire, A::kExpire, A::kExpire, A::kExpire, A::kExpire));
}

TEST(CatchUpTest, ThreeDaysSendsThoseWithinLateAndExpiresTheRest) {
  std::vector<bool> late;
  EXPECT_THAT(restart_after_outage(days(3), &late),
              ElementsAre(A::kExpire, A::kExpire, A::kExpire, A::kSend, A::kSend));
  EXPECT_THAT(late, ElementsAre(false, false, false, true, true));
}

TEST(CatchUpTest, ZeroSkipsEveryMissedFire) {
  EXPECT_THAT(restart_after_outage(Duration{0}),
              ElementsAre(A::kExpire, A::kExpire, A::kExpire, A::kExpire, A::kExpire));
}

TEST(CatchUpTest, AWeekSendsAllMarkedLate) {
  std::vector<bool> late;
  EXPECT_THAT(restart_after_outage(days(7), &late),
              ElementsAre(A::kSend, A::kSend, A::kSend, A::kSend, A::kSend));
  EXPECT_THAT(late, ElementsAre(true, true, true, true, true));
}

TEST(CatchUpTest, OnTimeFireIsNotLateEvenWithCatchUpZero) {
  auto rules = daily_rules(Duration{0});
  Occurrence o = scheduled("daily", ymd(2026, 3, 1), utc(2026, 3, 1, 1));
  FireDecision d = fire(*rules, o, utc(2026, 3, 1, 1) + Duration{2});
  EXPECT_EQ(d.action, A::kSend);
  EXPECT_FALSE(d.next.late);
  EXPECT_EQ(d.next.state, OccurrenceState::kFired);
  EXPECT_EQ(d.next.fire_count, 1);
  // Not yet due: nothing happens.
  EXPECT_EQ(fire(*rules, o, utc(2026, 3, 1, 0)).action, A::kNone);
}

TEST(RepeatTest, RepeatsWhileUnhandledThenStopsWhenDone) {
  OwnerConfig zhang = owner("zhang");
  zhang.quiet_hours = TimeRange{hm(21, 30), hm(8, 0)};
  RuleConfig r = rule("keep", cadence_every(days(14)));
  r.repeat = hours(14);
  auto rules = compile_ok(config_with({zhang}, {r}));
  Occurrence o = scheduled("keep", ymd(2026, 3, 15), utc(2026, 3, 15, 1));  // 09:00 local
  FireDecision first = fire(*rules, o, utc(2026, 3, 15, 1));
  ASSERT_EQ(first.action, A::kSend);
  EXPECT_EQ(first.recipient, "zhang");
  // 09:00 + 14 h = 23:00, quiet: next morning 08:00 local = Mar 16 00:00Z.
  ASSERT_TRUE(next_fire_time(first.next));
  EXPECT_EQ(z(*next_fire_time(first.next)), "2026-03-16T00:00:00Z");
  FireDecision second = fire(*rules, first.next, utc(2026, 3, 16, 0));
  EXPECT_EQ(second.action, A::kSend);
  EXPECT_EQ(second.next.fire_count, 2);
  // 08:00 + 14 h = 22:00, quiet again: Mar 17 08:00 local.
  EXPECT_EQ(z(*next_fire_time(second.next)), "2026-03-17T00:00:00Z");
  auto done = mark_done(second.next, utc(2026, 3, 16, 3));
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->state, OccurrenceState::kDone);
  EXPECT_FALSE(next_fire_time(*done));
}

TEST(EscalationTest, GoesToTheManagerAfterTheDelayOnce) {
  OwnerConfig zhang = owner("zhang");
  zhang.manager = "li_boss";
  RuleConfig r = rule("keep", cadence_every(days(14)));
  r.escalate_after = days(2);
  auto rules = compile_ok(config_with({zhang, owner("li_boss")}, {r}));
  Occurrence o = scheduled("keep", ymd(2026, 3, 15), utc(2026, 3, 15, 1));
  FireDecision first = fire(*rules, o, utc(2026, 3, 15, 1));
  EXPECT_EQ(first.recipient, "zhang");
  EXPECT_FALSE(first.escalation);
  // Due Mar 15 09:00 local + 2 d.
  ASSERT_TRUE(next_fire_time(first.next));
  EXPECT_EQ(z(*next_fire_time(first.next)), "2026-03-17T01:00:00Z");
  FireDecision esc = fire(*rules, first.next, utc(2026, 3, 17, 1));
  EXPECT_EQ(esc.action, A::kSend);
  EXPECT_TRUE(esc.escalation);
  EXPECT_EQ(esc.recipient, "li_boss");
  EXPECT_TRUE(esc.next.escalated);
  EXPECT_FALSE(next_fire_time(esc.next)) << "escalates once";
}

TEST(EscalationTest, HandledBeforeTheDelayNeverEscalates) {
  OwnerConfig zhang = owner("zhang");
  zhang.manager = "boss";
  RuleConfig r = rule("keep", cadence_every(days(14)));
  r.escalate_after = days(2);
  auto rules = compile_ok(config_with({zhang, owner("boss")}, {r}));
  Occurrence o = scheduled("keep", ymd(2026, 3, 15), utc(2026, 3, 15, 1));
  FireDecision first = fire(*rules, o, utc(2026, 3, 15, 1));
  auto done = mark_done(first.next, utc(2026, 3, 16));
  ASSERT_TRUE(done.ok());
  EXPECT_FALSE(next_fire_time(*done));
  EXPECT_EQ(fire(*rules, *done, utc(2026, 3, 17, 1)).action, A::kNone);
}

TEST(SnoozeTest, SnoozeDelaysAndRefusesThePast) {
  OwnerConfig zhang = owner("zhang");
  zhang.quiet_hours = TimeRange{hm(21, 30), hm(8, 0)};
  auto rules = compile_ok(config_with({zhang}, {rule("keep", cadence_every(days(14)))}));
  Occurrence o = scheduled("keep", ymd(2026, 3, 15), utc(2026, 3, 15, 1));
  const Instant now = utc(2026, 3, 15, 2);
  FireDecision first = fire(*rules, o, now);
  ASSERT_EQ(first.action, A::kSend);

  auto past = snooze(*rules, first.next, now - hours(1), now);
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.error().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(past.error().message().find("past"), std::string::npos);

  // Snooze 3 days: Mar 18 10:00 local.
  auto later = snooze(*rules, first.next, now + days(3), now);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->state, OccurrenceState::kSnoozed);
  EXPECT_EQ(z(*next_fire_time(*later)), "2026-03-18T02:00:00Z");
  // Snoozed into quiet hours (23:00 local) → 08:00 local next day.
  auto quiet = snooze(*rules, first.next, utc(2026, 3, 18, 15), now);
  ASSERT_TRUE(quiet.ok());
  EXPECT_EQ(z(*quiet->snoozed_until), "2026-03-19T00:00:00Z");

  FireDecision again = fire(*rules, *later, utc(2026, 3, 18, 2));
  EXPECT_EQ(again.action, A::kSend);
  EXPECT_EQ(again.next.fire_count, 2);
  EXPECT_EQ(again.next.state, OccurrenceState::kFired);

  auto done = mark_done(again.next, utc(2026, 3, 18, 3));
  ASSERT_TRUE(done.ok());
  EXPECT_TRUE(mark_done(*done, utc(2026, 3, 18, 4)).ok()) << "done twice is harmless";
  auto snooze_done = snooze(*rules, *done, utc(2026, 3, 20), utc(2026, 3, 18, 4));
  ASSERT_FALSE(snooze_done.ok());
  EXPECT_EQ(snooze_done.error().code(), ErrorCode::kConflict);
}

TEST(ExpireTest, ExpireClosesAnOpenOccurrenceOnly) {
  Occurrence o = scheduled("keep", ymd(2026, 3, 15), utc(2026, 3, 15, 1));
  auto e = expire(o, utc(2026, 3, 20));
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->state, OccurrenceState::kExpired);
  EXPECT_FALSE(expire(*e, utc(2026, 3, 21)).ok());
  EXPECT_FALSE(mark_done(*e, utc(2026, 3, 21)).ok());
}

}  // namespace
}  // namespace cadence::testing
