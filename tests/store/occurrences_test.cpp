#include <gtest/gtest.h>

#include "cadence/store.hpp"
#include "store_test_util.hpp"
#include "temp_dir.hpp"

namespace cadence {
namespace {

using testing::at_utc;
using testing::open_store_or_die;
using testing::TempDir;

Occurrence occurrence(const std::string& key, Instant fire_at) {
  Occurrence o;
  o.key = key;
  o.rule = "keep-in-touch";
  o.kind = ReminderKind::kCadence;
  o.subject = "contact:a";
  o.owner = "zhang";
  o.due = to_date(std::chrono::floor<Days>(fire_at));
  o.fire_at = fire_at;
  o.title = "Call A";
  return o;
}

class OccurrencesTest : public ::testing::Test {
 protected:
  TempDir dir_;
  ManualClock clock_{at_utc(2026, 11, 27)};
  std::unique_ptr<Store> store_ = open_store_or_die(dir_.file("o.db"), &clock_);
};

TEST_F(OccurrencesTest, UpsertIsIdempotentByKeyAndKeepsExistingRows) {
  const Instant t1 = at_utc(2026, 12, 1, 1), t2 = at_utc(2026, 12, 2, 1);
  auto first = store_->upsert_occurrences({occurrence("k1", t1), occurrence("k2", t2)});
  ASSERT_TRUE(first);
  EXPECT_EQ(*first, 2);
  auto o1 = store_->get_occurrence_by_key("k1");
  ASSERT_TRUE(o1);
  o1->state = OccurrenceState::kDone;
  ASSERT_TRUE(store_->update_occurrence(*o1));

  Occurrence changed = occurrence("k1", t2);
  changed.title = "different";
  auto second = store_->upsert_occurrences({changed, occurrence("k2", t2), occurrence("k3", t2)});
  ASSERT_TRUE(second);
  EXPECT_EQ(*second, 1);
  auto kept = store_->get_occurrence_by_key("k1");
  EXPECT_EQ(kept->state, OccurrenceState::kDone);
  EXPECT_EQ(kept->title, "Call A");
  EXPECT_EQ(kept->fire_at, t1);
  EXPECT_EQ(store_->list_occurrences(std::nullopt, std::nullopt, std::nullopt, 0)->size(), 3u);
}

TEST_F(OccurrencesTest, DueAndNextFireTimeFollowStateAndSnooze) {
  const Instant t1 = at_utc(2026, 12, 1), t2 = at_utc(2026, 12, 2), t3 = at_utc(2026, 12, 3);
  ASSERT_TRUE(store_->upsert_occurrences({occurrence("b", t2), occurrence("a", t1)}));
  EXPECT_EQ(**store_->next_fire_time(), t1);
  auto due = store_->due_occurrences(t2, 10);
  ASSERT_EQ(due->size(), 2u);
  EXPECT_EQ((*due)[0].key, "a");

  auto a = store_->get_occurrence_by_key("a").value();
  a.state = OccurrenceState::kSnoozed;
  a.snoozed_until = t3;
  ASSERT_TRUE(store_->update_occurrence(a));
  EXPECT_EQ(**store_->next_fire_time(), t2);
  EXPECT_EQ(store_->due_occurrences(t2, 10)->size(), 1u);
  EXPECT_EQ(store_->due_occurrences(t3, 10)->size(), 2u);
  EXPECT_EQ(store_->open_occurrences_for_subject("contact:a")->size(), 2u);

  EXPECT_EQ(*store_->delete_scheduled_for_rule("keep-in-touch"), 1);  // b only; a is snoozed
  EXPECT_TRUE(store_->get_occurrence_by_key("a"));
  EXPECT_FALSE(store_->get_occurrence_by_key("b"));
}

TEST_F(OccurrencesTest, FireOccurrenceMarksFiredAndQueuesDeliveriesAtomically) {
  const Instant t1 = at_utc(2026, 12, 1);
  ASSERT_TRUE(store_->upsert_occurrences({occurrence("k", t1)}));
  auto o = store_->get_occurrence_by_key("k").value();
  o.state = OccurrenceState::kFired;
  o.fired_at = t1;
  o.fire_count = 1;
  Delivery mail;
  mail.channel = "work-mail";
  mail.next_attempt_at = t1;
  Delivery chat;
  chat.channel = "team-wecom";
  chat.next_attempt_at = t1 + std::chrono::minutes(5);
  ASSERT_TRUE(store_->fire_occurrence(o, {mail, chat}));
  EXPECT_EQ(store_->get_occurrence(o.row_id)->state, OccurrenceState::kFired);
  EXPECT_FALSE(*store_->next_fire_time());
  auto due = store_->due_deliveries(t1, 10);
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].channel, "work-mail");
  EXPECT_EQ((*due)[0].occurrence, o.row_id);
  EXPECT_FALSE((*due)[0].idempotency_key.empty());
  EXPECT_EQ(**store_->next_delivery_time(), t1);

  Delivery sent = (*due)[0];
  sent.state = DeliveryState::kSent;
  sent.sent_at = t1;
  sent.attempts = 1;
  ASSERT_TRUE(store_->update_delivery(sent));
  EXPECT_EQ(**store_->next_delivery_time(), chat.next_attempt_at);
  EXPECT_EQ(store_->list_deliveries(DeliveryState::kSent, 0)->size(), 1u);

  // A failure half-way (second delivery reuses the first's idempotency key)
  // leaves neither the state change nor any delivery behind.
  ASSERT_TRUE(store_->upsert_occurrences({occurrence("k2", t1)}));
  auto o2 = store_->get_occurrence_by_key("k2").value();
  o2.state = OccurrenceState::kFired;
  Delivery d1;
  d1.channel = "x";
  d1.idempotency_key = "same";
  Delivery d2 = d1;
  auto failed = store_->fire_occurrence(o2, {d1, d2});
  ASSERT_FALSE(failed);
  EXPECT_EQ(store_->get_occurrence_by_key("k2")->state, OccurrenceState::kScheduled);
  EXPECT_EQ(store_->list_deliveries(std::nullopt, 0)->size(), 2u);
}

}  // namespace
}  // namespace cadence
