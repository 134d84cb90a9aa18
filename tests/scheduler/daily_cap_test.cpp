// max_per_day over time: the cap counts what the store already holds for the
// day (scheduled or already fired), not only the reminders planned together.
#include <gtest/gtest.h>

#include "scheduler_fixture.hpp"

namespace cadence::testing {
namespace {

class DailyCapTest : public SchedulerTest {
 protected:
  DailyCapTest() {
    Config c = scheduler_config();
    for (RuleConfig& r : c.rules) {
      if (r.id == "keep-in-touch") r.max_per_day = 2;
    }
    config_ = std::make_shared<Config>(c);
    rules_ = compile_or_fail(*config_);
  }

  // 09:00 in Shanghai on a day of March 2027.
  static Instant nine_am_march(unsigned day) { return utc(2027, 3, day, 1); }

  Instant fire_at(const std::string& contact, unsigned due_day) {
    auto o = by_key("keep-in-touch|contact:" + contact + "|2027-03-" + (due_day < 10 ? "0" : "") +
                    std::to_string(due_day));
    EXPECT_TRUE(o) << contact;
    return o ? o->fire_at : Instant{};
  }

  void replan() {
    auto report = scheduler_->on_data_changed(clock_.now());
    ASSERT_TRUE(report) << report.error().message();
  }
};

TEST_F(DailyCapTest, AContactAddedLaterCountsTheRemindersAlreadyScheduledThatDay) {
  // Two contacts added on 03-01 fill 03-15 (never touched: due 14 days later).
  add_contact("a", "A");
  add_contact("b", "A");
  restart();
  EXPECT_EQ(fire_at("a", 15), nine_am_march(15));
  EXPECT_EQ(fire_at("b", 15), nine_am_march(15));

  // A third one, planned alone: the day already holds two, so it moves on.
  add_contact("c", "A");
  replan();
  EXPECT_EQ(fire_at("c", 15), nine_am_march(16));
  // The two already scheduled keep their place.
  EXPECT_EQ(fire_at("a", 15), nine_am_march(15));
  EXPECT_EQ(fire_at("b", 15), nine_am_march(15));

  // Re-planning a contact whose reminder is already stored does not count it
  // against itself: a's reminder stays on 03-15.
  Contact a = *store_->get_contact("a");
  a.title = "CTO";
  ASSERT_TRUE(store_->update_contact(a));
  replan();
  EXPECT_EQ(fire_at("a", 15), nine_am_march(15));
  auto all = store_->list_occurrences(std::nullopt, std::nullopt, std::nullopt, 0);
  ASSERT_TRUE(all);
  int on_15 = 0;
  for (const Occurrence& o : *all) {
    if (o.rule == "keep-in-touch" && o.state == OccurrenceState::kScheduled &&
        o.fire_at == nine_am_march(15)) {
      ++on_15;
    }
  }
  EXPECT_EQ(on_15, 2);
}

TEST_F(DailyCapTest, RemindersAlreadyFiredThatDayCountToo) {
  add_contact("a", "A");
  add_contact("b", "A");
  restart();
  clock_.set(nine_am_march(15));
  EXPECT_EQ(process(clock_.now()).sent, 2);

  // A contact added (by an import dated 03-01) after both fired: overdue, it
  // would fire now — but the owner already had two today.
  clock_.set(utc(2027, 3, 1));
  add_contact("d", "A");
  clock_.set(nine_am_march(15) + hours(1));
  replan();
  EXPECT_EQ(fire_at("d", 15), nine_am_march(16));
  EXPECT_EQ(process(clock_.now()).sent, 0);

  // Cascading over stored days: 03-15 is full (two fired), 03-16 holds d and
  // has room for one more (e); f goes on to 03-17.
  clock_.set(utc(2027, 3, 1));
  add_contact("e", "A");
  clock_.set(nine_am_march(15) + hours(2));
  replan();
  EXPECT_EQ(fire_at("e", 15), nine_am_march(16));
  clock_.set(utc(2027, 3, 1));
  add_contact("f", "A");
  clock_.set(nine_am_march(15) + hours(3));
  replan();
  EXPECT_EQ(fire_at("f", 15), nine_am_march(17));
}

}  // namespace
}  // namespace cadence::testing
