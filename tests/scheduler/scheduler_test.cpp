// The durable scheduler on a real SQLite file and a manual clock: horizon,
// exactly-once firing across restarts, catch-up, touches, snooze/done,
// reload by fingerprint, clock jumps.
#include <gtest/gtest.h>

#include "scheduler_fixture.hpp"

namespace cadence::testing {
namespace {

TEST_F(SchedulerTest, MaterialisesTheHorizonAndExtendsItAsTimePasses) {
  add_contact("wang", "", GregorianBirthday{std::nullopt, 3, 5});
  add_contact("zhou", "", GregorianBirthday{std::nullopt, 4, 12});
  SchedulerOptions options;
  options.horizon = days(30);
  restart(options);

  const auto wang = by_key(kWangBirthday);
  ASSERT_TRUE(wang);
  EXPECT_EQ(wang->state, OccurrenceState::kScheduled);
  EXPECT_EQ(wang->fire_at, utc(2027, 3, 5, 0, 30));  // 08:30 in Shanghai
  // Beyond the 30-day horizon: not materialised yet.
  EXPECT_FALSE(by_key("birthdays|contact:zhou|2027-04-12"));
  const std::int64_t passes = scheduler_->stats().full_passes;

  // Less than a day later nothing is extended.
  clock_.advance(hours(12));
  EXPECT_FALSE(process(clock_.now()).extended);
  EXPECT_EQ(scheduler_->stats().full_passes, passes);

  // Thirteen days on, the horizon passes 2027-04-12 00:30Z.
  clock_.set(utc(2027, 3, 14));
  EXPECT_TRUE(process(clock_.now()).extended);
  const auto zhou = by_key("birthdays|contact:zhou|2027-04-12");
  ASSERT_TRUE(zhou);
  EXPECT_EQ(zhou->fire_at, utc(2027, 4, 12, 0, 30));
  EXPECT_EQ(scheduler_->stats().horizon_end, utc(2027, 3, 14) + days(30));
}

TEST_F(SchedulerTest, NextWakeIsTheEarliestDueRow) {
  add_contact("wang", "", GregorianBirthday{std::nullopt, 3, 5});
  restart();
  auto wake = scheduler_->next_wake(clock_.now());
  ASSERT_TRUE(wake);
  ASSERT_TRUE(*wake);
  EXPECT_EQ(**wake, utc(2027, 3, 2));  // the horizon extension comes first (1 day)

  clock_.set(utc(2027, 3, 4, 12));
  process(clock_.now());  // extends the horizon
  wake = scheduler_->next_wake(clock_.now());
  ASSERT_TRUE(wake && *wake);
  EXPECT_EQ(**wake, utc(2027, 3, 5, 0, 30));
}

TEST_F(SchedulerTest, FiresExactlyOnceAcrossARestart) {
  add_contact("wang", "", GregorianBirthday{std::nullopt, 3, 5});
  restart();
  clock_.set(utc(2027, 3, 5, 0, 30));
  ProcessReport first = process(clock_.now());
  EXPECT_EQ(first.sent, 1);
  EXPECT_EQ(first.late, 0);
  auto fired = by_key(kWangBirthday);
  ASSERT_TRUE(fired);
  EXPECT_EQ(fired->state, OccurrenceState::kFired);
  EXPECT_FALSE(fired->late);
  std::vector<Delivery> queued = deliveries();
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_EQ(queued[0].channel, "console");
  EXPECT_EQ(queued[0].occurrence, fired->row_id);

  // The same instant again, and a restart a minute later: nothing more.
  EXPECT_EQ(process(clock_.now()).sent, 0);
  clock_.advance(Duration{60});
  restart();
  EXPECT_EQ(process(clock_.now()).sent, 0);
  EXPECT_EQ(deliveries().size(), 1u);
}

TEST_F(SchedulerTest, CatchUpAfterAFiveDayOutageSendsLateOnceOrExpires) {
  add_contact("wang", "", GregorianBirthday{std::nullopt, 3, 5});
  add_contact("zhao", "", GregorianBirthday{std::nullopt, 3, 5}, {"vip"});
  restart();
  clock_.set(utc(2027, 3, 3));
  process(clock_.now());
  scheduler_.reset();  // down from 03-03 to 03-08: both birthdays fall due meanwhile

  clock_.set(utc(2027, 3, 8));
  restart();
  ProcessReport r = process(clock_.now());
  // 3.5 days late: birthdays (catch_up 7d) is sent late, vip-birthdays (1d) expires.
  EXPECT_EQ(r.sent, 2);  // wang's and zhao's ordinary birthday reminders
  EXPECT_EQ(r.late, 2);
  EXPECT_EQ(r.expired, 1);
  auto wang = by_key(kWangBirthday);
  ASSERT_TRUE(wang);
  EXPECT_EQ(wang->state, OccurrenceState::kFired);
  EXPECT_TRUE(wang->late);
  auto vip = by_key("vip-birthdays|contact:zhao|2027-03-05");
  ASSERT_TRUE(vip);
  EXPECT_EQ(vip->state, OccurrenceState::kExpired);
  EXPECT_EQ(deliveries().size(), 2u);

  // Once: another restart sends nothing.
  clock_.advance(Duration{120});
  restart();
  EXPECT_EQ(process(clock_.now()).sent, 0);
  EXPECT_EQ(deliveries().size(), 2u);
}

TEST_F(SchedulerTest, AnOutageLongerThanTheHorizonStillCatchesUpCalendarEvents) {
  add_contact("wang", "", GregorianBirthday{std::nullopt, 3, 5});
  SchedulerOptions short_horizon;
  short_horizon.horizon = days(2);
  restart(short_horizon);
  EXPECT_FALSE(by_key(kWangBirthday));  // beyond the 2-day horizon
  scheduler_.reset();

  clock_.set(utc(2027, 3, 7));  // down over 03-05; 2 days late, catch_up 7d
  restart(short_horizon);
  ProcessReport r = process(clock_.now());
  EXPECT_EQ(r.sent, 1);
  EXPECT_EQ(r.late, 1);
  auto wang = by_key(kWangBirthday);
  ASSERT_TRUE(wang);
  EXPECT_TRUE(wang->late);
}

TEST_F(SchedulerTest, ATouchResolvesThePendingReminderAndReplansOnlyThatContact) {
  add_contact("li", "A");
  for (int i = 0; i < 20; ++i) add_contact("other" + std::to_string(i), "A");
  restart();
  // Never touched: li is due 14 days after being added (2027-03-15 09:00 local).
  const std::string key = "keep-in-touch|contact:li|2027-03-15";
  ASSERT_TRUE(by_key(key));
  clock_.set(utc(2027, 3, 15, 1));
  ProcessReport fired = process(clock_.now());
  EXPECT_EQ(fired.sent, 21);
  ASSERT_EQ(by_key(key)->state, OccurrenceState::kFired);

  clock_.advance(hours(2));
  touch("li", "call", clock_.now());
  auto report = scheduler_->on_data_changed(clock_.now());
  ASSERT_TRUE(report) << report.error().message();
  EXPECT_EQ(report->contacts, std::set<std::string>{"li"});
  EXPECT_EQ(scheduler_->stats().contacts_replanned, 1);
  EXPECT_EQ(by_key(key)->state, OccurrenceState::kResolved);
  // The clock restarts from the call: next due 14 days later.
  auto next = by_key("keep-in-touch|contact:li|2027-03-29");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->state, OccurrenceState::kScheduled);
  // Nothing changed since: a second call re-plans nobody.
  auto again = scheduler_->on_data_changed(clock_.now());
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->contacts.empty());
  EXPECT_EQ(scheduler_->stats().contacts_replanned, 1);
}

TEST_F(SchedulerTest, AShallowOrUncountedTouchResolvesNothing) {
  add_contact("li", "A");
  restart();
  clock_.set(utc(2027, 3, 15, 1));
  process(clock_.now());
  touch("li", "like", clock_.now());  // not a counted kind
  auto report = scheduler_->on_data_changed(clock_.now());
  ASSERT_TRUE(report);
  EXPECT_EQ(report->resolved, 0);
  EXPECT_EQ(by_key("keep-in-touch|contact:li|2027-03-15")->state, OccurrenceState::kFired);
}

TEST_F(SchedulerTest, ATouchLoggedWhileTheDaemonWasDownMakesTheDueReminderMoot) {
  add_contact("li", "A");
  restart();
  scheduler_.reset();
  clock_.set(utc(2027, 3, 14));
  touch("li", "visit", clock_.now());  // the day before it falls due, daemon down
  clock_.set(utc(2027, 3, 15, 2));
  restart();
  ProcessReport r = process(clock_.now());
  EXPECT_EQ(r.sent, 0);
  EXPECT_EQ(r.resolved, 1);
  EXPECT_EQ(by_key("keep-in-touch|contact:li|2027-03-15")->state, OccurrenceState::kResolved);
  EXPECT_TRUE(deliveries().empty());
}

TEST_F(SchedulerTest, SnoozeThroughTheStoreFiresAgainAtTheNewTimeAndDoneStopsIt) {
  add_contact("wang", "", GregorianBirthday{std::nullopt, 3, 5});
  restart();
  clock_.set(utc(2027, 3, 5, 0, 30));
  process(clock_.now());
  auto fired = by_key(kWangBirthday);
  ASSERT_TRUE(fired);
  // What the outbox does: the queued delivery is sent (else it is the next wake).
  for (Delivery d : deliveries()) {
    d.state = DeliveryState::kSent;
    ASSERT_TRUE(store_->update_delivery(d));
  }

  // What `cadencectl snooze` does: engine snooze(), then the store.
  auto snoozed = snooze(*rules_, *fired, clock_.now() + hours(3), clock_.now());
  ASSERT_TRUE(snoozed) << snoozed.error().message();
  ASSERT_TRUE(store_->update_occurrence(*snoozed));
  auto wake = scheduler_->next_wake(clock_.now());
  ASSERT_TRUE(wake && *wake);
  EXPECT_EQ(**wake, clock_.now() + hours(3));
  EXPECT_EQ(process(clock_.now() + hours(2)).sent, 0);

  clock_.advance(hours(3));
  EXPECT_EQ(process(clock_.now()).sent, 1);
  std::vector<Delivery> rows = deliveries();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_NE(rows[0].idempotency_key, rows[1].idempotency_key);

  auto done = mark_done(*by_key(kWangBirthday), clock_.now());
  ASSERT_TRUE(done);
  ASSERT_TRUE(store_->update_occurrence(*done));
  clock_.advance(days(2));
  EXPECT_EQ(process(clock_.now()).sent, 0);
  EXPECT_EQ(by_key(kWangBirthday)->state, OccurrenceState::kDone);
}

TEST_F(SchedulerTest, ReloadRecomputesOnlyTheRulesWhoseDefinitionChanged) {
  add_contact("li", "A");
  add_contact("wang", "", GregorianBirthday{std::nullopt, 3, 5});
  restart();
  const RowId cadence_row = by_key("keep-in-touch|contact:li|2027-03-15")->row_id;

  Config changed = *config_;
  changed.rules[1].at = TimeOfDay{10 * 60};  // birthdays now at 10:00
  auto new_config = std::make_shared<const Config>(changed);
  auto report = scheduler_->reconfigure(compile_or_fail(*new_config), new_config, clock_.now());
  ASSERT_TRUE(report) << report.error().message();
  EXPECT_EQ(report->rules, std::set<std::string>{"birthdays"});
  EXPECT_EQ(by_key(kWangBirthday)->fire_at, utc(2027, 3, 5, 2));
  // The untouched rule kept its rows as they were.
  EXPECT_EQ(by_key("keep-in-touch|contact:li|2027-03-15")->row_id, cadence_row);

  // The same config again: nothing recomputed.
  auto same = scheduler_->reconfigure(compile_or_fail(*new_config), new_config, clock_.now());
  ASSERT_TRUE(same);
  EXPECT_TRUE(same->rules.empty());

  // A removed rule loses its scheduled rows.
  Config removed = changed;
  removed.rules.erase(removed.rules.begin());
  auto removed_config = std::make_shared<const Config>(removed);
  auto r3 = scheduler_->reconfigure(compile_or_fail(*removed_config), removed_config, clock_.now());
  ASSERT_TRUE(r3);
  EXPECT_EQ(r3->rules, std::set<std::string>{"keep-in-touch"});
  EXPECT_FALSE(by_key("keep-in-touch|contact:li|2027-03-15"));
}

TEST_F(SchedulerTest, ClockJumpsNeitherSkipNorDouble) {
  add_contact("wang", "", GregorianBirthday{std::nullopt, 3, 5});
  clock_.set(utc(2027, 3, 4, 12));
  restart();
  // Suspend/resume: the clock jumps forward a day, over the 08:30 birthday.
  clock_.advance(days(1));
  ProcessReport forward = process(clock_.now());
  EXPECT_EQ(forward.sent, 1);
  EXPECT_EQ(forward.late, 1);  // 04:00 late, within catch_up
  // NTP steps it back an hour: nothing fires again.
  clock_.advance(-hours(1));
  EXPECT_EQ(process(clock_.now()).sent, 0);
  // And forward again past the original instant: still nothing doubled.
  clock_.advance(hours(2));
  EXPECT_EQ(process(clock_.now()).sent, 0);
  EXPECT_EQ(deliveries().size(), 1u);
  EXPECT_EQ(by_key(kWangBirthday)->fire_count, 1);
}

TEST(SummaryTouches, CarryKindsAndDepths) {
  ContactSummary s;
  s.contact = "li";
  s.last_by_kind["call"] = utc(2027, 1, 1);
  s.last_deep = utc(2026, 12, 1);
  s.last_normal_or_deeper = utc(2027, 1, 1);
  std::vector<Interaction> touches = touches_from_summary(s);
  ASSERT_EQ(touches.size(), 3u);
  EXPECT_EQ(touches[0].kind, "call");
  EXPECT_EQ(touches[0].depth, Depth::kShallow);
  EXPECT_EQ(touches[1].depth, Depth::kDeep);
  EXPECT_EQ(touches[1].at, utc(2026, 12, 1));
  EXPECT_EQ(touches[2].depth, Depth::kNormal);
}

}  // namespace
}  // namespace cadence::testing

namespace cadence::testing {
namespace {

// keep-in-touch with `repeat: 2d`.
class RepeatTest : public SchedulerTest {
 protected:
  RepeatTest() {
    Config c = scheduler_config();
    c.rules[0].repeat = days(2);
    config_ = std::make_shared<Config>(c);
    rules_ = compile_or_fail(*config_);
  }
};

TEST_F(RepeatTest, AnUnhandledReminderRepeatsOncePerPeriodAcrossHourlyWakesAndAClockGoingBack) {
  add_contact("li", "A");
  restart();
  const std::string key = "keep-in-touch|contact:li|2027-03-15";
  clock_.set(utc(2027, 3, 15, 1));  // 09:00 in Shanghai
  EXPECT_EQ(process(clock_.now()).sent, 1);
  int sent = 0;
  for (int h = 1; h <= 48; ++h) {  // until 2027-03-17 09:00 local
    clock_.advance(hours(1));
    sent += process(clock_.now()).sent;
  }
  EXPECT_EQ(sent, 1) << "one repeat two days later";
  EXPECT_EQ(by_key(key)->fire_count, 2);  // sends so far

  // The clock goes back three hours, then on: nothing is sent twice.
  clock_.advance(hours(-3));
  sent = 0;
  for (int h = 1; h <= 6; ++h) {
    clock_.advance(hours(1));
    sent += process(clock_.now()).sent;
  }
  EXPECT_EQ(sent, 0);

  // A restart (a new scheduler scans the whole look-back) sends nothing
  // early either, and the next repeat still comes on 2027-03-19.
  restart();
  EXPECT_EQ(process(clock_.now()).sent, 0);
  clock_.set(utc(2027, 3, 19, 1));
  EXPECT_EQ(process(clock_.now()).sent, 1);
  EXPECT_EQ(by_key(key)->fire_count, 3);
}

}  // namespace
}  // namespace cadence::testing
